import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Logger } from "pino";
import { type App, createApp } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { createLogger } from "../../bot/logging/logger.ts";
import { startTelegram, type TelegramTuning } from "../../bot/telegram/start-telegram.ts";
import { countPendingOutbox } from "../../db/outbox.repository.ts";
import { newTestDatabase } from "../support/test-database.ts";
import { type FakeBotApi, startFakeBotApi } from "./fake-bot-api.ts";

export const TOKEN = "123456:TEST-token_abc";
export const ADMIN_CHAT_ID = -1001234567890;

/**
 * Fast settings: the outbox is polled often, long polls are short, retries start quickly, and the send
 * limits are out of the way (they have their own tests and the benchmark).
 */
export const FAST: TelegramTuning = {
  outboxPollIntervalMs: 40,
  pollingTimeoutSeconds: 1,
  retryBaseDelayMs: 50,
  floodControl: { limit: 40, timeFrameMs: 2_000, warnEveryMs: 60_000 },
  sendLimit: { global: { perSecond: 10_000, burst: 10_000 } },
};

export interface Harness {
  fake: FakeBotApi;
  app: App;
  databasePath: string;
  /**
   * Resolves once every pushed update has been handled (the bot confirmed it with a later offset) and
   * nothing is left to send: the positive signal to wait for before checking that something did NOT happen.
   */
  settled(timeoutMs?: number): Promise<void>;
  /** Stops the bot and closes the database (the fake server and files stay for a restart). */
  shutdown(): Promise<void>;
  /** Everything, for afterEach. */
  dispose(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  tuning?: TelegramTuning;
  /** Where logs go (silent by default); the log-safety tests capture every line. */
  logger?: Logger;
  /** Reuse a fake server and database file: a restart of the process. */
  reuse?: { fake: FakeBotApi; databasePath: string };
}

/** The real app (engine, helpdesk, a SQLite file or PostgreSQL schema with the real migrations) and the real Telegram adapter against the fake server. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = options.reuse?.fake ?? (await startFakeBotApi());
  const dir = options.reuse ? undefined : mkdtempSync(join(tmpdir(), "asn-telegram-"));
  const databasePath = options.reuse?.databasePath ?? join(dir!, "helpdesk.db");
  // On PostgreSQL the file path stands for a schema of the test's own, the same one on a restart.
  const database = await newTestDatabase({ sqlitePath: databasePath });
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_ADMIN_CHAT_ID: String(ADMIN_CHAT_ID),
    ...database.env,
    ...options.env,
  });
  const logger = options.logger ?? createLogger("silent");
  const app = await createApp(config, logger, {
    adminInbox: { channel: "telegram-admin", chatId: String(ADMIN_CHAT_ID) },
  });
  const telegram = await startTelegram({ app, config, logger, tuning: { ...FAST, ...options.tuning } });
  let stopped = false;
  const shutdown = async () => {
    if (stopped) return;
    stopped = true;
    await telegram.stop();
    await app.close();
  };
  const settled = async (timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (fake.unconfirmedUpdates() > 0 || (await countPendingOutbox(app.db)) > 0) {
      if (Date.now() > deadline)
        throw new Error("the bot did not settle: updates unhandled or replies unsent");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return {
    fake,
    app,
    databasePath,
    settled,
    shutdown,
    async dispose() {
      await shutdown();
      if (!options.reuse) {
        await fake.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
