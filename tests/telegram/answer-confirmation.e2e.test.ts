import { afterEach, describe, expect, test } from "vitest";
import { findTicket } from "../../db/index.ts";
import { buttonsOf, chatDriver, isMessageTo, messageIdOf } from "./chat-driver.ts";
import { BOT_ID, type RecordedCall } from "./fake-bot-api.ts";
import { ADMIN_CHAT_ID, type Harness, startHarness } from "./telegram-harness.ts";
import { callbackQuery, textMessage } from "./telegram-updates.ts";
import { openTicketFor, waitForCard } from "./ticket-fixture.ts";

const APPLICANT = { id: 501, first_name: "Siti" };
const ANI = { id: 601, first_name: "Ani" };
const BUDI = { id: 602, first_name: "Budi" };
const inGroup = (user: typeof ANI) => ({ user, chatId: ADMIN_CHAT_ID });

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

async function setUp() {
  harness = await startHarness();
  const { fake } = harness;
  fake.setMember(ADMIN_CHAT_ID, ANI.id, "member");
  fake.setMember(ADMIN_CHAT_ID, BUDI.id, "member");
  const number = await openTicketFor(harness.app, APPLICANT.id);
  const card = await waitForCard(harness.app, fake, number);
  return { h: harness, fake, chat: chatDriver(fake), number, card };
}

const replyTo = (user: typeof ANI, message: RecordedCall, text: string) =>
  textMessage({ ...inGroup(user), replyTo: { message_id: messageIdOf(message), from_id: BOT_ID } }, text);

describe("a reply to a ticket card", () => {
  test("is only a draft: nothing reaches the applicant until its author presses Kirim ke pelapor", async () => {
    const { h, fake, chat, number, card } = await setUp();
    const confirm = await chat.expectReply(
      replyTo(ANI, card, "Budi, tolong cek data Dapodik dulu ya."),
      ADMIN_CHAT_ID,
      /kirim teks ini sebagai jawaban/,
    );
    expect(buttonsOf(confirm).map((b) => b.text)).toEqual(["Kirim ke pelapor", "Batal"]);
    expect((await findTicket(h.app.db, number))?.status).toBe("Pertanyaan");

    // A colleague cannot send someone else's draft.
    const [send, cancel] = buttonsOf(confirm);
    const pressed = fake.calls.length;
    fake.pushUpdate(callbackQuery(inGroup(BUDI), send!.callback_data, { message_id: messageIdOf(confirm) }));
    const refused = await fake.waitForCall((c) => c.method === "answerCallbackQuery", { after: pressed });
    expect(refused.params).toMatchObject({ show_alert: true, text: expect.stringContaining("Hanya Ani") });

    // Its author cancels it: still nothing for the applicant, and the button no longer works.
    await chat.expectReply(
      callbackQuery(inGroup(ANI), cancel!.callback_data, { message_id: messageIdOf(confirm) }),
      ADMIN_CHAT_ID,
      /tidak dikirim/,
    );
    const late = fake.calls.length;
    fake.pushUpdate(callbackQuery(inGroup(ANI), send!.callback_data, { message_id: messageIdOf(confirm) }));
    const gone = await fake.waitForCall((c) => c.method === "answerCallbackQuery", { after: late });
    expect(gone.params).toMatchObject({ text: expect.stringContaining("sudah dikirim atau dibatalkan") });
    expect((await findTicket(h.app.db, number))?.status).toBe("Pertanyaan");
    expect(fake.textsTo(APPLICANT.id).join("\n")).not.toContain("Dapodik dulu");
  });

  test("once confirmed it is the answer, sent once even when the button is pressed twice", async () => {
    const { h, fake, chat, number, card } = await setUp();
    const confirm = await chat.expectReply(
      replyTo(BUDI, card, "Silakan datang ke Dukcapil."),
      ADMIN_CHAT_ID,
      /kirim teks ini sebagai jawaban/,
    );
    const send = buttonsOf(confirm)[0]!.callback_data;
    const after = fake.calls.length;
    fake.pushUpdate(callbackQuery(inGroup(BUDI), send, { message_id: messageIdOf(confirm) }));
    fake.pushUpdate(callbackQuery(inGroup(BUDI), send, { message_id: messageIdOf(confirm) }));
    await fake.waitForCall(isMessageTo(ADMIN_CHAT_ID, /sekarang berstatus <b>Jawaban<\/b>/), { after });
    await fake.waitForCall(isMessageTo(APPLICANT.id, /Silakan datang ke Dukcapil\./));
    // The second press is answered as already sent (a positive signal before counting).
    await fake.waitForCall(
      (c) => c.method === "answerCallbackQuery" && String(c.params.text).includes("sudah dikirim"),
      { after },
    );
    expect(fake.textsTo(APPLICANT.id).filter((t) => t.includes("Silakan datang ke Dukcapil."))).toHaveLength(
      1,
    );
    expect(await findTicket(h.app.db, number)).toMatchObject({
      status: "Jawaban",
      handledById: String(BUDI.id),
    });
  });

  test("an answer without words is refused before any draft", async () => {
    const { chat, card } = await setUp();
    await chat.expectReply(replyTo(ANI, card, "\u200B\u200B"), ADMIN_CHAT_ID, /Teks jawaban kosong/);
    await chat.expectReply(replyTo(ANI, card, "👍"), ADMIN_CHAT_ID, /tidak berisi huruf atau angka/);
  });
});
