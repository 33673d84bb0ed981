import type { Kysely } from "kysely";
import { isPostgres } from "./portable.ts";

// Frozen in time: this file must never import application code, so its meaning cannot drift.
// An admin's reply to a ticket card waits here until the admin presses "Kirim ke pelapor".

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("telegram_answer_drafts")
    // SQLite's autoincrement is PostgreSQL's identity column.
    .addColumn("id", "integer", (col) =>
      isPostgres(db) ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement(),
    )
    .addColumn("chat_id", "text", (col) => col.notNull())
    .addColumn("ticket_number", "text", (col) => col.notNull())
    .addColumn("admin_id", "text", (col) => col.notNull())
    .addColumn("admin_name", "text", (col) => col.notNull())
    .addColumn("text", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("telegram_answer_drafts").ifExists().execute();
}
