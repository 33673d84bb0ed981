import type { DataCipher } from "./data-cipher.ts";
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
  /** When retention removed the applicant's personal data (name, NIK, KK, answers, files); null while kept. */
  personalDataPurgedAt: string | null;
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

// Associated data binding each ciphertext to its column and ticket.
const context = (column: string, number: string) => `tickets.${column}|${number}`;

/** The personal columns of a ticket as stored: NIK, KK and answers encrypted, plus the NIK's lookup hash. */
export function sealTicketFields(
  cipher: DataCipher,
  number: string,
  fields: { nik: string; kk: string; answers: Record<string, unknown> },
): Pick<TicketRow, "nik" | "nik_hash" | "kk" | "answers_json"> {
  return {
    nik: cipher.sealText(fields.nik, context("nik", number)),
    nik_hash: fields.nik === "" ? null : cipher.lookupHash(fields.nik),
    kk: cipher.sealText(fields.kk, context("kk", number)),
    answers_json: cipher.sealText(JSON.stringify(fields.answers), context("answers_json", number)),
  };
}

/** The clear personal columns of a stored ticket (legacy clear rows are read as they are). */
export function openTicketFields(
  cipher: DataCipher,
  row: Pick<TicketRow, "number" | "nik" | "kk" | "answers_json">,
): { nik: string; kk: string; answers: Record<string, unknown> } {
  const answersJson = cipher.openText(row.answers_json, context("answers_json", row.number));
  return {
    nik: cipher.openText(row.nik, context("nik", row.number)),
    kk: cipher.openText(row.kk, context("kk", row.number)),
    answers: answersJson === "" ? {} : parseAnswers(answersJson),
  };
}

export function toTicket(row: TicketRow, cipher: DataCipher): Ticket {
  const personal = openTicketFields(cipher, row);
  return {
    number: row.number,
    category: row.category,
    status: row.status,
    channel: row.channel,
    chatId: row.chat_id,
    userId: row.user_id,
    applicantName: row.applicant_name,
    nik: personal.nik,
    kk: personal.kk,
    answers: personal.answers,
    answerText: row.answer_text,
    handledById: row.handled_by_id,
    handledByName: row.handled_by_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    personalDataPurgedAt: row.personal_data_purged_at,
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
