import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type SqliteDatabase from "better-sqlite3";

/** Where a checkpointer reports that its worker failed; a pino logger fits. */
export interface CheckpointLogger {
  error(details: object, message: string): void;
}

/** What one `pragma wal_checkpoint(PASSIVE)` of the worker reported. */
export interface CheckpointResult {
  /** 1 when another checkpoint (the main connection's backstop) held the lock. */
  busy: number;
  /** Pages in the WAL. */
  log: number;
  /** Pages of it now copied into the database file. */
  checkpointed: number;
}

/**
 * Checkpoints a SQLite file in WAL mode from a worker thread, so that copying the WAL into the database file
 * and its two fsyncs no longer stall a message on the main thread (better-sqlite3 is synchronous: SQLite's
 * automatic checkpoint ran inside a commit, one commit in about 70, for about 4 ms).
 */
export interface WalCheckpointer {
  /** Counts one statement that writes on the main connection; asks the worker once enough were written. */
  noteWrite(): void;
  /** Resolves after the next checkpoint the worker completes (for tests and diagnostics). */
  nextCheckpoint(): Promise<CheckpointResult>;
  /** Whether a worker thread is running now. */
  readonly running: boolean;
  /** Whether checkpoints went back to the main connection after the worker failed. */
  readonly fellBack: boolean;
  /** Stops the worker, if one was started, and waits until its thread ended. */
  stop(): Promise<void>;
}

export interface WalCheckpointerOptions {
  logger?: CheckpointLogger;
  /** Writing statements (begin, commit, savepoints included) between requests to the worker, and before the first. */
  writesPerRequest?: number;
  /** WAL pages not yet copied below which a request is let pass. */
  minCheckpointPages?: number;
  /** The module the worker loads its driver from; tests give a broken one. */
  driver?: string;
}

// The worker is asked every this many writing statements (about every 18 engine messages), and checkpoints
// only when the WAL holds enough pages not yet copied: counting pages on the main thread would cost a
// statement per commit, and messages committed together write far fewer pages per statement.
const WRITES_PER_REQUEST = 100;
// The first request, which starts the worker, waits for several times as many: a test or a quiet day that
// writes a little never starts a thread.
const WRITES_BEFORE_START = 5 * WRITES_PER_REQUEST;
// About 125 engine messages (about 8 pages each): SQLite's own default. Half of it was tried: pages that
// change with every message (the newest leaf of each table) were copied twice as often, for ~8% more CPU
// per message and no better p99.
const MIN_CHECKPOINT_PAGES = 1000;

// While the worker runs, the main connection still checkpoints by itself once the WAL holds this many
// pages (16 MB of 4 KB pages), for two reasons. SQLite starts the WAL over only when a write begins with
// all of it copied; under unbroken load each of the worker's checkpoints overlaps new writes, so only a
// checkpoint by the writer itself (of the few pages the worker left, about 1 ms) lets the WAL restart.
// And a stuck worker must not let the WAL grow without bound. At ~8 pages a message this is one message
// in about 500, outside the 99th percentile; SQLite's 1000 would be one in 125.
const BACKSTOP_PAGES = 4000;
// SQLite's default, for the main connection again once the worker failed.
const SQLITE_AUTOCHECKPOINT = 1000;

// How long stop() waits for a checkpoint under way before it terminates the thread.
const STOP_GRACE_MS = 5000;

// Shared with the worker: a main thread busy with back-to-back messages (each settled by promises alone)
// may not turn its event loop, and so not see the worker's replies, for a long time.
const BUSY = 0; // 1 from a request until the worker finished it

