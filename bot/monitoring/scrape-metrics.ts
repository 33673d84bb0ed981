import type { Logger } from "pino";
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import { listOutboxBacklog, type OutboxBacklog } from "../../db/monitoring.repository.ts";
import { OUTBOX_PRIORITY } from "../../db/outbox.repository.ts";
import type { Db } from "../../db/schema.ts";
import { countTicketsByStatusAndCategory } from "../../db/ticket.repository.ts";
import type { MonitoredChannel } from "./channel-health.ts";
import { eventRegistry } from "./prometheus-recorder.ts";

export interface ScrapeSources {
  db: Db;
  channels(): readonly MonitoredChannel[];
  logger: Logger;
}

const PRIORITY_NAMES = new Map<number, string>(
  Object.entries(OUTBOX_PRIORITY).map(([name, priority]) => [priority, name]),
);

/**
 * The registry /metrics serves: the event counters, plus gauges read when scraped (tickets by status,
 * outbox backlog, channel connections) so that nothing of it costs a query per message. A failed read
 * leaves its gauge empty for that scrape (and logs why) instead of failing the whole scrape.
 */
export function createScrapeRegistry(sources: ScrapeSources): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const failed = (what: string) => (error: unknown) => {
    sources.logger.warn({ err: error, what }, "metrics not read at scrape");
    return undefined;
  };

  new Gauge({
    name: "helpdesk_tickets",
    help: "Tickets per status and category (every ticket in the database)",
    labelNames: ["status", "category"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await countTicketsByStatusAndCategory(sources.db).catch(failed("tickets"));
      for (const row of counts ?? []) this.set({ status: row.status, category: row.category }, row.count);
    },
  });

  // Both backlog gauges are collected side by side in one scrape: one query serves them.
  let backlogRead: Promise<OutboxBacklog[] | undefined> | undefined;
  const readBacklog = () => {
    backlogRead ??= listOutboxBacklog(sources.db)
      .catch(failed("outbox backlog"))
      .finally(() => setImmediate(() => (backlogRead = undefined)));
    return backlogRead;
  };
  const backlogGauge = (name: string, help: string, value: (row: OutboxBacklog, now: number) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["channel", "kind"] as const,
      registers: [registry],
      async collect() {
        const backlog = await readBacklog();
        const now = Date.now();
        this.reset();
        for (const row of backlog ?? []) {
          const kind = PRIORITY_NAMES.get(row.priority) ?? String(row.priority);
          this.set({ channel: row.channel, kind }, value(row, now));
        }
      },
    });
  backlogGauge(
    "helpdesk_outbox_pending",
    "Messages still to be sent, per outbox channel and kind (reply, admin, notification)",
    (row) => row.pending,
  );
  backlogGauge(
    "helpdesk_outbox_oldest_age_seconds",
    "Age of the oldest message still to be sent, per outbox channel and kind",
    (row, now) => Math.max(0, (now - Date.parse(row.oldestCreatedAt)) / 1000),
  );

  new Gauge({
    name: "helpdesk_channel_connected",
    help: "1 when the channel reaches its platform, 0 when not",
    labelNames: ["channel"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const channel of sources.channels())
        this.set({ channel: channel.name }, channel.health().connected ? 1 : 0);
    },
  });

  new Gauge({
    name: "helpdesk_whatsapp_connection_state",
    help: "1 for the WhatsApp connection's current state (open, connecting, waiting, idle, stopped)",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      this.reset();
      const state = sources
        .channels()
        .find((channel) => channel.name === "whatsapp")
        ?.health().state;
      if (state) this.set({ state }, 1);
    },
  });

  return Registry.merge([eventRegistry, registry]);
}
