import { describe, expect, test } from "vitest";
import {
  claimOutbox,
  countPendingOutbox,
  type Db,
  enqueueOutbox,
  findOutboxMessage,
  listDueOutbox,
  listSendableOutbox,
  markOutboxBlocked,
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSent,
  nextOutboxAttemptAt,
  OUTBOX_PRIORITY,
  releaseOutboxClaim,
  renewOutboxClaims,
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
        chatSeq: 1,
        priority: 2,
        sendRound: 0,
        sourceMessageId: null,
        claimedBy: null,
        leaseUntil: null,
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

describe("the sender's view of the outbox", () => {
  test("each chat numbers its messages 1, 2, 3 on its own", async () => {
    const a1 = await enqueueOutbox(db, { channel: "telegram", chatId: "a", text: "a1" });
    const b1 = await enqueueOutbox(db, { channel: "telegram", chatId: "b", text: "b1" });
    const a2 = await enqueueOutbox(db, { channel: "telegram", chatId: "a", text: "a2" });
    const w1 = await enqueueOutbox(db, { channel: "whatsapp", chatId: "a", text: "w1" });
    const seqs = await Promise.all(
      [a1, b1, a2, w1].map(async (id) => (await findOutboxMessage(db, id))?.chatSeq),
    );
    expect(seqs).toEqual([1, 1, 2, 1]);
  });

  test("only the next message of each chat is sendable; a held one holds back its own chat only", async () => {
    const a1 = await enqueueOutbox(db, { channel: "telegram", chatId: "a", text: "a1" });
    await enqueueOutbox(db, { channel: "telegram", chatId: "a", text: "a2" });
    const b1 = await enqueueOutbox(db, { channel: "telegram", chatId: "b", text: "b1" });
    const now = new Date().toISOString();
    const texts = async () =>
      (await listSendableOutbox(db, { channel: "telegram", nowIso: now, limit: 10 })).map((m) => m.text);
    expect(await texts()).toEqual(["a1", "b1"]);
    await markOutboxRetry(db, a1, { error: "429", nextAttemptAtIso: later });
    expect(await texts()).toEqual(["b1"]);
    // The earliest chat due: b, waiting since it was queued (a waits until `later`).
    expect(await nextOutboxAttemptAt(db, "telegram")).toBe((await findOutboxMessage(db, b1))?.nextAttemptAt);
    await markOutboxSent(db, a1);
    // a has just had its turn: b, waiting longer, goes before a's next.
    expect(await texts()).toEqual(["b1", "a2"]);
    expect(
      (await listSendableOutbox(db, { channel: "telegram", nowIso: now, limit: 10, skipChatIds: ["a"] })).map(
        (m) => m.text,
      ),
    ).toEqual(["b1"]);
  });

  test("replies go before notifications, then oldest first", async () => {
    await enqueueOutbox(db, { channel: "telegram", chatId: "n1", text: "notifikasi" });
    await enqueueOutbox(db, {
      channel: "telegram",
      chatId: "r1",
      text: "balasan",
      priority: OUTBOX_PRIORITY.reply,
    });
    await enqueueOutbox(db, { channel: "telegram", chatId: "n2", text: "notifikasi 2" });
    const sendable = await listSendableOutbox(db, {
      channel: "telegram",
      nowIso: new Date().toISOString(),
      limit: 10,
    });
    expect(sendable.map((m) => m.text)).toEqual(["balasan", "notifikasi", "notifikasi 2"]);
    expect(await countPendingOutbox(db, "telegram")).toBe(3);
  });
});

describe("claims: several instances share one outbox", () => {
  const t0 = "2030-01-01T00:00:00.000Z";
  const t0Lease = "2030-01-01T00:00:30.000Z";
  const afterLease = "2030-01-01T00:00:31.000Z";
  const claim = (instanceId: string, nowIso: string, limit = 10) =>
    claimOutbox(db, {
      channel: "telegram",
      nowIso,
      limit,
      instanceId,
      leaseUntilIso: new Date(Date.parse(nowIso) + 30_000).toISOString(),
    });
  const texts = (messages: { text: string }[]) => messages.map((m) => m.text);

  test("a claim takes each chat's next message once, in send order; a chat being sent is nobody else's", async () => {
    await enqueueOutbox(db, { channel: "telegram", chatId: "n", text: "notifikasi" });
    await enqueueOutbox(db, {
      channel: "telegram",
      chatId: "a",
      text: "a1",
      priority: OUTBOX_PRIORITY.reply,
    });
    await enqueueOutbox(db, {
      channel: "telegram",
      chatId: "a",
      text: "a2",
      priority: OUTBOX_PRIORITY.reply,
    });
    await enqueueOutbox(db, {
      channel: "telegram",
      chatId: "b",
      text: "b1",
      priority: OUTBOX_PRIORITY.reply,
    });
    await enqueueOutbox(db, { channel: "whatsapp", chatId: "a", text: "lain kanal" });

    const first = await claim("one", t0, 2);
    expect(texts(first)).toEqual(["a1", "b1"]);
    expect(first.every((m) => m.claimedBy === "one" && m.leaseUntil === t0Lease)).toBe(true);
    // a2 waits for a1, held by "one"; the rest goes to "two".
    expect(texts(await claim("two", t0))).toEqual(["notifikasi"]);
    expect(await claim("two", t0)).toEqual([]);
    expect(texts(await listSendableOutbox(db, { channel: "telegram", nowIso: t0, limit: 10 }))).toEqual([]);

    expect(await markOutboxSent(db, first[0]!.id, "one")).toBe(true);
    expect(texts(await claim("two", t0))).toEqual(["a2"]);
  });

  test("the claim of an instance that died lapses at its lease; the late holder's mark then changes nothing", async () => {
    const a1 = await enqueueOutbox(db, { channel: "telegram", chatId: "a", text: "a1" });
    await enqueueOutbox(db, { channel: "telegram", chatId: "a", text: "a2" });
    expect(texts(await claim("dead", t0))).toEqual(["a1"]);
    expect(await claim("alive", t0Lease.replace(":30.", ":29."))).toEqual([]);
    // Another instance waits for the lease, not for a poll that finds nothing forever.
    expect(await nextOutboxAttemptAt(db, "telegram")).toBe(t0Lease);

    const taken = await claim("alive", afterLease);
    expect(taken.map((m) => [m.text, m.claimedBy])).toEqual([["a1", "alive"]]);
    expect(await markOutboxSent(db, a1, "dead")).toBe(false);
    expect(await markOutboxRetry(db, a1, { error: "x", nextAttemptAtIso: later }, "dead")).toBe(false);
    expect(await findOutboxMessage(db, a1)).toMatchObject({ status: "pending", attempts: 0 });
    expect(await markOutboxSent(db, a1, "alive")).toBe(true);
    expect(texts(await claim("alive", afterLease))).toEqual(["a2"]);
  });

  test("a renewed claim holds past its first lease; a retry or a release gives it up", async () => {
    const a1 = await enqueueOutbox(db, { channel: "telegram", chatId: "a", text: "a1" });
    const b1 = await enqueueOutbox(db, { channel: "telegram", chatId: "b", text: "b1" });
    await claim("one", t0);
    expect(await renewOutboxClaims(db, "one", [a1], "2030-01-01T00:01:00.000Z")).toBe(1);
    expect(await renewOutboxClaims(db, "two", [b1], "2030-01-01T00:01:00.000Z")).toBe(0);
    expect(texts(await claim("two", afterLease))).toEqual(["b1"]);

    expect(await releaseOutboxClaim(db, a1, "two")).toBe(false);
    expect(await releaseOutboxClaim(db, a1, "one")).toBe(true);
    expect(texts(await claim("two", afterLease))).toEqual(["a1"]);
    expect(await markOutboxRetry(db, a1, { error: "429", nextAttemptAtIso: afterLease }, "two")).toBe(true);
    expect(await findOutboxMessage(db, a1)).toMatchObject({ claimedBy: null, leaseUntil: null, attempts: 1 });
    expect(texts(await claim("one", afterLease))).toEqual(["a1"]);
  });

  test("failed and blocked marks need the claim too", async () => {
    const a1 = await enqueueOutbox(db, { channel: "telegram", chatId: "a", text: "a1" });
    const b1 = await enqueueOutbox(db, { channel: "telegram", chatId: "b", text: "b1" });
    await claim("one", t0);
    expect(await markOutboxFailed(db, a1, "400", "two")).toBe(false);
    expect(await markOutboxBlocked(db, b1, "403", "two")).toBe(false);
    expect(await markOutboxFailed(db, a1, "400", "one")).toBe(true);
    expect(await markOutboxBlocked(db, b1, "403", "one")).toBe(true);
    expect(await countPendingOutbox(db, "telegram")).toBe(0);
  });
});
