import { pino } from "pino";
import { afterEach, beforeEach, expect, test } from "vitest";
import {
  createOutboxDispatcher,
  PermanentSendError,
  RecipientUnreachableError,
  RetryLaterError,
  retryDelayMs,
} from "../../../bot/outbox/outbox-dispatcher.ts";
import {
  type Db,
  enqueueOutbox,
  findOutboxMessage,
  type OpenedDatabase,
  OUTBOX_PRIORITY,
  type OutboxMessage,
} from "../../../db/index.ts";
import { openTestDatabase } from "../../db/test-database.ts";

const logger = pino({ level: "silent" });
let database: OpenedDatabase;
let db: Db;
let clock: Date;

beforeEach(async () => {
  database = await openTestDatabase();
  db = database.db;
  // Rows are queued at the real time, so the dispatcher's clock starts just after it.
  clock = new Date(Date.now() + 60_000);
});
afterEach(() => database.close());

const later = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

const dispatcher = (send: (m: OutboxMessage) => Promise<void>, options: { maxAttempts?: number } = {}) =>
  createOutboxDispatcher({
    db,
    channel: "telegram",
    logger,
    now: () => clock,
    maxAttempts: options.maxAttempts ?? 3,
    send,
  });

const queue = (chatId: string, text: string, priority?: number) =>
  enqueueOutbox(db, { channel: "telegram", chatId, text, priority });

test("delivers due messages of its own channel in order and marks them sent", async () => {
  await queue("1", "pertama");
  await enqueueOutbox(db, { channel: "whatsapp", chatId: "2", text: "bukan saya" });
  await queue("1", "kedua");
  const sent: string[] = [];
  const outbox = dispatcher(async (m) => {
    sent.push(m.text);
  });
  expect(await outbox.dispatchDue()).toBe(2);
  expect(sent).toEqual(["pertama", "kedua"]);
  expect(await outbox.dispatchDue()).toBe(0);
});

test("a 429 with retry_after 120 holds back only its own chat, then everything arrives in order, once", async () => {
  const first = await queue("A", "Diterima");
  await queue("A", "Jawaban");
  await queue("B", "untuk B");
  const sent: string[] = [];
  let limited = true;
  const outbox = dispatcher(async (m) => {
    if (m.chatId === "A" && limited) {
      limited = false;
      throw new RetryLaterError("429 Too Many Requests", 120_000);
    }
    sent.push(`${m.chatId}:${m.text}`);
  });

  await outbox.dispatchDue();
  // B went on; A's "Jawaban" did not overtake its held "Diterima".
  expect(sent).toEqual(["B:untuk B"]);
  const held = await findOutboxMessage(db, first);
  expect(held).toMatchObject({ status: "pending", lastError: "429 Too Many Requests" });
  expect(Date.parse(held!.nextAttemptAt) - clock.getTime()).toBe(120_000);

  later(119_000);
  await outbox.dispatchDue();
  expect(sent).toEqual(["B:untuk B"]);
  later(1_000);
  await outbox.dispatchDue();
  expect(sent).toEqual(["B:untuk B", "A:Diterima", "A:Jawaban"]);
  await outbox.dispatchDue();
  expect(sent).toHaveLength(3);
});

test("network errors are retried with backoff for as long as it takes, in order, once each", async () => {
  await queue("A", "satu");
  await queue("A", "dua");
  let failures = 0;
  const sent: string[] = [];
  // More failures than maxAttempts: a network fault is never given up.
  const outbox = dispatcher(async (m) => {
    if (failures < 6) {
      failures += 1;
      throw new RetryLaterError("connect ECONNREFUSED");
    }
    sent.push(m.text);
  });
  for (let round = 0; round < 10 && sent.length < 2; round += 1) {
    await outbox.dispatchDue();
    later(60 * 60 * 1000);
  }
  expect(failures).toBe(6);
  expect(sent).toEqual(["satu", "dua"]);
});

