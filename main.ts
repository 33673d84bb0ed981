import "dotenv/config";
import { tmpdir } from "node:os";
import { dirname, resolve } from "node:path";
import type { Logger } from "pino";
import { type App, createApp } from "./bot/app.ts";
import { type Config, ConfigError, loadConfig, retentionPolicy } from "./bot/config.ts";
import { CONSOLE_CHANNEL, createConsoleAdapter } from "./bot/console/console.adapter.ts";
import { createLogger } from "./bot/logging/logger.ts";
import { startMaintenance } from "./bot/maintenance.ts";
import { type Operations, startOperations } from "./bot/monitoring/operations.ts";
import { createOutboxDispatcher } from "./bot/outbox/outbox-dispatcher.ts";
import { startTelegram, TelegramTokenError } from "./bot/telegram/start-telegram.ts";
import { TELEGRAM_ADMIN_CHANNEL, TELEGRAM_CHANNEL } from "./bot/telegram/telegram-context.ts";
import { startWhatsApp } from "./bot/whatsapp/start-whatsapp.ts";
import { whatsappHealth } from "./bot/whatsapp/whatsapp-health.ts";
import { WHATSAPP_CHANNEL } from "./bot/whatsapp/whatsapp-sender.ts";
import { countPendingOutbox, DataKeyError, enqueueOutbox, OUTBOX_PRIORITY } from "./db/index.ts";

/** The composition root: config, logger, database (with migrations), then the channels that are configured. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const consoleMode = !config.TELEGRAM_BOT_TOKEN && !config.WHATSAPP_ENABLED;
  // In the console chat, logs below warnings would drown the conversation.
  const logger = createLogger(config.LOG_LEVEL ?? (consoleMode ? "warn" : "info"));
  // New tickets from every channel are announced in the Telegram admin group, when there is one.
  const adminChatId = config.TELEGRAM_BOT_TOKEN ? config.TELEGRAM_ADMIN_CHAT_ID : undefined;
  // Cards and notices for admins go out before bulk notifications to applicants.
  const adminInbox = adminChatId
    ? { channel: TELEGRAM_ADMIN_CHANNEL, chatId: adminChatId, priority: OUTBOX_PRIORITY.admin }
    : undefined;
  const app = await createApp(config, logger, { adminInbox });
  const operations = await startOperations(config, app.db, logger);

  if (consoleMode) {
    operations.addChannel({
      name: CONSOLE_CHANNEL,
      outboxChannels: [CONSOLE_CHANNEL],
      health: () => ({ connected: true, detail: "console chat" }),
    });
    operations.setPhase("running");
    await runConsole(app, config, logger);
    await operations.close();
    await app.close();
    return;
  }
  await runChannels(app, config, logger, adminInbox, operations);
}

/** Next to the database file (data/ by default); the system's temporary folder for an in-memory database. */
const chartDirFor = (databasePath: string) =>
  databasePath === ":memory:" ? tmpdir() : dirname(resolve(databasePath));

async function runConsole(app: App, config: Config, logger: Logger): Promise<void> {
  let chat: ReturnType<typeof createConsoleAdapter> | undefined;
  const input = process.stdin;
  const outbox = createOutboxDispatcher({
    db: app.db,
    ...app.claims,
    channel: CONSOLE_CHANNEL,
    logger,
    send: async (message) => {
      await chat?.deliver(message);
    },
  });
  chat = createConsoleAdapter({
    engine: app.engine,
    helpdesk: app.helpdesk,
    outbox,
    input,
    output: process.stdout,
    echo: !process.stdin.isTTY,
    bold: process.stdout.isTTY ? "ansi" : "plain",
    chartDir: chartDirFor(config.DATABASE_PATH),
  });
  // A signal ends the input like /keluar: the line in hand is answered and printed, then the chat closes.
  const hardExit = exitAtDeadline(config, logger);
  const endInput = () => {
    hardExit.arm();
    input.destroy();
  };
  process.once("SIGINT", endInput);
  process.once("SIGTERM", endInput);
  await chat.run();
  await outbox.stop({ flushMs: 0 });
  hardExit.cancel();
}

