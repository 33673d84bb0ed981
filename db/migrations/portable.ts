import { type Kysely, PostgresAdapter } from "kysely";

// Frozen like the migrations that use it: the few places where SQLite and PostgreSQL need different DDL.
// A PostgreSQL database is always built from the first migration on, so its branches never see old rows.

export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Raw bytes: SQLite's blob is PostgreSQL's bytea. */
export function bytesType(db: Kysely<unknown>): "blob" | "bytea" {
  return isPostgres(db) ? "bytea" : "blob";
}
