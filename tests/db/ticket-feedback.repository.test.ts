import { expect, test } from "vitest";
import {
  changeTicketStatus,
  countFirstAnswerFeedback,
  type Db,
  findOpenTicketByNik,
  findPendingFeedback,
  insertTicket,
  recordFeedback,
} from "../../db/index.ts";
import { sampleTicket, useTestDatabase } from "./test-database.ts";

let db: Db;
useTestDatabase((opened) => {
  db = opened.db;
});

const answer = (number: string, from: "Pertanyaan" | "Proses" = "Pertanyaan") =>
  changeTicketStatus(db, {
    number,
    allowedFrom: [from],
    to: "Jawaban",
    actor: { kind: "admin", id: "a1" },
    answerText: "Jawaban.",
  });

test("each answer opens one feedback round; a verdict is recorded once per round", async () => {
  const ticket = await insertTicket(db, sampleTicket());
  expect(await findPendingFeedback(db, ticket.number)).toBeUndefined();
  expect(await recordFeedback(db, ticket.number, "selesai", "2026-12-01T00:00:00.000Z")).toBe(false);

  expect((await answer(ticket.number)).ok).toBe(true);
  expect(await findPendingFeedback(db, ticket.number)).toEqual({ round: 1 });
  expect(await recordFeedback(db, ticket.number, "masih", "2026-12-01T00:00:00.000Z")).toBe(true);
  expect(await recordFeedback(db, ticket.number, "selesai", "2026-12-01T00:00:00.000Z")).toBe(false);

  // Reopened and answered again: round 2, which does not count as the first answer.
  await changeTicketStatus(db, {
    number: ticket.number,
    allowedFrom: ["Jawaban"],
    to: "Proses",
    actor: { kind: "applicant", id: "u1" },
    note: "Masih gagal.",
  });
  expect((await answer(ticket.number, "Proses")).ok).toBe(true);
  expect(await findPendingFeedback(db, ticket.number)).toEqual({ round: 2 });
  await recordFeedback(db, ticket.number, "selesai", "2026-12-02T00:00:00.000Z");

  const other = await insertTicket(db, sampleTicket());
  await answer(other.number);
  expect(await countFirstAnswerFeedback(db)).toEqual({ solved: 0, unsolved: 1, pending: 1 });
});

test("findOpenTicketByNik: same NIK and category, not yet answered, newest first", async () => {
  const nik = "3201015708950001";
  const older = await insertTicket(
    db,
    sampleTicket({ nik, category: "cek_dapodik", createdAt: "2026-11-01T00:00:00.000Z" }),
  );
  const newer = await insertTicket(
    db,
    sampleTicket({ nik, category: "cek_dapodik", createdAt: "2026-11-02T00:00:00.000Z" }),
  );
  await insertTicket(db, sampleTicket({ nik, category: "reset_password" }));
  expect((await findOpenTicketByNik(db, nik, "cek_dapodik"))?.number).toBe(newer.number);
  await answer(newer.number);
  expect((await findOpenTicketByNik(db, nik, "cek_dapodik"))?.number).toBe(older.number);
  await answer(older.number);
  expect(await findOpenTicketByNik(db, nik, "cek_dapodik")).toBeUndefined();
  expect(await findOpenTicketByNik(db, "3201011708950001", "reset_password")).toBeUndefined();
});
