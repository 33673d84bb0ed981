import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";
import type { Db } from "./schema.ts";

/** Rows copied per table, in the order the tables were copied. */
export type CopyReport = Array<{ table: string; rows: number }>;

export class TargetNotEmptyError extends Error {
  override name = "TargetNotEmptyError";
}

// Bound parameters per insert stay far below PostgreSQL's 65535; attachments go a few at a time (bytes).
const PARAMETERS_PER_INSERT = 8_000;
const BYTES_PER_INSERT = 8 * 1024 * 1024;

/**
 * Copies every row of a SQLite database into an empty PostgreSQL one, both already opened with openDatabase
 * (so both carry every migration, and the SQLite data is encrypted under the current key). Values are copied
 * as stored: encrypted fields stay the same ciphertext, so the PostgreSQL instances must use the same data
 * key. One transaction on each side: a consistent snapshot is read, and a failed copy leaves the target empty.
 * Refuses a target that holds any row.
 */
export async function copySqliteToPostgres(source: Db, target: Db): Promise<CopyReport> {
  if (isPostgres(source) || !isPostgres(target)) throw new Error("copies from SQLite to PostgreSQL only");
  // biome-ignore lint/suspicious/noExplicitAny: every table, whatever its shape, is copied column by column.
  const from = source as unknown as Kysely<any>;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  const to = target as unknown as Kysely<any>;
  const tables = await tablesParentsFirst(from);
  return from.transaction().execute((read) =>
    to.transaction().execute(async (write) => {
      const filled = await firstTableWithRows(write, tables);
      if (filled !== undefined) {
        throw new TargetNotEmptyError(`the PostgreSQL database already holds data (table ${filled})`);
      }
      const report: CopyReport = [];
      for (const table of tables) report.push({ table, rows: await copyTable(read, write, table) });
      await advanceIdentities(write);
      return report;
    }),
  );
}

/** The application's tables (not kysely's or SQLite's own), each after the tables its foreign keys name. */
// biome-ignore lint/suspicious/noExplicitAny: any schema.
async function tablesParentsFirst(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_%' escape '\\'
    order by name`.execute(db);
  const names = rows.map((row) => row.name);
  const parents = new Map<string, string[]>();
  for (const name of names) {
    const keys = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(
      db,
    );
    parents.set(
      name,
      keys.rows.map((key) => key.table).filter((parent) => parent !== name),
    );
  }
  const ordered: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (ordered.includes(name) || path.includes(name)) return;
    for (const parent of parents.get(name) ?? []) visit(parent, [...path, name]);
    ordered.push(name);
  };
  for (const name of names) visit(name, []);
  return ordered;
}

// biome-ignore lint/suspicious/noExplicitAny: any schema.
async function firstTableWithRows(db: Kysely<any>, tables: readonly string[]): Promise<string | undefined> {
  for (const table of tables) {
    const row = await db.selectFrom(table).select(sql`1`.as("one")).limit(1).executeTakeFirst();
    if (row !== undefined) return table;
  }
  return undefined;
}

/** Copies one table in rowid order, a batch at a time; returns how many rows. */
// biome-ignore lint/suspicious/noExplicitAny: any schema.
async function copyTable(read: Kysely<any>, write: Kysely<any>, table: string): Promise<number> {
  let copied = 0;
  let after = 0;
  for (;;) {
    const { rows } = await sql<Record<string, unknown>>`
      select rowid as copy_rowid, * from ${sql.table(table)} where rowid > ${after} order by rowid limit 500
    `.execute(read);
    if (rows.length === 0) return copied;
    after = Number(rows.at(-1)!.copy_rowid);
    const values = rows.map(({ copy_rowid: _rowid, ...columns }) => columns);
    for (const batch of batches(values)) await write.insertInto(table).values(batch).execute();
    copied += values.length;
  }
}

/** Splits rows into inserts that stay under the parameter and size limits. */
function* batches(rows: Record<string, unknown>[]): Generator<Record<string, unknown>[]> {
  let batch: Record<string, unknown>[] = [];
  let parameters = 0;
  let bytes = 0;
  for (const row of rows) {
    const columns = Object.keys(row).length;
    const size = Object.values(row).reduce<number>(
      (sum, value) =>
        sum + (Buffer.isBuffer(value) ? value.length : typeof value === "string" ? value.length : 8),
      0,
    );
    if (
      batch.length > 0 &&
      (parameters + columns > PARAMETERS_PER_INSERT || bytes + size > BYTES_PER_INSERT)
    ) {
      yield batch;
      batch = [];
      parameters = 0;
      bytes = 0;
    }
    batch.push(row);
    parameters += columns;
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

/**
 * Identity columns (seq, ids) were given their values from SQLite: their sequences go on after the highest
 * one, so the next insert on PostgreSQL does not take a number already used.
 */
// biome-ignore lint/suspicious/noExplicitAny: any schema.
async function advanceIdentities(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES'`.execute(db);
  for (const { table_name: table, column_name: column } of rows) {
    await sql`select setval(pg_get_serial_sequence(${`"${table}"`}, ${column}),
      coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
  }
}
