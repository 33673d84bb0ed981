import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { Logger } from "pino";
import type { App } from "../app.ts";
import type { Config } from "../config.ts";
import { createOutboxDispatcher } from "../outbox/outbox-dispatcher.ts";
import { ALLOWED_UPDATES } from "./allowed-updates.ts";
import { registerCommands } from "./bot-commands.ts";
import { createTelegramBot } from "./create-telegram-bot.ts";
import type { FloodControlOptions } from "./features/flood-control.composer.ts";
import { createInFlightTracker } from "./in-flight.ts";
import { createAdminInboxSender, createApplicantSender } from "./outbox-senders.ts";
import { startPolling } from "./polling.ts";
import { retryUntilDone } from "./retry.ts";
import { TELEGRAM_ADMIN_CHANNEL, TELEGRAM_CHANNEL } from "./telegram-context.ts";
import { describeError, isUnauthorized } from "./telegram-errors.ts";
import { closeServer, startWebhookServer } from "./webhook-server.ts";

/** Knobs with production defaults; tests turn them down to keep the suite fast. */
export interface TelegramTuning {
  outboxPollIntervalMs?: number;
  floodControl?: FloodControlOptions;
  membershipCacheMs?: number;
  pollingTimeoutSeconds?: number;
  retryBaseDelayMs?: number;
  webhookAnswerWithinMs?: number;
  webhookHost?: string;
}

export interface StartTelegramOptions {
  app: App;
  config: Config;
  logger: Logger;
  tuning?: TelegramTuning;
}

export class TelegramTokenError extends Error {
  override name = "TelegramTokenError";
}

/**
 * Starts the Telegram channel: the bot (long polling, or a webhook when TELEGRAM_WEBHOOK_URL is set),
 * the command lists, and the outbox dispatchers for applicant notifications ("telegram") and admin-group
 * cards ("telegram-admin"). A Telegram outage at start-up is logged and retried in the background; only a
 * token Telegram rejects stops start-up. `stop()` finishes the updates in progress before resolving.
 */
export async function startTelegram(options: StartTelegramOptions): Promise<{ stop(): Promise<void> }> {
  const { app, config, tuning = {} } = options;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new TelegramTokenError("TELEGRAM_BOT_TOKEN is not set");
  const logger = options.logger.child({ adapter: "telegram" });
  const adminChatId = config.TELEGRAM_ADMIN_CHAT_ID;
  const stopping = new AbortController();
  const retry = { logger, signal: stopping.signal, baseDelayMs: tuning.retryBaseDelayMs };
  const inFlight = createInFlightTracker();

  const bot = createTelegramBot(token, {
    engine: app.engine,
    helpdesk: app.helpdesk,
    db: app.db,
    logger,
    apiRoot: config.TELEGRAM_API_ROOT,
    admin: adminChatId
      ? {
          chatId: adminChatId,
          userIds: config.TELEGRAM_ADMIN_USER_IDS,
          administratorsOnly: config.TELEGRAM_ADMIN_GROUP_ADMINS_ONLY,
          membershipCacheMs: tuning.membershipCacheMs,
        }
      : undefined,
    floodControl: tuning.floodControl,
    inFlight,
  });

  // One getMe, not bot.init(): grammY's init retries network failures forever, which would block start-up
  // (and the console of whoever started it) for as long as Telegram is unreachable.
  const identify = async () => {
    bot.botInfo = await bot.api.getMe();
  };
  try {
    await identify();
    logger.info({ username: bot.botInfo.username }, "Telegram bot identified");
  } catch (error) {
    if (isUnauthorized(error)) {
      throw new TelegramTokenError("Telegram rejected TELEGRAM_BOT_TOKEN (check it with BotFather)", {
        cause: error,
      });
    }
    logger.warn({ error: describeError(error) }, "Telegram unreachable at start; retrying in the background");
  }

  let server: Server | undefined;
  let secretToken: string | undefined;
  if (config.TELEGRAM_WEBHOOK_URL) {
    // Without a configured secret, a fresh one per start still keeps strangers from posting updates.
    secretToken = config.TELEGRAM_WEBHOOK_SECRET ?? randomBytes(32).toString("base64url");
    server = await startWebhookServer(bot, {
      port: config.TELEGRAM_WEBHOOK_PORT,
      host: tuning.webhookHost,
      secretToken,
      logger,
      answerWithinMs: tuning.webhookAnswerWithinMs,
    });
    logger.info({ port: config.TELEGRAM_WEBHOOK_PORT }, "Telegram webhook server listening");
  }

  const dispatchers = [
    createOutboxDispatcher({
      db: app.db,
      channel: TELEGRAM_CHANNEL,
      send: createApplicantSender({ api: bot.api, db: app.db, logger }),
      logger,
      pollIntervalMs: tuning.outboxPollIntervalMs,
    }),
  ];
  if (adminChatId) {
    dispatchers.push(
      createOutboxDispatcher({
        db: app.db,
        channel: TELEGRAM_ADMIN_CHANNEL,
        send: createAdminInboxSender({ api: bot.api, db: app.db, logger }),
        logger,
        pollIntervalMs: tuning.outboxPollIntervalMs,
      }),
    );
  }
  for (const dispatcher of dispatchers) dispatcher.start();

  const launch = (async () => {
    if (!bot.isInited()) {
      await retryUntilDone(identify, { ...retry, what: "getMe", isFatal: isUnauthorized });
      if (stopping.signal.aborted) return undefined;
    }
    // Only the command menu depends on it, so it is not retried forever (a wrong admin chat id would be).
    void retryUntilDone(() => registerCommands(bot.api, adminChatId), {
      ...retry,
      what: "setMyCommands",
      maxAttempts: 8,
    });
    if (config.TELEGRAM_WEBHOOK_URL) {
      await retryUntilDone(
        () =>
          bot.api.setWebhook(config.TELEGRAM_WEBHOOK_URL!, {
            secret_token: secretToken,
            allowed_updates: ALLOWED_UPDATES,
          }),
        { ...retry, what: "setWebhook" },
      );
      return undefined;
    }
    return startPolling(bot, {
      logger,
      signal: stopping.signal,
      timeoutSeconds: tuning.pollingTimeoutSeconds,
      retryBaseDelayMs: tuning.retryBaseDelayMs,
    });
  })().catch((error: unknown) => {
    logger.fatal({ error: describeError(error) }, "Telegram channel could not start");
    return undefined;
  });

  return {
    async stop() {
      stopping.abort();
      const polling = await launch;
      await polling?.stop();
      if (server) await closeServer(server);
      await inFlight.idle();
      for (const dispatcher of dispatchers) await dispatcher.stop();
    },
  };
}
