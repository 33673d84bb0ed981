/**
 * The engine in process, the same conversation for many applicants (bench/applicant-script.ts), every step
 * persisted to a SQLite file (WAL) with its replies queued in the outbox:
 * - sequential: each message awaited before the next is sent (one transaction per message);
 * - concurrent: every applicant's next message at once (the write lane then commits them in groups).
 * Beside it the floor: one bare durable SQLite transaction per message, nothing else.
 * The same work again on PostgreSQL (a fresh database per round on the local server, see
 * postgres-bench-database.ts), where the server's CPU is counted beside the bot's.
 * BENCH_CHATS sets how many applicants (default 500, 12 messages each).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import pg from "pg";
import { pino } from "pino";
import { createConversationEngine } from "../bot/engine/conversation-engine.ts";
import { createFaqRouting } from "../bot/engine/faq-routing.ts";
import type { InboundMessage } from "../bot/engine/message.types.ts";
import { type OpenedDatabase, openDatabase } from "../db/index.ts";
import { loadFaqData } from "../faq/faq-data.ts";
import { CATEGORY_IDS } from "../flows/categories/index.ts";
import { SCRIPT_STEPS, scriptText } from "./applicant-script.ts";
import { type Cost, measure, repeat } from "./cost.ts";
import { type BenchDatabase, createBenchDatabase, postgresUnavailable } from "./postgres-bench-database.ts";

export const CHATS = Number(process.env.BENCH_CHATS ?? 500);

const routing = createFaqRouting(loadFaqData({ categoryIds: CATEGORY_IDS }));

const message = (chat: number, step: number): InboundMessage => ({
  channel: "bench",
  chatId: `chat-${chat}`,
  userId: `user-${chat}`,
  messageId: `${chat}-${step}`,
  content: { kind: "text", text: scriptText(chat, step) },
});

const DATA_KEY = { key: Buffer.alloc(32, 7) };

/** Where a round's database lives: a SQLite file (WAL) in a temporary folder, or a PostgreSQL database. */
interface RoundDatabase {
  database: OpenedDatabase;
  serverCpuUs?: () => Promise<number>;
  remove(): Promise<void>;
}

async function sqliteRoundDatabase(): Promise<RoundDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "asn-bench-"));
  const database = await openDatabase(join(dir, "bench.db"), DATA_KEY);
  return {
    database,
    async remove() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresRoundDatabase(): Promise<RoundDatabase> {
  const bench: BenchDatabase = await createBenchDatabase();
  const database = await openDatabase(bench.url, DATA_KEY);
  return {
    database,
    serverCpuUs: () => bench.serverCpuUs(),
    async remove() {
      await database.close();
      await bench.drop();
    },
  };
}

/** Runs `run` under measure(), adding the database server's CPU per message when it is counted. */
async function measureWithServer(
  serverCpuUs: (() => Promise<number>) | undefined,
  run: Parameters<typeof measure>[0],
): Promise<Cost> {
  const before = await serverCpuUs?.();
  const cost = await measure(run);
  if (serverCpuUs === undefined || before === undefined) return cost;
  return { ...cost, serverCpuUs: ((await serverCpuUs()) - before) / cost.messages };
}

async function engineRound(concurrent: boolean, open: () => Promise<RoundDatabase>): Promise<Cost> {
  const { database, serverCpuUs, remove } = await open();
  const engine = createConversationEngine({ db: database.db, routing, logger: pino({ level: "silent" }) });
  // Warm up the JIT, the FAQ index and the statement cache outside the measurement.
  for (let step = 0; step < SCRIPT_STEPS; step++) await engine.handle(message(CHATS, step));

  const cost = await measureWithServer(serverCpuUs, async (record) => {
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
  await remove();
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

/** The PostgreSQL floor: the same bare transaction per message, through the pg driver the app uses. */
async function postgresFloorRound(): Promise<Cost> {
  const bench = await createBenchDatabase();
  const client = new pg.Client({ connectionString: bench.url });
  await client.connect();
  await client.query(
    "create table processed (channel text not null, message_id text not null, processed_at text not null, primary key (channel, message_id))",
  );
  const total = CHATS * SCRIPT_STEPS;
  const cost = await measureWithServer(bench.serverCpuUs, async (record) => {
    for (let i = 0; i < total; i++) {
      const sent = performance.now();
      await client.query("begin");
      await client.query({
        name: "floor-insert",
        text: "insert into processed values ($1, $2, $3)",
        values: ["bench", `m-${i}`, new Date().toISOString()],
      });
      await client.query("commit");
      record(performance.now() - sent);
    }
  });
  await client.end();
  await bench.drop();
  return cost;
}

export interface EngineCost {
  sequential: Cost;
  concurrent: Cost;
  floor: Cost;
  /** The same on PostgreSQL, or why it was not measured. */
  postgres: { sequential: Cost; concurrent: Cost; floor: Cost } | { skipped: string };
}

export async function runEngineCost(): Promise<EngineCost> {
  const sequential = await repeat(() => engineRound(false, sqliteRoundDatabase));
  const concurrent = await repeat(() => engineRound(true, sqliteRoundDatabase));
  const floor = await repeat(floorRound);
  const unavailable = await postgresUnavailable();
  if (unavailable !== undefined) return { sequential, concurrent, floor, postgres: { skipped: unavailable } };
  const postgres = {
    sequential: await repeat(() => engineRound(false, postgresRoundDatabase)),
    concurrent: await repeat(() => engineRound(true, postgresRoundDatabase)),
    floor: await repeat(postgresFloorRound),
  };
  return { sequential, concurrent, floor, postgres };
}
