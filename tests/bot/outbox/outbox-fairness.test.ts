import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { expect, test } from "vitest";
import { createOutboxDispatcher } from "../../../bot/outbox/outbox-dispatcher.ts";
import {
  countPendingOutbox,
  type Db,
  enqueueOutbox,
  OUTBOX_PRIORITY,
  type OutboxMessage,
  openDatabase,
} from "../../../db/index.ts";
import { useTestDatabase } from "../../db/test-database.ts";

// Chats take turns on a paced channel (WhatsApp sends one message at a time): the chat served least
// recently goes first among those waiting at the same priority.

const logger = pino({ level: "silent" });
let db: Db;
// The dispatcher's clock: just after the real time the rows are queued at, so they are all due.
const clock = () => new Date(Date.now() + 60_000);
useTestDatabase((opened) => {
  db = opened.db;
});

/** One message at a time, as on WhatsApp; every send is recorded as "chat:text". */
function pacedDispatcher(sent: string[], onSend?: (m: OutboxMessage) => Promise<void>) {
  return createOutboxDispatcher({
    db,
    channel: "whatsapp",
    logger,
    now: clock,
    maxConcurrent: 1,
    send: async (m) => {
      sent.push(`${m.chatId}:${m.text}`);
      await onSend?.(m);
    },
  });
}

const reply = (chatId: string, text: string, priority: number = OUTBOX_PRIORITY.reply) =>
  enqueueOutbox(db, { channel: "whatsapp", chatId, text, priority });

async function replies(chatId: string, count: number, priority?: number): Promise<void> {
  for (let n = 1; n <= count; n += 1) await reply(chatId, `${n}`, priority);
}

const ofChat = (sent: string[], chatId: string) =>
  sent.filter((s) => s.startsWith(`${chatId}:`)).map((s) => s.slice(chatId.length + 1));

test("someone writing just after a heavy sender's 8 answers is sent second, not ninth", async () => {
  await replies("A", 8);
  await reply("B", "jawaban untuk B");
  const sent: string[] = [];
  await pacedDispatcher(sent).dispatchDue();
  expect(sent.indexOf("B:jawaban untuk B")).toBe(1);
  expect(ofChat(sent, "A")).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
});

test("a late writer whose reply is queued while the heavy sender's answers go out is next after the one in flight", async () => {
  await replies("A", 8);
  const sent: string[] = [];
  // B writes while A's third answer is being sent.
  const outbox = pacedDispatcher(sent, async (m) => {
    if (m.chatId === "A" && m.text === "3") await reply("B", "jawaban untuk B");
  });
  await outbox.dispatchDue();
  expect(sent.slice(0, 4)).toEqual(["A:1", "A:2", "A:3", "B:jawaban untuk B"]);
  expect(ofChat(sent, "A")).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
});

test("several heavy chats take turns, each in its own order", async () => {
  await replies("A", 4);
  await replies("B", 4);
  await replies("C", 4);
  const sent: string[] = [];
  await pacedDispatcher(sent).dispatchDue();
  expect(sent).toEqual(["A:1", "B:1", "C:1", "A:2", "B:2", "C:2", "A:3", "B:3", "C:3", "A:4", "B:4", "C:4"]);
});

test("a chat that keeps writing while it is served does not crowd out one that is waiting", async () => {
  await replies("A", 2);
  await replies("B", 2);
  const sent: string[] = [];
  let more = 3;
  // Each time A is sent to, A has written again: A's new answer still waits for B's turn.
  const outbox = pacedDispatcher(sent, async (m) => {
    if (m.chatId === "A" && more > 0) await reply("A", `lagi ${more--}`);
  });
  await outbox.dispatchDue();
  expect(sent).toEqual(["A:1", "B:1", "A:2", "B:2", "A:lagi 3", "A:lagi 2", "A:lagi 1"]);
});

test("a chat busy long ago is not held back behind newer ones when it writes again", async () => {
  await replies("A", 20);
  await pacedDispatcher([]).dispatchDue();
  // Others were served since.
  await replies("B", 5);
  await pacedDispatcher([]).dispatchDue();
  await replies("C", 3);
  await reply("A", "kembali");
  const sent: string[] = [];
  await pacedDispatcher(sent).dispatchDue();
  expect(sent).toEqual(["C:1", "A:kembali", "C:2", "C:3"]);
});

test("priorities and each chat's order still hold: replies, then the admin group, then notifications", async () => {
  await reply("A", "notifikasi", OUTBOX_PRIORITY.notification);
  await reply("A", "balasan", OUTBOX_PRIORITY.reply);
  await replies("N", 3, OUTBOX_PRIORITY.notification);
  await reply("admin", "kartu 1", OUTBOX_PRIORITY.admin);
  await reply("admin", "kartu 2", OUTBOX_PRIORITY.admin);
  await replies("B", 2, OUTBOX_PRIORITY.reply);
  await replies("C", 2, OUTBOX_PRIORITY.reply);
  const sent: string[] = [];
  await pacedDispatcher(sent).dispatchDue();
  expect(sent).toEqual([
    // Replies take turns; A's reply waits behind A's own earlier notification.
    "B:1",
    "C:1",
    "B:2",
    "C:2",
    "admin:kartu 1",
    "admin:kartu 2",
    // Notifications take turns too; A's reply follows its notification at once (it is a reply).
    "A:notifikasi",
    "A:balasan",
    "N:1",
    "N:2",
    "N:3",
  ]);
});

test("the turns are kept in the database: after a restart the chat served least recently still goes first", async () => {
  const dir = mkdtempSync(join(tmpdir(), "asn-outbox-fair-"));
  const path = join(dir, "helpdesk.db");
  try {
    let opened = await openDatabase(path);
    db = opened.db;
    await replies("A", 8);
    // The first process sends A's first two answers, then stops while the third is on its way.
    const sent: string[] = [];
    let onThird: () => void = () => undefined;
    const third = new Promise<void>((resolve) => {
      onThird = resolve;
    });
    const first = createOutboxDispatcher({
      db,
      channel: "whatsapp",
      logger,
      now: clock,
      maxConcurrent: 1,
      send: async (m, signal) => {
        if (sent.length === 2) {
          onThird();
          await new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
        }
        sent.push(`${m.chatId}:${m.text}`);
      },
    });
    first.start();
    await third;
    await first.stop();
    await opened.close();
    expect(sent).toEqual(["A:1", "A:2"]);

    // The next process: B writes; A has just been served twice, B never.
    opened = await openDatabase(path);
    db = opened.db;
    await reply("B", "jawaban untuk B");
    await pacedDispatcher(sent).dispatchDue();
    await opened.close();
    expect(sent.slice(2, 4)).toEqual(["B:jawaban untuk B", "A:3"]);
    expect(ofChat(sent, "A")).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("everything queued is sent exactly once whatever the turns", async () => {
  for (let n = 0; n < 40; n += 1) await reply(`chat${n % 7}`, `${n}`, n % 3);
  const sent: string[] = [];
  await pacedDispatcher(sent).dispatchDue();
  expect(sent).toHaveLength(40);
  expect(new Set(sent).size).toBe(40);
  expect(await countPendingOutbox(db)).toBe(0);
});
