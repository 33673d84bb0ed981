import { pino } from "pino";
import { afterEach, beforeEach, expect, test } from "vitest";
import {
  createOutboxDispatcher,
  RecipientUnreachableError,
  retryDelayMs,
} from "../../../bot/outbox/outbox-dispatcher.ts";
import { type Db, enqueueOutbox, findOutboxMessage, type OpenedDatabase } from "../../../db/index.ts";
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

const dispatcher = (send: (text: string, chatId: string) => Promise<void>, maxAttempts = 3) =>
  createOutboxDispatcher({
    db,
    channel: "telegram",
    logger,
    now: () => clock,
    maxAttempts,
    send: (m) => send(m.text, m.chatId),
  });

test("delivers due messages of its own channel in order and marks them sent", async () => {
  await enqueueOutbox(db, { channel: "telegram", chatId: "1", text: "pertama" });
  await enqueueOutbox(db, { channel: "whatsapp", chatId: "2", text: "bukan saya" });
  await enqueueOutbox(db, { channel: "telegram", chatId: "1", text: "kedua" });
  const sent: string[] = [];
  const outbox = dispatcher(async (text) => {
    sent.push(text);
  });
  expect(await outbox.dispatchDue()).toBe(2);
  expect(sent).toEqual(["pertama", "kedua"]);
  expect(await outbox.dispatchDue()).toBe(0);
});

test("retries a failed send later with backoff, then gives up after the last attempt", async () => {
  const id = await enqueueOutbox(db, { channel: "telegram", chatId: "1", text: "halo" });
  let calls = 0;
  const outbox = dispatcher(async () => {
    calls += 1;
    throw new Error("network down");
  });
  await outbox.dispatchDue();
  expect(await findOutboxMessage(db, id)).toMatchObject({
    status: "pending",
    attempts: 1,
    lastError: "network down",
  });
  expect(await outbox.dispatchDue()).toBe(0); // not due yet
  clock = new Date(clock.getTime() + 60 * 60 * 1000);
  await outbox.dispatchDue();
  clock = new Date(clock.getTime() + 60 * 60 * 1000);
  await outbox.dispatchDue();
  expect(calls).toBe(3);
  expect(await findOutboxMessage(db, id)).toMatchObject({ status: "failed" });
});

test("a recipient who blocked the bot is recorded and never retried", async () => {
  const id = await enqueueOutbox(db, { channel: "telegram", chatId: "1", text: "halo" });
  const outbox = dispatcher(async () => {
    throw new RecipientUnreachableError("Forbidden: bot was blocked by the user");
  });
  await outbox.dispatchDue();
  expect(await findOutboxMessage(db, id)).toMatchObject({ status: "blocked" });
  clock = new Date(clock.getTime() + 24 * 60 * 60 * 1000);
  expect(await outbox.dispatchDue()).toBe(0);
});

test("backoff grows exponentially with jitter and is capped at an hour", () => {
  expect(retryDelayMs(0, () => 1)).toBe(5_000);
  expect(retryDelayMs(0, () => 0)).toBe(2_500);
  expect(retryDelayMs(3, () => 1)).toBe(40_000);
  expect(retryDelayMs(30, () => 1)).toBe(60 * 60 * 1000);
});
