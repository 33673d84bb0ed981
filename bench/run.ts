/**
 * `npm run bench`: cost per message with the targets beside the figures, then one JSON line with every
 * figure (`npm run --silent bench -- --json` prints only that line on stdout, the rest on stderr).
 * BENCH_ONLY=engine,telegram,faq,memory,long,burst runs some of them; BENCH_ROUNDS (default 3) sets how
 * many rounds each CPU figure is the median of. The engine runs on SQLite and, when a PostgreSQL server
 * answers at BENCH_POSTGRES_URL (default: the local one; "off" skips it), on PostgreSQL in the same run.
 * Exit code 1 when a target is missed.
 */

import { runConversationsMemory } from "./conversations-memory.bench.ts";
import { describeCost } from "./cost.ts";
import { runEngineCost } from "./engine-cost.bench.ts";
import { runFaqRoutingCost } from "./faq-routing.bench.ts";
import { runLongMessageBenchmark } from "./long-message.bench.ts";
import { runTelegramBurstBenchmark } from "./telegram-burst.bench.ts";
import { runTelegramCost } from "./telegram-cost.bench.ts";

const TARGETS = {
  engineCpuUs: 120,
  telegramCpuUs: 170,
  engineP99Ms: 2,
  faqP99Ms500: 1,
  faqP99Ms5000: 2,
  rssMb100k: 200,
};

const asJson = process.argv.includes("--json");
// With --json, stdout carries the JSON line alone.
const say = asJson ? (line: string) => console.error(line) : (line: string) => console.log(line);
if (asJson) console.log = console.error;

const selected = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
const wanted = (name: string) => selected === undefined || selected.includes(name);

const figures: Record<string, number> = {};
const verdicts: boolean[] = [];
const round = (value: number, digits = 0) => Number(value.toFixed(digits));

function check(label: string, value: string, passed: boolean, target: string): void {
  verdicts.push(passed);
  say(`${label}: ${value} (target ${target}) ${passed ? "PASS" : "FAIL"}`);
}

if (wanted("engine")) {
  const { sequential, concurrent, floor, postgres } = await runEngineCost();
  check(
    "engine, sequential",
    describeCost(sequential),
    sequential.cpuUs <= TARGETS.engineCpuUs && sequential.p99Ms < TARGETS.engineP99Ms,
    `<= ${TARGETS.engineCpuUs} µs CPU/msg, p99 < ${TARGETS.engineP99Ms} ms`,
  );
  say(`engine, concurrent: ${describeCost(concurrent)}`);
  say(`floor (one bare durable SQLite transaction per message): ${describeCost(floor)}`);
  Object.assign(figures, {
    engine_cpu_us: round(sequential.cpuUs),
    engine_msgs_per_s: round(sequential.perSecond),
    engine_p50_ms: round(sequential.p50Ms, 3),
    engine_p99_ms: round(sequential.p99Ms, 3),
    engine_concurrent_cpu_us: round(concurrent.cpuUs),
    engine_concurrent_msgs_per_s: round(concurrent.perSecond),
    engine_concurrent_p99_ms: round(concurrent.p99Ms, 3),
    floor_cpu_us: round(floor.cpuUs),
    floor_msgs_per_s: round(floor.perSecond),
    floor_p99_ms: round(floor.p99Ms, 3),
  });
  if ("skipped" in postgres) {
    say(`engine on PostgreSQL: not measured (${postgres.skipped})`);
  } else {
    // No target of its own: the figures stand beside SQLite's, the bot's CPU and the server's apart.
    say(`engine on PostgreSQL, sequential: ${describeCost(postgres.sequential)}`);
    say(`engine on PostgreSQL, concurrent: ${describeCost(postgres.concurrent)}`);
    say(`floor on PostgreSQL (one bare transaction per message): ${describeCost(postgres.floor)}`);
    for (const [name, cost] of [
      ["pg_engine", postgres.sequential],
      ["pg_engine_concurrent", postgres.concurrent],
      ["pg_floor", postgres.floor],
    ] as const) {
      Object.assign(figures, {
        [`${name}_cpu_us`]: round(cost.cpuUs),
        [`${name}_server_cpu_us`]: round(cost.serverCpuUs ?? Number.NaN),
        [`${name}_msgs_per_s`]: round(cost.perSecond),
        [`${name}_p99_ms`]: round(cost.p99Ms, 3),
      });
    }
  }
}

if (wanted("telegram")) {
  const { sequential, concurrent } = await runTelegramCost();
  check(
    "telegram (handleUpdate + outbox delivery), sequential",
    describeCost(sequential),
    sequential.cpuUs <= TARGETS.telegramCpuUs,
    `<= ${TARGETS.telegramCpuUs} µs CPU/msg`,
  );
  say(`telegram, concurrent: ${describeCost(concurrent)}`);
  Object.assign(figures, {
    telegram_cpu_us: round(sequential.cpuUs),
    telegram_msgs_per_s: round(sequential.perSecond),
    telegram_p50_ms: round(sequential.p50Ms, 3),
    telegram_p99_ms: round(sequential.p99Ms, 3),
    telegram_concurrent_cpu_us: round(concurrent.cpuUs),
    telegram_concurrent_msgs_per_s: round(concurrent.perSecond),
    telegram_concurrent_p99_ms: round(concurrent.p99Ms, 3),
  });
}

if (wanted("faq")) {
  for (const [entries, target] of [
    [500, TARGETS.faqP99Ms500],
    [5_000, TARGETS.faqP99Ms5000],
  ] as const) {
    const cost = await runFaqRoutingCost(entries);
    check(
      `faq routing, ${cost.entries} entries`,
      `${cost.messages} messages (median of 5 each), CPU p50 ${(cost.p50Ms * 1000).toFixed(0)} µs, ` +
        `p99 ${(cost.p99Ms * 1000).toFixed(0)} µs, max ${(cost.maxMs * 1000).toFixed(0)} µs; wall p50 ` +
        `${(cost.wallP50Ms * 1000).toFixed(0)} µs, p99 ${(cost.wallP99Ms * 1000).toFixed(0)} µs; index built in ${cost.buildMs.toFixed(0)} ms`,
      cost.p99Ms < target,
      `CPU p99 < ${target} ms`,
    );
    figures[`faq_p99_ms_${entries}`] = round(cost.p99Ms, 3);
    figures[`faq_wall_p99_ms_${entries}`] = round(cost.wallP99Ms, 3);
  }
}

if (wanted("memory")) {
  const memory = await runConversationsMemory();
  check(
    `memory, ${memory.conversations} persisted conversations`,
    `RSS ${memory.rssMb.toFixed(0)} MB after 8 s idle (${memory.burstRssMb.toFixed(0)} MB right after the burst), ` +
      `heap ${memory.heapMb.toFixed(0)} MB (opened in ${memory.seconds.toFixed(1)} s)`,
    memory.rssMb < TARGETS.rssMb100k,
    `< ${TARGETS.rssMb100k} MB RSS at 100,000`,
  );
  const suffix = memory.conversations === 100_000 ? "100k" : String(memory.conversations);
  figures[`rss_mb_${suffix}`] = round(memory.rssMb);
  figures[`burst_rss_mb_${suffix}`] = round(memory.burstRssMb);
}

if (wanted("long")) verdicts.push((await runLongMessageBenchmark()).passed);
if (wanted("burst")) verdicts.push((await runTelegramBurstBenchmark()).passed);

process.stdout.write(`${JSON.stringify(figures)}\n`);
process.exitCode = verdicts.length > 0 && verdicts.every(Boolean) ? 0 : 1;
