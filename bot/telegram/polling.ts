import { type RunnerHandle, run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Logger } from "pino";
import { ALLOWED_UPDATES } from "./allowed-updates.ts";
import { pause, retryUntilDone } from "./retry.ts";
import type { TelegramContext } from "./telegram-context.ts";
import { describeError } from "./telegram-errors.ts";

export interface PollingOptions {
  logger: Logger;
  signal: AbortSignal;
  /** Long-polling timeout of each getUpdates call, in seconds. */
  timeoutSeconds?: number;
  retryBaseDelayMs?: number;
}

const RESTART_DELAY_MS = 5_000;

/**
 * Long polling through grammY runner (updates of different chats run concurrently; the bot's
 * sequentialize keeps each chat in order). A leftover webhook is removed first, since Telegram refuses
 * getUpdates while one is set. Should the runner give up (a long outage), it is started again.
 */
export function startPolling(bot: Bot<TelegramContext>, options: PollingOptions): { stop(): Promise<void> } {
  let handle: RunnerHandle | undefined;
  // The runner would print a failed getUpdates to stderr with console.error, request URL and bot token
  // included; it runs silent and the failure is logged here, through pino, without the URL.
  bot.api.config.use(async (previous, method, payload, signal) => {
    try {
      return await previous(method, payload, signal);
    } catch (error) {
      if (method === "getUpdates" && !signal?.aborted) {
        options.logger.warn({ error: describeError(error) }, "Telegram getUpdates failed; retrying");
      }
      throw error;
    }
  });

  const supervise = async () => {
    const removed = await retryUntilDone(() => bot.api.deleteWebhook(), {
      what: "deleteWebhook",
      logger: options.logger,
      signal: options.signal,
      baseDelayMs: options.retryBaseDelayMs,
    });
    if (removed === undefined) return;
    while (!options.signal.aborted) {
      handle = run(bot, {
        runner: {
          silent: true,
          fetch: { allowed_updates: ALLOWED_UPDATES, timeout: options.timeoutSeconds ?? 30 },
        },
      });
      options.logger.info("Telegram long polling started");
      await handle
        .task()
        ?.catch((error: unknown) =>
          options.logger.error({ error: describeError(error) }, "Telegram polling crashed"),
        );
      if (options.signal.aborted) return;
      options.logger.error("Telegram polling stopped unexpectedly; restarting");
      await pause(RESTART_DELAY_MS, options.signal);
    }
  };
  const supervising = supervise();

  return {
    async stop() {
      if (handle?.isRunning()) await handle.stop();
      await supervising;
    },
  };
}
