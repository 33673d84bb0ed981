import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, type SqliteDatabase as KyselySqliteDatabase, SqliteDialect } from "kysely";
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

  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, close: () => db.destroy() };
}

const STATEMENT_CACHE_LIMIT = 500;

/**
 * kysely's SQLite driver prepares every statement anew; on the per-message path that was the largest single
 * cost. Prepared statements are reusable in better-sqlite3, so keep them by SQL text (bounded, since queries
 * with variable IN lists produce new texts).
 */
function withStatementCache(sqlite: SqliteDatabase.Database): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_LIMIT) statements.clear();
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
