import type { Db } from "./schema.ts";
import { type TelegramTicketMessageKind, telegramTables } from "./telegram.schema.ts";

/** A bot message in a Telegram chat that stands for a ticket (its card, one of its files, an answer prompt). */
export interface TelegramTicketMessage {
  chatId: string;
  messageId: number;
  ticketNumber: string;
  kind: TelegramTicketMessageKind;
  attachmentId: string | null;
}

/** Records that a bot message stands for a ticket; recording the same message twice keeps the first. */
export async function recordTelegramTicketMessage(
  db: Db,
  message: Omit<TelegramTicketMessage, "attachmentId"> & { attachmentId?: string | null },
): Promise<void> {
  await telegramTables(db)
    .insertInto("telegram_ticket_messages")
    .values({
      chat_id: message.chatId,
      message_id: message.messageId,
      ticket_number: message.ticketNumber,
      kind: message.kind,
      attachment_id: message.attachmentId ?? null,
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.columns(["chat_id", "message_id"]).doNothing())
    .execute();
}

/** The ticket a message in a chat stands for, if the bot recorded one. */
export async function findTelegramTicketMessage(
  db: Db,
  chatId: string,
  messageId: number,
): Promise<TelegramTicketMessage | undefined> {
  const row = await telegramTables(db)
    .selectFrom("telegram_ticket_messages")
    .selectAll()
    .where("chat_id", "=", chatId)
    .where("message_id", "=", messageId)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        chatId: row.chat_id,
        messageId: row.message_id,
        ticketNumber: row.ticket_number,
        kind: row.kind,
        attachmentId: row.attachment_id,
      };
}

/** What of a ticket the bot already posted in a chat: its card's message id and the attachments sent. */
export async function findPostedTicket(
  db: Db,
  chatId: string,
  ticketNumber: string,
): Promise<{ cardMessageId: number | undefined; sentAttachmentIds: Set<string> }> {
  const rows = await telegramTables(db)
    .selectFrom("telegram_ticket_messages")
    .select(["kind", "message_id", "attachment_id"])
    .where("chat_id", "=", chatId)
    .where("ticket_number", "=", ticketNumber)
    .where("kind", "in", ["card", "file"])
    .orderBy("message_id", "asc")
    .execute();
  const card = rows.find((row) => row.kind === "card");
  const sent = rows.flatMap((row) => (row.kind === "file" && row.attachment_id ? [row.attachment_id] : []));
  return { cardMessageId: card?.message_id, sentAttachmentIds: new Set(sent) };
}
