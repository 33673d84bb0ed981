/**
 * Memory with many conversations in progress: BENCH_CONVERSATIONS applicants (default 100,000) each open
 * a form through the engine, so each has a persisted conversation (a form snapshot) in the database, and the
 * resident set of the process is read afterwards: at once (V8 still holds the heap the burst grew) and once
 * the process has been idle for a few seconds (V8's memory reducer gave it back), which is what the
 * process keeps for the conversations and is judged. Run in a process of its own, so that what the other
 * benchmarks left on the heap is not counted. Target: under 200 MB.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { createConversationEngine } from "../bot/engine/conversation-engine.ts";
import { createFaqRouting } from "../bot/engine/faq-routing.ts";
import { categoryChoice } from "../bot/engine/menu.ts";
import { openDatabase } from "../db/index.ts";
import { loadFaqData } from "../faq/faq-data.ts";
import { CATEGORY_IDS } from "../flows/categories/index.ts";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
// Applicants writing at the same moment; the rest wait their turn, as a real peak spreads over time.
const AT_ONCE = 1_000;

// V8 gives back the heap a burst grew after about five seconds of little allocation.
const IDLE_SECONDS = 8;

export interface MemoryCost {
  conversations: number;
  /** After a few idle seconds. */
  rssMb: number;
  /** Right after the last conversation was stored. */
  burstRssMb: number;
  heapMb: number;
  seconds: number;
}

async function child(): Promise<MemoryCost> {
  const dir = mkdtempSync(join(tmpdir(), "asn-bench-mem-"));
  const database = await openDatabase(join(dir, "bench.db"), { key: Buffer.alloc(32, 7) });
  const routing = createFaqRouting(loadFaqData({ categoryIds: CATEGORY_IDS }));
  const engine = createConversationEngine({ db: database.db, routing, logger: pino({ level: "silent" }) });
  const started = performance.now();
  for (let first = 0; first < CONVERSATIONS; first += AT_ONCE) {
    const batch: Promise<unknown>[] = [];
    for (let chat = first; chat < Math.min(CONVERSATIONS, first + AT_ONCE); chat++) {
      batch.push(
        engine.handle({
          channel: "bench",
          chatId: `chat-${chat}`,
          userId: `user-${chat}`,
          messageId: `m-${chat}`,
          content: { kind: "choice", value: categoryChoice("pengaduan_instansi") },
        }),
      );
    }
    await Promise.all(batch);
  }
  const seconds = (performance.now() - started) / 1000;
  const stored = await database.db
    .selectFrom("conversations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(stored.n) !== CONVERSATIONS)
    throw new Error(`memory bench: ${stored.n} conversations stored, ${CONVERSATIONS} expected`);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const burstRss = process.memoryUsage().rss;
  for (let second = 0; second < IDLE_SECONDS; second++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    gc?.();
  }
  const memory = process.memoryUsage();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    conversations: CONVERSATIONS,
    rssMb: memory.rss / 1024 / 1024,
    burstRssMb: burstRss / 1024 / 1024,
    heapMb: memory.heapUsed / 1024 / 1024,
    seconds,
  };
}

const RESULT_PREFIX = "memory-result ";

/** Runs the measurement in a fresh Node process (the same loader flags as this one). */
export function runConversationsMemory(): Promise<MemoryCost> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(import.meta.url);
    const proc = spawn(process.execPath, [...process.execArgv, "--expose-gc", script], {
      env: { ...process.env, BENCH_MEMORY_CHILD: "1" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    proc.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    proc.on("error", reject);
    proc.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) reject(new Error(`memory bench exited with ${code}`));
      else resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as MemoryCost);
    });
  });
}

if (process.env.BENCH_MEMORY_CHILD === "1") {
  const result = await child();
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}
