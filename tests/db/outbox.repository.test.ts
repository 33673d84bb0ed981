import { describe, expect, test } from "vitest";
import {
  type Db,
  enqueueOutbox,
  findOutboxMessage,
  listDueOutbox,
  markOutboxBlocked,
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSent,
} from "../../db/index.ts";
import { useTestDatabase } from "./test-database.ts";

let db: Db;
useTestDatabase((opened) => {
  db = opened.db;
});

const later = "9999-01-01T00:00:00.000Z";

describe("outbox", () => {
  test("an enqueued message is due at once, with its payload", async () => {
    const before = new Date().toISOString();
    const id = await enqueueOutbox(db, {
      channel: "telegram",
      chatId: "c1",
      text: "Halo",
      payload: { choices: ["Ya", "Tidak"] },
    });
    const due = await listDueOutbox(db, { nowIso: new Date().toISOString(), limit: 10 });
    expect(due).toEqual([
      {
        id,
        channel: "telegram",
        chatId: "c1",
        text: "Halo",
        payload: { choices: ["Ya", "Tidak"] },
        status: "pending",
        attempts: 0,
        nextAttemptAt: expect.any(String),
        lastError: null,
        createdAt: expect.any(String),
        sentAt: null,
      },
    ]);
    expect(due[0]!.createdAt >= before).toBe(true);
    expect(await listDueOutbox(db, { nowIso: "2000-01-01T00:00:00.000Z", limit: 10 })).toEqual([]);
  });

  test("without a payload the payload is null", async () => {
    const id = await enqueueOutbox(db, { channel: "telegram", chatId: "c1", text: "Halo" });
    expect((await findOutboxMessage(db, id))?.payload).toBeNull();
  });

  test("lists oldest first, filters by channel and respects the limit", async () => {
    const first = await enqueueOutbox(db, { channel: "telegram", chatId: "c1", text: "1" });
    const second = await enqueueOutbox(db, { channel: "whatsapp", chatId: "w1", text: "2" });
    const third = await enqueueOutbox(db, { channel: "telegram", chatId: "c1", text: "3" });

    expect((await listDueOutbox(db, { nowIso: later, limit: 10 })).map((m) => m.id)).toEqual([
      first,
      second,
      third,
    ]);
    expect(
      (await listDueOutbox(db, { channel: "telegram", nowIso: later, limit: 10 })).map((m) => m.id),
    ).toEqual([first, third]);
    expect((await listDueOutbox(db, { nowIso: later, limit: 1 })).map((m) => m.id)).toEqual([first]);
  });

  test("a sent message is no longer due, and its text and payload are cleared", async () => {
    const id = await enqueueOutbox(db, {
      channel: "telegram",
      chatId: "c1",
      text: "NIK 3201234567890001",
      payload: { choices: ["a"] },
    });
    await markOutboxSent(db, id);
    expect(await listDueOutbox(db, { nowIso: later, limit: 10 })).toEqual([]);
    const sent = await findOutboxMessage(db, id);
    expect(sent).toMatchObject({ status: "sent", attempts: 1, text: "", payload: null });
    expect(sent?.sentAt).not.toBeNull();
  });

  test("a retry counts the attempt, keeps it pending and waits until the next attempt time", async () => {
    const id = await enqueueOutbox(db, { channel: "telegram", chatId: "c1", text: "x" });
    await markOutboxRetry(db, id, { error: "ETIMEDOUT", nextAttemptAtIso: "2030-01-01T00:00:00.000Z" });
    await markOutboxRetry(db, id, {
      error: "429 Too Many Requests",
      nextAttemptAtIso: "2030-01-02T00:00:00.000Z",
    });

    expect(await listDueOutbox(db, { nowIso: "2030-01-01T12:00:00.000Z", limit: 10 })).toEqual([]);
    const due = await listDueOutbox(db, { nowIso: "2030-01-02T00:00:00.000Z", limit: 10 });
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({
      id,
      status: "pending",
      attempts: 2,
      lastError: "429 Too Many Requests",
      nextAttemptAt: "2030-01-02T00:00:00.000Z",
    });
  });

  test("failed and blocked messages are never due again and keep their reason", async () => {
    const failed = await enqueueOutbox(db, { channel: "telegram", chatId: "c1", text: "x" });
    const blocked = await enqueueOutbox(db, { channel: "telegram", chatId: "c2", text: "y" });
    await markOutboxFailed(db, failed, "400 Bad Request: chat not found");
    await markOutboxBlocked(db, blocked, "403 Forbidden: bot was blocked by the user");

    expect(await listDueOutbox(db, { nowIso: later, limit: 10 })).toEqual([]);
    expect(await findOutboxMessage(db, failed)).toMatchObject({
      status: "failed",
      lastError: "400 Bad Request: chat not found",
      attempts: 1,
    });
    expect(await findOutboxMessage(db, blocked)).toMatchObject({
      status: "blocked",
      lastError: "403 Forbidden: bot was blocked by the user",
    });
  });
});
