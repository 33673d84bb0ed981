import type { Logger } from "pino";
import type { Db } from "../../db/schema.ts";
import type { Config } from "../config.ts";
import type { MonitoredChannel } from "./channel-health.ts";

type Phase = "starting" | "running" | "stopping";

/**
 * The composition root's side of monitoring: channels register as they start, the phase moves from
 * starting to running to stopping (a load balancer stops sending webhooks while this instance stops),
 * and the /healthz and /metrics server runs when HTTP_PORT is set.
 */
export async function startOperations(
  config: Pick<Config, "HTTP_PORT" | "HTTP_HOST" | "HEALTH_MAX_OUTBOX_AGE_SECONDS">,
  db: Db,
  logger: Logger,
) {
  const channels: MonitoredChannel[] = [];
  let phase: Phase = "starting";
  // Loaded only when wanted: prom-client and the recording cost stay out of a bot without monitoring.
  const server =
    config.HTTP_PORT === undefined
      ? undefined
      : await (await import("./ops-server.ts")).startOpsServer({
          port: config.HTTP_PORT,
          host: config.HTTP_HOST,
          db,
          channels: () => channels,
          maxOutboxAgeSeconds: config.HEALTH_MAX_OUTBOX_AGE_SECONDS,
          phase: () => phase,
          logger,
        });
  return {
    /** The port taken (HTTP_PORT=0 picks a free one); undefined when the endpoint is off. */
    port: server?.port,
    addChannel(channel: MonitoredChannel): void {
      channels.push(channel);
    },
    setPhase(next: Phase): void {
      phase = next;
    },
    close: async () => server?.close(),
  };
}

export type Operations = Awaited<ReturnType<typeof startOperations>>;
