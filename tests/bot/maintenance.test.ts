import { spawn } from "node:child_process";
import { join } from "node:path";
import { pino } from "pino";
import { describe, expect, onTestFinished, test } from "vitest";
import { startMaintenance } from "../../bot/maintenance.ts";
import { DEFAULT_RETENTION, loadConversation, saveConversation } from "../../db/index.ts";
import { openTestDatabase } from "../db/test-database.ts";

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
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: join(import.meta.dirname, "../.."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    // A timer that keeps it alive would leave it running past a failed test.
    onTestFinished(() => {
      if (child.exitCode === null) child.kill("SIGKILL");
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stdout).toBe("started\n");
    expect(code).toBe(0);
  });
});
