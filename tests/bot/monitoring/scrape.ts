// Reading the operations endpoint over real HTTP, as a load balancer and Prometheus do.

export async function getHealth(port: number): Promise<{ status: number; body: HealthBody }> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: (await response.json()) as HealthBody };
}

export interface HealthBody {
  status: string;
  problems: string[];
  checks: Record<string, { ok: boolean; detail: string } & Record<string, unknown>>;
}

/** Polls /healthz until it answers `status` (a positive signal, never a fixed sleep). */
export async function healthBecomes(port: number, status: number, timeoutMs = 15_000): Promise<HealthBody> {
  const deadline = Date.now() + timeoutMs;
  let last: { status: number; body: HealthBody } | undefined;
  while (Date.now() < deadline) {
    last = await getHealth(port);
    if (last.status === status) return last.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`/healthz stayed ${last?.status}: ${JSON.stringify(last?.body)}`);
}

export async function scrape(port: number): Promise<Scraped> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  const contentType = response.headers.get("content-type") ?? "";
  return parseMetrics(await response.text(), contentType);
}

export interface Scraped {
  text: string;
  contentType: string;
  /** The value of the one sample of `name` whose labels include `labels`; undefined when there is none. */
  value(name: string, labels?: Record<string, string>): number | undefined;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function parseMetrics(text: string, contentType: string): Scraped {
  const samples = text
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const match = SAMPLE.exec(line);
      if (!match) throw new Error(`not a Prometheus sample: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? "").matchAll(LABEL)].map((m) => [m[1], m[2]]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
  return {
    text,
    contentType,
    value(name, labels = {}) {
      const found = samples.filter(
        (s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
      );
      if (found.length > 1)
        throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
      return found[0]?.value;
    },
  };
}

/** Scrapes until `ready` holds (the bot counts a send once the platform's answer is back, after the test sees it). */
export async function scrapeUntil(
  port: number,
  ready: (scraped: Scraped) => boolean,
  timeoutMs = 15_000,
): Promise<Scraped> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const scraped = await scrape(port);
    if (ready(scraped)) return scraped;
    if (Date.now() > deadline) throw new Error(`metrics never got there:\n${scraped.text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** How much a counter moved between two scrapes (counters live as long as the process, across tests). */
export function moved(
  before: Scraped,
  after: Scraped,
  name: string,
  labels?: Record<string, string>,
): number {
  return (after.value(name, labels) ?? 0) - (before.value(name, labels) ?? 0);
}
