import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { Api } from "grammy";
import type { Logger } from "pino";
import type { App } from "../app.ts";
import type { Config } from "../config.ts";
import { databaseLeaseStore, type LeaseKeeper, startLeaseKeeper } from "../instance/lease-keeper.ts";
import type { ChannelHealth } from "../monitoring/channel-health.ts";
import { createOutboxDispatcher } from "../outbox/outbox-dispatcher.ts";
import { createRateLimiter, type RateLimit } from "../outbox/rate-limiter.ts";
import { ALLOWED_UPDATES } from "./allowed-updates.ts";
import { registerCommands } from "./bot-commands.ts";
import { createChoiceCodec } from "./callback-data.ts";
import { createTelegramBot } from "./create-telegram-bot.ts";
import type { FloodControlOptions } from "./features/flood-control.composer.ts";
import { createInFlightTracker } from "./in-flight.ts";
import { createAdminInboxSender, createApplicantSender } from "./outbox-senders.ts";
import { startPolling } from "./polling.ts";
import { retryUntilDone } from "./retry.ts";
import { TELEGRAM_ADMIN_CHANNEL, TELEGRAM_CHANNEL } from "./telegram-context.ts";
import { describeError, isUnauthorized } from "./telegram-errors.ts";
import { createTelegramLink } from "./telegram-link.ts";
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
  /** Sending limits: the whole bot, and one chat (Telegram: about 30/s, and 1/s per chat on bursts). */
  sendLimit?: { global: RateLimit; perChat?: RateLimit };
}

/**
 * Under Telegram's 30 messages per second in any one-second window (5 at once, then 25 a second), and a
 * short burst of 3 in a chat (a reply of several messages), then 1 a second.
 */
export const TELEGRAM_SEND_LIMIT: { global: RateLimit; perChat: RateLimit } = {
  global: { perSecond: 25, burst: 5 },
  perChat: { perSecond: 1, burst: 3 },
};

export interface TelegramHandle {
  /**
   * Stops taking updates, finishes the ones in hand (their replies are then queued), and keeps sending
   * until `deadlineAt` (epoch ms; default: not at all); whatever is unsent stays queued for the next start.
   */
  stop(options?: { deadlineAt?: number }): Promise<void>;
  /**
   * Whether Telegram answered the last Bot API call (for /healthz), and the mode: "webhook", "polling", or
   * "standby" while another instance holds the polling lease (healthy: that is its job).
   */
  health(): ChannelHealth;
}

export interface StartTelegramOptions {
  app: App;
  config: Config;
  logger: Logger;
  tuning?: TelegramTuning;
}

/** The lease of the one instance that long-polls Telegram (a second poller would get 409 after 409). */
export const TELEGRAM_POLLING_LEASE = "telegram-polling";

export class TelegramTokenError extends Error {
  override name = "TelegramTokenError";
}

/**
 * Starts the Telegram channel: the bot (long polling, or a webhook when TELEGRAM_WEBHOOK_URL is set),
 * the command lists, and the outbox dispatchers for applicant replies and notifications ("telegram") and
 * admin-group cards ("telegram-admin"), which share one rate limit. A Telegram outage at start-up is
 * logged and retried in the background; only a token Telegram rejects stops start-up.
 */
export async function startTelegram(options: StartTelegramOptions): Promise<TelegramHandle> {
  const { app, config, tuning = {} } = options;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new TelegramTokenError("TELEGRAM_BOT_TOKEN is not set");
  const logger = options.logger.child({ adapter: "telegram" });
  const adminChatId = config.TELEGRAM_ADMIN_CHAT_ID;
  const stopping = new AbortController();
  const retry = { logger, signal: stopping.signal, baseDelayMs: tuning.retryBaseDelayMs };
  const inFlight = createInFlightTracker();
  const codec = createChoiceCodec();
  const link = createTelegramLink(TELEGRAM_CHANNEL);

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
    codec,
    apiTransformers: [link.transformer],
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

  // The outbox sends through its own Api without auto-retry: a 429 comes back at once and only that
  // chat waits its retry_after (in the database), instead of a call blocking for minutes.
  const sendApi = new Api(token, { apiRoot: config.TELEGRAM_API_ROOT });
  sendApi.config.use(link.transformer);
  const limiter = createRateLimiter({
    ...(tuning.sendLimit ?? TELEGRAM_SEND_LIMIT),
    maxInFlight: config.TELEGRAM_SEND_CONCURRENCY,
  });
  const outbox = (channel: string, send: Parameters<typeof createOutboxDispatcher>[0]["send"]) =>
    createOutboxDispatcher({
      db: app.db,
      ...app.claims,
      channel,
      send,
      logger,
      limiter,
      maxConcurrent: config.TELEGRAM_SEND_CONCURRENCY,
      pollIntervalMs: tuning.outboxPollIntervalMs,
    });
  const dispatchers = [
    outbox(TELEGRAM_CHANNEL, createApplicantSender({ api: sendApi, db: app.db, logger, codec })),
  ];
  if (adminChatId) {
    dispatchers.push(
      outbox(TELEGRAM_ADMIN_CHANNEL, createAdminInboxSender({ api: sendApi, db: app.db, logger })),
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
    // Long polling runs in the one instance holding the lease; the others stand by to take over.
    let polling: { abort: AbortController; run: ReturnType<typeof startPolling> } | undefined;
    return startLeaseKeeper({
      store: databaseLeaseStore(app.db),
      name: TELEGRAM_POLLING_LEASE,
      what: "Telegram long polling",
      holder: config.INSTANCE_ID,
      leaseMs: config.INSTANCE_LEASE_SECONDS * 1000,
      logger,
      start: () => {
        const abort = new AbortController();
        const run = startPolling(bot, {
          logger,
          signal: AbortSignal.any([stopping.signal, abort.signal]),
          timeoutSeconds: tuning.pollingTimeoutSeconds,
          retryBaseDelayMs: tuning.retryBaseDelayMs,
        });
        polling = { abort, run };
      },
      stop: async (reason) => {
        const current = polling;
        polling = undefined;
        if (!current) return;
        current.abort.abort();
        await current.run.stop({ confirmHandled: reason !== "lost" });
      },
    });
  })().catch((error: unknown) => {
    logger.fatal({ error: describeError(error) }, "Telegram channel could not start");
    return undefined;
  });
  // Set once launched in polling mode: who polls, for /healthz.
  let keeper: LeaseKeeper | undefined;
  void launch.then((launched) => {
    keeper = launched;
  });

  return {
    health: () => {
      const health = link.health();
      if (config.TELEGRAM_WEBHOOK_URL) return { ...health, state: "webhook" };
      if (!keeper) return health;
      if (keeper.state() !== "standby") return { ...health, state: "polling" };
      // Healthy while Telegram answers this instance's sends: standing by is what it should do.
      const poller = keeper.otherHolder();
      const standby = `standby: ${poller ? `instance ${poller}` : "another instance"} polls Telegram`;
      return {
        ...health,
        detail: health.connected ? standby : `${standby}; ${health.detail}`,
        state: "standby",
      };
    },
    async stop(stopOptions = {}) {
      stopping.abort();
      // Polling stops (the batch in hand is handled) before the lease is released for another instance.
      const pollingLease = await launch;
      await pollingLease?.stop();
      if (server) await closeServer(server);
      await inFlight.idle();
      const flushMs = Math.max(0, (stopOptions.deadlineAt ?? 0) - Date.now());
      await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop({ flushMs })));
    },
  };
}
