import "dotenv/config";
import { createApp } from "./bot/app.ts";
import { ConfigError, loadConfig } from "./bot/config.ts";
import { CONSOLE_CHANNEL, createConsoleAdapter } from "./bot/console/console.adapter.ts";
import { createLogger } from "./bot/logging/logger.ts";
import { createOutboxDispatcher } from "./bot/outbox/outbox-dispatcher.ts";

/** The composition root: config, logger, database (with migrations), then the channels that are configured. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const consoleMode = !config.TELEGRAM_BOT_TOKEN && !config.WHATSAPP_ENABLED;
  // In the console chat, logs below warnings would drown the conversation.
  const logger = createLogger(config.LOG_LEVEL ?? (consoleMode ? "warn" : "info"));
  const app = await createApp(config, logger);

  if (consoleMode) {
    let chat: ReturnType<typeof createConsoleAdapter> | undefined;
    const outbox = createOutboxDispatcher({
      db: app.db,
      channel: CONSOLE_CHANNEL,
      logger,
      send: async (message) => chat?.notify(message.text),
    });
    chat = createConsoleAdapter({
      engine: app.engine,
      helpdesk: app.helpdesk,
      outbox,
      input: process.stdin,
      output: process.stdout,
      echo: !process.stdin.isTTY,
    });
    await chat.run();
    await app.close();
    return;
  }
  logger.error("Telegram and WhatsApp adapters are not available in this build yet");
  await app.close();
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exitCode = 1;
});
