import { afterEach, describe, expect, test } from "vitest";
import { findTicket, listTicketHistory } from "../../db/index.ts";
import { buttonsOf, chatDriver, isMessageTo, messageIdOf } from "./chat-driver.ts";
import { BOT_ID, BOT_USERNAME, type RecordedCall } from "./fake-bot-api.ts";
import { ADMIN_CHAT_ID, type Harness, startHarness } from "./telegram-harness.ts";
import { callbackQuery, textMessage } from "./telegram-updates.ts";
import { APPLICANT_NIK, openDeliveredTicketFor, waitForCard } from "./ticket-fixture.ts";

const APPLICANT = { id: 501, first_name: "Siti" };
const ANI = { id: 601, first_name: "Ani", last_name: "Lestari", username: "ani_hd" };
const BUDI = { id: 602, first_name: "Budi" };
const EKO = { id: 603, first_name: "Eko" };
const inGroup = (user: typeof ANI | typeof BUDI) => ({ user, chatId: ADMIN_CHAT_ID });

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

async function start(env: Record<string, string> = {}) {
  harness = await startHarness({ env });
  harness.fake.setMember(ADMIN_CHAT_ID, ANI.id, "administrator");
  harness.fake.setMember(ADMIN_CHAT_ID, BUDI.id, "member");
  harness.fake.setMember(ADMIN_CHAT_ID, EKO.id, "left");
  return harness;
}

/** Opens a ticket and waits for its card in the admin group. */
async function ticketWithCard(h: Harness): Promise<{ number: string; card: RecordedCall }> {
  const number = await openDeliveredTicketFor(h.app, APPLICANT.id);
  const card = await waitForCard(h.app, h.fake, number);
  return { number, card };
}

