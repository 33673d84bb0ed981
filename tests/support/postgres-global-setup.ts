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
 * Once per run of the PostgreSQL project: the table of test schemas. A schema is migrated once, then reused
 * by later tests after its rows are wiped, which is far cheaper than a database or migrations per test.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runUrl = testServerUrl();
  if (runUrl === undefined) throw new Error("the PostgreSQL project runs only with a TEST_DATABASE_URL");
  const prefix = `t${Date.now().toString(36)}${process.pid}_`;
  await withClient(runUrl, (client) =>
    client.query(
      `create table public.${quoteName(`${prefix}pool`)} (name text primary key, free boolean not null)`,
    ),
  );
  project.provide("postgresRunUrl", runUrl);
  project.provide("postgresPrefix", prefix);
  return () => dropSchemasStartingWith(runUrl, prefix);
}
