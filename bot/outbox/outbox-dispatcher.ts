import type { Logger } from "pino";
import {
  type Db,
  listSendableOutbox,
  markOutboxBlocked,
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSent,
  nextOutboxAttemptAt,
  type OutboxMessage,
  onOutboxWritten,
} from "../../db/index.ts";
import { metrics } from "../monitoring/metrics.ts";
import { type RateLimiter, type Release, UNLIMITED } from "./rate-limiter.ts";

/** Thrown by a sender when the recipient cannot be reached for good (blocked the bot, deleted account). */
export class RecipientUnreachableError extends Error {
  override name = "RecipientUnreachableError";
}

/** Thrown by a sender when the platform said when to try again (Telegram's 429 retry_after), or for a network fault. */
export class RetryLaterError extends Error {
  override name = "RetryLaterError";
  /** Wait at least this long; undefined: the usual backoff. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs?: number) {
    super(message);
    this.retryAfterMs = retryAfterMs;
  }
}

/** Thrown by a sender when the message itself can never be sent (malformed): given up, the chat goes on. */
export class PermanentSendError extends Error {
  override name = "PermanentSendError";
}

export interface OutboxDispatcherOptions {
  db: Db;
  channel: string;
  /** Sends one message; `signal` aborts it when shutdown's deadline is reached. */
  send(message: OutboxMessage, signal: AbortSignal): Promise<void>;
  logger: Logger;
  now?: () => Date;
  /** Shared by every dispatcher of one platform (one bot: one limit). Default: no limit. */
  limiter?: RateLimiter;
  /** Chats sent to at the same time. */
  maxConcurrent?: number;
  /** Unclassified errors are retried this many times; network faults and 429s are retried for ever. */
  maxAttempts?: number;
  /** The safety net: look for work this often even without a wake-up. */
  pollIntervalMs?: number;
  /** The longest backoff after failures. */
  maxDelayMs?: number;
}

const BASE_DELAY_MS = 2_000;
const DEFAULT_MAX_DELAY_MS = 5 * 60 * 1000;

/** Exponential backoff with jitter, so that a channel recovering from an outage is not hit by every retry at once. */
export function retryDelayMs(
  attempts: number,
  random: () => number = Math.random,
  maxDelayMs = DEFAULT_MAX_DELAY_MS,
): number {
  const exponential = Math.min(maxDelayMs, BASE_DELAY_MS * 2 ** Math.min(attempts, 20));
  return Math.round(exponential * (0.5 + random() / 2));
}

/**
 * Delivers one channel's outbox: replies and notifications were written there in the same transaction
 * as the change that produced them, and leave it only when marked sent. Per chat strictly in order (a
 * message that must wait holds back its own chat only); across chats in parallel, as fast as the
 * limiter lets. A crash between a send and its mark sends that one message again on the next start:
 * the only repeat there can be (the platforms offer no idempotency key).
 */
export function createOutboxDispatcher(options: OutboxDispatcherOptions) {
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 10;
  const maxConcurrent = options.maxConcurrent ?? 8;
  const limiter = options.limiter ?? UNLIMITED;
  const log = options.logger.child({ outbox: options.channel });
  // Aborted when shutdown's flush deadline passes: sends in flight are cut off and stay pending.
  const hardStop = new AbortController();
  const wakers = new Set<() => void>();
  let kicked = false;
  let running: Promise<number> | undefined;
  let started = false;
  let stopping = false;
  let loop: Promise<void> | undefined;

  function kick(): void {
    kicked = true;
    for (const wake of [...wakers]) wake();
  }
  const unsubscribe = onOutboxWritten(options.db, (channel) => {
    if (channel === options.channel) kick();
  });

  async function deliver(message: OutboxMessage): Promise<void> {
    const context = { outboxId: message.id, chatSeq: message.chatSeq };
    let release: Release | undefined;
    try {
      release = await limiter.acquire(
        `${message.channel}:${message.chatId}`,
        message.priority,
        hardStop.signal,
      );
      await options.send(message, hardStop.signal);
    } catch (error) {
      release?.();
      if (hardStop.signal.aborted) return; // shutting down: stays pending, sent on the next start
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof RecipientUnreachableError) {
        log.warn(context, "recipient unreachable; message given up");
        metrics.sendNotDone(options.channel, "blocked");
        await markOutboxBlocked(options.db, message.id, reason);
      } else if (error instanceof PermanentSendError) {
        log.error({ ...context, err: error }, "message cannot be sent; given up");
        metrics.sendNotDone(options.channel, "failed");
        await markOutboxFailed(options.db, message.id, reason);
      } else if (!(error instanceof RetryLaterError) && message.attempts + 1 >= maxAttempts) {
        log.error({ ...context, err: error }, "message failed for good");
        metrics.sendNotDone(options.channel, "failed");
        await markOutboxFailed(options.db, message.id, reason);
      } else {
        const delay =
          error instanceof RetryLaterError && error.retryAfterMs !== undefined
            ? error.retryAfterMs
            : retryDelayMs(message.attempts, Math.random, options.maxDelayMs);
        const next = new Date(now().getTime() + delay);
        log.warn({ ...context, err: error, retryInMs: delay }, "message not sent; will retry");
        metrics.sendNotDone(options.channel, "retry");
        await markOutboxRetry(options.db, message.id, {
          error: reason,
          nextAttemptAtIso: next.toISOString(),
        });
      }
      return;
    }
    metrics.messageSent(options.channel, message.sourceMessageId);
    // In flight until marked: only then can a crash no longer repeat it.
    try {
      await markOutboxSent(options.db, message.id);
    } finally {
      release();
    }
  }

