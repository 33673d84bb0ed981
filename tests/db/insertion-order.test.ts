import { expect, test } from "vitest";
import {
  changeTicketStatus,
  type Db,
  insertTicket,
  listDueOutbox,
  listTicketHistory,
  listTicketsByStatus,
} from "../../db/index.ts";
import { sampleTicket, useTestDatabase } from "./test-database.ts";

// Rows written within one millisecond carry the same timestamp; their ids are random. Each test writes
// rows with one timestamp and ids that sort against the insertion order, so any ordering by
// timestamp-then-id fails every time, not now and then.

let db: Db;
useTestDatabase((opened) => {
  db = opened.db;
});

const SAME_MS = "2026-12-01T08:00:00.000Z";

test("outbox rows of the same millisecond come out in the order they were written", async () => {
  for (const index of [0, 1, 2, 3, 4]) {
    await db
      .insertInto("outbox")
      .values({
        channel: "telegram",
        chat_id: "c1",
        text: `pesan ${index}`,
        payload_json: null,
        status: "pending",
        next_attempt_at: SAME_MS,
        created_at: SAME_MS,
        chat_seq: index + 1,
      })
      .execute();
  }
  const due = await listDueOutbox(db, { nowIso: SAME_MS, limit: 10 });
  expect(due.map((m) => m.text)).toEqual(["pesan 0", "pesan 1", "pesan 2", "pesan 3", "pesan 4"]);
});

test("status history of the same millisecond is listed in the order it happened", async () => {
  await insertTicket(db, sampleTicket({ number: "T-ORDER", createdAt: SAME_MS }));
  const admin = { kind: "admin" as const, id: "a1", name: "Admin" };
  const steps = [
    { from: "Pertanyaan", to: "Diterima" },
    { from: "Diterima", to: "Proses" },
    { from: "Proses", to: "Jawaban" },
  ] as const;
  for (const step of steps) {
    const changed = await changeTicketStatus(db, {
      number: "T-ORDER",
      allowedFrom: [step.from],
      to: step.to,
      actor: admin,
    });
    expect(changed.ok).toBe(true);
  }
  const history = await listTicketHistory(db, "T-ORDER");
  expect(history.map((h) => h.toStatus)).toEqual(["Pertanyaan", "Diterima", "Proses", "Jawaban"]);
});

test("tickets opened in the same millisecond are listed in the order they were opened", async () => {
  for (const number of ["T-9", "T-1", "T-5"]) {
    await insertTicket(db, sampleTicket({ number, createdAt: SAME_MS }));
  }
  const { tickets } = await listTicketsByStatus(db, { limit: 10, offset: 0 });
  expect(tickets.map((t) => t.number)).toEqual(["T-9", "T-1", "T-5"]);
});
