import type { Db, TicketStatus } from "./schema.ts";
import { type StatusActor, type TicketHistoryEntry, toTicketHistoryEntry } from "./ticket.mapper.ts";

export interface NewTicketHistoryEntry {
  ticketNumber: string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  actor: StatusActor;
  note?: string | null;
  createdAt: string;
}

/** Internal to db/: only insertTicket and changeTicketStatus write history. */
export async function insertTicketHistory(db: Db, entry: NewTicketHistoryEntry): Promise<void> {
  await db
    .insertInto("ticket_status_history")
    .values({
      id: crypto.randomUUID(),
      ticket_number: entry.ticketNumber,
      from_status: entry.fromStatus,
      to_status: entry.toStatus,
      actor_kind: entry.actor.kind,
      actor_id: entry.actor.id,
      actor_name: entry.actor.name ?? null,
      note: entry.note ?? null,
      created_at: entry.createdAt,
    })
    .execute();
}

/** The status history of one ticket, oldest first. */
export async function listTicketHistory(db: Db, number: string): Promise<TicketHistoryEntry[]> {
  const rows = await db
    .selectFrom("ticket_status_history")
    .selectAll()
    .where("ticket_number", "=", number)
    .orderBy("seq", "asc")
    .execute();
  return rows.map(toTicketHistoryEntry);
}
