import "dotenv/config";
import { tmpdir } from "node:os";
import { dirname, resolve } from "node:path";
import type { Logger } from "pino";
import { type App, createApp } from "./bot/app.ts";
import { type Config, ConfigError, loadConfig, retentionPolicy } from "./bot/config.ts";
import { CONSOLE_CHANNEL, createConsoleAdapter } from "./bot/console/console.adapter.ts";
import { createLogger } from "./bot/logging/logger.ts";
import { startMaintenance } from "./bot/maintenance.ts";
import { createOutboxDispatcher } from "./bot/outbox/outbox-dispatcher.ts";
import { outboundOf } from "./bot/outbox/outbox-message.ts";
import { startTelegram, TelegramTokenError } from "./bot/telegram/start-telegram.ts";
import { TELEGRAM_ADMIN_CHANNEL } from "./bot/telegram/telegram-context.ts";
import { startWhatsApp } from "./bot/whatsapp/start-whatsapp.ts";
import { DataKeyError, enqueueOutbox } from "./db/index.ts";

/** The composition root: config, logger, database (with migrations), then the channels that are configured. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const consoleMode = !config.TELEGRAM_BOT_TOKEN && !config.WHATSAPP_ENABLED;
  // In the console chat, logs below warnings would drown the conversation.
  const logger = createLogger(config.LOG_LEVEL ?? (consoleMode ? "warn" : "info"));
  // New tickets from every channel are announced in the Telegram admin group, when there is one.
  const adminChatId = config.TELEGRAM_BOT_TOKEN ? config.TELEGRAM_ADMIN_CHAT_ID : undefined;
  const adminInbox = adminChatId ? { channel: TELEGRAM_ADMIN_CHANNEL, chatId: adminChatId } : undefined;
  const app = await createApp(config, logger, { adminInbox });

  if (consoleMode) {
    await runConsole(app, config, logger);
    await app.close();
    return;
  }
  await runChannels(app, config, logger, adminInbox);
}

/** Next to the database file (data/ by default); the system's temporary folder for an in-memory database. */
const chartDirFor = (databasePath: string) =>
  databasePath === ":memory:" ? tmpdir() : dirname(resolve(databasePath));

async function runConsole(app: App, config: Config, logger: Logger): Promise<void> {
  let chat: ReturnType<typeof createConsoleAdapter> | undefined;
  const outbox = createOutboxDispatcher({
    db: app.db,
    channel: CONSOLE_CHANNEL,
    logger,
    send: async (message) => chat?.notify(outboundOf(message)),
  });
  chat = createConsoleAdapter({
    engine: app.engine,
    helpdesk: app.helpdesk,
    outbox,
    input: process.stdin,
    output: process.stdout,
    echo: !process.stdin.isTTY,
    bold: process.stdout.isTTY ? "ansi" : "plain",
    chartDir: chartDirFor(config.DATABASE_PATH),
  });
  await chat.run();
}

async function runChannels(
  app: App,
  config: Config,
  logger: Logger,
  adminInbox: { channel: string; chatId: string } | undefined,
): Promise<void> {
  const stoppers: Array<() => Promise<void>> = [];
  const maintenance = startMaintenance(app.db, logger, { retention: retentionPolicy(config) });
  if (config.TELEGRAM_BOT_TOKEN) {
    const telegram = await startTelegram({ app, config, logger });
    stoppers.push(() => telegram.stop());
  }
  if (config.WHATSAPP_ENABLED) {
    // A logout of the WhatsApp number is told to the admin group through the outbox, so it survives restarts.
    const notifyAdmins = adminInbox
      ? async (text: string) => {
          await enqueueOutbox(app.db, { ...adminInbox, text });
        }
      : undefined;
    const whatsapp = await startWhatsApp({ app, config, logger, notifyAdmins });
    stoppers.push(() => whatsapp.stop());
  }
  logger.info(
    { telegram: Boolean(config.TELEGRAM_BOT_TOKEN), whatsapp: config.WHATSAPP_ENABLED },
    "helpdesk started",
  );

  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    maintenance.stop();
    for (const stop of stoppers) await stop().catch((error) => logger.error({ err: error }, "stop failed"));
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof TelegramTokenError) {
    process.stderr.write(`${error.message}\n`);
  } else if (error instanceof DataKeyError) {
    process.stderr.write(`Data key problem: ${error.message}\n`);
  } else {
    process.stderr.write(
      `Startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exitCode = 1;
});