/**
 * The last resort of a graceful stop: should something hang past the deadline, exit 0 anyway. Nothing is
 * lost: unsent messages stay queued, and unconfirmed updates are fetched again on the next start.
 */
function exitAtDeadline(config: Config, logger: Logger) {
  const graceMs = 1_000;
  let timer: NodeJS.Timeout | undefined;
  return {
    arm() {
      timer = setTimeout(
        () => {
          logger.warn("shutdown deadline passed; exiting with the rest left queued");
          process.exit(0);
        },
        config.SHUTDOWN_DEADLINE_SECONDS * 1000 + graceMs,
      );
      timer.unref();
    },
    cancel() {
      if (timer) clearTimeout(timer);
    },
  };
}

async function runChannels(
  app: App,
  config: Config,
  logger: Logger,
  adminInbox: { channel: string; chatId: string } | undefined,
  operations: Operations,
): Promise<void> {
  const stoppers: Array<(options: { deadlineAt: number }) => Promise<void>> = [];
  const maintenance = startMaintenance(app.db, logger, { retention: retentionPolicy(config) });
  let stopping = false;
  let starting: Promise<unknown> = Promise.resolve();
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    operations.setPhase("stopping");
    const deadlineAt = Date.now() + config.SHUTDOWN_DEADLINE_SECONDS * 1000;
    logger.info({ signal, deadlineSeconds: config.SHUTDOWN_DEADLINE_SECONDS }, "shutting down");
    exitAtDeadline(config, logger).arm();
    maintenance.stop();
    // A signal during start-up (the start-up purge can make it take a moment) stops the channels once started.
    await starting.catch(() => undefined);
    await Promise.all(
      stoppers.map((stop) =>
        stop({ deadlineAt }).catch((error) => logger.error({ err: error }, "stop failed")),
      ),
    );
    const left = await countPendingOutbox(app.db).catch(() => undefined);
    logger.info({ unsent: left }, "stopped; unsent messages stay queued for the next start");
    await operations.close();
    await app.close();
    process.exit(0);
  };
  // Registered before the channels start, so a stop signal during start-up is still a graceful stop.
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  starting = startChannels();
  await starting;
  if (!stopping) operations.setPhase("running");

  async function startChannels(): Promise<void> {
    if (config.TELEGRAM_BOT_TOKEN) {
      const telegram = await startTelegram({ app, config, logger });
      stoppers.push((options) => telegram.stop(options));
      operations.addChannel({
        name: TELEGRAM_CHANNEL,
        outboxChannels: adminInbox ? [TELEGRAM_CHANNEL, TELEGRAM_ADMIN_CHANNEL] : [TELEGRAM_CHANNEL],
        health: telegram.health,
      });
    }
    if (config.WHATSAPP_ENABLED) {
      // A logout of the WhatsApp number is told to the admin group through the outbox, so it survives restarts.
      const notifyAdmins = adminInbox
        ? async (text: string) => {
            await enqueueOutbox(app.db, { ...adminInbox, text });
          }
        : undefined;
      const whatsapp = await startWhatsApp({ app, config, logger, notifyAdmins });
      stoppers.push((options) => whatsapp.stop(options));
      operations.addChannel({
        name: WHATSAPP_CHANNEL,
        // Only the instance holding the socket sends WhatsApp messages; a standby one answers for none.
        get outboxChannels() {
          return whatsapp.status() === "standby" ? [] : [WHATSAPP_CHANNEL];
        },
        health: () => whatsappHealth(whatsapp.status()),
      });
    }
    logger.info(
      { telegram: Boolean(config.TELEGRAM_BOT_TOKEN), whatsapp: config.WHATSAPP_ENABLED },
      "helpdesk started",
    );
  }
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
