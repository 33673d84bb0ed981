import type { Db, OutboxRow, OutboxStatus } from "./schema.ts";

/** A message waiting to be (or already) delivered to a chat by a platform adapter. */
export interface OutboxMessage {
  id: string;
  channel: string;
  chatId: string;
  text: string;
  /** Extra rendering data (choices, attachments) or null. */
  payload: unknown;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface NewOutboxMessage {
  channel: string;
  chatId: string;
  text: string;
  payload?: unknown;
}

export function toOutboxMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    channel: row.channel,
    chatId: row.chat_id,
    text: row.text,
    payload: row.payload_json === null ? null : JSON.parse(row.payload_json),
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

/** Queues a message for delivery now; returns its id. */
export async function enqueueOutbox(db: Db, message: NewOutboxMessage): Promise<string> {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto("outbox")
    .values({
      id,
      channel: message.channel,
      chat_id: message.chatId,
      text: message.text,
      payload_json: message.payload === undefined ? null : JSON.stringify(message.payload),
      status: "pending",
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    })
    .execute();
  return id;
}

/** Pending messages due at `nowIso`, oldest first (so a chat receives them in order). */
export async function listDueOutbox(
  db: Db,
  options: { channel?: string; nowIso: string; limit: number },
): Promise<OutboxMessage[]> {
  let query = db
    .selectFrom("outbox")
    .selectAll()
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", options.nowIso);
  if (options.channel !== undefined) query = query.where("channel", "=", options.channel);
  const rows = await query.orderBy("seq", "asc").limit(options.limit).execute();
  return rows.map(toOutboxMessage);
}

export async function findOutboxMessage(db: Db, id: string): Promise<OutboxMessage | undefined> {
  const row = await db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : toOutboxMessage(row);
}

/** Delivered: the text and payload are cleared (they may hold personal data); the row stays as a record. */
export async function markOutboxSent(db: Db, id: string): Promise<void> {
  await db
    .updateTable("outbox")
    .set((eb) => ({
      status: "sent",
      attempts: eb("attempts", "+", 1),
      sent_at: new Date().toISOString(),
      text: "",
      payload_json: null,
    }))
    .where("id", "=", id)
    .execute();
}

/** A transient failure: count the attempt and try again at `nextAttemptAtIso`. */
export async function markOutboxRetry(
  db: Db,
  id: string,
  retry: { error: string; nextAttemptAtIso: string },
): Promise<void> {
  await db
    .updateTable("outbox")
    .set((eb) => ({
      attempts: eb("attempts", "+", 1),
      last_error: retry.error,
      next_attempt_at: retry.nextAttemptAtIso,
    }))
    .where("id", "=", id)
    .execute();
}

/** Gives up on the message for good (too many attempts or a permanent error). */
export async function markOutboxFailed(db: Db, id: string, error: string): Promise<void> {
  await db
    .updateTable("outbox")
    .set((eb) => ({ status: "failed", attempts: eb("attempts", "+", 1), last_error: error }))
    .where("id", "=", id)
    .execute();
}

/** The user blocked the bot: never retried, kept apart from failures so it does not raise alarms. */
export async function markOutboxBlocked(db: Db, id: string, error: string): Promise<void> {
  await db
    .updateTable("outbox")
    .set((eb) => ({ status: "blocked", attempts: eb("attempts", "+", 1), last_error: error }))
    .where("id", "=", id)
    .execute();
}
