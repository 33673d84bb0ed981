import { pino } from "pino";
import { expect, test, vi } from "vitest";
import { createOutboxDispatcher } from "../../../bot/outbox/outbox-dispatcher.ts";
import {
  claimOutbox,
  countPendingOutbox,
  type Db,
  enqueueOutbox,
  findOutboxMessage,
  OUTBOX_PRIORITY,
  type OutboxMessage,
} from "../../../db/index.ts";
import { openTestDatabaseConnections } from "../../support/test-database.ts";

// Several bot instances drain one outbox, each through its own connections: every message is claimed by
// one of them before it is sent, so it goes out once, and a chat's messages still go out in order.

const logger = pino({ level: "silent" });

type Send = (message: OutboxMessage, signal: AbortSignal) => Promise<void>;

function dispatcher(
  db: Db,
  instanceId: string,
  send: Send,
  options: { now?: () => Date; claimLeaseMs?: number; maxConcurrent?: number } = {},
) {
  return createOutboxDispatcher({ db, channel: "telegram", logger, instanceId, send, ...options });
}

const queue = (db: Db, chatId: string, text: string, priority?: number) =>
  enqueueOutbox(db, { channel: "telegram", chatId, text, priority });

/** Resolves when `done()` is true, checking after every turn of the event loop (a positive signal). */
const until = (done: () => boolean | Promise<boolean>) =>
  vi.waitFor(
    async () => {
      if (!(await done())) throw new Error("not yet");
    },
    { timeout: 10_000, interval: 5 },
  );

test("two instances drain one outbox side by side: each message once, every chat in order", async () => {
  const [one, two] = await openTestDatabaseConnections(2);
  const chats = Array.from({ length: 12 }, (_, n) => `chat-${n}`);
  const queued = new Map<string, string[]>();
  for (let round = 1; round <= 4; round += 1) {
    for (const [n, chatId] of chats.entries()) {
      const text = `${chatId}/${round}`;
      await queue(one!.db, chatId, text, n % 3 === 0 ? OUTBOX_PRIORITY.notification : OUTBOX_PRIORITY.reply);
      queued.set(chatId, [...(queued.get(chatId) ?? []), text]);
    }
  }

  const sent: Array<{ instance: string; chatId: string; text: string }> = [];
  const sending = new Set<string>();
  const overlaps: string[] = [];
  const started = new Set<string>();
  let bothStarted: () => void = () => undefined;
  const bothSending = new Promise<void>((resolve) => {
    bothStarted = resolve;
  });
  const sender =
    (instance: string): Send =>
    async (message) => {
      // Two sends to one chat at once would be two instances racing on it.
      if (sending.has(message.chatId)) overlaps.push(message.chatId);
      sending.add(message.chatId);
      started.add(instance);
      if (started.size === 2) bothStarted();
      // Every send waits until both instances are sending: they really drain side by side.
      await bothSending;
      await new Promise((resolve) => setImmediate(resolve));
      sent.push({ instance, chatId: message.chatId, text: message.text });
      sending.delete(message.chatId);
    };

  const [triedOne, triedTwo] = await Promise.all([
    dispatcher(one!.db, "instance-1", sender("instance-1"), { maxConcurrent: 3 }).dispatchDue(),
    dispatcher(two!.db, "instance-2", sender("instance-2"), { maxConcurrent: 3 }).dispatchDue(),
  ]);

  expect(overlaps).toEqual([]);
  expect(sent).toHaveLength(48);
  expect(new Set(sent.map((s) => s.text)).size).toBe(48);
  for (const chatId of chats) {
    expect(sent.filter((s) => s.chatId === chatId).map((s) => s.text)).toEqual(queued.get(chatId));
  }
  expect(triedOne).toBeGreaterThan(0);
  expect(triedTwo).toBeGreaterThan(0);
  expect(triedOne + triedTwo).toBe(48);
  expect(await countPendingOutbox(two!.db, "telegram")).toBe(0);
});

