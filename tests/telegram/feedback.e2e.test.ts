import sharp from "sharp";
import { afterEach, describe, expect, test } from "vitest";
import { findTicket } from "../../db/index.ts";
import { buttonsOf, chatDriver, isMessageTo, messageIdOf } from "./chat-driver.ts";
import { BOT_ID } from "./fake-bot-api.ts";
import { ADMIN_CHAT_ID, type Harness, startHarness } from "./telegram-harness.ts";
import { callbackQuery, textMessage } from "./telegram-updates.ts";
import { APPLICANT_NIK, openTicketFor, waitForCard } from "./ticket-fixture.ts";

const SITI = { id: 501, first_name: "Siti" };
const ANI = { id: 601, first_name: "Ani" };
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

describe("feedback on an answer in Telegram", () => {
  test("Ya / Masih bermasalah as buttons; Masih bermasalah reopens the ticket and the admin group answers it by reply", async () => {
    harness = await startHarness();
    const { fake } = harness;
    const chat = chatDriver(fake);
    fake.setMember(ADMIN_CHAT_ID, ANI.id, "administrator");
    const number = await openTicketFor(harness.app, SITI.id);
    const card = await waitForCard(harness.app, fake, number);

    await chat.expectReply(
      textMessage(
        { user: ANI, chatId: ADMIN_CHAT_ID },
        `/jawab ${number} Data Dapodik Anda sudah kami perbaiki.`,
      ),
      ADMIN_CHAT_ID,
      /berstatus <b>Jawaban<\/b>/,
    );
    const notice = await fake.waitForCall(isMessageTo(SITI.id, /Apakah masalah Anda sudah selesai\?/));
    expect(buttonsOf(notice).map((b) => [b.text, b.callback_data])).toEqual([
      ["Ya", `selesai:${number}`],
      ["Masih bermasalah", `masih:${number}`],
    ]);

    await chat.expectReply(
      callbackQuery({ user: SITI }, `masih:${number}`, { message_id: messageIdOf(notice) }),
      SITI.id,
      /apa yang masih bermasalah/,
    );
    await chat.expectReply(
      textMessage({ user: SITI }, "Data saya di Dapodik masih tertulis lama."),
      SITI.id,
      /kami buka kembali dengan status <b>Proses<\/b>/,
    );

    // The admin group hears of it under the ticket's card, with the text and a Jawab button.
    const news = await fake.waitForCall(isMessageTo(ADMIN_CHAT_ID, /dibuka kembali oleh pelapor/));
    expect(String(news.params.text)).toContain("Data saya di Dapodik masih tertulis lama.");
    expect((news.params.reply_parameters as { message_id: number }).message_id).toBe(messageIdOf(card));
    expect(buttonsOf(news).map((b) => b.text)).toEqual(["Jawab"]);
    expect((await findTicket(harness.app.db, number))?.status).toBe("Proses");

    // A reply to that message, once confirmed with Kirim ke pelapor, answers the ticket again, and the
    // applicant is asked again.
    const confirm = await chat.expectReply(
      textMessage(
        { user: ANI, chatId: ADMIN_CHAT_ID, replyTo: { message_id: messageIdOf(news), from_id: BOT_ID } },
        "Sudah kami sinkronkan ulang, silakan cek lagi.",
      ),
      ADMIN_CHAT_ID,
      /kirim teks ini sebagai jawaban/,
    );
    const before = fake.calls.length;
    fake.pushUpdate(
      callbackQuery({ user: ANI, chatId: ADMIN_CHAT_ID }, buttonsOf(confirm)[0]!.callback_data, {
        message_id: messageIdOf(confirm),
      }),
    );
    const again = await fake.waitForCall(isMessageTo(SITI.id, /silakan cek lagi[\s\S]*sudah selesai\?/), {
      after: before,
    });
    await chat.expectReply(
      callbackQuery({ user: SITI }, buttonsOf(again)[0]!.callback_data, { message_id: messageIdOf(again) }),
      SITI.id,
      /Terima kasih atas tanggapan Anda/,
    );
    const stats = await chat.expectReply(
      textMessage({ user: ANI, chatId: ADMIN_CHAT_ID }, "/statistik"),
      ADMIN_CHAT_ID,
      /Selesai pada jawaban pertama: 0 dari 1 tanggapan \(0%\)/,
    );
    // The picture follows the text, as a reply to it.
    const chart = await fake.waitForCall((c) => c.method === "sendPhoto");
    expect(String(chart.params.chat_id)).toBe(String(ADMIN_CHAT_ID));
    expect((chart.params.reply_parameters as { message_id: number }).message_id).toBe(messageIdOf(stats));
    const upload = chart.params.photo as { fileName: string; bytes: Buffer };
    expect(upload.fileName).toBe("statistik.png");
    expect((await sharp(upload.bytes).metadata()).format).toBe("png");
  });

  test("a second form for the same NIK and problem adds to the open ticket, shown under its card", async () => {
    harness = await startHarness();
    const { fake } = harness;
    const chat = chatDriver(fake);
    const number = await openTicketFor(harness.app, SITI.id);
    const card = await waitForCard(harness.app, fake, number);

    const menu = await chat.expectReply(textMessage({ user: SITI }, "menu"), SITI.id, /pilih jenis masalah/);
    await chat.expectReply(
      callbackQuery({ user: SITI }, "kategori:cek_dapodik", { message_id: messageIdOf(menu) }),
      SITI.id,
      /nama lengkap/,
    );
    await chat.expectReply(textMessage({ user: SITI }, "Siti Rahmawati"), SITI.id, /NIK/);
    const offer = await chat.expectReply(
      textMessage({ user: SITI }, APPLICANT_NIK),
      SITI.id,
      new RegExp(`masih ada tiket <b>${number}</b>`),
    );
    const add = buttonsOf(offer).find((b) => b.text === "Tambahkan informasi")!;
    await chat.expectReply(
      callbackQuery({ user: SITI }, add.callback_data, { message_id: messageIdOf(offer) }),
      SITI.id,
      /informasi tambahan/,
    );
    await chat.expectReply(
      textMessage({ user: SITI }, "NUPTK saya 1234567890123456."),
      SITI.id,
      /sudah kami tambahkan ke tiket/,
    );
    const news = await fake.waitForCall(isMessageTo(ADMIN_CHAT_ID, /Informasi tambahan dari pelapor/));
    expect(String(news.params.text)).toContain("NUPTK saya 1234567890123456.");
    expect((news.params.reply_parameters as { message_id: number }).message_id).toBe(messageIdOf(card));
    expect(await harness.app.db.selectFrom("tickets").select("number").execute()).toHaveLength(1);
  });
});
