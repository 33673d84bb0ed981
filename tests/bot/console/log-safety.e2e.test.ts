import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { leaksIn, SECRET } from "../../support/log-capture.ts";
import { type ProcessResult, runProcess } from "../../support/run-process.ts";
import { newTestDatabase } from "../../support/test-database.ts";

const ROOT = join(import.meta.dirname, "../../..");
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "asn-console-log-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real process (`npm start`, console mode) at LOG_LEVEL=debug, lines piped in; its log is stderr. */
async function npmStart(lines: string[]): Promise<ProcessResult> {
  const database = await newTestDatabase({ sqlitePath: join(dir, "helpdesk.db") });
  return runProcess("npm", ["start", "--silent"], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...database.env,
      LOG_LEVEL: "debug",
      TELEGRAM_BOT_TOKEN: "",
      WHATSAPP_ENABLED: "",
    },
    input: `${lines.join("\n")}\n`,
  });
}

describe("console logs", () => {
  test("a full reset-password form and an admin view at debug level leave no NIK, KK or security answer", async () => {
    const { stdout, stderr } = await npmStart([
      "menu",
      "4",
      "Siti Rahmawati",
      SECRET.nik,
      SECRET.kk,
      "Kabupaten Bogor",
      "17 Agustus 1995",
      "ya",
      SECRET.securityQuestion,
      SECRET.securityAnswer,
      "kirim",
      "/admin tiket",
    ]);
    const number = /nomor tiket \W*([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(stdout)?.[1];
    expect(number, stdout).toBeDefined();
    // The chat itself (stdout) shows the summary; the log (stderr) must not.
    expect(stdout).toContain(SECRET.securityAnswer);
    expect(stderr).toContain('"msg":"message handled"');
    expect(leaksIn(stderr)).toEqual([]);
  }, 60_000);
});