test("the claim of an instance that died is taken over after its lease, and its chat goes on in order", async () => {
  const [one, two] = await openTestDatabaseConnections(2);
  await queue(one!.db, "orphan", "1");
  await queue(one!.db, "orphan", "2");
  await queue(one!.db, "other", "lain");
  let clock = new Date(Date.now() + 60_000);
  // The dead instance claimed the chat's first message and never marked it.
  const [claimed] = await claimOutbox(one!.db, {
    channel: "telegram",
    nowIso: clock.toISOString(),
    limit: 1,
    instanceId: "dead",
    leaseUntilIso: new Date(clock.getTime() + 30_000).toISOString(),
  });
  expect(claimed?.text).toBe("1");

  const sent: string[] = [];
  const alive = dispatcher(
    two!.db,
    "alive",
    async (m) => {
      sent.push(`${m.chatId}:${m.text}`);
    },
    { now: () => clock },
  );
  // The other chat goes at once; the orphaned one waits for the lease.
  expect(await alive.dispatchDue()).toBe(1);
  expect(sent).toEqual(["other:lain"]);
  clock = new Date(clock.getTime() + 30_001);
  expect(await alive.dispatchDue()).toBe(2);
  expect(sent).toEqual(["other:lain", "orphan:1", "orphan:2"]);
  expect(await findOutboxMessage(one!.db, claimed!.id)).toMatchObject({ status: "sent", claimedBy: "alive" });
});

test("a send that outlasts the lease keeps its claim: the holder renews it, nobody else sends the message", async () => {
  const [one, two] = await openTestDatabaseConnections(2);
  const id = await queue(one!.db, "slow", "lambat");
  const leaseMs = 3_000;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const sent: string[] = [];
  const slow = dispatcher(
    one!.db,
    "slow-instance",
    async (m) => {
      await finished;
      sent.push(`slow-instance:${m.text}`);
    },
    { claimLeaseMs: leaseMs },
  );
  const firstPass = slow.dispatchDue();
  await until(async () => (await findOutboxMessage(one!.db, id))?.claimedBy === "slow-instance");
  const firstLease = (await findOutboxMessage(one!.db, id))!.leaseUntil!;
  // Past the first lease, and renewed to well beyond now.
  await until(async () => {
    const leaseUntil = (await findOutboxMessage(one!.db, id))!.leaseUntil!;
    return Date.now() > Date.parse(firstLease) && Date.parse(leaseUntil) > Date.now() + leaseMs / 3;
  });

  const other = dispatcher(two!.db, "other-instance", async (m) => {
    sent.push(`other-instance:${m.text}`);
  });
  expect(await other.dispatchDue()).toBe(0);
  finish();
  expect(await firstPass).toBe(1);
  expect(sent).toEqual(["slow-instance:lambat"]);
  expect(await findOutboxMessage(two!.db, id)).toMatchObject({ status: "sent", claimedBy: "slow-instance" });
  await slow.stop();
});

test("a send cut off at shutdown gives its claim back: another instance sends it at once", async () => {
  const [one, two] = await openTestDatabaseConnections(2);
  await queue(one!.db, "a", "pertama");
  await queue(one!.db, "a", "kedua");
  let sending: () => void = () => undefined;
  const inFlight = new Promise<void>((resolve) => {
    sending = resolve;
  });
  const stopping = dispatcher(one!.db, "stopping", async (_m, signal) => {
    sending();
    await new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
  });
  stopping.start();
  await inFlight;
  await stopping.stop();

  const sent: string[] = [];
  const other = dispatcher(two!.db, "other", async (m) => {
    sent.push(m.text);
  });
  expect(await other.dispatchDue()).toBe(2);
  expect(sent).toEqual(["pertama", "kedua"]);
});

test("restarted under the same instance id, an instance takes back its own claims at once", async () => {
  const [one, two] = await openTestDatabaseConnections(2);
  await queue(one!.db, "a", "pertama");
  await queue(one!.db, "a", "kedua");
  await queue(one!.db, "b", "milik instance lain");
  const now = new Date(Date.now() + 60_000);
  const claimAs = (instanceId: string, chatLimit: number) =>
    claimOutbox(one!.db, {
      channel: "telegram",
      nowIso: now.toISOString(),
      limit: chatLimit,
      instanceId,
      leaseUntilIso: new Date(now.getTime() + 30_000).toISOString(),
    });
  // The previous process of "bot-1" claimed a's first message and was killed; "bot-2" is alive, sending b.
  expect((await claimAs("bot-1", 1)).map((m) => m.text)).toEqual(["pertama"]);
  expect((await claimAs("bot-2", 1)).map((m) => m.text)).toEqual(["milik instance lain"]);

  const sent: string[] = [];
  const restarted = dispatcher(
    two!.db,
    "bot-1",
    async (m) => {
      sent.push(m.text);
    },
    { now: () => now },
  );
  expect(await restarted.dispatchDue()).toBe(2);
  expect(sent).toEqual(["pertama", "kedua"]);
});
