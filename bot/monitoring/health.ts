import { listOutboxBacklog, probeWritable } from "../../db/monitoring.repository.ts";
import type { Db } from "../../db/schema.ts";
import type { MonitoredChannel } from "./channel-health.ts";

export interface HealthOptions {
  db: Db;
  /** The channels running now (they register as they start). */
  channels(): readonly MonitoredChannel[];
  /** Unhealthy once a message of a channel this process sends has waited longer than this. */
  maxOutboxAgeSeconds: number;
  /** A database that has not taken the probe write by then counts as down. */
  probeTimeoutMs?: number;
  /** Starting (channels not up yet) or stopping: not ready for traffic either way. */
  phase(): "starting" | "running" | "stopping";
  now?: () => number;
}

type Check = {
  ok: boolean;
  detail: string;
};

export interface HealthReport {
  healthy: boolean;
  /** One line per failed check, for a quick read (`curl /healthz`). */
  problems: string[];
  checks: Record<string, Check & Record<string, unknown>>;
}

/**
 * What /healthz reports: the database takes a write, every channel reaches its platform, and no message
 * of those channels has waited in the outbox longer than allowed.
 */
export async function checkHealth(options: HealthOptions): Promise<HealthReport> {
  const now = options.now ?? Date.now;
  const checks: HealthReport["checks"] = {};
  const phase = options.phase();
  checks.process = { ok: phase === "running", detail: phase };
  const database = await checkDatabase(options.db, options.probeTimeoutMs ?? 2_000);
  checks.database = database;
  const channels = options.channels();
  for (const channel of channels) {
    const { connected, detail, state } = channel.health();
    checks[channel.name] = { ok: connected, detail, ...(state ? { state } : {}) };
  }
  if (database.ok) {
    checks.outbox = await checkOutbox(options, channels, now());
  }
  const problems = Object.entries(checks)
    .filter(([, check]) => !check.ok)
    .map(([name, check]) => `${name}: ${check.detail}`);
  return { healthy: problems.length === 0, problems, checks };
}

async function checkDatabase(db: Db, timeoutMs: number): Promise<Check & { ms?: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([probeWritable(db), timeout]);
    return { ok: true, detail: "writable", ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, detail: `not writable: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

async function checkOutbox(
  options: HealthOptions,
  channels: readonly MonitoredChannel[],
  nowMs: number,
): Promise<Check & { pending: number; oldestAgeSeconds: number; maxAgeSeconds: number }> {
  const served = new Set(channels.flatMap((channel) => channel.outboxChannels));
  let pending = 0;
  let oldestMs = nowMs;
  try {
    for (const row of await listOutboxBacklog(options.db)) {
      if (!served.has(row.channel)) continue;
      pending += row.pending;
      oldestMs = Math.min(oldestMs, Date.parse(row.oldestCreatedAt));
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      detail: `backlog unknown: ${reason}`,
      pending,
      oldestAgeSeconds: 0,
      maxAgeSeconds: 0,
    };
  }
  const oldestAgeSeconds = Math.max(0, Math.round((nowMs - oldestMs) / 1000));
  const maxAgeSeconds = options.maxOutboxAgeSeconds;
  const ok = oldestAgeSeconds <= maxAgeSeconds;
  return {
    ok,
    detail: ok
      ? `${pending} pending`
      : `${pending} pending, the oldest waiting ${oldestAgeSeconds} s (limit ${maxAgeSeconds} s)`,
    pending,
    oldestAgeSeconds,
    maxAgeSeconds,
  };
}
