import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { inject, onTestFinished } from "vitest";
import { type DataKeySettings, type OpenedDatabase, openDatabase } from "../../db/index.ts";
import { quoteName, withClient, withSchema } from "./postgres-test-server.ts";

/** Whether this test file runs in the PostgreSQL project (vitest.config.ts sets it per project). */
export const onPostgres = process.env.TEST_DATABASE === "postgres";

/** A database of its own for one test, on whichever database the project runs on. */
export interface TestDatabase {
  /** What openDatabase takes: a SQLite path (":memory:" by default) or a PostgreSQL URL. */
  location: string;
  /** The data key to open it with (PostgreSQL needs one; SQLite makes its own). */
  keys: DataKeySettings;
  /** The same as settings, for loadConfig or a child process's environment. */
  env: Record<string, string>;
}

// One key per test file: a database reopened (or opened by a child process) within the file can read it.
const key = randomBytes(32);

// On PostgreSQL, the schema standing for each SQLite file path given, so that a test reopening "the same
// file" (a restart) finds its data again.
const byPath = new Map<string, TestDatabase>();

/**
 * A database without data: on SQLite `sqlitePath` (in memory unless a file is asked for), on PostgreSQL a
 * schema of its own, migrated (the first open of a new one migrates it) unless `unmigrated` asks for a bare
 * one; the same schema again for a file path given before. It belongs to the test that asked for it first,
 * or to the whole file when asked for outside a test.
 */
export async function newTestDatabase(
  options: { sqlitePath?: string; unmigrated?: boolean } = {},
): Promise<TestDatabase> {
  const path = options.sqlitePath ?? ":memory:";
  if (!onPostgres) return { location: path, keys: {}, env: { DATABASE_PATH: path } };
  const known = byPath.get(path);
  if (known) return known;
  const schema = options.unmigrated ? await createSchema(false) : await takePooledSchema();
  const location = withSchema(inject("postgresRunUrl"), schema);
  const env = { DATABASE_URL: location, DATA_KEY: key.toString("base64") };
  // Unused for the data then, but what the bot keeps beside "its database" (charts) still goes there.
  const database = {
    location,
    keys: { key },
    env: path === ":memory:" ? env : { ...env, DATABASE_PATH: path },
  };
  // Every ":memory:" is a database of its own, as on SQLite.
  if (path !== ":memory:") byPath.set(path, database);
  releaseAfterwards(schema, !options.unmigrated, path);
  return database;
}

/**
 * A database with the real migrations applied: in memory on SQLite (or the file at `sqlitePath`, reopened
 * when given again), a schema of its own on PostgreSQL (the same one again for the same `sqlitePath`).
 */
export async function openTestDatabase(sqlitePath?: string): Promise<OpenedDatabase> {
  const { location, keys } = await newTestDatabase({ sqlitePath });
  return openDatabase(location, keys);
}

/**
 * One new database opened `count` times, each open with connections of its own, as separate instances of
 * the bot have: on SQLite a file in a temporary folder (every ":memory:" is a database of its own), on
 * PostgreSQL one schema. Closed, and the folder removed, when the test ends. Call it inside a test.
 */
export async function openTestDatabaseConnections(count: number): Promise<OpenedDatabase[]> {
  const dir = mkdtempSync(join(tmpdir(), "asn-shared-db-"));
  const opened: OpenedDatabase[] = [];
  onTestFinished(async () => {
    await Promise.all(opened.map((database) => database.close()));
    rmSync(dir, { recursive: true, force: true });
  });
  const { location, keys } = await newTestDatabase({ sqlitePath: join(dir, "helpdesk.db") });
  // One after the other: the first open migrates (and on SQLite makes the key file the others read).
  for (let n = 0; n < count; n += 1) opened.push(await openDatabase(location, keys));
  return opened;
}

/**
 * A bare kysely connection to a test database, without migrations, encryption or anything else openDatabase
 * adds: for tests of the migrations themselves.
 */
