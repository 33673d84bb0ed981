import type { Kysely } from "kysely";
import { type Migration, Migrator } from "kysely/migration";
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
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations }) } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === "Error")?.migrationName ?? "(before any migration ran)";
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Database migration ${failed} failed: ${reason}`, { cause: error });
  }
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}
