/**
 * What the cost benchmarks measure: CPU time per message (process.cpuUsage, user + system, every thread of
 * the process) as the main figure, since the machine is shared and wall time says as much about the
 * neighbours as about this code; beside it wall-clock messages per second and the latency percentiles.
 * Each figure is the median over BENCH_ROUNDS rounds (default 3), each round on a fresh database.
 */

export interface Cost {
  messages: number;
  /** CPU microseconds per message. */
  cpuUs: number;
  /** On PostgreSQL: the database server's CPU microseconds per message, beside the bot's own. */
  serverCpuUs?: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

export function percentile(sorted: readonly number[], share: number): number {
  return sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
}

/** Times `run`, which reports the latency of each message it handled through `record`. */
export async function measure(run: (record: (latencyMs: number) => void) => Promise<void>): Promise<Cost> {
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await run((latencyMs) => latencies.push(latencyMs));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const messages = latencies.length;
  return {
    messages,
    cpuUs: (cpu.user + cpu.system) / messages,
    perSecond: messages / (wallMs / 1000),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

/** The median of each figure over the rounds (each figure on its own). */
export function medianCost(rounds: readonly Cost[]): Cost {
  const median = (pick: (cost: Cost) => number) => {
    const values = rounds.map(pick).sort((a, b) => a - b);
    return values[values.length >> 1]!;
  };
  const server = rounds.every((c) => c.serverCpuUs !== undefined);
  return {
    messages: rounds[0]!.messages,
    cpuUs: median((c) => c.cpuUs),
    ...(server ? { serverCpuUs: median((c) => c.serverCpuUs!) } : {}),
    perSecond: median((c) => c.perSecond),
    p50Ms: median((c) => c.p50Ms),
    p99Ms: median((c) => c.p99Ms),
  };
}

/** Runs `round` ROUNDS times and gives the medians; a collection between rounds keeps one round's garbage out of the next. */
export async function repeat(round: () => Promise<Cost>): Promise<Cost> {
  const costs: Cost[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    costs.push(await round());
  }
  return medianCost(costs);
}

export function describeCost(cost: Cost): string {
  return (
    `${cost.cpuUs.toFixed(0)} µs CPU/msg` +
    (cost.serverCpuUs === undefined ? "" : ` + ${cost.serverCpuUs.toFixed(0)} µs in the database server`) +
    `, ${Math.round(cost.perSecond)} msg/s, ` +
    `p50 ${cost.p50Ms.toFixed(2)} ms, p99 ${cost.p99Ms.toFixed(2)} ms (${cost.messages} msgs)`
  );
}
