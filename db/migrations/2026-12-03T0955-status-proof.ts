import type { Kysely } from "kysely";
import { isPostgres } from "./portable.ts";

// Frozen in time: this file must never import application code, so its meaning cannot drift.
// Failed attempts to prove a ticket's NIK from another chat, kept so that the limit survives a restart.

export async function up(db: Kysely<unknown>): Promise<void> {
  // No NIK is stored, only who tried which ticket and when.
  await db.schema
    .createTable("status_proof_failures")
    // SQLite's autoincrement is PostgreSQL's identity column.
    .addColumn("id", "integer", (col) =>
      isPostgres(db) ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement(),
    )
    .addColumn("channel", "text", (col) => col.notNull())
    .addColumn("chat_id", "text", (col) => col.notNull())
    .addColumn("ticket_number", "text", (col) => col.notNull())
    .addColumn("failed_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("status_proof_failures_chat_idx")
    .on("status_proof_failures")
    .columns(["channel", "chat_id", "failed_at"])
    .execute();
  await db.schema
    .createIndex("status_proof_failures_ticket_idx")
    .on("status_proof_failures")
    .columns(["ticket_number", "failed_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("status_proof_failures").ifExists().execute();
}
