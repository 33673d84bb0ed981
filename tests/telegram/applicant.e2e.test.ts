import { afterEach, describe, expect, test } from "vitest";
import { findTicket, listTicketAttachments } from "../../db/index.ts";
import { jpegBytes, pdfBytes } from "../support/file-bytes.ts";
import { buttonsOf, chatDriver, isMessageTo, messageIdOf } from "./chat-driver.ts";
import { ADMIN_CHAT_ID, type Harness, startHarness } from "./telegram-harness.ts";
import {
  callbackQuery,
  documentMessage,
  editedText,
  photoMessage,
  stickerMessage,
  textMessage,
} from "./telegram-updates.ts";

const SITI = { id: 501, first_name: "Siti" };
const at = { user: SITI };
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

describe("an applicant in a private chat", () => {
  test("fills in a form with a photo and a PDF and gets a ticket; the admin group gets its card and files", async () => {
    harness = await startHarness();
    const { fake } = harness;
    const chat = chatDriver(fake);

    const menu = await chat.expectReply(textMessage(at, "/start"), SITI.id, /pilih jenis masalah Anda/);
    expect(fake.textsTo(SITI.id)[0]).toMatch(/selamat datang di Helpdesk SSCASN/);
    expect(menu.params.parse_mode).toBe("HTML");
    const dapodik = buttonsOf(menu).find((b) => b.callback_data === "kategori:cek_dapodik");
    expect(dapodik?.text).toBeTruthy();
    for (const button of buttonsOf(menu))
      expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);

    const askName = await chat.expectReply(
      callbackQuery(at, dapodik!.callback_data, { message_id: messageIdOf(menu) }),
      SITI.id,
      /nama lengkap/,
    );
    // Every button press is answered, and the engine's *bold* arrives as HTML.
    expect(fake.callsOf("answerCallbackQuery")).toHaveLength(1);
    expect(askName.params.text).toContain("<b>nama lengkap</b>");

    await chat.expectReply(textMessage(at, "Siti Rahmawati"), SITI.id, /NIK/);
    await chat.expectReply(textMessage(at, "3201015708950001"), SITI.id, /Kartu Keluarga/);
    await chat.expectReply(textMessage(at, "3201011201150003"), SITI.id, /tempat lahir/);
    await chat.expectReply(textMessage(at, "Kabupaten Bogor"), SITI.id, /tanggal lahir/);
    await chat.expectReply(textMessage(at, "17 Agustus 1995"), SITI.id, /scan\/foto KTP/);

    // A sticker: the step says what it expects and stays.
    await chat.expectReply(stickerMessage(at), SITI.id, /stiker tidak dapat kami proses[\s\S]*meminta file/);

    // A document Telegram reports as 300 KB is refused with the validator's words, without a download,
    // and the step is asked again in the same message.
    const bigId = fake.addFile(pdfBytes(300 * 1024));
    const refused = await chat.expectReply(
      documentMessage(at, {
        fileId: bigId,
        fileName: "ktp.pdf",
        mimeType: "application/pdf",
        size: 300 * 1024,
      }),
      SITI.id,
      /Ukuran file Anda 300 KB, melebihi batas 200 KB[\s\S]*simpan ulang PDF[\s\S]*scan\/foto KTP/,
    );
    expect(fake.callsOf("getFile").filter((c) => c.params.file_id === bigId)).toHaveLength(0);

    // A photo sent without a size, which getFile then reports as 12 MB (over the 10 MB a photo may be
    // fetched to be shrunk): refused the same way, not fetched.
    const hugeId = fake.addFile(jpegBytes(1_000), { reportedSize: 12 * 1024 * 1024 });
    await chat.expectReply(
      photoMessage(at, [{ fileId: hugeId, width: 4000, height: 3000 }]),
      SITI.id,
      /Ukuran file Anda 12 MB, melebihi batas 200 KB[\s\S]*kompres foto[\s\S]*scan\/foto KTP/,
    );
    expect(fake.callsOf("downloadFile")).toHaveLength(0);
    // One message each: the adapter adds nothing of its own.
    expect(chat.textsSince(SITI.id, fake.calls.indexOf(refused))).toHaveLength(2);

    // A photo: the largest of the sizes Telegram offers is downloaded.
    const thumbId = fake.addFile(jpegBytes(1_500));
    const photoId = fake.addFile(jpegBytes(40_000));
    await chat.expectReply(
      photoMessage(at, [
        { fileId: thumbId, width: 90, height: 60, size: 1_500 },
        { fileId: photoId, width: 1280, height: 853, size: 40_000 },
      ]),
      SITI.id,
      /ijazah/,
    );
    expect(fake.callsOf("getFile").map((c) => c.params.file_id)).toEqual([hugeId, photoId]);

    const pdfId = fake.addFile(pdfBytes(30_000));
    const summary = await chat.expectReply(
      documentMessage(at, {
        fileId: pdfId,
        fileName: "ijazah.pdf",
        mimeType: "application/pdf",
        size: 30_000,
      }),
      SITI.id,
      /periksa kembali data Anda/,
    );
    const submit = buttonsOf(summary).find((b) => b.callback_data === "kirim");
    const created = await chat.expectReply(
      callbackQuery(at, submit!.callback_data, { message_id: messageIdOf(summary) }),
      SITI.id,
      /nomor tiket/,
    );
    const number = /<b>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})<\/b>/.exec(String(created.params.text))?.[1];
    expect(number).toBeDefined();

    const ticket = await findTicket(harness.app.db, number!);
    expect(ticket).toMatchObject({ channel: "telegram", chatId: String(SITI.id), userId: String(SITI.id) });
    const files = await listTicketAttachments(harness.app.db, number!);
    expect(files.map((f) => f.mime)).toEqual(["image/jpeg", "application/pdf"]);

    // The card in the admin group: masked NIK and KK, the answers, three buttons, then the files under it.
    const card = await fake.waitForCall(isMessageTo(ADMIN_CHAT_ID, new RegExp(`Tiket baru ${number}`)));
    const cardText = String(card.params.text);
    expect(cardText).toContain("NIK: 32************01");
    expect(cardText).toContain("KK: 32************03");
    expect(cardText).not.toContain("3201015708950001");
    expect(cardText).toContain("Tempat lahir: Kabupaten Bogor");
    expect(cardText).toContain("Tanggal lahir: 17-08-1995");
    expect(buttonsOf(card).map((b) => b.text)).toEqual(["Terima", "Proses", "Jawab"]);
    await fake.waitForCall(
      (c) => c.method === "sendDocument" && c.params.caption === `${number}: Scan ijazah`,
    );
    const documents = fake.callsOf("sendDocument");
    expect(documents).toHaveLength(2);
    for (const document of documents) {
      expect(String(document.params.chat_id)).toBe(String(ADMIN_CHAT_ID));
      expect(document.params.reply_parameters).toMatchObject({ message_id: messageIdOf(card) });
    }
    expect(documents.map((d) => (d.params.document as { size: number }).size)).toEqual([40_000, 30_000]);
  });

  test("/start in the middle of a form greets, keeps the answers and asks the current step again", async () => {
    harness = await startHarness();
    const chat = chatDriver(harness.fake);
    await chat.expectReply(textMessage(at, "/menu"), SITI.id, /pilih jenis masalah/);
    await chat.expectReply(textMessage(at, "5"), SITI.id, /nama lengkap/);
    await chat.expectReply(textMessage(at, "Siti Rahmawati"), SITI.id, /NIK/);
    const after = harness.fake.calls.length;
    // A deep-link payload changes nothing.
    await chat.expectReply(textMessage(at, "/start from-website"), SITI.id, /NIK/);
    const texts = chat.textsSince(SITI.id, after);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(
      /selamat datang kembali[\s\S]*tetap tersimpan[\s\S]*<b>menu<\/b> untuk memulai dari awal/,
    );
    await chat.expectReply(textMessage(at, "3201015708950001"), SITI.id, /Kartu Keluarga/);
  });

  test("a file sent outside a form is not downloaded when too large, and the menu is offered", async () => {
    harness = await startHarness();
    const { fake } = harness;
    const chat = chatDriver(fake);
    const bigId = fake.addFile(pdfBytes(300 * 1024));
    const reply = await chat.expectReply(
      documentMessage(at, { fileId: bigId, fileName: "ktp.pdf", mimeType: "application/pdf", size: 900_000 }),
      SITI.id,
      /tidak sedang meminta file/,
    );
    expect(buttonsOf(reply).map((b) => b.callback_data)).toContain("kategori:cek_dapodik");
    expect(fake.callsOf("getFile")).toHaveLength(0);
    expect(fake.textsTo(SITI.id)).toHaveLength(1);
  });

  test("a FAQ question gets the answer and a helpful? question with buttons", async () => {
    harness = await startHarness();
    const chat = chatDriver(harness.fake);
    const helpful = await chat.expectReply(
      textMessage(at, "gmn cara reset pw akun sscasn?"),
      SITI.id,
      /Apakah jawaban ini membantu\?/,
    );
    const texts = harness.fake.textsTo(SITI.id);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/[Pp]assword/);
    expect(
      buttonsOf(helpful)
        .map((b) => b.text)
        .slice(0, 2),
    ).toEqual(["Ya, membantu", "Tidak"]);
    await chat.expectReply(
      callbackQuery(at, buttonsOf(helpful)[0]!.callback_data, { message_id: messageIdOf(helpful) }),
      SITI.id,
      /Terima kasih/,
    );
  });

  test("a button whose long value was forgotten in a restart still works through its label", async () => {
    harness = await startHarness();
    const chat = chatDriver(harness.fake);
    const data = "~#unknownhashfromanearlierrun";
    await chat.expectReply(textMessage(at, "/menu"), SITI.id, /pilih jenis masalah/);
    await chat.expectReply(
      callbackQuery(at, data, {
        message_id: 77,
        reply_markup: { inline_keyboard: [[{ text: "Data tidak sesuai", callback_data: data }]] },
      }),
      SITI.id,
      /nama lengkap/,
    );
    expect(harness.fake.callsOf("answerCallbackQuery")).toHaveLength(1);
  });

  test("an edited message is not taken as a new answer; the step stays where it was", async () => {
    harness = await startHarness();
    const chat = chatDriver(harness.fake);
    await chat.expectReply(textMessage(at, "/menu"), SITI.id, /pilih jenis masalah/);
    const first = textMessage(at, "4");
    await chat.expectReply(first, SITI.id, /nama lengkap/);
    await chat.expectReply(
      editedText(at, first.message.message_id, "5"),
      SITI.id,
      /pesan yang diedit tidak dapat kami proses[\s\S]*nama lengkap/,
    );
  });

  test("a burst of messages gets one polite slow-down reply, not one per message", async () => {
    harness = await startHarness({
      tuning: { floodControl: { limit: 3, timeFrameMs: 5_000, warnEveryMs: 60_000 } },
    });
    const { fake } = harness;
    for (let i = 0; i < 8; i += 1) fake.pushUpdate(textMessage(at, `halo ${i}`));
    await fake.waitForCall(isMessageTo(SITI.id, /pelan-pelan/));
    await harness.settled();
    const texts = fake.textsTo(SITI.id);
    expect(texts.filter((t) => /pelan-pelan/.test(t))).toHaveLength(1);
    // Exactly the three allowed messages reached the engine; the rest were dropped.
    const processed = await harness.app.db.selectFrom("processed_messages").select("message_id").execute();
    expect(processed).toHaveLength(3);
  });
});
