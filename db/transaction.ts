import type { Db } from "./schema.ts";

/** A first-in-first-out lock: each release wakes exactly the next waiter. */
class FifoLock {
  #tail: Promise<void> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

// kysely's SQLite connection mutex wakes every waiter on each release, which is quadratic when hundreds of
// chats write at once. SQLite has one writer anyway, so transactions queue here, one waiter at a time.
const locks = new WeakMap<object, FifoLock>();

function lockFor(db: Db): FifoLock {
  let lock = locks.get(db);
  if (!lock) {
    lock = new FifoLock();
    locks.set(db, lock);
  }
  return lock;
}

/**
 * Runs `fn` in a transaction, or directly in `db` when it already is one, so repository functions
 * compose inside a caller's transaction instead of opening a nested one.
 */
export async function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return lockFor(db).run(() => db.transaction().execute(fn));
}
