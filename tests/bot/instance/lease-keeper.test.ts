import { afterEach, describe, expect, test } from "vitest";
import {
  databaseLeaseStore,
  type LeaseKeeper,
  type LeaseStore,
  startLeaseKeeper,
} from "../../../bot/instance/lease-keeper.ts";
import { createLogger } from "../../../bot/logging/logger.ts";
import type { Db } from "../../../db/index.ts";
import { claimLease, findLease } from "../../../db/instance-lease.repository.ts";
import { useTestDatabase } from "../../db/test-database.ts";

let db: Db;
useTestDatabase((opened) => {
  db = opened.db;
});

const keepers: LeaseKeeper[] = [];
afterEach(async () => {
  await Promise.all(keepers.splice(0).map((keeper) => keeper.stop()));
});

const NAME = "whatsapp-socket:default";
const WAIT = { timeout: 15_000, interval: 20 };

/** A keeper whose starts and stops are written to `events` as "<holder>:start" and "<holder>:stop:<reason>". */
function keeper(holder: string, events: string[], options: { leaseMs: number; store?: LeaseStore }) {
  const started = startLeaseKeeper({
    store: options.store ?? databaseLeaseStore(db),
    name: NAME,
    what: "test resource",
    holder,
    leaseMs: options.leaseMs,
    logger: createLogger("silent"),
    start: () => {
      events.push(`${holder}:start`);
    },
    stop: (reason) => {
      events.push(`${holder}:stop:${reason}`);
    },
  });
  keepers.push(started);
  return started;
}

describe("lease keeper", () => {
  test("of two instances exactly one uses the resource; a clean stop hands it over", async () => {
    const events: string[] = [];
    const a = keeper("a", events, { leaseMs: 60_000 });
    await a.ready;
    const b = keeper("b", events, { leaseMs: 60_000 });
    await b.ready;
    expect(a.state()).toBe("holding");
    expect(b.state()).toBe("standby");
    expect(b.otherHolder()).toBe("a");
    expect(events).toEqual(["a:start"]);

    await a.stop();
    expect(events).toEqual(["a:start", "a:stop:stopping"]);
    // Released: free at once, long before the 60 s lease would have run out.
    expect(await findLease(db, NAME)).toBeUndefined();
    expect(await claimLease(db, { name: NAME, holder: "c", leaseMs: 60_000 })).toEqual({ acquired: true });
  });

  test("a standby instance takes over once the holder stopped renewing, after the holder stopped using it", async () => {
    const events: string[] = [];
    // The holder loses its database: its renewals fail from now on (as when the network to it breaks).
    let unreachable = false;
    const real = databaseLeaseStore(db);
    const flaky: LeaseStore = {
      claim: (claim) =>
        unreachable ? Promise.reject(new Error("connection terminated")) : real.claim(claim),
      release: (name, holder) => real.release(name, holder),
    };
    const a = keeper("a", events, { leaseMs: 3_000, store: flaky });
    await a.ready;
    const b = keeper("b", events, { leaseMs: 3_000 });
    await b.ready;
    expect(b.state()).toBe("standby");

    unreachable = true;
    await expect.poll(() => events.includes("b:start"), WAIT).toBe(true);
    // Fencing: the holder stopped before its lease could expire and the other started.
    expect(events).toEqual(["a:start", "a:stop:expiring", "b:start"]);
    expect(a.state()).toBe("standby");
    expect(b.state()).toBe("holding");
    expect((await findLease(db, NAME))!.holder).toBe("b");

    // Its database back, the old holder finds the lease taken and stays in standby.
    unreachable = false;
    await expect.poll(() => a.otherHolder(), WAIT).toBe("b");
    expect(events).toEqual(["a:start", "a:stop:expiring", "b:start"]);
  });

  test("a holder that dies without releasing is replaced once its lease expired", async () => {
    const events: string[] = [];
    // A holder that died: its lease stays in the table until it runs out.
    await claimLease(db, { name: NAME, holder: "dead", leaseMs: 2_000 });
    const b = keeper("b", events, { leaseMs: 2_000 });
    await b.ready;
    expect(b.state()).toBe("standby");
    expect(b.otherHolder()).toBe("dead");
    await expect.poll(() => b.state(), WAIT).toBe("holding");
    expect(events).toEqual(["b:start"]);
  });

  test("a resource that fails to start gives the lease up, and is tried again", async () => {
    const events: string[] = [];
    let failures = 1;
    const a = startLeaseKeeper({
      store: databaseLeaseStore(db),
      name: NAME,
      what: "test resource",
      holder: "a",
      leaseMs: 2_000,
      logger: createLogger("silent"),
      start: () => {
        events.push("a:start");
        if (failures-- > 0) throw new Error("socket could not be created");
      },
      stop: (reason) => {
        events.push(`a:stop:${reason}`);
      },
    });
    keepers.push(a);
    await a.ready;
    expect(a.state()).toBe("standby");
    expect(await findLease(db, NAME)).toBeUndefined();
    await expect.poll(() => a.state(), WAIT).toBe("holding");
    expect(events).toEqual(["a:start", "a:start"]);
  });
});
