import { pino } from "pino";
import { describe, expect, test } from "vitest";
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
