import { cipherOf } from "./data-protection.ts";
import { enqueueOutbox, type NewOutboxMessage } from "./outbox.repository.ts";
import type { Db, TicketStatus, TicketUpdate } from "./schema.ts";
import { type StatusActor, type Ticket, toTicket } from "./ticket.mapper.ts";
import { openFeedbackRound } from "./ticket-feedback.repository.ts";
import { insertTicketHistory } from "./ticket-history.repository.ts";
import { inTransaction } from "./transaction.ts";

export interface TicketStatusChange {
  number: string;
  /** The change only happens when the ticket is currently in one of these statuses. */
  allowedFrom: readonly TicketStatus[];
  to: TicketStatus;
  actor: StatusActor;
  answerText?: string;
  note?: string;
  /** Queued in the outbox in the same transaction, so the applicant is told iff the change happened. */
  notification?: NewOutboxMessage;
  /** Further messages queued the same way (the admin group told of a reopened ticket). */
  alsoNotify?: readonly NewOutboxMessage[];
}

export type TicketStatusChangeResult =
  | { ok: true; ticket: Ticket }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "conflict"; ticket: Ticket };

/**
 * THE only way a ticket's status changes: updates the ticket, writes its history row, opens a feedback
 * round when it is answered and, when asked, its notifications, all in one transaction. When two admins race, one wins and the other gets
 * `conflict` with the ticket as the winner left it.
 */
export async function changeTicketStatus(
  db: Db,
  change: TicketStatusChange,
): Promise<TicketStatusChangeResult> {
  return inTransaction(db, async (trx): Promise<TicketStatusChangeResult> => {
    const current = await trx
      .selectFrom("tickets")
      .selectAll()
      .where("number", "=", change.number)
      .executeTakeFirst();
    if (current === undefined) return { ok: false, reason: "not_found" };
    if (!change.allowedFrom.includes(current.status)) {
      return { ok: false, reason: "conflict", ticket: toTicket(current, cipherOf(trx)) };
    }

    const at = timestampAfter(current.updated_at);
    const set: TicketUpdate = { status: change.to, updated_at: at };
    // Only an admin "takes" a ticket; applicant or system changes keep the last admin on record.
    if (change.actor.kind === "admin") {
      set.handled_by_id = change.actor.id;
      set.handled_by_name = change.actor.name ?? null;
    }
    if (change.answerText !== undefined) set.answer_text = change.answerText;

    // Conditional on the status we read: on a database with real concurrency (PostgreSQL) another
    // writer may have moved the ticket between our read and this update; then we lose cleanly.
    const updated = await trx
      .updateTable("tickets")
      .set(set)
      .where("number", "=", change.number)
      .where("status", "=", current.status)
      .returningAll()
      .executeTakeFirst();
    if (updated === undefined) {
      const latest = await trx
        .selectFrom("tickets")
        .selectAll()
        .where("number", "=", change.number)
        .executeTakeFirst();
      return latest === undefined
        ? { ok: false, reason: "not_found" }
        : { ok: false, reason: "conflict", ticket: toTicket(latest, cipherOf(trx)) };
    }

    await insertTicketHistory(trx, {
      ticketNumber: change.number,
      fromStatus: current.status,
      toStatus: change.to,
      actor: change.actor,
      note: change.note ?? null,
      createdAt: at,
    });
    // Every new answer asks the applicant whether it solved the problem; the verdict is kept per answer.
    // A correction of an answer (Jawaban to Jawaban) is the same answer, still waiting for its verdict.
    if (change.to === "Jawaban" && current.status !== "Jawaban") {
      await openFeedbackRound(trx, change.number, at);
    }
    if (change.notification !== undefined) await enqueueOutbox(trx, change.notification);
    for (const message of change.alsoNotify ?? []) await enqueueOutbox(trx, message);
    return { ok: true, ticket: toTicket(updated, cipherOf(trx)) };
  });
}

// Keeps history strictly ordered even when two changes land in the same millisecond or the clock steps back.
function timestampAfter(previousIso: string): string {
  const previous = Date.parse(previousIso);
  const now = Date.now();
  return new Date(Number.isNaN(previous) ? now : Math.max(now, previous + 1)).toISOString();
}
