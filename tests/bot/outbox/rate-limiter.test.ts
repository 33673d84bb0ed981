import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { createRateLimiter, type Release } from "../../../bot/outbox/rate-limiter.ts";

// The limiter waits with setTimeout and reads the time through `now`: vitest's fake timers drive both,
// so the test says how much time passes instead of waiting for it.
beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-12-01T08:00:00Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Records the order in which acquisitions are granted. */
function grantsOf(limiter: ReturnType<typeof createRateLimiter>) {
  const granted: string[] = [];
  const releases: Release[] = [];
  return {
    granted,
    releases,
    ask(chat: string, priority: number, label = chat) {
      void limiter.acquire(chat, priority).then((release) => {
        granted.push(label);
        releases.push(release);
      });
    },
  };
}

test("a burst goes at once, then the rate holds; replies are served before waiting notifications", async () => {
  const limiter = createRateLimiter({ global: { perSecond: 2, burst: 2 }, now: () => Date.now() });
  const g = grantsOf(limiter);
  for (let i = 1; i <= 4; i += 1) g.ask(`n${i}`, 2);
  await vi.advanceTimersByTimeAsync(0);
  expect(g.granted).toEqual(["n1", "n2"]);
  // A reply arrives while two notifications wait: it takes the next token.
  g.ask("reply", 0);
  await vi.advanceTimersByTimeAsync(499);
  expect(g.granted).toEqual(["n1", "n2"]);
  await vi.advanceTimersByTimeAsync(1);
  expect(g.granted).toEqual(["n1", "n2", "reply"]);
  await vi.advanceTimersByTimeAsync(1_000);
  expect(g.granted).toEqual(["n1", "n2", "reply", "n3", "n4"]);
});

test("one chat past its own burst waits; other chats are not held back by it", async () => {
  const limiter = createRateLimiter({
    global: { perSecond: 100, burst: 100 },
    perChat: { perSecond: 1, burst: 2 },
    now: () => Date.now(),
  });
  const g = grantsOf(limiter);
  g.ask("a", 0, "a1");
  g.ask("a", 0, "a2");
  g.ask("a", 0, "a3");
  g.ask("b", 0, "b1");
  await vi.advanceTimersByTimeAsync(0);
  expect(g.granted).toEqual(["a1", "a2", "b1"]);
  await vi.advanceTimersByTimeAsync(1_000);
  expect(g.granted).toEqual(["a1", "a2", "b1", "a3"]);
});

test("no more than maxInFlight between grant and release", async () => {
  const limiter = createRateLimiter({
    global: { perSecond: 1_000, burst: 1_000 },
    maxInFlight: 1,
    now: () => Date.now(),
  });
  const g = grantsOf(limiter);
  g.ask("a", 2);
  g.ask("b", 2);
  await vi.advanceTimersByTimeAsync(10_000);
  expect(g.granted).toEqual(["a"]);
  g.releases[0]!();
  await vi.advanceTimersByTimeAsync(0);
  expect(g.granted).toEqual(["a", "b"]);
});

test("a waiting acquisition is given up when its signal aborts (shutdown)", async () => {
  const limiter = createRateLimiter({ global: { perSecond: 1, burst: 1 }, now: () => Date.now() });
  await limiter.acquire("a", 0);
  const stop = new AbortController();
  const waiting = limiter.acquire("b", 0, stop.signal);
  stop.abort(new Error("shutdown"));
  await expect(waiting).rejects.toThrow("shutdown");
});
