import { createServer, type Server } from "node:http";
import { type Bot, webhookCallback } from "grammy";
import type { Logger } from "pino";
import { closeServer, listen } from "../http-server.ts";
import type { TelegramContext } from "./telegram-context.ts";
import { describeError } from "./telegram-errors.ts";

export interface WebhookServerOptions {
  port: number;
  /** Telegram sends it in X-Telegram-Bot-Api-Secret-Token; anything else is refused with 401. */
  secretToken: string;
  logger: Logger;
  host?: string;
  /**
   * An update still not handled after this long is answered 500, so Telegram delivers it again later
   * (the engine recognises what it recorded meanwhile) rather than taking it as done.
   */
  answerWithinMs?: number;
}

// Updates are a few kilobytes; anything much larger is not from Telegram.
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The webhook endpoint: a plain node:http server that hands POSTs to grammY. Telegram gets its 200 only
 * once the update is handled, that is, the message and its replies are recorded (sending them is the
 * outbox's separate step, so a slow Telegram does not slow the answer). Until then Telegram keeps the
 * update, so a crash loses nothing.
 */
export async function startWebhookServer(
  bot: Bot<TelegramContext>,
  options: WebhookServerOptions,
): Promise<Server> {
  const handle = webhookCallback(bot, "http", {
    onTimeout: "throw",
    timeoutMilliseconds: options.answerWithinMs ?? 25_000,
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
  await listen(server, options.port, options.host);
  server.on("error", (error) =>
    options.logger.error({ error: describeError(error) }, "webhook server error"),
  );
  return server;
}

export { closeServer };
