import { describe, expect, test } from "vitest";
import type { Db } from "../../db/index.ts";
import { claimLease, findLease, releaseLease } from "../../db/instance-lease.repository.ts";
import { useTestDatabase } from "./test-database.ts";

let db: Db;
useTestDatabase((opened) => {
  db = opened.db;
});

const LONG = 60_000;
const polling = (holder: string, leaseMs = LONG) => ({ name: "telegram-polling", holder, leaseMs });

describe("instance leases", () => {
  test("a free lease goes to the first claimant; another is refused and told who holds it", async () => {
    expect(await claimLease(db, polling("a"))).toEqual({ acquired: true });
    expect(await claimLease(db, polling("b"))).toEqual({ acquired: false, holder: "a" });
    const lease = await findLease(db, "telegram-polling");
    expect(lease).toMatchObject({ holder: "a", valid: true });
    expect(lease!.leaseUntil).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(lease!.leaseUntil > lease!.acquiredAt).toBe(true);
  });

  test("the holder renews its own lease: later expiry, same acquisition time", async () => {
    await claimLease(db, polling("a", 1_000));
    const first = (await findLease(db, "telegram-polling"))!;
    expect(await claimLease(db, polling("a"))).toEqual({ acquired: true });
    const renewed = (await findLease(db, "telegram-polling"))!;
    expect(renewed.acquiredAt).toBe(first.acquiredAt);
    expect(renewed.leaseUntil > first.leaseUntil).toBe(true);
  });

  test("leases of different names are independent", async () => {
    expect(await claimLease(db, polling("a"))).toEqual({ acquired: true });
    expect(await claimLease(db, { name: "whatsapp-socket:default", holder: "b", leaseMs: LONG })).toEqual({
      acquired: true,
    });
  });

  test("an expired lease is taken over by another instance", async () => {
    // A lease that lasts 1 ms: expired by the database's clock as soon as the clock moves on.
    await claimLease(db, polling("a", 1));
    await expect
      .poll(async () => (await claimLease(db, polling("b"))).acquired, { timeout: 10_000, interval: 20 })
      .toBe(true);
    const lease = (await findLease(db, "telegram-polling"))!;
    expect(lease).toMatchObject({ holder: "b", valid: true });
    // The old holder cannot renew what it lost.
    expect(await claimLease(db, polling("a"))).toEqual({ acquired: false, holder: "b" });
  });

  test("a released lease is free at once; only its holder can release it", async () => {
    await claimLease(db, polling("a"));
    expect(await releaseLease(db, "telegram-polling", "b")).toBe(false);
    expect(await claimLease(db, polling("b"))).toMatchObject({ acquired: false });
    expect(await releaseLease(db, "telegram-polling", "a")).toBe(true);
    expect(await findLease(db, "telegram-polling")).toBeUndefined();
    expect(await claimLease(db, polling("b"))).toEqual({ acquired: true });
  });

  test("claims racing for a free lease: exactly one wins", async () => {
    const holders = Array.from({ length: 8 }, (_, i) => `instance-${i}`);
    const results = await Promise.all(holders.map((holder) => claimLease(db, polling(holder))));
    const winners = holders.filter((_, i) => results[i]!.acquired);
    expect(winners).toHaveLength(1);
    expect((await findLease(db, "telegram-polling"))!.holder).toBe(winners[0]);
    for (const result of results) {
      if (!result.acquired) expect(result.holder).toBe(winners[0]);
    }
  });
});
