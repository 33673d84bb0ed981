import pg from "pg";

// The PostgreSQL server the suite's second pass runs on. TEST_DATABASE_URL names a database on it that the
// suite may create its own databases beside (.ci/run makes a fresh one per run); unset, the local server of
// a development machine is tried. "off" (or empty) skips the PostgreSQL pass.

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test";

/** The configured server URL, or undefined when the PostgreSQL pass is switched off. */
export function testServerUrl(): string | undefined {
  const value = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;
  return value.trim() === "" || value.trim().toLowerCase() === "off" ? undefined : value.trim();
}

/**
 * The same database with every connection working in `schema` (its search_path) and named after it, so that
 * whatever is still connected to a schema can be found when it is handed to the next test.
 */
export function withSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("options", `-c search_path=${schema}`);
  parsed.searchParams.set("application_name", schema);
  return parsed.toString();
}

/** The URL without its password, for messages. */
export function displayUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/** Runs `work` with one connection to `url`, closed afterwards; gives up connecting after `timeoutMs`. */
export async function withClient<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
  timeoutMs = 5_000,
): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A server going away mid-run is reported by the failing query; unheard, this event would crash vitest.
  client.on("error", () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Why the server cannot be used, or undefined when it answers. */
export async function unreachableReason(url: string): Promise<string | undefined> {
  try {
    await withClient(url, (client) => client.query("select 1"), 3_000);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  }
}

/** An identifier made of [a-z0-9_] only, safe to put into DDL as it is. */
export function quoteName(name: string): string {
  if (!/^[a-z0-9_]{1,63}$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  return `"${name}"`;
}

/** Drops every schema whose name starts with `prefix` (and the run's pool table), whoever still uses them. */
export async function dropSchemasStartingWith(url: string, prefix: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where starts_with(application_name, $1)",
      [prefix],
    );
    const { rows } = await client.query<{ nspname: string }>(
      "select nspname from pg_namespace where starts_with(nspname, $1)",
      [prefix],
    );
    for (const { nspname } of rows) await client.query(`drop schema if exists ${quoteName(nspname)} cascade`);
    await client.query(`drop table if exists public.${quoteName(`${prefix}pool`)}`);
  });
}
