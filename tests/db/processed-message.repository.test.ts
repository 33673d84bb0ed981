import { describe, expect, test } from "vitest";
import { type Db, markMessageProcessed, pruneProcessedMessages } from "../../db/index.ts";
import { useTestDatabase } from "./test-database.ts";

let db: Db;
useTestDatabase((opened) => {
  db = opened.db;
});

describe("processed messages", () => {
  test("the first mark is new, a redelivery is not", async () => {
    expect(await markMessageProcessed(db, "telegram", "m1")).toBe(true);
    expect(await markMessageProcessed(db, "telegram", "m1")).toBe(false);
  });

  test("the same message id on another channel is a different message", async () => {
    expect(await markMessageProcessed(db, "telegram", "42")).toBe(true);
    expect(await markMessageProcessed(db, "whatsapp", "42")).toBe(true);
  });

  test("pruning forgets old ids only", async () => {
    await db
      .insertInto("processed_messages")
      .values([
        { channel: "telegram", message_id: "old", processed_at: "2026-11-01T00:00:00.000Z" },
        { channel: "telegram", message_id: "recent", processed_at: "2026-11-20T00:00:00.000Z" },
      ])
      .execute();
    expect(await pruneProcessedMessages(db, "2026-11-10T00:00:00.000Z")).toBe(1);
    expect(await markMessageProcessed(db, "telegram", "old")).toBe(true);
    expect(await markMessageProcessed(db, "telegram", "recent")).toBe(false);
    expect(await pruneProcessedMessages(db, "2026-11-10T00:00:00.000Z")).toBe(0);
  });

  test("pruning never forgets a recent id, whatever order the ids were stored in", async () => {
    await db
      .insertInto("processed_messages")
      .values([
        { channel: "telegram", message_id: "before", processed_at: "2026-11-01T00:00:00.000Z" },
        { channel: "telegram", message_id: "recent", processed_at: "2026-11-20T00:00:00.000Z" },
        // Stored after a newer one, as when the clock stepped back.
        { channel: "telegram", message_id: "after", processed_at: "2026-11-02T00:00:00.000Z" },
      ])
      .execute();
    expect(await pruneProcessedMessages(db, "2026-11-10T00:00:00.000Z")).toBeGreaterThanOrEqual(1);
    expect(await markMessageProcessed(db, "telegram", "before")).toBe(true);
    expect(await markMessageProcessed(db, "telegram", "recent")).toBe(false);
  });

  test("pruning forgets every id when all are old", async () => {
    for (const id of ["a", "b", "c"]) await markMessageProcessed(db, "whatsapp", id);
    expect(await pruneProcessedMessages(db, new Date(Date.now() + 60_000).toISOString())).toBe(3);
    expect(await markMessageProcessed(db, "whatsapp", "b")).toBe(true);
  });
});
