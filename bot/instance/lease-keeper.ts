import type { Logger } from "pino";
import { type ClaimResult, claimLease, releaseLease } from "../../db/instance-lease.repository.ts";
import type { Db } from "../../db/schema.ts";

/** How the lease is taken and given up: the database by default; tests put a failing one in between. */
export interface LeaseStore {
  claim(claim: { name: string; holder: string; leaseMs: number }): Promise<ClaimResult>;
  release(name: string, holder: string): Promise<unknown>;
}

export function databaseLeaseStore(db: Db): LeaseStore {
  return {
    claim: (claim) => claimLease(db, claim),
    release: (name, holder) => releaseLease(db, name, holder),
  };
}

export type LeaseStopReason =
  /** Another instance holds the lease now (this one overran it). */
  | "lost"
  /** Renewals failed (database unreachable): stop before the lease can expire and be taken over. */
  | "expiring"
  /** This instance stops. */
  | "stopping";

export interface LeaseKeeperOptions {
  store: LeaseStore;
  /** What is leased: "telegram-polling", "whatsapp-socket:<session>". */
  name: string;
  /** What it is, for the log: "Telegram long polling". */
  what: string;
  /** INSTANCE_ID. */
  holder: string;
  leaseMs: number;
  logger: Logger;
  /** Starts using the resource, once the lease is held. A failure gives the lease up again (retried later). */
  start(): Promise<void> | void;
  /** Stops using it; resolves once it is no longer in use. */
  stop(reason: LeaseStopReason): Promise<void> | void;
  /** Monotonic milliseconds (tests leave it). */
  now?: () => number;
}

export type LeaseKeeperState = "standby" | "holding" | "stopped";

export interface LeaseKeeper {
  state(): LeaseKeeperState;
  /** The other instance holding the lease, as last seen while standing by. */
  otherHolder(): string | undefined;
  /** Resolves after the first claim was tried (and, when it succeeded, the resource started). */
  ready: Promise<void>;
  /** Stops using the resource and releases the lease, so a standing-by instance takes over at once. */
  stop(): Promise<void>;
}

/**
 * Keeps one resource in use by exactly one instance: the lease `name` is claimed, and only its holder uses
 * the resource. The holder renews every third of the lease; an instance without it stands by and tries
 * again every quarter of the lease, so it takes over at most a lease and a quarter after the holder died,
 * and at once after a clean stop (which releases it).
 *
 * Fencing: the holder counts its lease from the moment it sent its last successful renewal (the database
 * wrote an expiry at least that late), and stops using the resource once two thirds of that have passed
 * without another, leaving the last third for the stop to finish before anyone else may take over.
 */
