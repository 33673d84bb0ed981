import type { MiddlewareFn } from "grammy";

/**
 * Counts updates being handled, so that stopping can wait for them: in webhook mode the HTTP answer may
 * go out before the work is done, and nothing else would know that work is still running.
 */
export function createInFlightTracker() {
  const running = new Set<Promise<unknown>>();
  const middleware: MiddlewareFn = (_ctx, next) => {
    const task = next();
    running.add(task);
    const forget = () => running.delete(task);
    task.then(forget, forget);
    return task;
  };
  return {
    middleware,
    /** Resolves when every update that had started is finished (successfully or not). */
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

export type InFlightTracker = ReturnType<typeof createInFlightTracker>;
