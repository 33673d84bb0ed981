import type { Kysely } from "kysely";
import type { Database, Db, IsoTimestamp } from "./schema.ts";

// The Telegram tables live beside the core schema instead of inside it: only the Telegram
// repositories use them, through `telegramTables(db)`.

export const TELEGRAM_TICKET_MESSAGE_KINDS = ["card", "file", "answer_prompt"] as const;
export type TelegramTicketMessageKind = (typeof TELEGRAM_TICKET_MESSAGE_KINDS)[number];

export interface TelegramTicketMessageTable {
  chat_id: string;
  message_id: number;
  ticket_number: string;
  kind: TelegramTicketMessageKind;
  /** For kind 'file': the attachment the document carries. */
  attachment_id: string | null;
  created_at: IsoTimestamp;
}

export interface TelegramBlockedChatTable {
  chat_id: string;
  blocked_at: IsoTimestamp;
}

export type TelegramTables = {
  telegram_ticket_messages: TelegramTicketMessageTable;
  telegram_blocked_chats: TelegramBlockedChatTable;
};

export type TelegramDb = Kysely<Database & TelegramTables>;

/** The same database (or transaction) with the Telegram tables visible to the query builder. */
export function telegramTables(db: Db): TelegramDb {
  // A transaction stays a transaction: Transaction overrides $extendTables.
  return db.$extendTables<TelegramTables>();
}
