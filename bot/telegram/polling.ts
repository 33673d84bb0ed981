import { type Bot, BotError, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { ALLOWED_UPDATES } from "./allowed-updates.ts";
import { pause, retryUntilDone } from "./retry.ts";
import type { TelegramContext } from "./telegram-context.ts";
import { describeError, isUnauthorized } from "./telegram-errors.ts";

export interface PollingOptions {
  logger: Logger;
  signal: AbortSignal;
  /** Long-polling timeout of each getUpdates call, in seconds. */
  timeoutSeconds?: number;
  retryBaseDelayMs?: number;
}

const MAX_RETRY_DELAY_MS = 30_000;

// The Bot API type of the signal (grammY bundles its own AbortSignal typing).
type ApiSignal = Parameters<Bot<TelegramContext>["api"]["getUpdates"]>[1];

/**
 * Long polling that confirms an update to Telegram only once it has been handled. Telegram keeps every
 * update until a getUpdates with a higher offset confirms it, so a batch is fetched, handled (different
 * chats side by side, each chat in order through the bot's sequentialize), and only then is the next
 * batch asked for with the offset past it. A crash while a batch is in hand re-fetches the whole batch on
 * the next start; the engine recognises what it already recorded. (grammY runner confirms a batch as soon
 * as it is fetched, so updates in hand were lost in a crash.) A leftover webhook is removed first.
 */
export function startPolling(
  bot: Bot<TelegramContext>,
  options: PollingOptions,
): { stop(options?: { confirmHandled?: boolean }): Promise<void> } {
  const { logger, signal } = options;
  let offset: number | undefined;
  let confirmHandled = true;

  async function handleBatch(updates: readonly Update[]): Promise<void> {
    await Promise.all(
      updates.map(async (update) => {
        try {
          await bot.handleUpdate(update);
        } catch (error) {
          // bot.catch logs and drops a failed update, as grammY's own polling does.
          if (error instanceof BotError) await bot.errorHandler(error);
          else
            logger.error({ error: describeError(error), updateId: update.update_id }, "update not handled");
        }
      }),
    );
  }

  async function poll(): Promise<void> {
    const removed = await retryUntilDone(() => bot.api.deleteWebhook(), {
      what: "deleteWebhook",
      logger,
      signal,
      baseDelayMs: options.retryBaseDelayMs,
    });
    if (removed === undefined) return;
    logger.info("Telegram long polling started");
    let delay = options.retryBaseDelayMs ?? 1_000;
    while (!signal.aborted) {
      let updates: Update[];
      try {
        updates = await bot.api.getUpdates(
          { offset, timeout: options.timeoutSeconds ?? 30, allowed_updates: ALLOWED_UPDATES },
          signal as unknown as ApiSignal,
        );
        delay = options.retryBaseDelayMs ?? 1_000;
      } catch (error) {
        if (signal.aborted) break;
        if (isUnauthorized(error)) {
          logger.fatal({ error: describeError(error) }, "Telegram rejected the token; polling stopped");
          return;
        }
        const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
        const wait = retryAfter !== undefined ? retryAfter * 1000 : delay;
        logger.warn({ error: describeError(error), retryInMs: wait }, "getUpdates failed; will retry");
        await pause(wait, signal);
        delay = Math.min(MAX_RETRY_DELAY_MS, delay * 2);
        continue;
      }
      if (updates.length === 0) continue;
      // Handled to the end even when stopping: these updates are in hand, and stop() waits for them.
      await handleBatch(updates);
      offset = updates.at(-1)!.update_id + 1;
    }
    // Tell Telegram what was handled, so a restart does not fetch it again (harmless, but wasted work).
    if (offset !== undefined && confirmHandled) {
      await bot.api
        .getUpdates({ offset, limit: 1, timeout: 0 }, AbortSignal.timeout(2_000) as unknown as ApiSignal)
        .catch(() => undefined);
    }
  }

  const polling = poll().catch((error: unknown) =>
    logger.fatal({ error: describeError(error) }, "Telegram polling crashed"),
  );

  return {
    /**
     * Resolves when the batch in hand is handled (the caller aborts `signal` first). `confirmHandled: false`
     * leaves the handled updates unconfirmed: another instance polls now, and a getUpdates from this one
     * would end its long poll with a 409 (it fetches them again; the engine knows them already).
     */
    async stop(stopOptions = {}) {
      if (stopOptions.confirmHandled === false) confirmHandled = false;
      await polling;
    },
  };
}
