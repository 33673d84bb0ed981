import type { Logger } from "pino";
import {
  claimOutbox,
  type Db,
  markOutboxBlocked,
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSent,
  nextOutboxAttemptAt,
  type OutboxMessage,
  onOutboxWritten,
  releaseOutboxClaim,
  releaseOwnOutboxClaims,
  renewOutboxClaims,
} from "../../db/index.ts";
import { defaultInstanceId } from "../config.ts";
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
  /**
   * Who claims the messages this dispatcher sends (INSTANCE_ID): instances sharing one database each need
   * their own, and a restart under the same one takes back at once what its previous run left claimed.
   * Default: one id per process.
   */
  instanceId?: string;
  /**
   * How long a claim holds without renewal: when this instance dies, another one takes its unsent claims
   * over after at most this long. Renewed every third of it while a message is still being sent.
   */
  claimLeaseMs?: number;
}

const PROCESS_INSTANCE_ID = defaultInstanceId();
// INSTANCE_LEASE_SECONDS' default.
const DEFAULT_CLAIM_LEASE_MS = 20_000;

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
 * limiter lets. Several instances may drain one outbox: each message is claimed by one of them before it
 * is sent (see claimOutbox) and marked only by that one. A crash between a send and its mark sends that one
 * message again (on the next start, or from another instance once the claim lapses): the only repeat there
 * can be (the platforms offer no idempotency key).
 */
export function createOutboxDispatcher(options: OutboxDispatcherOptions) {
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 10;
  const maxConcurrent = options.maxConcurrent ?? 8;
  const limiter = options.limiter ?? UNLIMITED;
  const instanceId = options.instanceId ?? PROCESS_INSTANCE_ID;
  const claimLeaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  const leaseUntil = () => new Date(now().getTime() + claimLeaseMs).toISOString();
  const log = options.logger.child({ outbox: options.channel, instance: instanceId });
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

  // The messages this instance is sending now, by chat: their claims are renewed until they are marked.
  const inFlight = new Map<string, string>();
  let renewal: ReturnType<typeof setInterval> | undefined;
  function renewWhileSending(): void {
    if (renewal !== undefined || inFlight.size === 0) return;
    renewal = setInterval(() => {
      if (inFlight.size === 0) {
        clearInterval(renewal);
        renewal = undefined;
        return;
      }
      renewOutboxClaims(options.db, instanceId, [...inFlight.values()], leaseUntil()).catch(
        (error: unknown) => log.warn({ err: error }, "outbox claims not renewed"),
      );
    }, claimLeaseMs / 3);
    renewal.unref?.();
  }

  /** Logs a mark that found the claim gone: the lease lapsed and another instance took the message over. */
  function lostClaim(message: OutboxMessage, marked: boolean, outcome: string): void {
    if (!marked) {
      log.warn(
        { outboxId: message.id, chatSeq: message.chatSeq, outcome },
        "claim lapsed before the message was marked; another instance took it over",
      );
    }
  }

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
      if (hardStop.signal.aborted) {
        // Shutting down: stays pending, and unclaimed, so another instance (or the next start) sends it at once.
        await releaseOutboxClaim(options.db, message.id, instanceId);
        return;
      }
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof RecipientUnreachableError) {
        log.warn(context, "recipient unreachable; message given up");
        metrics.sendNotDone(options.channel, "blocked");
        lostClaim(message, await markOutboxBlocked(options.db, message.id, reason, instanceId), "blocked");
      } else if (error instanceof PermanentSendError) {
        log.error({ ...context, err: error }, "message cannot be sent; given up");
        metrics.sendNotDone(options.channel, "failed");
        lostClaim(message, await markOutboxFailed(options.db, message.id, reason, instanceId), "failed");
      } else if (!(error instanceof RetryLaterError) && message.attempts + 1 >= maxAttempts) {
        log.error({ ...context, err: error }, "message failed for good");
        metrics.sendNotDone(options.channel, "failed");
        lostClaim(message, await markOutboxFailed(options.db, message.id, reason, instanceId), "failed");
      } else {
        const delay =
          error instanceof RetryLaterError && error.retryAfterMs !== undefined
            ? error.retryAfterMs
            : retryDelayMs(message.attempts, Math.random, options.maxDelayMs);
        const next = new Date(now().getTime() + delay);
        log.warn({ ...context, err: error, retryInMs: delay }, "message not sent; will retry");
        metrics.sendNotDone(options.channel, "retry");
        const marked = await markOutboxRetry(
          options.db,
          message.id,
          { error: reason, nextAttemptAtIso: next.toISOString() },
          instanceId,
        );
        lostClaim(message, marked, "retry");
      }
      return;
    }
    metrics.messageSent(options.channel, message.sourceMessageId);
    // In flight until marked: only then can a crash no longer repeat it.
    try {
      lostClaim(message, await markOutboxSent(options.db, message.id, instanceId), "sent");
    } finally {
      release();
    }
  }

  // Claims under this instance id from before this process (a restart under the same INSTANCE_ID) are
  // freed once, before the first claim: nothing of this dispatcher is in flight yet.
  let recovered = false;
  async function recoverOwnClaims(): Promise<void> {
    if (recovered) return;
    const released = await releaseOwnOutboxClaims(options.db, options.channel, instanceId);
    recovered = true;
    if (released > 0)
      log.info({ released }, "took back the messages a previous run under this instance id left claimed");
  }

  /** Sends until nothing is sendable now; returns how many messages it tried. */
  async function drain(): Promise<number> {
    const active = new Map<string, Promise<void>>();
    let tried = 0;
    await recoverOwnClaims();
    for (;;) {
      kicked = false;
      const free = maxConcurrent - active.size;
      if (free > 0 && !hardStop.signal.aborted) {
        const rows = await claimOutbox(options.db, {
          channel: options.channel,
          nowIso: now().toISOString(),
          limit: free,
          instanceId,
          leaseUntilIso: leaseUntil(),
        });
        for (const row of rows) {
          const busy = active.get(row.chatId);
          // Its own claim lapsed while still sending (renewals failed) and it claimed the message again:
          // the send in flight marks it; a second one would repeat it.
          if (busy && inFlight.get(row.chatId) === row.id) continue;
          // The chat's previous message is marked but its send has not quite finished here (the claim saw
          // the mark first): this one goes right after it, never beside it.
          const task: Promise<void> = (busy ? busy.then(() => deliver(row)) : deliver(row))
            .catch((error: unknown) =>
              log.error({ err: error, outboxId: row.id }, "outbox bookkeeping failed"),
            )
            .finally(() => {
              if (active.get(row.chatId) !== task) return;
              active.delete(row.chatId);
              inFlight.delete(row.chatId);
            });
          active.set(row.chatId, task);
          inFlight.set(row.chatId, row.id);
          tried += 1;
        }
        renewWhileSending();
      }
      // Woken while looking (a commit the query did not yet see): look again rather than miss it.
      if (active.size === 0 && !kicked) return tried;
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
        clearInterval(renewal);
        renewal = undefined;
      }
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
