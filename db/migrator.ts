import { type Kysely, sql } from "kysely";
import { type Migration, Migrator } from "kysely/migration";
import { isPostgres } from "./dialect.ts";
import { migrations as allMigrations } from "./migrations/index.ts";

/**
 * Brings the schema up to date and returns the names of the migrations it applied (empty when
 * already current). Throws an Error naming the failed migration.
 */
export async function migrateToLatest(
  // biome-ignore lint/suspicious/noExplicitAny: the Migrator works on any schema, as kysely's own API does.
  db: Kysely<any>,
  migrations: Readonly<Record<string, Migration>> = allMigrations,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
    // On PostgreSQL the bookkeeping lives beside the tables, in the schema the connection writes to: kysely
    // would otherwise take another schema's kysely_migration table for this one's.
    ...(isPostgres(db) ? { migrationTableSchema: await currentSchema(db) } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === "Error")?.migrationName ?? "(before any migration ran)";
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Database migration ${failed} failed: ${reason}`, { cause: error });
  }
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}

// biome-ignore lint/suspicious/noExplicitAny: any schema, as above.
async function currentSchema(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error("PostgreSQL: no schema to create the tables in (check the search_path)");
  return schema;
}
