import { defineConfig, type TestProjectInlineConfiguration, type ViteUserConfig } from "vitest/config";
import { displayUrl, testServerUrl, unreachableReason } from "./tests/support/postgres-test-server.ts";

// Every test runs on SQLite; the tests that touch the database (repositories, engine, channels) run a
// second time on PostgreSQL when a server is reachable (TEST_DATABASE_URL, see tests/support).
const DATABASE_TESTS = [
  "tests/db/**/*.test.ts",
  "tests/bot/**/*.test.ts",
  "tests/telegram/**/*.test.ts",
  "tests/whatsapp/**/*.test.ts",
];

// vitest reads this file again for each project that extends it: the server is asked (and a skip
// reported) once per run, the answer kept in the environment for the later reads.
const PROBED = "ASN_TEST_POSTGRES_SKIPPED";

async function postgresSkipReason(): Promise<string | undefined> {
  const known = process.env[PROBED];
  if (known !== undefined) return known === "" ? undefined : known;
  const serverUrl = testServerUrl();
  const reason = serverUrl === undefined ? "TEST_DATABASE_URL=off" : await unreachableReason(serverUrl);
  if (reason !== undefined) {
    const where = serverUrl === undefined ? "" : ` at ${displayUrl(serverUrl)}`;
    console.log(`PostgreSQL run skipped: no server${where} (${reason}); tests ran on SQLite only.`);
  }
  process.env[PROBED] = reason ?? "";
  return reason;
}

export default defineConfig(async (): Promise<ViteUserConfig> => {
  const reason = await postgresSkipReason();
  const sqlite: TestProjectInlineConfiguration = {
    extends: true,
    test: { name: "sqlite", include: ["tests/**/*.test.ts"], env: { TEST_DATABASE: "sqlite" } },
  };
  const postgres: TestProjectInlineConfiguration = {
    extends: true,
    test: {
      name: "postgres",
      include: DATABASE_TESTS,
      env: { TEST_DATABASE: "postgres" },
      globalSetup: ["tests/support/postgres-global-setup.ts"],
      setupFiles: ["tests/support/postgres-setup-file.ts"],
    },
  };
  return {
    test: {
      testTimeout: 20_000,
      hookTimeout: 20_000,
      teardownTimeout: 10_000,
      // expect.poll waits for a positive signal; its 1 s default failed tests on a loaded machine (a reply
      // on PostgreSQL took longer), while a passing poll ends as soon as the signal comes.
      expect: { poll: { timeout: 10_000 } },
      // The JSON report feeds the plain "N passed, N failed" line that .ci/run prints last.
      reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
      projects: reason === undefined ? [sqlite, postgres] : [sqlite],
    },
  };
});
