import type { ColumnType, Generated, Insertable, Kysely, Selectable, Updateable } from "kysely";

/** Ticket statuses in their normal order of progress. */
export const TICKET_STATUSES = ["Pertanyaan", "Diterima", "Proses", "Jawaban"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const ACTOR_KINDS = ["applicant", "admin", "system"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const OUTBOX_STATUSES = ["pending", "sent", "failed", "blocked"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** ISO-8601 text (`new Date().toISOString()`): sorts and compares correctly as text in any SQL database. */
export type IsoTimestamp = string;

export interface TicketTable {
  number: string;
  category: string;
  status: TicketStatus;
  channel: string;
  chat_id: string;
  user_id: string;
  applicant_name: string;
  /** Encrypted (see data-cipher.ts); "" once retention removed it. */
  nik: string;
  /** Keyed hash of the NIK for lookups; null when there is no NIK. */
  nik_hash: string | null;
  /** Encrypted; "" once retention removed it. */
  kk: string;
  /** Encrypted JSON of every form answer; "" once retention removed it. */
  answers_json: string;
  answer_text: string | null;
  handled_by_id: string | null;
  handled_by_name: string | null;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
  /** When retention removed the applicant's personal data; null while it is kept. */
  personal_data_purged_at: ColumnType<
    IsoTimestamp | null,
    IsoTimestamp | null | undefined,
    IsoTimestamp | null
  >;
  /** Insertion order, filled in by the database (see the insertion-order migration). */
  seq: Generated<number>;
}

export interface TicketStatusHistoryTable {
  id: string;
  ticket_number: string;
  from_status: TicketStatus | null;
  to_status: TicketStatus;
  actor_kind: ActorKind;
  actor_id: string;
  actor_name: string | null;
  note: string | null;
  created_at: IsoTimestamp;
  /** Insertion order, filled in by the database (see the insertion-order migration). */
  seq: Generated<number>;
}

export interface AttachmentTable {
  id: string;
  ticket_number: string | null;
  conversation_key: string | null;
  field: string;
  mime: string;
  size: number;
  sha256: string;
  file_name: string | null;
  /** Encrypted file bytes (see data-cipher.ts). */
  content: Buffer;
  created_at: IsoTimestamp;
  /** Insertion order, filled in by the database (see the insertion-order migration). */
  seq: Generated<number>;
}

export interface ConversationTable {
  channel: string;
  chat_id: string;
  user_id: string;
  /** Encrypted JSON of the state (a blob); "" in a marker left by retention; clear text in old rows. */
  snapshot: ColumnType<string | Buffer, string | Buffer, string | Buffer>;
  updated_at: IsoTimestamp;
  /** 1 while the conversation is a form in progress (a draft holding personal data). */
  form_draft: ColumnType<number, number | undefined, number>;
  /** Set when retention removed an abandoned draft: the applicant is told once when they come back. */
  expired_at: ColumnType<IsoTimestamp | null, IsoTimestamp | null | undefined, IsoTimestamp | null>;
}

export interface ProcessedMessageTable {
  channel: string;
  message_id: string;
  processed_at: IsoTimestamp;
}

export interface OutboxTable {
  channel: string;
  chat_id: string;
  text: string;
  payload_json: string | null;
  /** Defaults to 'pending' in the database. */
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  /** Defaults to 0 in the database. */
  attempts: Generated<number>;
  next_attempt_at: IsoTimestamp;
  last_error: string | null;
  created_at: IsoTimestamp;
  sent_at: IsoTimestamp | null;
  /** Position in its chat's queue: a chat receives its messages strictly in this order. */
  chat_seq: number;
  /** 0 = a reply to a message just received, 1 = admin group, 2 = notification; lower goes first across chats. */
  priority: ColumnType<number, number | undefined, number>;
  /** The inbound message a reply answers; null for notifications. */
  source_message_id: string | null;
  /** Round-robin turn across chats: within a priority the lowest round is sent first (see enqueueOutbox). */
  send_round: ColumnType<number, number | undefined, number>;
  /** The instance that claimed the message to send it (see claimOutbox); null when unclaimed. */
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the claim lapses unless its holder renews it: another instance may then take the message. */
  lease_until: ColumnType<IsoTimestamp | null, IsoTimestamp | null | undefined, IsoTimestamp | null>;
  /** The row's key and its insertion order, given by the database (see the outbox-keyed-by-seq migration). */
  seq: Generated<number>;
}

export const FEEDBACK_VERDICTS = ["selesai", "masih"] as const;
/** The applicant's word on an answer: solved ("selesai") or still a problem ("masih"). */
export type FeedbackVerdict = (typeof FEEDBACK_VERDICTS)[number];

export interface TicketFeedbackTable {
  ticket_number: string;
  /** 1 for the ticket's first answer, 2 after it was reopened and answered again, ... */
  round: number;
  asked_at: IsoTimestamp;
  verdict: FeedbackVerdict | null;
  answered_at: IsoTimestamp | null;
}

export interface TicketAdditionTable {
  id: string;
  ticket_number: string;
  channel: string;
  chat_id: string;
  text: string;
  created_at: IsoTimestamp;
  /** Insertion order, assigned by the database. */
  seq: Generated<number>;
}

export interface Database {
  tickets: TicketTable;
  ticket_status_history: TicketStatusHistoryTable;
  attachments: AttachmentTable;
  conversations: ConversationTable;
  processed_messages: ProcessedMessageTable;
  outbox: OutboxTable;
  ticket_feedback: TicketFeedbackTable;
  ticket_additions: TicketAdditionTable;
}

/** The database or a transaction: every repository function takes one as its first argument. */
export type Db = Kysely<Database>;

export type TicketRow = Selectable<TicketTable>;
export type NewTicketRow = Insertable<TicketTable>;
export type TicketUpdate = Updateable<TicketTable>;
export type TicketStatusHistoryRow = Selectable<TicketStatusHistoryTable>;
export type NewTicketStatusHistoryRow = Insertable<TicketStatusHistoryTable>;
export type AttachmentRow = Selectable<AttachmentTable>;
export type NewAttachmentRow = Insertable<AttachmentTable>;
export type ConversationRow = Selectable<ConversationTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Insertable<OutboxTable>;