test("an unexplained failure is given up after the last attempt, and the chat goes on", async () => {
  const id = await queue("1", "rusak");
  await queue("1", "berikutnya");
  const sent: string[] = [];
  const outbox = dispatcher(async (m) => {
    if (m.id === id) throw new Error("boom");
    sent.push(m.text);
  });
  await outbox.dispatchDue();
  expect(await findOutboxMessage(db, id)).toMatchObject({
    status: "pending",
    attempts: 1,
    lastError: "boom",
  });
  expect(sent).toEqual([]);
  later(60 * 60 * 1000);
  await outbox.dispatchDue();
  later(60 * 60 * 1000);
  await outbox.dispatchDue();
  expect(await findOutboxMessage(db, id)).toMatchObject({ status: "failed" });
  expect(sent).toEqual(["berikutnya"]);
});

test("a message that can never be sent is given up at once", async () => {
  const id = await queue("1", "x".repeat(10));
  const outbox = dispatcher(async () => {
    throw new PermanentSendError("400 Bad Request: can't parse entities");
  });
  await outbox.dispatchDue();
  expect(await findOutboxMessage(db, id)).toMatchObject({ status: "failed", attempts: 1 });
});

test("a recipient who blocked the bot is recorded and never retried", async () => {
  const id = await queue("1", "halo");
  const outbox = dispatcher(async () => {
    throw new RecipientUnreachableError("Forbidden: bot was blocked by the user");
  });
  await outbox.dispatchDue();
  expect(await findOutboxMessage(db, id)).toMatchObject({ status: "blocked" });
  later(24 * 60 * 60 * 1000);
  expect(await outbox.dispatchDue()).toBe(0);
});

test("replies to chatting applicants go before queued notifications of other chats", async () => {
  for (let chat = 1; chat <= 5; chat += 1) await queue(`n${chat}`, `notifikasi ${chat}`);
  await queue("chatting", "balasan", OUTBOX_PRIORITY.reply);
  const sent: string[] = [];
  const outbox = createOutboxDispatcher({
    db,
    channel: "telegram",
    logger,
    now: () => clock,
    maxConcurrent: 1,
    send: async (m) => {
      sent.push(m.text);
    },
  });
  await outbox.dispatchDue();
  expect(sent[0]).toBe("balasan");
  expect(sent).toHaveLength(6);
});

test("different chats are sent to side by side, each chat one message at a time", async () => {
  for (const chat of ["A", "B", "C"]) {
    await queue(chat, `${chat}1`);
    await queue(chat, `${chat}2`);
  }
  const inFlight = new Set<string>();
  let parallel = 0;
  const releases: Array<() => void> = [];
  const sent: string[] = [];
  const outbox = createOutboxDispatcher({
    db,
    channel: "telegram",
    logger,
    now: () => clock,
    maxConcurrent: 3,
    send: async (m) => {
      expect(inFlight.has(m.chatId)).toBe(false);
      inFlight.add(m.chatId);
      parallel = Math.max(parallel, inFlight.size);
      await new Promise<void>((resolve) => releases.push(resolve));
      inFlight.delete(m.chatId);
      sent.push(m.text);
    },
  });
  const pass = outbox.dispatchDue();
  // Released one by one once three sends are waiting: every chat had one in flight at the same time.
  while (sent.length < 6) {
    await new Promise((resolve) => setImmediate(resolve));
    if (releases.length > 0 && (inFlight.size === 3 || parallel === 3)) releases.shift()!();
  }
  await pass;
  expect(parallel).toBe(3);
  for (const chat of ["A", "B", "C"]) {
    expect(sent.filter((t) => t.startsWith(chat))).toEqual([`${chat}1`, `${chat}2`]);
  }
});

test("backoff grows exponentially with jitter and is capped", () => {
  expect(retryDelayMs(0, () => 1)).toBe(2_000);
  expect(retryDelayMs(0, () => 0)).toBe(1_000);
  expect(retryDelayMs(3, () => 1)).toBe(16_000);
  expect(retryDelayMs(30, () => 1)).toBe(5 * 60 * 1000);
});