// Plain CommonJS evaluated as a string: the same under tsx, vitest and the compiled build, which would
// otherwise each need a worker file of their own. No execArgv, so the thread loads no TypeScript hooks.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const state = new Int32Array(workerData.state);
const db = new Database(workerData.file, { fileMustExist: true });
// Checkpoints sync as the main connection's do: the WAL before copying, the database file after.
db.pragma("synchronous = NORMAL");
parentPort.on("message", (request) => {
  if (request === "stop") {
    db.close();
    parentPort.close();
    return;
  }
  try {
    // NOOP only reads the WAL-index header: how many pages the WAL holds and how many are copied already.
    const waiting = db.pragma("wal_checkpoint(NOOP)")[0];
    if (waiting.log - waiting.checkpointed < workerData.minPages) {
      Atomics.store(state, ${BUSY}, 0);
      return;
    }
    const result = db.pragma("wal_checkpoint(PASSIVE)")[0];
    Atomics.store(state, ${BUSY}, 0);
    parentPort.postMessage({ done: result });
  } catch (error) {
    parentPort.postMessage({ failed: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

type WorkerReply = { done: CheckpointResult } | { failed: { message: string; code?: string } };

/**
 * Takes over the checkpoints of the main connection `sqlite` to the WAL database `file`. The worker starts
 * with the first request, so a database that is only opened and written a little never gets one. A worker
 * that fails is logged and the main connection checkpoints as SQLite does by default.
 */
export function createWalCheckpointer(
  sqlite: SqliteDatabase.Database,
  file: string,
  options: WalCheckpointerOptions = {},
): WalCheckpointer {
  const writesPerRequest = options.writesPerRequest ?? WRITES_PER_REQUEST;
  const writesBeforeStart = options.writesPerRequest ?? WRITES_BEFORE_START;
  const state = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);

  // The thread until it exited; `usable` while it takes requests.
  let thread: Worker | undefined;
  let exited: Promise<void> = Promise.resolve();
  let usable = false;
  let writes = 0;
  let stopped = false;
  let fellBack = false;
  let waiting: Array<(result: CheckpointResult) => void> = [];

  function fallBack(details: object): void {
    if (fellBack || stopped) return;
    fellBack = true;
    usable = false;
    options.logger?.error(
      details,
      "WAL checkpoint worker failed; checkpoints run on the main connection again",
    );
    try {
      sqlite.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT}`);
    } catch {
      // The connection is closed already: nothing left to checkpoint.
    }
    thread?.postMessage("stop");
  }

  function start(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: {
        file,
        state: state.buffer,
        minPages: options.minCheckpointPages ?? MIN_CHECKPOINT_PAGES,
        driver: options.driver ?? createRequire(import.meta.url).resolve("better-sqlite3"),
      },
    });
    // A database someone forgot to close must not keep the process alive.
    worker.unref();
    exited = new Promise((resolve) => worker.once("exit", () => resolve()));
    worker.on("message", (reply: WorkerReply) => {
      if ("failed" in reply) fallBack({ err: reply.failed });
      else for (const resolve of waiting.splice(0)) resolve(reply.done);
    });
    // The thread died (its driver failed to load, the file could not be opened). The thread runs pragmas
    // only, so its errors name no row; only their message and code are logged.
    worker.on("error", (error: Error & { code?: string }) => {
      fallBack({ err: { message: error.message, code: error.code } });
    });
    worker.on("exit", (code) => {
      thread = undefined;
      fallBack({ err: { message: `checkpoint worker exited with code ${code}` } });
    });
    thread = worker;
    usable = true;
    return worker;
  }

  function request(): void {
    // Still busy with the last one: asked again at the next write.
    if (stopped || fellBack || Atomics.load(state, BUSY) === 1) return;
    writes = 0;
    Atomics.store(state, BUSY, 1);
    (usable ? thread! : start()).postMessage("checkpoint");
  }

  return {
    noteWrite() {
      if (++writes >= (usable ? writesPerRequest : writesBeforeStart)) request();
    },
    nextCheckpoint() {
      return new Promise((resolve) => waiting.push(resolve));
    },
    get running() {
      return thread !== undefined;
    },
    get fellBack() {
      return fellBack;
    },
    async stop() {
      stopped = true;
      usable = false;
      waiting = [];
      if (!thread) return;
      const worker = thread;
      // Kept alive until the thread ended, so that awaiting close() last in a script still gets there.
      worker.ref();
      worker.postMessage("stop");
      const stuck = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
      await exited;
      clearTimeout(stuck);
    },
  };
}