describe("admins in the admin group", () => {
  test("every admin command works, in Indonesian and English, and each action is recorded with the admin", async () => {
    const h = await start();
    const chat = chatDriver(h.fake);
    const { number } = await ticketWithCard(h);
    const group = inGroup(ANI);

    await chat.expectReply(textMessage(group, "/bantuan"), ADMIN_CHAT_ID, /Perintah admin/);
    await chat.expectReply(textMessage(group, "/help"), ADMIN_CHAT_ID, /Perintah admin/);
    await chat.expectReply(
      textMessage(group, "/tiket"),
      ADMIN_CHAT_ID,
      new RegExp(`${number} \\| Pertanyaan`),
    );
    await chat.expectReply(textMessage(group, "/list pertanyaan"), ADMIN_CHAT_ID, new RegExp(number));
    await chat.expectReply(textMessage(group, "/cari Siti"), ADMIN_CHAT_ID, new RegExp(number));
    await chat.expectReply(textMessage(group, `/search ${APPLICANT_NIK}`), ADMIN_CHAT_ID, new RegExp(number));

    // The detail is unmasked and its files follow it as documents.
    const documentsBefore = h.fake.callsOf("sendDocument").length;
    const detail = await chat.expectReply(
      textMessage(group, `/lihat ${number.toLowerCase()}`),
      ADMIN_CHAT_ID,
      new RegExp(`NIK: ${APPLICANT_NIK}`),
    );
    await h.fake.waitForCall(
      (c) =>
        c.method === "sendDocument" &&
        (c.params.reply_parameters as { message_id: number })?.message_id === messageIdOf(detail),
    );
    await h.fake.waitForCall(() => h.fake.callsOf("sendDocument").length === documentsBefore + 2);
    await chat.expectReply(textMessage(group, `/view@${BOT_USERNAME} ${number}`), ADMIN_CHAT_ID, /Riwayat:/);

    await chat.expectReply(
      textMessage(group, `/terima ${number}`),
      ADMIN_CHAT_ID,
      /sekarang berstatus <b>Diterima<\/b>/,
    );
    await h.fake.waitForCall(isMessageTo(APPLICANT.id, new RegExp(`${number}</b> sudah <b>diterima</b>`)));
    await chat.expectReply(
      textMessage(group, `/proses ${number}`),
      ADMIN_CHAT_ID,
      /sekarang berstatus <b>Proses<\/b>/,
    );
    await h.fake.waitForCall(isMessageTo(APPLICANT.id, /sedang <b>diproses<\/b>/));
    await chat.expectReply(
      textMessage(group, `/jawab ${number} Data Anda sudah valid di Dapodik <silakan> daftar ulang.`),
      ADMIN_CHAT_ID,
      /sekarang berstatus <b>Jawaban<\/b>/,
    );
    // The answer reaches the applicant in full, escaped for HTML.
    await h.fake.waitForCall(isMessageTo(APPLICANT.id, /valid di Dapodik &lt;silakan&gt; daftar ulang/));

    await chat.expectReply(
      textMessage(group, "/statistik"),
      ADMIN_CHAT_ID,
      /Statistik tiket[\s\S]*Jawaban: 1/,
    );
    await chat.expectReply(textMessage(group, "/stats"), ADMIN_CHAT_ID, /Menunggu lebih dari 1 hari: 0/);

    // English aliases on a second ticket.
    const second = await ticketWithCard(h);
    await chat.expectReply(
      textMessage(group, `/accept ${second.number}`),
      ADMIN_CHAT_ID,
      /berstatus <b>Diterima<\/b>/,
    );
    await chat.expectReply(
      textMessage(group, `/process ${second.number}`),
      ADMIN_CHAT_ID,
      /berstatus <b>Proses<\/b>/,
    );
    await chat.expectReply(
      textMessage(group, `/answer ${second.number} Sudah kami perbaiki.`),
      ADMIN_CHAT_ID,
      /berstatus <b>Jawaban<\/b>/,
    );

    const history = await listTicketHistory(h.app.db, number);
    expect(history.map((e) => [e.toStatus, e.actor.kind, e.actor.id, e.actor.name])).toEqual([
      ["Pertanyaan", "applicant", String(APPLICANT.id), "Siti Rahmawati"],
      ["Diterima", "admin", String(ANI.id), "Ani Lestari (@ani_hd)"],
      ["Proses", "admin", String(ANI.id), "Ani Lestari (@ani_hd)"],
      ["Jawaban", "admin", String(ANI.id), "Ani Lestari (@ani_hd)"],
    ]);
    // The admin command list was registered for the group, the applicant list for private chats.
    const commands = h.fake.callsOf("setMyCommands");
    expect(commands.map((c) => (c.params.scope as { type: string }).type).sort()).toEqual([
      "all_private_chats",
      "chat",
    ]);
  });

  test("a reply to a card answers its ticket once confirmed; Jawab asks for a reply; an answered ticket is not answered again", async () => {
    const h = await start();
    const chat = chatDriver(h.fake);
    const first = await ticketWithCard(h);

    const confirm = await chat.expectReply(
      textMessage(
        { ...inGroup(BUDI), replyTo: { message_id: messageIdOf(first.card), from_id: BOT_ID } },
        "Silakan datang ke Dukcapil.",
      ),
      ADMIN_CHAT_ID,
      /kirim teks ini sebagai jawaban/,
    );
    const send = buttonsOf(confirm).find((b) => b.text === "Kirim ke pelapor")!;
    await chat.expectReply(
      callbackQuery(inGroup(BUDI), send.callback_data, { message_id: messageIdOf(confirm) }),
      ADMIN_CHAT_ID,
      /sekarang berstatus <b>Jawaban<\/b>/,
    );
    await h.fake.waitForCall(isMessageTo(APPLICANT.id, /Silakan datang ke Dukcapil\./));
    const ticket = await findTicket(h.app.db, first.number);
    expect(ticket).toMatchObject({
      status: "Jawaban",
      answerText: "Silakan datang ke Dukcapil.",
      handledById: String(BUDI.id),
    });

    // Jawab on the answered ticket: told who answered it, nothing re-sent.
    const answerButton = buttonsOf(first.card).find((b) => b.text === "Jawab")!;
    await chat.expectReply(
      callbackQuery(inGroup(ANI), answerButton.callback_data, { message_id: messageIdOf(first.card) }),
      ADMIN_CHAT_ID,
      /sudah dijawab oleh Budi\. Jawaban tidak dikirim ulang/,
    );

    // Jawab on a new ticket: a prompt to reply to; the reply answers it.
    const second = await ticketWithCard(h);
    const prompt = await chat.expectReply(
      callbackQuery(inGroup(ANI), buttonsOf(second.card).find((b) => b.text === "Jawab")!.callback_data, {
        message_id: messageIdOf(second.card),
      }),
      ADMIN_CHAT_ID,
      new RegExp(`balas pesan ini dengan teks jawaban untuk tiket ${second.number}`),
    );
    expect(prompt.params.reply_markup).toMatchObject({ force_reply: true });
    const confirmSecond = await chat.expectReply(
      textMessage(
        { ...inGroup(ANI), replyTo: { message_id: messageIdOf(prompt), from_id: BOT_ID } },
        "Sudah kami proses.",
      ),
      ADMIN_CHAT_ID,
      /kirim teks ini sebagai jawaban/,
    );
    await chat.expectReply(
      callbackQuery(inGroup(ANI), buttonsOf(confirmSecond)[0]!.callback_data, {
        message_id: messageIdOf(confirmSecond),
      }),
      ADMIN_CHAT_ID,
      new RegExp(`Tiket ${second.number} sekarang berstatus <b>Jawaban</b>`),
    );
  });

  test("two admins racing on one ticket: the second is told who took it, and the answer is sent once", async () => {
    const h = await start();
    const { number, card } = await ticketWithCard(h);
    const accept = buttonsOf(card).find((b) => b.text === "Terima")!.callback_data;
    const after = h.fake.calls.length;
    h.fake.pushUpdate(callbackQuery(inGroup(ANI), accept, { message_id: messageIdOf(card) }));
    h.fake.pushUpdate(callbackQuery(inGroup(BUDI), accept, { message_id: messageIdOf(card) }));
    await h.fake.waitForCall(
      isMessageTo(ADMIN_CHAT_ID, /sudah berstatus Diterima oleh Ani Lestari \(@ani_hd\)/),
      { after },
    );
    const outcomes = chatDriver(h.fake).textsSince(ADMIN_CHAT_ID, after);
    expect(outcomes.filter((t) => /sekarang berstatus <b>Diterima<\/b>/.test(t))).toHaveLength(1);

    const answersFrom = h.fake.calls.length;
    h.fake.pushUpdate(textMessage(inGroup(BUDI), `/jawab ${number} Jawaban dari Budi.`));
    h.fake.pushUpdate(textMessage(inGroup(ANI), `/jawab ${number} Jawaban dari Ani.`));
    await h.fake.waitForCall(
      isMessageTo(ADMIN_CHAT_ID, /sudah dijawab oleh Budi\. Jawaban tidak dikirim ulang/),
      {
        after: answersFrom,
      },
    );
    await h.fake.waitForCall(isMessageTo(APPLICANT.id, /Jawaban dari Budi/));
    await h.settled();
    expect(h.fake.textsTo(APPLICANT.id).filter((t) => /sudah dijawab petugas/.test(t))).toHaveLength(1);
    expect(h.fake.textsTo(APPLICANT.id).join("\n")).not.toContain("Jawaban dari Ani");
  });

  test("non-admins learn nothing: outside members, users not on the list, other chats and private chats", async () => {
    const h = await start({ TELEGRAM_ADMIN_USER_IDS: `${ANI.id}, ${EKO.id}` });
    const chat = chatDriver(h.fake);
    const { number, card } = await ticketWithCard(h);

    // A member of the group who is not on TELEGRAM_ADMIN_USER_IDS, and someone on the list who left the group.
    await chat.expectReply(
      textMessage(inGroup(BUDI), "/tiket"),
      ADMIN_CHAT_ID,
      /hanya untuk petugas helpdesk/,
    );
    await chat.expectReply(
      textMessage({ user: EKO, chatId: ADMIN_CHAT_ID }, `/lihat ${number}`),
      ADMIN_CHAT_ID,
      /hanya untuk petugas helpdesk/,
    );
    const press = h.fake.calls.length;
    h.fake.pushUpdate(
      callbackQuery(inGroup(BUDI), buttonsOf(card)[0]!.callback_data, { message_id: messageIdOf(card) }),
    );
    const refused = await h.fake.waitForCall((c) => c.method === "answerCallbackQuery", { after: press });
    expect(refused.params).toMatchObject({
      show_alert: true,
      text: expect.stringMatching(/hanya untuk petugas/),
    });
    await chat.expectReply(
      textMessage(
        { ...inGroup(BUDI), replyTo: { message_id: messageIdOf(card), from_id: BOT_ID } },
        "Saya jawab",
      ),
      ADMIN_CHAT_ID,
      /hanya untuk petugas helpdesk/,
    );
    expect((await findTicket(h.app.db, number))?.status).toBe("Pertanyaan");

    // An anonymous group admin cannot be recorded, so is asked to write as themselves.
    await chat.expectReply(
      textMessage({ user: { id: 1087968824, first_name: "Group" }, chatId: ADMIN_CHAT_ID }, "/tiket"),
      ADMIN_CHAT_ID,
      /atas nama akun Anda sendiri/,
    );

    // Even a real admin gets nothing from the commands outside the admin group.
    const elsewhere = h.fake.calls.length;
    const otherGroup = -100999;
    h.fake.pushUpdate(textMessage({ user: ANI, chatId: otherGroup }, "/tiket"));
    const privateReply = await chat.expectReply(textMessage({ user: ANI }, `/lihat ${number}`), ANI.id, /./);
    await h.settled();
    const everything = h.fake.calls
      .slice(elsewhere)
      .map((c) => JSON.stringify(c.params))
      .join("\n");
    expect(everything).not.toContain(APPLICANT_NIK);
    expect(everything).not.toContain("Siti Rahmawati");
    expect(h.fake.textsTo(otherGroup)).toEqual([]);
    expect(String(privateReply.params.text)).not.toContain("Riwayat");
  });
});
