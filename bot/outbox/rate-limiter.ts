export interface RateLimit {
  /** Messages per second, sustained. */
  perSecond: number;
  /** How many may go at once after a quiet spell. */
  burst: number;
}

export interface RateLimiterOptions {
  /** Over every chat of the bot (Telegram: about 30 messages per second). */
  global: RateLimit;
  /** Within one chat (Telegram: about 1 per second, short bursts allowed). */
  perChat?: RateLimit;
  /**
   * Messages between "send started" and "marked sent" at once, over every chat. A crash repeats at most
   * this many messages (those Telegram accepted before the process could mark them).
   */
  maxInFlight?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

interface Waiter {
  chatKey: string;
  priority: number;
  order: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Called once the message is sent and marked (or given back): frees its in-flight place. */
export type Release = () => void;

/**
 * Token buckets for one platform: a global one and one per chat. Waiting senders are served by priority
 * (replies to chatting applicants before bulk notifications), then in arrival order; a chat that used
 * up its own burst does not hold back other chats.
 */
export function createRateLimiter(options: RateLimiterOptions) {
  const now = options.now ?? Date.now;
  const global: Bucket = { tokens: options.global.burst, at: now() };
  const chats = new Map<string, Bucket>();
  const waiters: Waiter[] = [];
  let order = 0;
  let timer: NodeJS.Timeout | undefined;
  let inFlight = 0;
  const maxInFlight = options.maxInFlight ?? Number.POSITIVE_INFINITY;

  function refill(bucket: Bucket, limit: RateLimit, at: number): void {
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((at - bucket.at) / 1000) * limit.perSecond);
    bucket.at = at;
  }

  function chatBucket(chatKey: string, at: number): Bucket | undefined {
    const limit = options.perChat;
    if (!limit) return undefined;
    let bucket = chats.get(chatKey);
    if (!bucket) {
      bucket = { tokens: limit.burst, at };
      chats.set(chatKey, bucket);
    }
    refill(bucket, limit, at);
    return bucket;
  }

  /** Grants what can be granted now; schedules itself for when the next token is due. */
  function serve(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const at = now();
    refill(global, options.global, at);
    let waitMs = Number.POSITIVE_INFINITY;
    for (let index = 0; index < waiters.length && global.tokens >= 1 && inFlight < maxInFlight; ) {
      const waiter = waiters[index]!;
      const bucket = chatBucket(waiter.chatKey, at);
      if (bucket && bucket.tokens < 1) {
        waitMs = Math.min(waitMs, ((1 - bucket.tokens) / options.perChat!.perSecond) * 1000);
        index += 1;
        continue;
      }
      global.tokens -= 1;
      if (bucket) bucket.tokens -= 1;
      inFlight += 1;
      waiters.splice(index, 1);
      waiter.resolve();
    }
    // Full in flight: the next grant comes with a release, not with time.
    if (inFlight >= maxInFlight) waitMs = Number.POSITIVE_INFINITY;
    else if (waiters.length > 0 && global.tokens < 1) {
      waitMs = Math.min(waitMs, ((1 - global.tokens) / options.global.perSecond) * 1000);
    }
    // Forget chats whose bucket is full again: the map stays as small as the chats sent to lately.
    if (options.perChat && chats.size > 1000) {
      for (const [key, bucket] of chats) {
        refill(bucket, options.perChat, at);
        if (bucket.tokens >= options.perChat.burst) chats.delete(key);
      }
    }
    if (waiters.length > 0 && Number.isFinite(waitMs))
      timer = setTimeout(serve, Math.max(1, Math.ceil(waitMs)));
  }

  return {
    /**
     * Resolves when one message may be sent to `chatKey`, with the function to call once it is sent and
     * marked; rejects if `signal` aborts first.
     */
    acquire(chatKey: string, priority: number, signal?: AbortSignal): Promise<Release> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      let released = false;
      const release: Release = () => {
        if (released) return;
        released = true;
        inFlight -= 1;
        serve();
      };
      return new Promise<Release>((resolve, reject) => {
        const waiter: Waiter = { chatKey, priority, order: order++, resolve: () => resolve(release), reject };
        const onAbort = () => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
          reject(signal?.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        waiter.resolve = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        };
        // Keep the queue sorted: by priority, then first come first served.
        let at = waiters.length;
        while (at > 0 && waiters[at - 1]!.priority > priority) at -= 1;
        waiters.splice(at, 0, waiter);
        serve();
      });
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/** No limit (the console; tests of ordering). */
export const UNLIMITED: RateLimiter = { acquire: () => Promise.resolve(() => undefined) };
