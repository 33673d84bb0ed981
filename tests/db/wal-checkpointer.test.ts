import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { inTransaction, markMessageProcessed, type OpenedDatabase, openDatabase } from "../../db/index.ts";
import { truncateWal } from "../../db/retention.repository.ts";
import {
  type CheckpointLogger,
  type CheckpointResult,
  createWalCheckpointer,
} from "../../db/wal-checkpointer.ts";
import { onPostgres } from "../support/test-database.ts";

let dir: string;
const toClose: Array<() => unknown> = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "asn-checkpoint-"));
});

afterEach(async () => {
  for (const close of toClose.splice(0).reverse()) await close();
  rmSync(dir, { recursive: true, force: true });
});

async function openFile(): Promise<OpenedDatabase> {
  const opened = await openDatabase(join(dir, "helpdesk.db"));
  toClose.push(() => opened.close());
  return opened;
}

/** One message's bookkeeping per transaction until the worker reports a checkpoint. */
async function writeUntilCheckpointed(opened: OpenedDatabase): Promise<CheckpointResult> {
  let result: CheckpointResult | undefined;
  // A checkpoint that found another one under way (the main connection's own, at its backstop, when the
  // worker lags behind on a loaded machine) reports busy and copied nothing: wait for one that ran.
  const watch = (): void =>
    void opened.checkpointer!.nextCheckpoint().then((done) => {
      if (done.busy === 0) result = done;
      else watch();
    });
  watch();
  for (let n = 0; n < 10_000; n++) {
    await inTransaction(opened.db, (trx) => markMessageProcessed(trx, "test", `m-${n}`));
    // Every few transactions a turn of the event loop, where the worker's reply arrives.
    if (n % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (result) return result;
  }
  throw new Error("no checkpoint by the worker after 10000 transactions");
}

/** The rows the database file holds by itself, without its WAL. */
function rowsInDatabaseFileAlone(file: string): number {
  const copy = join(dir, "alone.db");
  copyFileSync(file, copy);
  const alone = new SqliteDatabase(copy);
  try {
    return (alone.prepare("select count(*) as n from processed_messages").get() as { n: number }).n;
  } finally {
    alone.close();
  }
}

/** A logger whose first error can be awaited. */
function errorLogger(): CheckpointLogger & { firstError: Promise<{ details: object; message: string }> } {
  let report: (entry: { details: object; message: string }) => void = () => {};
  const firstError = new Promise<{ details: object; message: string }>((resolve) => {
    report = resolve;
  });
  return { firstError, error: (details, message) => report({ details, message }) };
}

/** A bare WAL connection with a table, as openDatabase leaves one. */
function walConnection(file: string): SqliteDatabase.Database {
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.exec("create table filler (x text)");
  toClose.push(() => sqlite.close());
  return sqlite;
}

describe.skipIf(onPostgres)("checkpoints of a SQLite file in a worker thread", () => {
  test("a database opened and written a little starts no worker", async () => {
    const opened = await openFile();
    for (let n = 0; n < 5; n++) await markMessageProcessed(opened.db, "test", `m-${n}`);
    expect(opened.checkpointer?.running).toBe(false);
  });

  test("an in-memory database has no checkpointer", async () => {
    const opened = await openDatabase(":memory:");
    toClose.push(() => opened.close());
    expect(opened.checkpointer).toBeUndefined();
  });

  test("after enough writes the worker copies the WAL into the database file", async () => {
    const opened = await openFile();
    const result = await writeUntilCheckpointed(opened);

    expect(result.checkpointed).toBeGreaterThanOrEqual(1000);
    // A request sent by the last writes may still be copying pages: the file is read once the worker ended
    // (its connection closing is not the last one, so that copies nothing more).
    await opened.checkpointer!.stop();
    expect(rowsInDatabaseFileAlone(join(dir, "helpdesk.db"))).toBeGreaterThan(0);
  });

  test("closing stops the worker, and the main connection, closing last, checkpoints and removes the WAL", async () => {
    const opened = await openFile();
    await writeUntilCheckpointed(opened);
    // Written after the worker's checkpoint: only the main connection's checkpoint on close moves it.
    await markMessageProcessed(opened.db, "test", "last");

    await opened.close();
    expect(opened.checkpointer?.running).toBe(false);
    expect(existsSync(join(dir, "helpdesk.db-wal"))).toBe(false);
    const reopened = new SqliteDatabase(join(dir, "helpdesk.db"));
    toClose.push(() => reopened.close());
    expect(
      reopened.prepare("select count(*) as n from processed_messages where message_id = 'last'").get(),
    ).toEqual({ n: 1 });
  });

  test("the purge's truncating checkpoint still empties the WAL while the worker runs", async () => {
    const opened = await openFile();
    await writeUntilCheckpointed(opened);
    await markMessageProcessed(opened.db, "test", "after");

    // The write just above may have sent the worker to checkpoint: the purge waits its turn.
    expect(await truncateWal(opened.db)).toBe(true);
    expect(statSync(join(dir, "helpdesk.db-wal")).size).toBe(0);
  });

  test("a worker that cannot start hands checkpoints back to the main connection, and says so", async () => {
    const file = join(dir, "bare.db");
    const sqlite = walConnection(file);
    const logger = errorLogger();
    const checkpointer = createWalCheckpointer(sqlite, file, {
      logger,
      writesPerRequest: 1,
      driver: join(dir, "no-such-driver.js"),
    });
    toClose.push(() => checkpointer.stop());
    expect(sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(4000);

    sqlite.prepare("insert into filler values ('x')").run();
    checkpointer.noteWrite();

    const { details } = await logger.firstError;
    expect(details).toMatchObject({ err: { code: "MODULE_NOT_FOUND" } });
    expect(checkpointer.fellBack).toBe(true);
    expect(sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    await checkpointer.stop();
    expect(checkpointer.running).toBe(false);
  });

  test("a checkpoint that fails in the worker hands checkpoints back to the main connection", async () => {
    const file = join(dir, "bare.db");
    const sqlite = walConnection(file);
    // The worker's file is no database: its checkpoint fails (SQLITE_NOTADB) after the thread started fine.
    const notADatabase = join(dir, "not-a-database");
    writeFileSync(notADatabase, "plain text, not a database ".repeat(200));
    const logger = errorLogger();
    const checkpointer = createWalCheckpointer(sqlite, notADatabase, {
      logger,
      writesPerRequest: 1,
      minCheckpointPages: 0,
    });
    toClose.push(() => checkpointer.stop());

    checkpointer.noteWrite();

    const { details } = await logger.firstError;
    expect(details).toMatchObject({ err: { code: "SQLITE_NOTADB" } });
    expect(checkpointer.fellBack).toBe(true);
    expect(sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    await checkpointer.stop();
    expect(checkpointer.running).toBe(false);
  });
});
