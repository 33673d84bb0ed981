import type { Logger } from "pino";
import {
  type Db,
  listDueOutbox,
  markOutboxBlocked,
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSent,
  type OutboxMessage,
} from "../../db/index.ts";

/** Thrown by a sender when the recipient cannot be reached for good (blocked the bot, deleted account). */
export class RecipientUnreachableError extends Error {
  override name = "RecipientUnreachableError";
}

export interface OutboxDispatcherOptions {
  db: Db;
  channel: string;
  send(message: OutboxMessage): Promise<void>;
  logger: Logger;
  now?: () => Date;
  batchSize?: number;
  maxAttempts?: number;
  pollIntervalMs?: number;
}

const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 60 * 60 * 1000;

/** Exponential backoff with jitter, so that a channel recovering from an outage is not hit by every retry at once. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempts);
  return Math.round(exponential * (0.5 + random() / 2));
}

/**
 * Delivers one channel's outbox rows: the status changes and notices that must reach an applicant even
 * when the process restarts between the change and the send.
 */
export function createOutboxDispatcher(options: OutboxDispatcherOptions) {
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 10;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function deliver(message: OutboxMessage): Promise<void> {
    try {
      await options.send(message);
      await markOutboxSent(options.db, message.id);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof RecipientUnreachableError) {
        options.logger.warn({ outboxId: message.id }, "recipient unreachable; notification given up");
        await markOutboxBlocked(options.db, message.id, reason);
      } else if (message.attempts + 1 >= maxAttempts) {
        options.logger.error({ outboxId: message.id, err: error }, "notification failed for good");
        await markOutboxFailed(options.db, message.id, reason);
      } else {
        const next = new Date(now().getTime() + retryDelayMs(message.attempts));
        options.logger.warn({ outboxId: message.id, err: error }, "notification failed; will retry");
        await markOutboxRetry(options.db, message.id, {
          error: reason,
          nextAttemptAtIso: next.toISOString(),
        });
      }
    }
  }

  async function dispatchDue(): Promise<number> {
    const due = await listDueOutbox(options.db, {
      channel: options.channel,
      nowIso: now().toISOString(),
      limit: options.batchSize ?? 20,
    });
    // One at a time, in order: a chat should read "Diterima" before "Jawaban".
    for (const message of due) await deliver(message);
    return due.length;
  }

  return {
    /** One pass over the due rows; overlapping calls share the pass in progress. */
    dispatchDue(): Promise<number> {
      running ??= dispatchDue().finally(() => {
        running = undefined;
      });
      return running;
    },
    start() {
      const tick = () => {
        this.dispatchDue()
          .catch((error) => options.logger.error({ err: error }, "outbox pass failed"))
          .finally(() => {
            if (timer) timer = setTimeout(tick, options.pollIntervalMs ?? 1_000);
          });
      };
      timer = setTimeout(tick, 0);
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
