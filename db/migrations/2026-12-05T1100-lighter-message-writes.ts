import type { Kysely } from "kysely";
import { isPostgres } from "./portable.ts";

// Frozen in time: this file must never import application code, so its meaning cannot drift.
// Every inbound message writes a processed_messages row and rewrites its chat's conversation row, and each
// index on those rows is one more page the commit writes. Two of them served only the periodic clean-ups:
// - conversations.updated_at: only the daily retention purge reads it, and the table holds only the
//   conversations in progress (an idle chat has no row), so the purge scans it instead;
// - processed_messages.processed_at (SQLite): the hourly prune walks the table in insertion order (rowid)
//   up to the first id inside the keep period, which costs what it deletes. PostgreSQL has no insertion
//   order to walk, so it keeps the index.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("conversations_updated_at_idx").ifExists().execute();
  if (!isPostgres(db)) await db.schema.dropIndex("processed_messages_processed_at_idx").ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("processed_messages_processed_at_idx")
    .ifNotExists()
    .on("processed_messages")
    .column("processed_at")
    .execute();
  await db.schema
    .createIndex("conversations_updated_at_idx")
    .ifNotExists()
    .on("conversations")
    .column("updated_at")
    .execute();
}
