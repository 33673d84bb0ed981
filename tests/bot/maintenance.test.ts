import { join } from "node:path";
import { pino } from "pino";
import { describe, expect, test } from "vitest";
import { startMaintenance } from "../../bot/maintenance.ts";
import { DEFAULT_RETENTION, loadConversation, saveConversation } from "../../db/index.ts";
import { openTestDatabase } from "../db/test-database.ts";
import { runProcess } from "../support/run-process.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

describe("maintenance", () => {
  test("applies the retention policy as soon as it starts", async () => {
    const { db, close } = await openTestDatabase();
    try {
      await saveConversation(db, {
        channel: "t",
        chatId: "c",
        userId: "u",
        snapshot: { nik: "3201015708950001" },
        formDraft: true,
      });
      const maintenance = startMaintenance(db, pino({ level: "silent" }), {
        now: () => new Date(Date.now() + 8 * DAY_MS),
        retention: DEFAULT_RETENTION,
      });
      await maintenance.started;
      maintenance.stop();
      expect((await loadConversation(db, "t", "c"))?.draftExpiredAt).toBeDefined();
    } finally {
      await close();
    }
  });
});

describe("maintenance timers", () => {
  test("do not keep the process alive: a process that only started maintenance exits by itself", async () => {
    const script = [
      'import { pino } from "pino";',
      'import { startMaintenance } from "./bot/maintenance.ts";',
      'import { openDatabase } from "./db/index.ts";',
      'const { db, close } = await openDatabase(":memory:");',
      'const maintenance = startMaintenance(db, pino({ level: "silent" }));',
      "await maintenance.started;",
      "await close();",
      'process.stdout.write("started\\n");',
    ].join("\n");
    const { stdout, code } = await runProcess(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      // A timer that kept it alive would leave it running past a failed test: runProcess kills it then.
      { cwd: join(import.meta.dirname, "../..") },
    );
    expect(stdout).toBe("started\n");
    expect(code).toBe(0);
  });
});
