import { type Kysely, PostgresAdapter } from "kysely";

/**
 * Whether `db` (a database or a transaction) runs on PostgreSQL rather than SQLite. The few statements that
 * differ between the two ask this; everything else is the same kysely query on both.
 */
// biome-ignore lint/suspicious/noExplicitAny: any schema, as migrations see the database untyped.
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Whether a database location is a PostgreSQL connection URL (DATABASE_URL) rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}
