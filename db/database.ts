import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { migrateToLatest } from "./migrator.ts";
import type { Database } from "./schema.ts";

export interface OpenedDatabase {
  db: Kysely<Database>;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) the SQLite file at `filePath`, or an in-memory database for ":memory:",
 * and runs all migrations before returning.
 */
export async function openDatabase(filePath: string): Promise<OpenedDatabase> {
  const inMemory = filePath === ":memory:" || filePath === "";
  if (!inMemory) mkdirSync(dirname(filePath), { recursive: true });

  const sqlite = new SqliteDatabase(filePath);
  // WAL lets readers (admin dashboards, the outbox worker) run while a message is being written.
  sqlite.pragma("journal_mode = WAL");
  // NORMAL is durable across application crashes under WAL; only a power loss may drop the last commits.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");

  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, close: () => db.destroy() };
}
