import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { Db } from "../../db/schema.ts";
import { closeServer, listen } from "../http-server.ts";
import type { MonitoredChannel } from "./channel-health.ts";
import { checkHealth, type HealthOptions } from "./health.ts";
import { useMetricsRecorder } from "./metrics.ts";
import { prometheusRecorder } from "./prometheus-recorder.ts";
import { createScrapeRegistry } from "./scrape-metrics.ts";

export interface OpsServerOptions {
  /** 0 picks a free port (tests); the port taken is in the handle and the log. */
  port: number;
  host: string;
  db: Db;
  channels(): readonly MonitoredChannel[];
  maxOutboxAgeSeconds: number;
  phase: HealthOptions["phase"];
  logger: Logger;
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The operator's endpoint, on its own port (HTTP_PORT), apart from the Telegram webhook's public one:
 * GET /healthz answers 200 when healthy and 503 otherwise, with a JSON body naming what is wrong; GET
 * /metrics answers in Prometheus' text format. Neither holds personal data.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const registry = createScrapeRegistry(options);
  useMetricsRecorder(prometheusRecorder);
  const log = options.logger.child({ component: "ops-server" });

  let lastVerdict = "";
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    const answer = async () => {
      if (path === "/healthz") {
        const report = await checkHealth(options);
        // Said when the failing checks change, not on every probe of a load balancer.
        const verdict = Object.keys(report.checks)
          .filter((name) => !report.checks[name]!.ok)
          .join(",");
        if (verdict !== lastVerdict) {
          if (report.healthy) log.info("healthy again");
          else log.warn({ problems: report.problems }, "health check failed");
          lastVerdict = verdict;
        }
        res
          .writeHead(report.healthy ? 200 : 503, {
            "Content-Type": "application/json; charset=utf-8",
            "Cache-Control": "no-store",
          })
          .end(JSON.stringify({ status: report.healthy ? "ok" : "unhealthy", ...report }));
      } else if (path === "/metrics") {
        const body = await registry.metrics();
        res.writeHead(200, { "Content-Type": registry.contentType }).end(body);
      } else {
        res
          .writeHead(404, { "Content-Type": "text/plain; charset=utf-8" })
          .end("Not found: try /healthz or /metrics\n");
      }
    };
    answer().catch((error: unknown) => {
      log.error({ err: error, path }, "operations request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  await listen(server, options.port, options.host);
  server.on("error", (error) => log.error({ err: error }, "operations server error"));
  const { port } = server.address() as AddressInfo;
  log.info({ host: options.host, port }, "operations endpoint listening (/healthz, /metrics)");

  return {
    port,
    close: async () => {
      await closeServer(server);
      useMetricsRecorder(undefined);
    },
  };
}
