import type { TestProject } from "vitest/node";
import { dropSchemasStartingWith, quoteName, testServerUrl, withClient } from "./postgres-test-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The database every PostgreSQL test works in, each test in a schema of its own. */
    postgresRunUrl: string;
    /** Every schema of this run starts with it; `<prefix>pool` lists them (see test-database.ts). */
    postgresPrefix: string;
  }
}

/**
 * Once per run of the PostgreSQL project: a database of the run's own, and in it the table of test schemas.
 * A schema is migrated once, then reused by later tests after its rows are wiped, which is far cheaper than
 * a database or migrations per test. The database is the run's own because PostgreSQL's catalog is per
 * database: a schema dropped by another run in the same database (two developers' runs, say) could fail a
 * migration listing the tables at that moment with "schema ... does not exist".
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = testServerUrl();
  if (serverUrl === undefined) throw new Error("the PostgreSQL project runs only with a TEST_DATABASE_URL");
  const prefix = `t${Date.now().toString(36)}${process.pid}_`;
  const ownDatabase = `${prefix}run`;
  const runUrl = await withClient(serverUrl, async (client) => {
    try {
      await client.query(`create database ${quoteName(ownDatabase)}`);
    } catch {
      // No right to create databases: the run shares the given one, its schemas named apart by the prefix.
      return undefined;
    }
    const url = new URL(serverUrl);
    url.pathname = `/${ownDatabase}`;
    return url.toString();
  });
  await withClient(runUrl ?? serverUrl, (client) =>
    client.query(
      `create table public.${quoteName(`${prefix}pool`)} (name text primary key, free boolean not null)`,
    ),
  );
  project.provide("postgresRunUrl", runUrl ?? serverUrl);
  project.provide("postgresPrefix", prefix);
  return async () => {
    if (runUrl === undefined) return dropSchemasStartingWith(serverUrl, prefix);
    await withClient(serverUrl, (client) =>
      client.query(`drop database if exists ${quoteName(ownDatabase)} with (force)`),
    );
  };
}
