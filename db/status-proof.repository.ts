import type { Generated, Kysely } from "kysely";
import type { Database, Db, IsoTimestamp } from "./schema.ts";

interface StatusProofFailureTable {
  id: Generated<number>;
  channel: string;
  chat_id: string;
  ticket_number: string;
  failed_at: IsoTimestamp;
}

type StatusProofDb = Kysely<Database & { status_proof_failures: StatusProofFailureTable }>;
const tables = (db: Db): StatusProofDb =>
  db.$extendTables<{ status_proof_failures: StatusProofFailureTable }>();

export interface ProofAttempt {
  channel: string;
  chatId: string;
  ticketNumber: string;
}

/** Failed NIK proofs since `since`: from this chat (any ticket) and against this ticket (any chat). */
export async function countStatusProofFailures(
  db: Db,
  attempt: ProofAttempt,
  since: IsoTimestamp,
): Promise<{ byChat: number; byTicket: number }> {
  const t = tables(db);
  const [byChat, byTicket] = await Promise.all([
    t
      .selectFrom("status_proof_failures")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("channel", "=", attempt.channel)
      .where("chat_id", "=", attempt.chatId)
      .where("failed_at", ">", since)
      .executeTakeFirstOrThrow(),
    t
      .selectFrom("status_proof_failures")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("ticket_number", "=", attempt.ticketNumber)
      .where("failed_at", ">", since)
      .executeTakeFirstOrThrow(),
  ]);
  return { byChat: Number(byChat.n), byTicket: Number(byTicket.n) };
}

/** Records one failed proof; rows older than `forgetBefore` are dropped on the way (they no longer count). */
export async function recordStatusProofFailure(
  db: Db,
  attempt: ProofAttempt,
  at: IsoTimestamp,
  forgetBefore: IsoTimestamp,
): Promise<void> {
  const t = tables(db);
  await t.deleteFrom("status_proof_failures").where("failed_at", "<", forgetBefore).execute();
  await t
    .insertInto("status_proof_failures")
    .values({
      channel: attempt.channel,
      chat_id: attempt.chatId,
      ticket_number: attempt.ticketNumber,
      failed_at: at,
    })
    .execute();
}
