import { type Kysely, sql } from "kysely";

// Frozen in time: this file must never import application code, so its meaning cannot drift.
// Telegram-only bookkeeping; portable DDL like the initial migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Which bot messages in the admin group stand for which ticket, so that a reply to a card (or to the
  // "answer this ticket" prompt) answers that ticket, and a retried card does not post its files twice.
  await db.schema
    .createTable("telegram_ticket_messages")
    .addColumn("chat_id", "text", (col) => col.notNull())
    .addColumn("message_id", "integer", (col) => col.notNull())
    .addColumn("ticket_number", "text", (col) => col.notNull().references("tickets.number"))
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("attachment_id", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("telegram_ticket_messages_pk", ["chat_id", "message_id"])
    .addCheckConstraint("telegram_ticket_messages_kind_check", sql`kind in ('card', 'file', 'answer_prompt')`)
    .execute();
  await db.schema
    .createIndex("telegram_ticket_messages_ticket_idx")
    .on("telegram_ticket_messages")
    .columns(["ticket_number", "chat_id"])
    .execute();

  // Private chats whose user blocked the bot: notifications to them are given up without a call.
  await db.schema
    .createTable("telegram_blocked_chats")
    .addColumn("chat_id", "text", (col) => col.primaryKey())
    .addColumn("blocked_at", "text", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("telegram_blocked_chats").ifExists().execute();
  await db.schema.dropTable("telegram_ticket_messages").ifExists().execute();
}
