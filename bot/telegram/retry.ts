import type { Logger } from "pino";
import { describeError } from "./telegram-errors.ts";

export interface RetryOptions {
  /** What is being retried, for the log. */
  what: string;
  logger: Logger;
  signal: AbortSignal;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Errors not worth retrying (a bad token): thrown at once. */
  isFatal?: (error: unknown) => boolean;
  /** Give up (logged as an error) after this many attempts; unlimited by default. */
  maxAttempts?: number;
}

/** Resolves after `ms`, or at once when the signal aborts (the caller then checks the signal). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * Runs `task` until it succeeds, waiting longer after each failure (capped), logging every failure.
 * For start-up calls that must not stop the bot (getMe, setMyCommands, setWebhook). Returns undefined when stopped.
 */
export async function retryUntilDone<T>(
  task: () => Promise<T>,
  options: RetryOptions,
): Promise<T | undefined> {
  let delay = options.baseDelayMs ?? 1_000;
  const maxDelay = options.maxDelayMs ?? 60_000;
  for (let attempt = 1; !options.signal.aborted; attempt += 1) {
    try {
      return await task();
    } catch (error) {
      if (options.isFatal?.(error)) throw error;
      if (attempt >= (options.maxAttempts ?? Number.POSITIVE_INFINITY)) {
        options.logger.error({ error: describeError(error), attempt }, `${options.what} failed; giving up`);
        return undefined;
      }
      options.logger.warn(
        { error: describeError(error), attempt, retryInMs: delay },
        `${options.what} failed; will retry`,
      );
      await pause(delay, options.signal);
      delay = Math.min(maxDelay, delay * 2);
    }
  }
  return undefined;
}
