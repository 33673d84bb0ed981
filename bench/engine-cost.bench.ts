/**
 * The engine in process, the same conversation for many applicants (bench/applicant-script.ts), every step
 * persisted to a SQLite file (WAL) with its replies queued in the outbox:
 * - sequential: each message awaited before the next is sent (one transaction per message);
 * - concurrent: every applicant's next message at once (the write lane then commits them in groups).
 * Beside it the floor: one bare durable SQLite transaction per message, nothing else.
 * BENCH_CHATS sets how many applicants (default 500, 12 messages each).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { pino } from "pino";
import { createConversationEngine } from "../bot/engine/conversation-engine.ts";
import { createFaqRouting } from "../bot/engine/faq-routing.ts";
import type { InboundMessage } from "../bot/engine/message.types.ts";
import { openDatabase } from "../db/index.ts";
import { loadFaqData } from "../faq/faq-data.ts";
import { CATEGORY_IDS } from "../flows/categories/index.ts";
import { SCRIPT_STEPS, scriptText } from "./applicant-script.ts";
import { type Cost, measure, repeat } from "./cost.ts";

export const CHATS = Number(process.env.BENCH_CHATS ?? 500);

const routing = createFaqRouting(loadFaqData({ categoryIds: CATEGORY_IDS }));

const message = (chat: number, step: number): InboundMessage => ({
  channel: "bench",
  chatId: `chat-${chat}`,
  userId: `user-${chat}`,
  messageId: `${chat}-${step}`,
  content: { kind: "text", text: scriptText(chat, step) },
});

async function engineRound(concurrent: boolean): Promise<Cost> {
  const dir = mkdtempSync(join(tmpdir(), "asn-bench-"));
  const database = await openDatabase(join(dir, "bench.db"), { key: Buffer.alloc(32, 7) });
  const engine = createConversationEngine({ db: database.db, routing, logger: pino({ level: "silent" }) });
  // Warm up the JIT, the FAQ index and the statement cache outside the measurement.
  for (let step = 0; step < SCRIPT_STEPS; step++) await engine.handle(message(CHATS, step));

  const cost = await measure(async (record) => {
    // Chats interleave step by step, as they do at a peak: every message loads and stores its own chat.
    for (let step = 0; step < SCRIPT_STEPS; step++) {
      if (concurrent) {
        const batch: Promise<unknown>[] = [];
        for (let chat = 0; chat < CHATS; chat++) {
          const sent = performance.now();
          batch.push(engine.handle(message(chat, step)).then(() => record(performance.now() - sent)));
        }
        await Promise.all(batch);
      } else {
        for (let chat = 0; chat < CHATS; chat++) {
          const sent = performance.now();
          await engine.handle(message(chat, step));
          record(performance.now() - sent);
        }
      }
    }
  });
  const tickets = await database.db
    .selectFrom("tickets")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  // A benchmark of a path that went wrong measures nothing: every applicant must have got a ticket.
  if (Number(tickets.n) !== CHATS + 1)
    throw new Error(`engine bench: ${tickets.n} tickets for ${CHATS + 1} forms`);
  return cost;
}

/** One bare durable transaction per message: the processed-message insert alone, WAL as the app runs it. */
async function floorRound(): Promise<Cost> {
  const dir = mkdtempSync(join(tmpdir(), "asn-floor-"));
  const sqlite = new SqliteDatabase(join(dir, "floor.db"));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.exec(
    "create table processed (channel text not null, message_id text not null, processed_at text not null, primary key (channel, message_id))",
  );
  const insert = sqlite.prepare("insert into processed values (?, ?, ?)");
  const begin = sqlite.prepare("begin immediate");
  const commit = sqlite.prepare("commit");
  const total = CHATS * SCRIPT_STEPS;
  const cost = await measure(async (record) => {
    for (let i = 0; i < total; i++) {
      const sent = performance.now();
      begin.run();
      insert.run("bench", `m-${i}`, new Date().toISOString());
      commit.run();
      // Awaited like an engine message, so the event loop turns as it does there.
      await Promise.resolve();
      record(performance.now() - sent);
    }
  });
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
  return cost;
}

export async function runEngineCost(): Promise<{ sequential: Cost; concurrent: Cost; floor: Cost }> {
  const sequential = await repeat(() => engineRound(false));
  const concurrent = await repeat(() => engineRound(true));
  const floor = await repeat(floorRound);
  return { sequential, concurrent, floor };
}
