import { type Kysely, sql } from "kysely";

// Frozen in time: this file must never import application code, so its meaning cannot drift.
// Every outbound message (replies too, not only notifications) is written to the outbox in the same
// transaction as the change that produced it. Per chat they are sent strictly in `chat_seq` order;
// `priority` lets replies to applicants who are chatting now go before bulk notifications; and
// `source_message_id` ties a reply to the inbound message that asked for it.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("outbox").addColumn("chat_seq", "integer").execute();
  await db.schema
    .alterTable("outbox")
    .addColumn("priority", "integer", (col) => col.notNull().defaultTo(2))
    .execute();
  await db.schema.alterTable("outbox").addColumn("source_message_id", "text").execute();
  // Rows already queued keep their order within each chat.
  await sql`
    update outbox set chat_seq = (
      select count(*) from outbox as earlier
      where earlier.channel = outbox.channel and earlier.chat_id = outbox.chat_id and earlier.seq <= outbox.seq
    )
  `.execute(db);
  await db.schema
    .createIndex("outbox_chat_seq_idx")
    .on("outbox")
    .columns(["channel", "chat_id", "chat_seq"])
    .unique()
    .execute();
  // The sender looks only at what is still to be sent (the next message of each chat, most urgent
  // first): partial indexes keep those lookups small however long the history grows.
  await sql`create index outbox_pending_idx on outbox (channel, priority, seq) where status = 'pending'`.execute(
    db,
  );
  await sql`
    create index outbox_pending_chat_idx on outbox (channel, chat_id, chat_seq) where status = 'pending'
  `.execute(db);
  // Replaced by the partial indexes: every index is paid for on each reply written.
  await db.schema.dropIndex("outbox_status_next_attempt_at_idx").ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("outbox_status_next_attempt_at_idx")
    .on("outbox")
    .columns(["status", "next_attempt_at"])
    .execute();
  await db.schema.dropIndex("outbox_pending_chat_idx").ifExists().execute();
  await db.schema.dropIndex("outbox_pending_idx").ifExists().execute();
  await db.schema.dropIndex("outbox_chat_seq_idx").ifExists().execute();
  await db.schema.alterTable("outbox").dropColumn("source_message_id").execute();
  await db.schema.alterTable("outbox").dropColumn("priority").execute();
  await db.schema.alterTable("outbox").dropColumn("chat_seq").execute();
}
