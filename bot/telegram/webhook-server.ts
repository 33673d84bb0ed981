import { createServer, type Server } from "node:http";
import { type Bot, webhookCallback } from "grammy";
import type { Logger } from "pino";
import type { TelegramContext } from "./telegram-context.ts";
import { describeError } from "./telegram-errors.ts";

export interface WebhookServerOptions {
  port: number;
  /** Telegram sends it in X-Telegram-Bot-Api-Secret-Token; anything else is refused with 401. */
  secretToken: string;
  logger: Logger;
  host?: string;
  /** Telegram gets its 200 after this long at the latest; the update's work goes on afterwards. */
  answerWithinMs?: number;
}

// Updates are a few kilobytes; anything much larger is not from Telegram.
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The webhook endpoint: a plain node:http server that hands POSTs to grammY. An update answered quickly
 * gets its 200 when done; a slow one (a file download) is answered at `answerWithinMs` and finishes
 * afterwards, so Telegram never times out and redelivers it.
 */
export async function startWebhookServer(
  bot: Bot<TelegramContext>,
  options: WebhookServerOptions,
): Promise<Server> {
  const handle = webhookCallback(bot, "http", {
    onTimeout: "return",
    timeoutMilliseconds: options.answerWithinMs ?? 5_000,
    secretToken: options.secretToken,
  });
  const server = createServer((req, res) => {
    if (req.method !== "POST") {
      res.writeHead(405, { Allow: "POST" }).end();
      return;
    }
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
      res.writeHead(413).end();
      return;
    }
    handle(req, res).catch((error: unknown) => {
      options.logger.error({ error: describeError(error) }, "webhook request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (error) =>
    options.logger.error({ error: describeError(error) }, "webhook server error"),
  );
  return server;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
