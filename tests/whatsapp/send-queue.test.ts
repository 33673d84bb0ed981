import { describe, expect, it } from "vitest";
import { createSendQueue } from "../../bot/whatsapp/send-queue.ts";

/** A clock that only moves when the queue sleeps, so pacing is measured exactly. */
function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

describe("send queue", () => {
  it("runs tasks one at a time, in order, at most one per interval plus jitter", async () => {
    const clock = fakeClock();
    const queue = createSendQueue({
      pacing: { minIntervalMs: 350, maxJitterMs: 100 },
      random: () => 0.5,
      now: clock.now,
      sleep: clock.sleep,
    });
    const sentAt: number[] = [];
    await Promise.all([1, 2, 3, 4].map(() => queue.push(async () => sentAt.push(clock.now()))));
    expect(sentAt).toEqual([50, 450, 850, 1250]);
    const perSecond = sentAt.filter((t) => t < 1000).length;
    expect(perSecond).toBeLessThanOrEqual(3);
  });

  it("a failing task rejects only its own promise", async () => {
    const clock = fakeClock();
    const queue = createSendQueue({
      pacing: { minIntervalMs: 0, maxJitterMs: 0 },
      now: clock.now,
      sleep: clock.sleep,
    });
    const failed = queue.push(async () => {
      throw new Error("socket closed");
    });
    const next = queue.push(async () => "sent");
    await expect(failed).rejects.toThrow("socket closed");
    await expect(next).resolves.toBe("sent");
    await queue.idle();
    expect(queue.size).toBe(0);
  });
});
