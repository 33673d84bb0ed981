import type { App } from "../../bot/app.ts";
import type { InboundContent } from "../../bot/engine/message.types.ts";
import { findTelegramTicketMessage } from "../../db/telegram-ticket-message.repository.ts";
import { jpegBytes, pdfBytes } from "../support/file-bytes.ts";
import { isMessageTo, messageIdOf } from "./chat-driver.ts";
import type { FakeBotApi, RecordedCall } from "./fake-bot-api.ts";
import { ADMIN_CHAT_ID } from "./telegram-harness.ts";

export const APPLICANT_NIK = "3201015708950001";

let counter = 0;

/**
 * Opens a ticket for a Telegram chat through the real engine (the Dapodik form with a JPG and a PDF),
 * as the applicant's own messages would; the engine also queues the admin-group card.
 */
export async function openTicketFor(app: App, chatId: number, name = "Siti Rahmawati"): Promise<string> {
  const steps: InboundContent[] = [
    { kind: "choice", value: "kategori:cek_dapodik" },
    { kind: "text", text: name },
    { kind: "text", text: APPLICANT_NIK },
    { kind: "text", text: "3201011201150003" },
    { kind: "text", text: "Kabupaten Bogor" },
    { kind: "text", text: "17 Agustus 1995" },
    { kind: "file", bytes: jpegBytes(20_000), fileName: "ktp.jpg" },
    { kind: "file", bytes: pdfBytes(10_000), fileName: "ijazah.pdf" },
    { kind: "choice", value: "kirim" },
  ];
  let last = "";
  for (const content of steps) {
    counter += 1;
    const replies = await app.engine.handle({
      channel: "telegram",
      chatId: String(chatId),
      userId: String(chatId),
      messageId: `fixture-${counter}`,
      content,
    });
    last = replies.map((r) => r.text).join("\n");
  }
  const number = /nomor tiket \*([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\*/.exec(last)?.[1];
  if (!number) throw new Error(`no ticket was opened; last reply: ${last}`);
  return number;
}

/**
 * The same, in a running bot: returns once the form's replies have reached the applicant's chat, so a
 * test reads what follows (notifications) without the form's replies still on their way.
 */
export async function openDeliveredTicketFor(app: App, chatId: number, name?: string): Promise<string> {
  const number = await openTicketFor(app, chatId, name);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const pending = await app.db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll().as("count"))
      .where("channel", "=", "telegram")
      .where("chat_id", "=", String(chatId))
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow();
    if (Number(pending.count) === 0) return number;
    if (Date.now() > deadline) throw new Error(`the form's replies to ${chatId} were not delivered`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Waits for the card of ticket `number` in the admin group and for the bot to have recorded which ticket it
 * stands for (it does so once Telegram answered the send): only then does a reply to the card find its
 * ticket, as for an admin who can only reply to a card on screen.
 */
export async function waitForCard(app: App, fake: FakeBotApi, number: string): Promise<RecordedCall> {
  const card = await fake.waitForCall(isMessageTo(ADMIN_CHAT_ID, new RegExp(`Tiket baru ${number}`)));
  const deadline = Date.now() + 5_000;
  while (!(await findTelegramTicketMessage(app.db, String(ADMIN_CHAT_ID), messageIdOf(card)))) {
    if (Date.now() > deadline) throw new Error(`the card of ${number} was sent but never recorded`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return card;
}
