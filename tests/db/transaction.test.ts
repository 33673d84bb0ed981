import { expect, test } from "vitest";
import { type Db, findTicket, insertTicket, inTransaction, markMessageProcessed } from "../../db/index.ts";
import { sampleTicket, useTestDatabase } from "./test-database.ts";

let db: Db;
useTestDatabase((opened) => {
  db = opened.db;
});

test("transactions queued together commit together, and a failing one is undone alone", async () => {
  const results = await Promise.allSettled(
    Array.from({ length: 10 }, (_, i) =>
      inTransaction(db, async (trx) => {
        await insertTicket(trx, sampleTicket({ number: `T-LANE-${i}` }));
        if (i === 4) throw new Error("turn failed");
        return i;
      }),
    ),
  );
  expect(results.map((r) => r.status)).toEqual([
    ...Array(4).fill("fulfilled"),
    "rejected",
    ...Array(5).fill("fulfilled"),
  ]);
  expect(results[4]).toMatchObject({ reason: new Error("turn failed") });
  for (let i = 0; i < 10; i++) {
    expect(Boolean(await findTicket(db, `T-LANE-${i}`)), `ticket ${i}`).toBe(i !== 4);
  }
});

test("a transaction alone in the queue rolls back entirely when it fails", async () => {
  await expect(
    inTransaction(db, async (trx) => {
      await markMessageProcessed(trx, "test", "m-1");
      throw new Error("boom");
    }),
  ).rejects.toThrow("boom");
  expect(await markMessageProcessed(db, "test", "m-1")).toBe(true);
});

test("nested calls join the caller's transaction instead of waiting for the lane", async () => {
  const value = await inTransaction(db, async (trx) => inTransaction(trx, async () => 42));
  expect(value).toBe(42);
});

test("results come back in order to each caller, many at once", async () => {
  const values = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      inTransaction(db, async (trx) => {
        await markMessageProcessed(trx, "test", `bulk-${i}`);
        return i * 2;
      }),
    ),
  );
  expect(values).toEqual(Array.from({ length: 200 }, (_, i) => i * 2));
});