export function rawTestConnection(database: TestDatabase): Kysely<unknown> {
  if (!onPostgres) {
    return new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new SqliteDatabase(database.location) }),
    });
  }
  const pool = new pg.Pool({ connectionString: database.location, max: 2 });
  return new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
}

// PostgreSQL schemas come from a pool shared by every test process of the run (a table in the run's
// database): a schema is migrated once, and after its test its rows are wiped and it goes back to the pool.

const poolTable = () => `public.${quoteName(`${inject("postgresPrefix")}pool`)}`;
const runUrl = () => inject("postgresRunUrl");

async function takePooledSchema(): Promise<string> {
  const taken = await withClient(runUrl(), (client) =>
    client.query<{ name: string }>(
      `update ${poolTable()} set free = false
       where name = (select name from ${poolTable()} where free limit 1 for update skip locked)
       returning name`,
    ),
  );
  return taken.rows[0]?.name ?? createSchema(true);
}

async function createSchema(pooled: boolean): Promise<string> {
  const name = `${inject("postgresPrefix")}${randomBytes(5).toString("hex")}`;
  await withClient(runUrl(), async (client) => {
    await client.query(`create schema ${quoteName(name)}`);
    if (pooled) await client.query(`insert into ${poolTable()} (name, free) values ($1, false)`, [name]);
  });
  return name;
}

const fileSchemas: Array<{ schema: string; reuse: boolean }> = [];

function releaseAfterwards(schema: string, reuse: boolean, path: string): void {
  try {
    onTestFinished(() => {
      byPath.delete(path);
      return release([{ schema, reuse }]);
    });
  } catch {
    // Asked for outside a test (beforeAll): it serves the whole file, released by the setup file's afterAll.
    fileSchemas.push({ schema, reuse });
  }
}

/** Releases the schemas taken outside tests (the setup file calls this after all tests of a file). */
export async function releaseFileDatabases(): Promise<void> {
  await release(fileSchemas.splice(0));
}

/**
 * Ends whatever is still connected to the schemas, then wipes their rows and returns them to the pool, or
 * takes them out of it (a bare one, or one whose tables a test changed).
 */
async function release(schemas: Array<{ schema: string; reuse: boolean }>): Promise<void> {
  if (schemas.length === 0) return;
  await withClient(runUrl(), async (client) => {
    for (const { schema, reuse } of schemas) {
      await client.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()",
        [schema],
      );
      if (reuse && (await wipe(client, schema))) {
        await client.query(`update ${poolTable()} set free = true where name = $1`, [schema]);
      } else {
        // Left standing until the run ends (the global setup's teardown drops every schema of the run): a
        // schema dropped while another test's migrator lists the tables of the database makes that listing
        // fail with "schema ... does not exist" (a catalog race in PostgreSQL).
        await client.query(`delete from ${poolTable()} where name = $1`, [schema]);
      }
    }
  });
}

/** Empties every table but the migration bookkeeping (identity counters go on); false when the schema is not a fully migrated one. */
async function wipe(client: pg.Client, schema: string): Promise<boolean> {
  const { rows } = await client.query<{ tablename: string }>(
    "select tablename from pg_tables where schemaname = $1",
    [schema],
  );
  const names = rows.map((row) => row.tablename);
  if (!names.includes("kysely_migration")) return false;
  const data = names.filter((name) => !name.startsWith("kysely_migration"));
  if (data.length === 0) return true;
  // DELETE, not TRUNCATE: a test leaves a handful of rows, and deleting them costs a few milliseconds
  // where TRUNCATE rewrites every table's files (hundreds of milliseconds a test). Foreign keys are not
  // checked meanwhile (replica role), so the order of the tables does not matter.
  await client.query("begin");
  try {
    await client.query("set local session_replication_role = replica");
    for (const name of data) await client.query(`delete from ${quoteName(schema)}.${quoteName(name)}`);
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  }
  return true;
}