  /** Sends until nothing is sendable now; returns how many messages it tried. */
  async function drain(): Promise<number> {
    const active = new Map<string, Promise<void>>();
    let tried = 0;
    for (;;) {
      kicked = false;
      const free = maxConcurrent - active.size;
      if (free > 0 && !hardStop.signal.aborted) {
        const rows = await listSendableOutbox(options.db, {
          channel: options.channel,
          nowIso: now().toISOString(),
          limit: free,
          skipChatIds: [...active.keys()],
        });
        for (const row of rows) {
          const task = deliver(row)
            .catch((error: unknown) =>
              log.error({ err: error, outboxId: row.id }, "outbox bookkeeping failed"),
            )
            .finally(() => active.delete(row.chatId));
          active.set(row.chatId, task);
        }
        tried += rows.length;
      }
      if (active.size === 0) return tried;
      // Wait for a chat to finish (it may have more) or for new work (another chat may be free to go).
      if (!kicked) {
        let wake: (() => void) | undefined;
        await Promise.race([
          ...active.values(),
          new Promise<void>((resolve) => {
            wake = resolve;
            wakers.add(resolve);
          }),
        ]);
        if (wake) wakers.delete(wake);
      }
    }
  }

  function dispatchDue(): Promise<number> {
    if (running) {
      kick();
      return running;
    }
    running = drain().finally(() => {
      running = undefined;
    });
    return running;
  }

  async function sleepUntilWork(): Promise<void> {
    if (kicked) return;
    let waitMs = options.pollIntervalMs ?? 1_000;
    const next = await nextOutboxAttemptAt(options.db, options.channel).catch(() => undefined);
    if (next !== undefined) waitMs = Math.max(0, Math.min(waitMs, Date.parse(next) - now().getTime()));
    if (kicked || stopping) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, waitMs);
      function done() {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      }
      wakers.add(done);
    });
  }

  return {
    /** Sends everything sendable now (for the console, after each line); overlapping calls share one pass. */
    dispatchDue,
    /** Wakes the sender: something was queued (the outbox does this itself on every commit). */
    kick,
    /** Runs in the background until stop(). */
    start() {
      if (started) return;
      started = true;
      loop = (async () => {
        while (!stopping) {
          await dispatchDue().catch((error: unknown) => log.error({ err: error }, "outbox pass failed"));
          if (stopping) break;
          await sleepUntilWork();
        }
      })();
    },
    /**
     * Stops: with `flushMs`, first keeps sending what is due for at most that long. Sends still in flight
     * then are cut off; whatever is unsent stays queued for the next start.
     */
    async stop(stopOptions: { flushMs?: number } = {}) {
      stopping = true;
      unsubscribe();
      const deadline = setTimeout(
        () => hardStop.abort(new Error("shutdown deadline")),
        stopOptions.flushMs ?? 0,
      );
      try {
        if ((stopOptions.flushMs ?? 0) > 0) await dispatchDue().catch(() => 0);
        else hardStop.abort(new Error("stopped"));
        kick();
        await loop;
        await running?.catch(() => 0);
      } finally {
        clearTimeout(deadline);
      }
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
