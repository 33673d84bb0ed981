import type { ActorKind, TicketRow, TicketStatus, TicketStatusHistoryRow } from "./schema.ts";

/** A helpdesk ticket as the rest of the app sees it. */
export interface Ticket {
  number: string;
  category: string;
  status: TicketStatus;
  channel: string;
  chatId: string;
  userId: string;
  applicantName: string;
  nik: string;
  kk: string;
  /** Every form answer, keyed by field name. */
  answers: Record<string, unknown>;
  answerText: string | null;
  /** The admin who last changed the status, if any. */
  handledById: string | null;
  handledByName: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What the caller supplies to open a ticket; it always starts as 'Pertanyaan'. */
export interface NewTicket {
  number: string;
  category: string;
  channel: string;
  chatId: string;
  userId: string;
  applicantName: string;
  nik: string;
  kk: string;
  answers: Record<string, unknown>;
  /** Defaults to now; set by imports and tests. */
  createdAt?: string;
}

/** Who made a status change. */
export interface StatusActor {
  kind: ActorKind;
  id: string;
  name?: string | null;
}

export interface TicketHistoryEntry {
  id: string;
  ticketNumber: string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  actor: { kind: ActorKind; id: string; name: string | null };
  note: string | null;
  createdAt: string;
}

export function toTicket(row: TicketRow): Ticket {
  return {
    number: row.number,
    category: row.category,
    status: row.status,
    channel: row.channel,
    chatId: row.chat_id,
    userId: row.user_id,
    applicantName: row.applicant_name,
    nik: row.nik,
    kk: row.kk,
    answers: parseAnswers(row.answers_json),
    answerText: row.answer_text,
    handledById: row.handled_by_id,
    handledByName: row.handled_by_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toTicketHistoryEntry(row: TicketStatusHistoryRow): TicketHistoryEntry {
  return {
    id: row.id,
    ticketNumber: row.ticket_number,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    note: row.note,
    createdAt: row.created_at,
  };
}

function parseAnswers(json: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json);
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
