import type { Db } from "./schema.ts";

/**
 * Runs `fn` in a transaction, or directly in `db` when it already is one, so repository functions
 * compose inside a caller's transaction instead of opening a nested one.
 */
export async function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}
