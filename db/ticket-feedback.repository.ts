import type { Db, FeedbackVerdict } from "./schema.ts";

/** Internal to db/: changeTicketStatus opens a round each time a ticket is answered. */
export async function openFeedbackRound(db: Db, ticketNumber: string, askedAt: string): Promise<number> {
  const { count } = await db
    .selectFrom("ticket_feedback")
    .select((eb) => eb.fn.countAll().as("count"))
    .where("ticket_number", "=", ticketNumber)
    .executeTakeFirstOrThrow();
  const round = Number(count) + 1;
  await db
    .insertInto("ticket_feedback")
    .values({ ticket_number: ticketNumber, round, asked_at: askedAt, verdict: null, answered_at: null })
    .execute();
  return round;
}

/** The answer round of a ticket still waiting for the applicant's verdict, if any. */
export async function findPendingFeedback(
  db: Db,
  ticketNumber: string,
): Promise<{ round: number } | undefined> {
  const row = await db
    .selectFrom("ticket_feedback")
    .select("round")
    .where("ticket_number", "=", ticketNumber)
    .where("verdict", "is", null)
    .orderBy("round", "desc")
    .executeTakeFirst();
  return row === undefined ? undefined : { round: row.round };
}

/** Records the applicant's verdict on the pending round; false when none was pending (said already). */
export async function recordFeedback(
  db: Db,
  ticketNumber: string,
  verdict: FeedbackVerdict,
  answeredAt: string,
): Promise<boolean> {
  const result = await db
    .updateTable("ticket_feedback")
    .set({ verdict, answered_at: answeredAt })
    .where("ticket_number", "=", ticketNumber)
    .where("verdict", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Every answer round of a ticket with the applicant's verdict (null: not given yet), first round first. */
export async function listTicketFeedback(
  db: Db,
  ticketNumber: string,
): Promise<{ round: number; verdict: FeedbackVerdict | null }[]> {
  return db
    .selectFrom("ticket_feedback")
    .select(["round", "verdict"])
    .where("ticket_number", "=", ticketNumber)
    .orderBy("round", "asc")
    .execute();
}

export interface FirstAnswerFeedback {
  /** Tickets whose first answer solved the problem. */
  solved: number;
  /** Tickets reopened after their first answer. */
  unsolved: number;
  /** Tickets answered once whose applicant has not said yet. */
  pending: number;
}

/** How the first answers fared: the base of "share solved at the first answer". */
export async function countFirstAnswerFeedback(db: Db): Promise<FirstAnswerFeedback> {
  const rows = await db
    .selectFrom("ticket_feedback")
    .select(["verdict", (eb) => eb.fn.countAll().as("count")])
    .where("round", "=", 1)
    .groupBy("verdict")
    .execute();
  const of = (verdict: FeedbackVerdict | null) => Number(rows.find((r) => r.verdict === verdict)?.count ?? 0);
  return { solved: of("selesai"), unsolved: of("masih"), pending: of(null) };
}
