import { setTimeout as sleepFor } from "node:timers/promises";

/** How fast the number may send: WhatsApp flags numbers that fire messages like a machine. */
export interface Pacing {
  /** Least time between two sends, over all chats (350 ms: under 3 messages per second). */
  minIntervalMs: number;
  /** A random extra wait of up to this much before each send. */
  maxJitterMs: number;
}

export const DEFAULT_PACING: Pacing = { minIntervalMs: 350, maxJitterMs: 700 };

export interface SendQueueOptions {
  pacing?: Pacing;
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number) => Promise<unknown>;
}

/**
 * One queue for every outgoing WhatsApp message (replies and notifications alike), run one at a time
 * with pacing. A failed task rejects its own promise; the queue goes on with the next.
 */
export function createSendQueue(options: SendQueueOptions = {}) {
  const pacing = options.pacing ?? DEFAULT_PACING;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  let tail: Promise<unknown> = Promise.resolve();
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let waiting = 0;

  async function paced<T>(task: () => Promise<T>): Promise<T> {
    const gap = Math.max(0, lastSentAt + pacing.minIntervalMs - now());
    const wait = gap + Math.round(random() * pacing.maxJitterMs);
    if (wait > 0) await sleep(wait);
    try {
      return await task();
    } finally {
      lastSentAt = now();
    }
  }

  return {
    push<T>(task: () => Promise<T>): Promise<T> {
      waiting += 1;
      const result = tail.then(() => paced(task));
      tail = result
        .catch(() => undefined)
        .finally(() => {
          waiting -= 1;
        });
      return result;
    },
    /** Tasks queued or running. */
    get size(): number {
      return waiting;
    },
    /** Resolves once the queue is empty, including tasks queued while waiting. */
    async idle(): Promise<void> {
      let seen: Promise<unknown>;
      do {
        seen = tail;
        await seen;
      } while (seen !== tail);
    },
  };
}

export type SendQueue = ReturnType<typeof createSendQueue>;