export function startLeaseKeeper(options: LeaseKeeperOptions): LeaseKeeper {
  const { store, name, holder, leaseMs, what } = options;
  const logger = options.logger.child({ lease: name, instance: holder });
  const now = options.now ?? (() => performance.now());
  const renewEveryMs = leaseMs / 3;
  const standbyRetryMs = leaseMs / 4;
  const fenceAfterMs = (leaseMs * 2) / 3;

  let state: LeaseKeeperState = "standby";
  let using = false;
  let otherHolder: string | undefined;
  let announcedStandby = false;
  let claimFailing = false;
  let fenceTimer: NodeJS.Timeout | undefined;
  // Starts and stops of the resource, one after the other: never a start while a stop is still going on.
  let resource: Promise<void> = Promise.resolve();
  const stopping = new AbortController();
  // A function, not a comparison of `state`: TypeScript would keep its narrowing across the awaits.
  const stopped = () => stopping.signal.aborted;

  function clearFence(): void {
    if (fenceTimer) clearTimeout(fenceTimer);
    fenceTimer = undefined;
  }

  function stopUsing(reason: LeaseStopReason): Promise<void> {
    clearFence();
    if (!using) return resource;
    using = false;
    if (reason !== "stopping") state = "standby";
    resource = resource.then(async () => {
      try {
        await options.stop(reason);
      } catch (error) {
        logger.error({ err: error, reason }, `${what}: stopping failed`);
      }
    });
    return resource;
  }

  /**
   * The lease counts from `sentAt`: the fence is moved on after every successful claim. The timer only wakes
   * the check; the monotonic clock decides (a timer is never trusted to measure the lease by itself).
   */
  function fenceFrom(sentAt: number): void {
    clearFence();
    const check = () => {
      fenceTimer = undefined;
      if (!using) return;
      const remaining = sentAt + fenceAfterMs - now();
      if (remaining > 0) {
        fenceTimer = setTimeout(check, remaining);
        fenceTimer.unref();
        return;
      }
      logger.warn(`${what}: lease not renewed in time; stopping before another instance may take over`);
      void stopUsing("expiring");
    };
    fenceTimer = setTimeout(check, Math.max(0, sentAt + fenceAfterMs - now()));
    fenceTimer.unref();
  }

  async function claim(): Promise<ClaimResult | undefined> {
    try {
      const result = await store.claim({ name, holder, leaseMs });
      if (claimFailing) logger.info(`${what}: lease database reachable again`);
      claimFailing = false;
      return result;
    } catch (error) {
      // Said once per streak of failures, not at every try.
      if (!claimFailing) logger.warn({ err: error }, `${what}: lease could not be claimed or renewed`);
      claimFailing = true;
      return undefined;
    }
  }

  async function attempt(): Promise<void> {
    const sentAt = now();
    const result = await claim();
    if (stopped()) return;
    // Unreachable: the fence stops the resource if this goes on.
    if (result === undefined) return;
    if (!result.acquired) {
      if (using) {
        logger.warn({ holder: result.holder }, `${what}: lease taken by another instance; stopping`);
        await stopUsing("lost");
      }
      otherHolder = result.holder;
      if (!announcedStandby) {
        announcedStandby = true;
        logger.info({ holder: result.holder }, `${what}: standing by while another instance holds the lease`);
      }
      return;
    }
    if (using) {
      fenceFrom(sentAt);
      return;
    }
    // A stop after an expired renewal may still be finishing.
    await resource;
    if (stopped()) return;
    // The claim came back too late to count on; the next one will do.
    if (now() - sentAt >= fenceAfterMs) return;
    using = true;
    state = "holding";
    otherHolder = undefined;
    fenceFrom(sentAt);
    logger.info(announcedStandby ? `${what}: took over the lease` : `${what}: lease taken`);
    announcedStandby = false;
    resource = resource.then(async () => {
      try {
        await options.start();
      } catch (error) {
        logger.error({ err: error }, `${what}: could not start; giving the lease up`);
        using = false;
        if (!stopped()) state = "standby";
        clearFence();
        await store.release(name, holder).catch(() => undefined);
      }
    });
    await resource;
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (stopping.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stopping.signal.removeEventListener("abort", done);
        resolve();
      }
      stopping.signal.addEventListener("abort", done, { once: true });
    });
  }

  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const loop = (async () => {
    while (!stopped()) {
      await attempt();
      markReady();
      // A failed renewal is tried again sooner: the fence leaves room for one more try before it.
      const wait = using ? (claimFailing ? renewEveryMs / 2 : renewEveryMs) : standbyRetryMs;
      await pause(wait);
    }
  })().catch((error: unknown) => {
    logger.error({ err: error }, `${what}: lease keeper failed`);
  });
  void loop.finally(markReady);

  return {
    state: () => state,
    otherHolder: () => otherHolder,
    ready,
    async stop() {
      if (state === "stopped") return;
      state = "stopped";
      stopping.abort();
      // The resource first (a claim in flight may hang on an unreachable database; the use must end anyway).
      await stopUsing("stopping");
      await loop;
      // Only after the resource is no longer used: the next holder may start the moment this is gone. Also
      // when this instance never used it: a claim that succeeded just as it stopped must not hold others off.
      await store
        .release(name, holder)
        .catch((error: unknown) => logger.warn({ err: error }, `${what}: lease not released; it expires`));
    },
  };
}
