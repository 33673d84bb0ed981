import { type Kysely, sql } from "kysely";
import { bytesType } from "./portable.ts";

// Frozen in time: this file must never import application code, so its meaning cannot drift.
// Only portable DDL (text ids, ISO text timestamps, CHECK lists) so it can be replayed on PostgreSQL
// (where `blob` becomes `bytea`).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("tickets")
    .addColumn("number", "text", (col) => col.primaryKey())
    .addColumn("category", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("channel", "text", (col) => col.notNull())
    .addColumn("chat_id", "text", (col) => col.notNull())
    .addColumn("user_id", "text", (col) => col.notNull())
    .addColumn("applicant_name", "text", (col) => col.notNull())
    .addColumn("nik", "text", (col) => col.notNull())
    .addColumn("kk", "text", (col) => col.notNull())
    .addColumn("answers_json", "text", (col) => col.notNull())
    .addColumn("answer_text", "text")
    .addColumn("handled_by_id", "text")
    .addColumn("handled_by_name", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .addCheckConstraint(
      "tickets_status_check",
      sql`status in ('Pertanyaan', 'Diterima', 'Proses', 'Jawaban')`,
    )
    .execute();
  await db.schema
    .createIndex("tickets_status_created_at_idx")
    .on("tickets")
    .columns(["status", "created_at"])
    .execute();
  await db.schema
    .createIndex("tickets_channel_chat_id_idx")
    .on("tickets")
    .columns(["channel", "chat_id"])
    .execute();
  await db.schema.createIndex("tickets_nik_idx").on("tickets").column("nik").execute();

  await db.schema
    .createTable("ticket_status_history")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("ticket_number", "text", (col) => col.notNull().references("tickets.number"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (col) => col.notNull())
    .addColumn("actor_kind", "text", (col) => col.notNull())
    .addColumn("actor_id", "text", (col) => col.notNull())
    .addColumn("actor_name", "text")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .addCheckConstraint(
      "ticket_status_history_from_status_check",
      sql`from_status is null or from_status in ('Pertanyaan', 'Diterima', 'Proses', 'Jawaban')`,
    )
    .addCheckConstraint(
      "ticket_status_history_to_status_check",
      sql`to_status in ('Pertanyaan', 'Diterima', 'Proses', 'Jawaban')`,
    )
    .addCheckConstraint(
      "ticket_status_history_actor_kind_check",
      sql`actor_kind in ('applicant', 'admin', 'system')`,
    )
    .execute();
  await db.schema
    .createIndex("ticket_status_history_ticket_number_idx")
    .on("ticket_status_history")
    .columns(["ticket_number", "created_at"])
    .execute();

  await db.schema
    .createTable("attachments")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("ticket_number", "text", (col) => col.references("tickets.number"))
    .addColumn("conversation_key", "text")
    .addColumn("field", "text", (col) => col.notNull())
    .addColumn("mime", "text", (col) => col.notNull())
    .addColumn("size", "integer", (col) => col.notNull())
    .addColumn("sha256", "text", (col) => col.notNull())
    .addColumn("file_name", "text")
    .addColumn("content", bytesType(db), (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("attachments_ticket_number_idx")
    .on("attachments")
    .column("ticket_number")
    .execute();
  await db.schema
    .createIndex("attachments_conversation_key_idx")
    .on("attachments")
    .column("conversation_key")
    .execute();

  await db.schema
    .createTable("conversations")
    .addColumn("channel", "text", (col) => col.notNull())
    .addColumn("chat_id", "text", (col) => col.notNull())
    .addColumn("user_id", "text", (col) => col.notNull())
    .addColumn("snapshot", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("conversations_pk", ["channel", "chat_id"])
    .execute();

  await db.schema
    .createTable("processed_messages")
    .addColumn("channel", "text", (col) => col.notNull())
    .addColumn("message_id", "text", (col) => col.notNull())
    .addColumn("processed_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("processed_messages_pk", ["channel", "message_id"])
    .execute();
  await db.schema
    .createIndex("processed_messages_processed_at_idx")
    .on("processed_messages")
    .column("processed_at")
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("channel", "text", (col) => col.notNull())
    .addColumn("chat_id", "text", (col) => col.notNull())
    .addColumn("text", "text", (col) => col.notNull())
    .addColumn("payload_json", "text")
    .addColumn("status", "text", (col) => col.notNull().defaultTo("pending"))
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (col) => col.notNull())
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("sent_at", "text")
    .addCheckConstraint("outbox_status_check", sql`status in ('pending', 'sent', 'failed', 'blocked')`)
    .execute();
  await db.schema
    .createIndex("outbox_status_next_attempt_at_idx")
    .on("outbox")
    .columns(["status", "next_attempt_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Children before parents because of the foreign keys.
  await db.schema.dropTable("outbox").ifExists().execute();
  await db.schema.dropTable("processed_messages").ifExists().execute();
  await db.schema.dropTable("conversations").ifExists().execute();
  await db.schema.dropTable("attachments").ifExists().execute();
  await db.schema.dropTable("ticket_status_history").ifExists().execute();
  await db.schema.dropTable("tickets").ifExists().execute();
}
