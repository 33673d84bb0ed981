/**
 * Season-peak benchmark of the per-message path: many chats filling forms at once, every step persisted
 * to a SQLite file (WAL), one core. Target: at least 5,000 messages per second.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { createConversationEngine } from "../bot/engine/conversation-engine.ts";
import { createFaqRouting } from "../bot/engine/faq-routing.ts";
import type { InboundMessage } from "../bot/engine/message.types.ts";
import { openDatabase } from "../db/index.ts";
import { loadFaqData } from "../faq/faq-data.ts";
import { CATEGORY_IDS } from "../flows/categories/index.ts";

const CHATS = Number(process.env.BENCH_CHATS ?? 2_000);
const TARGET_PER_SECOND = 5_000;

// One applicant's conversation: a FAQ question, then the complaint form to its ticket and a status query.
const NIK = "3201015708950001";
const SCRIPT = [
  "gmn cara reset pw akun sscasn?",
  "menu",
  "7",
  "Siti Rahmawati",
  NIK,
  "3201011201150003",
  "Kabupaten Bogor",
  "17 Agustus 1995",
  "Badan Kepegawaian Negara",
  "Formasi yang saya lamar tidak muncul di portal.",
  "kirim",
  "status",
];

export async function runEngineThroughputBenchmark(): Promise<{ perSecond: number; passed: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), "asn-bench-"));
  const database = await openDatabase(join(dir, "bench.db"));
  const engine = createConversationEngine({
    db: database.db,
    routing: createFaqRouting(loadFaqData({ categoryIds: CATEGORY_IDS })),
    logger: pino({ level: "silent" }),
  });
  // Each applicant has a NIK of their own (serial 0001..): one NIK with an open ticket gets no second one.
  const nikOf = (chat: number) => `320101570895${String(chat + 2).padStart(4, "0")}`;
  const message = (chat: number, step: number): InboundMessage => ({
    channel: "bench",
    chatId: `chat-${chat}`,
    userId: `user-${chat}`,
    messageId: `${chat}-${step}`,
    content: { kind: "text", text: SCRIPT[step] === NIK ? nikOf(chat) : SCRIPT[step]! },
  });

  // Warm up the JIT and the FAQ index outside the measurement.
  for (let step = 0; step < SCRIPT.length; step++) await engine.handle({ ...message(-1, step) });

  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  let handled = 0;
  // Chats interleave step by step, as they do at a peak: every message loads and stores its own chat.
  for (let step = 0; step < SCRIPT.length; step++) {
    const batch: Promise<unknown>[] = [];
    for (let chat = 0; chat < CHATS; chat++) batch.push(engine.handle(message(chat, step)));
    await Promise.all(batch);
    handled += CHATS;
  }
  const seconds = (performance.now() - started) / 1000;
  const perSecond = handled / seconds;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  const tickets = await database.db
    .selectFrom("tickets")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  await database.close();
  rmSync(dir, { recursive: true, force: true });

  const passed = perSecond >= TARGET_PER_SECOND && Number(tickets.n) === CHATS + 1;
  console.log(
    `engine: ${handled} messages from ${CHATS} chats in ${seconds.toFixed(2)} s = ${Math.round(perSecond)} msg/s ` +
      `(target ${TARGET_PER_SECOND}), ${tickets.n} tickets, heap +${heapMb.toFixed(1)} MB ${passed ? "PASS" : "FAIL"}`,
  );
  return { perSecond, passed };
}
