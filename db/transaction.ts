import { CompiledQuery } from "kysely";
import { isPostgres } from "./dialect.ts";
import type { Db } from "./schema.ts";

interface Pending {
  work: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

// The hooks registered by the piece of work running in a lane transaction right now (see afterCommit).
type CommitHook = (root: Db) => void;
const commitHooks = new WeakMap<object, CommitHook[]>();

function runHooks(root: Db, hooks: readonly CommitHook[]): void {
  for (const hook of hooks) {
    try {
      hook(root);
    } catch {
      // A hook only wakes someone up; its failure must not turn a committed transaction into an error.
    }
  }
}

const SAVEPOINT = CompiledQuery.raw("savepoint lane_item");
const RELEASE = CompiledQuery.raw("release savepoint lane_item");
const ROLLBACK_TO = CompiledQuery.raw("rollback to savepoint lane_item");

// Enough to amortise a commit at a peak, small enough that one batch never holds the writer for long.
const MAX_BATCH = 64;

/**
 * The single writer of one database. SQLite has one writer anyway, and at a season peak most of a message's
 * cost was its own commit (WAL frames for the same few pages, again and again). So transactions that queue
 * up while one runs are committed together: each runs inside a savepoint of one shared transaction, a
 * failing one is rolled back to its savepoint alone, and every caller is answered only after the commit.
 * Alone in the queue, a transaction runs as an ordinary one.
 */
class WriteLane {
  readonly #db: Db;
  readonly #queue: Pending[] = [];
  #draining = false;

  constructor(db: Db) {
    this.#db = db;
  }

  run<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MAX_BATCH);
        if (batch.length === 1) await this.#runAlone(batch[0]!);
        else await this.#runTogether(batch);
      }
    } finally {
      this.#draining = false;
    }
  }

  async #runAlone(item: Pending): Promise<void> {
    try {
      item.resolve(await runOwnTransaction(this.#db, item.work));
    } catch (error) {
      item.reject(error);
    }
  }

  async #runTogether(batch: Pending[]): Promise<void> {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    const committedHooks: CommitHook[] = [];
    try {
      await this.#db.transaction().execute(async (trx) => {
        for (const item of batch) {
          await trx.executeQuery(SAVEPOINT);
          // Each piece of work collects its own hooks: a piece rolled back to its savepoint drops them.
          const hooks: CommitHook[] = [];
          commitHooks.set(trx, hooks);
          try {
            const value = await item.work(trx);
            await trx.executeQuery(RELEASE);
            committedHooks.push(...hooks);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await trx.executeQuery(ROLLBACK_TO);
            await trx.executeQuery(RELEASE);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of the batch was written.
      for (const item of batch) item.reject(error);
      return;
    }
    runHooks(this.#db, committedHooks);
    batch.forEach((item, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}

/** One ordinary transaction; its commit hooks run once it committed. */
async function runOwnTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  const hooks: CommitHook[] = [];
  const value = await db.transaction().execute((trx) => {
    commitHooks.set(trx, hooks);
    return work(trx);
  });
  runHooks(db, hooks);
  return value;
}

// PostgreSQL aborts one of two transactions that wait on each other (deadlock_detected); nothing of it was
// written, so it is simply run again.
const DEADLOCK = "40P01";
const DEADLOCK_ATTEMPTS = 5;

async function runConcurrent<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOwnTransaction(db, work);
    } catch (error) {
      if ((error as { code?: unknown }).code !== DEADLOCK || attempt >= DEADLOCK_ATTEMPTS) throw error;
    }
  }
}

const lanes = new WeakMap<object, WriteLane>();

function laneFor(db: Db): WriteLane {
  let lane = lanes.get(db);
  if (!lane) {
    lane = new WriteLane(db);
    lanes.set(db, lane);
  }
  return lane;
}

/**
 * Runs `fn` in a transaction, or directly in `db` when it already is one, so repository functions
 * compose inside a caller's transaction instead of opening a nested one. On PostgreSQL `fn` may run again
 * after a deadlock, so it must do nothing but database work (wake-ups go through afterCommit).
 */
export async function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  // PostgreSQL runs transactions side by side (and other instances write too): no lane to queue in.
  if (isPostgres(db)) return runConcurrent(db, fn);
  return laneFor(db).run(fn);
}

/**
 * Runs `hook` with the database (not the transaction) once what `db` wrote is committed: at once outside
 * a transaction, after the commit inside one (never, when it rolls back). For wake-ups only (the outbox
 * sender), never for data.
 */
export function afterCommit(db: Db, hook: (root: Db) => void): void {
  const hooks = db.isTransaction ? commitHooks.get(db) : undefined;
  if (hooks) hooks.push(hook);
  else runHooks(db, [hook]);
}
