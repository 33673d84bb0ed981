import { chmodSync, closeSync, existsSync, mkdirSync, openSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, type SqliteDatabase as KyselySqliteDatabase, SqliteDialect } from "kysely";
import { DataKeyError } from "./data-cipher.ts";
import { type DataKeySettings, loadDataKey } from "./data-key.ts";
import { DataProtectionPlugin } from "./data-protection.ts";
import { isPostgresUrl } from "./dialect.ts";
import { migrateToLatest } from "./migrator.ts";
import { openPostgres } from "./postgres-database.ts";
import { protectStoredData } from "./protect-stored-data.ts";
import type { Database } from "./schema.ts";
import { type CheckpointLogger, createWalCheckpointer, type WalCheckpointer } from "./wal-checkpointer.ts";

export interface OpenedDatabase {
  db: Kysely<Database>;
  close(): Promise<void>;
  /** Set when no data key was configured and a new key file was created beside the database. */
  createdKeyFile?: string;
  /** A SQLite file's checkpoints, run in a worker thread (see wal-checkpointer.ts). */
  checkpointer?: WalCheckpointer;
}

export interface OpenOptions {
  /** Where failures in the background (the checkpoint worker) are reported. */
  logger?: CheckpointLogger;
}

/**
 * Opens the database at `location` and brings it up to date: a PostgreSQL connection URL
 * (`postgres://...`, DATABASE_URL) or a SQLite file path, ":memory:" for an in-memory one. Runs all
 * migrations and encrypts (or re-encrypts after a key change) any personal data still stored in clear
 * before returning. Nothing outside db/ needs to know which of the two it is.
 */
export async function openDatabase(
  location: string,
  keys: DataKeySettings = {},
  options: OpenOptions = {},
): Promise<OpenedDatabase> {
  if (isPostgresUrl(location)) {
    // Several instances share one PostgreSQL database, so they must share one key: none is made up here.
    if (!keys.key && !keys.keyFile) {
      throw new DataKeyError(
        "a PostgreSQL database needs DATA_KEY or DATA_KEY_FILE (the same key on every instance)",
      );
    }
    const { cipher } = loadDataKey(undefined, keys);
    return prepare(openPostgres(location, cipher));
  }
  return openSqlite(location, keys, options);
}

/** Migrates and protects a freshly opened database; on failure it is closed again. */
async function prepare(db: Kysely<Database>, createdKeyFile?: string): Promise<OpenedDatabase> {
  try {
    await migrateToLatest(db);
    await protectStoredData(db);
  } catch (error) {
    await db.destroy();
    if (createdKeyFile) {
      // A fresh key met data encrypted with another one: the original key file is missing. Leave no new
      // key behind, so restoring the original is all it takes.
      rmSync(createdKeyFile, { force: true });
      if (error instanceof DataKeyError) {
        throw new DataKeyError(
          `${error.message}. The database holds encrypted data but its key file ${createdKeyFile} is missing: restore it, or set DATA_KEY / DATA_KEY_FILE`,
        );
      }
    }
    throw error;
  }
  return { db, close: () => db.destroy(), ...(createdKeyFile ? { createdKeyFile } : {}) };
}

/**
 * The SQLite file at `filePath` (created if needed), or an in-memory database for ":memory:". The file
 * and its -wal/-shm companions are readable by the owner only.
 */
async function openSqlite(
  filePath: string,
  keys: DataKeySettings,
  options: OpenOptions,
): Promise<OpenedDatabase> {
  const inMemory = filePath === ":memory:" || filePath === "";
  if (!inMemory) createPrivateFile(filePath);
  // The key is resolved before SQLite opens anything, so a bad key setting changes nothing on disk.
  const { cipher, createdKeyFile } = loadDataKey(inMemory ? undefined : filePath, keys);

  const sqlite = new SqliteDatabase(filePath);
  // WAL lets readers (admin dashboards, the outbox worker) run while a message is being written.
  sqlite.pragma("journal_mode = WAL");
  // NORMAL is durable across application crashes under WAL; only a power loss may drop the last commits.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Deleted rows are overwritten with zeros instead of lingering in free pages of the file.
  sqlite.pragma("secure_delete = ON");

  const cached = withStatementCache(sqlite);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cached }),
    plugins: [new DataProtectionPlugin(cipher)],
  });
  const opened = await prepare(db, createdKeyFile);
  if (inMemory) return opened;
  // SQLite gives -wal/-shm the database file's mode; files left by an older version are tightened here.
  tightenModes(filePath);
  // Counted from here on: the migrations' writes alone must not start a worker in every test that opens a file.
  const checkpointer = createWalCheckpointer(sqlite, filePath, { logger: options.logger });
  cached.onWrite = checkpointer.noteWrite;
  return {
    ...opened,
    checkpointer,
    // The worker's connection ends first: the main one, closing last, checkpoints and removes the WAL.
    close: async () => {
      await checkpointer.stop();
      await opened.close();
    },
  };
}

/** Creates the database file (and its folder) readable by the owner only, before SQLite opens it. */
function createPrivateFile(filePath: string): void {
  const folder = dirname(filePath);
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true, mode: 0o700 });
  closeSync(openSync(filePath, "a", 0o600));
  tightenModes(filePath);
}

function tightenModes(filePath: string): void {
  for (const file of [filePath, `${filePath}-wal`, `${filePath}-shm`, `${filePath}-journal`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

const STATEMENT_CACHE_LIMIT = 500;

interface StatementCache extends KyselySqliteDatabase {
  /** Told of every statement that writes (kysely prepares each one right before running it). */
  onWrite: (() => void) | undefined;
}

/**
 * kysely's SQLite driver prepares every statement anew; on the per-message path that was the largest single
 * cost. Prepared statements are reusable in better-sqlite3, so keep them by SQL text (bounded, since queries
 * with variable IN lists produce new texts).
 */
function withStatementCache(sqlite: SqliteDatabase.Database): StatementCache {
  const statements = new Map<string, SqliteDatabase.Statement>();
  const cache: StatementCache = {
    onWrite: undefined,
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_LIMIT) statements.clear();
        statements.set(sql, statement);
      }
      if (!statement.reader) cache.onWrite?.();
      return statement;
    },
  };
  return cache;
}
