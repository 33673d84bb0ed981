import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { DataCipher } from "./data-cipher.ts";
import { DataProtectionPlugin } from "./data-protection.ts";
import type { Database } from "./schema.ts";

/** Connections per instance: a few transactions at once are plenty for one bot process. */
const POOL_SIZE = 10;

/**
 * A kysely instance over a pool of connections to the PostgreSQL database at `url` (DATABASE_URL). Nothing
 * is connected until the first query.
 */
export function openPostgres(url: string, cipher: DataCipher): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    // A server that does not answer fails the query instead of leaving the bot waiting forever.
    connectionTimeoutMillis: 15_000,
    application_name: "asn-helpdesk",
  });
  // An idle connection dropped by the server (restart, failover) is reported here; unheard, Node would
  // crash the process. The pool replaces it, and the next query that fails says why.
  pool.on("error", () => {});
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new DataProtectionPlugin(cipher)],
  });
}
