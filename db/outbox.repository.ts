import { sql } from "kysely";
import { lockChat } from "./chat-lock.ts";
import { isPostgres } from "./dialect.ts";
import { preparedQuery } from "./prepared-query.ts";
import { rowCount } from "./row-count.ts";
import type { Db, OutboxRow, OutboxStatus } from "./schema.ts";
import { afterCommit, inTransaction } from "./transaction.ts";

/** Which outbound messages go first across chats when a channel's rate limit is the bottleneck. */
export const OUTBOX_PRIORITY = {
  /** A reply to an applicant who is chatting right now. */
  reply: 0,
  /** The admin group (new ticket cards, notices for admins). */
  admin: 1,
  /** A status change or answer told to an applicant, possibly one of thousands at once. */
  notification: 2,
} as const;

/** A message waiting to be (or already) delivered to a chat by a platform adapter. */
export interface OutboxMessage {
  /** The row's seq as text: what the mark functions take. */
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
  /** Position in the chat's queue (1, 2, 3...): the chat receives its messages in this order. */
  chatSeq: number;
  priority: number;
  /** Its chat's turn among the chats waiting at the same priority: lower rounds go first (see enqueueOutbox). */
  sendRound: number;
  /** The inbound message this reply answers (null for notifications). */
  sourceMessageId: string | null;
  /** The instance sending it (or that sent it) under a claim; null when never claimed. */
  claimedBy: string | null;
  /** When that claim lapses unless renewed (see claimOutbox). */
  leaseUntil: string | null;
}

export interface NewOutboxMessage {
  channel: string;
  chatId: string;
  text: string;
  payload?: unknown;
  /** Default: notification. */
  priority?: number;
  sourceMessageId?: string;
}

export function toOutboxMessage(row: OutboxRow): OutboxMessage {
  return {
    id: String(row.seq),
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
    chatSeq: row.chat_seq,
    priority: row.priority,
    sendRound: row.send_round,
    sourceMessageId: row.source_message_id,
    claimedBy: row.claimed_by,
    leaseUntil: row.lease_until,
  };
}

/** The seq an outbox id names, or undefined for text that names no row (seq starts at 1). */
function seqOf(id: string): number | undefined {
  return /^[1-9][0-9]{0,14}$/.test(id) ? Number(id) : undefined;
}

type OutboxListener = (channel: string, chatId: string) => void;
const listeners = new WeakMap<object, Set<OutboxListener>>();

/**
 * Calls `listener` whenever a message for some chat is committed to the outbox through `db`, so that a
 * sender can start at once instead of at its next poll. Returns the unsubscribe function.
 */
export function onOutboxWritten(db: Db, listener: OutboxListener): () => void {
  let set = listeners.get(db);
  if (!set) {
    set = new Set();
    listeners.set(db, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

/**
 * The round a new message of `chatId` goes out in, so that chats take turns (round-robin) on the send
 * limit instead of going in order of arrival: one round later than the chat's own latest message of this
 * priority (sent or waiting), but never before the round that sending has reached. A chat with a backlog
 * thus holds rounds ahead, while a chat that is new or was served less recently joins the round going out
 * now and is sent after at most one message of each chat already in it. Two index lookups inside the
 * insert, no extra statement; the literal 'pending' lets both databases use the partial index. A chat's
 * rounds only grow along its queue, so its latest round of a priority is that of its newest row of that
 * priority, found through the chat's queue index (no index of its own: one page less per reply).
 */
// `priority` is unknown: preparedQuery passes its placeholder here.
function sendRoundOf(channel: string, chatId: string, priority: unknown) {
  return sql<number>`(select coalesce(max(candidate), 0) from (
    select max(send_round) as candidate from outbox
      where channel = ${channel} and priority = ${priority} and status <> 'pending'
    union all
    select candidate from (
      select send_round + 1 as candidate from outbox
        where channel = ${channel} and chat_id = ${chatId} and priority = ${priority}
        order by chat_seq desc limit 1
    ) as latest
  ) as candidates)`;
}

// Runs for every reply: one prepared statement (see prepared-query.ts). The row's seq is its key, given
// by the database (SQLite: the rowid; PostgreSQL: the identity column).
const insertOutbox = preparedQuery(
  ["channel", "chatId", "text", "payloadJson", "now", "priority", "sourceMessageId"],
  (db, v) =>
    db
      .insertInto("outbox")
      .values({
        channel: v.channel,
        chat_id: v.chatId,
        text: v.text,
        payload_json: v.payloadJson,
        // Literals, not parameters: preparedQuery binds only the named values.
        status: sql.lit("pending" as const),
        attempts: sql.lit(0),
        next_attempt_at: v.now,
        created_at: v.now,
        // One writer at a time (SQLite) or the chat's lock (PostgreSQL), so max + 1 cannot be taken twice;
        // the unique index would refuse it.
        chat_seq: sql<number>`(select coalesce(max(chat_seq), 0) + 1 from outbox
        where channel = ${v.channel} and chat_id = ${v.chatId})`,
        priority: sql<number>`${v.priority}`,
        send_round: sendRoundOf(v.channel, v.chatId, v.priority),
        source_message_id: v.sourceMessageId,
      })
      .returning("seq"),
);

/** Queues a message for delivery now, after every earlier message of its chat; returns its id. */
export async function enqueueOutbox(db: Db, message: NewOutboxMessage): Promise<string> {
  const postgres = isPostgres(db);
  if (postgres && !db.isTransaction) return inTransaction(db, (trx) => enqueueOutbox(trx, message));
  // Several writers at once (other transactions, other instances): the chat's queue is locked until
  // commit, so no two of them read the same max(chat_seq).
  if (postgres) await lockChat(db, message.channel, message.chatId);
  const { rows } = await insertOutbox(db, {
    channel: message.channel,
    chatId: message.chatId,
    text: message.text,
    payloadJson: message.payload === undefined ? null : JSON.stringify(message.payload),
    now: new Date().toISOString(),
    priority: message.priority ?? OUTBOX_PRIORITY.notification,
    sourceMessageId: message.sourceMessageId ?? null,
  });
  afterCommit(db, (root) => {
    for (const listener of listeners.get(root) ?? []) listener(message.channel, message.chatId);
  });
  return String(rows[0]!.seq);
}

/** Pending messages due at `nowIso`, in queue order (tests and tools; the sender uses listSendableOutbox). */
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
  const rows = await query.orderBy("seq", "asc").limit(rowCount(options.limit)).execute();
  return rows.map(toOutboxMessage);
}

// The next message of its chat: nothing earlier in the same chat is still waiting. The literal
// 'pending' (not a bound value) lets SQLite use the partial indexes.
const isChatHead = sql<boolean>`not exists (
  select 1 from outbox as earlier
  where earlier.channel = outbox.channel and earlier.chat_id = outbox.chat_id
    and earlier.status = 'pending' and earlier.chat_seq < outbox.chat_seq
)`;
const isPending = sql<boolean>`outbox.status = 'pending'`;
// Nobody is sending it: never claimed, or the claim lapsed (its holder died without marking it). Claims
// are only ever on a chat's next message, so this also keeps a chat whose next message another instance
// is sending away from everyone else. `now` is ISO text, compared as text like every timestamp here.
const isUnclaimedAt = (now: unknown) =>
  sql<boolean>`(outbox.claimed_by is null or outbox.lease_until <= ${now})`;

/** The sendable rows of a channel (see listSendableOutbox), most urgent first. */
function sendableQuery(db: Db, channel: unknown, now: unknown) {
  return db
    .selectFrom("outbox")
    .where("channel", "=", channel as string)
    .where(isPending)
    .where("next_attempt_at", "<=", now as string)
    .where(isChatHead)
    .where(isUnclaimedAt(now))
    .orderBy("priority", "asc")
    .orderBy("send_round", "asc")
    .orderBy("seq", "asc");
}

/** The order the sender goes in: most urgent, then the chat whose turn it is, then oldest. */
function bySendOrder(a: OutboxRow, b: OutboxRow): number {
  return a.priority - b.priority || a.send_round - b.send_round || a.seq - b.seq;
}

/**
 * What may be sent now on `channel`: for each chat only its next message (a message that must wait holds
 * back the rest of its own chat, never other chats), due by `nowIso` and not claimed by a sender whose
 * claim still holds, most urgent first, then the chat whose turn it is (lowest send round: served least
 * recently), then oldest. Chats in `skipChatIds` are left out. Read-only: the sender uses claimOutbox.
 */
export async function listSendableOutbox(
  db: Db,
  options: { channel: string; nowIso: string; limit: number; skipChatIds?: readonly string[] },
): Promise<OutboxMessage[]> {
  let query = sendableQuery(db, options.channel, options.nowIso).selectAll();
  if (options.skipChatIds && options.skipChatIds.length > 0) {
    query = query.where("chat_id", "not in", options.skipChatIds);
  }
  const rows = await query.limit(rowCount(options.limit)).execute();
  return rows.map(toOutboxMessage);
}

// Runs on every pass of the sender: one prepared statement that both finds and claims, so the claim costs
// no statement over the plain list it replaces. On PostgreSQL the rows are locked as they are picked and
// rows another instance is claiming right now are skipped, not waited for: two instances never claim the
// same message and never block each other. SQLite has one writer at a time, which gives the same.
// One statement per batch size, the size written into it (see rowCount: a bound LIMIT would make SQLite
// compile the claim again on every call, which cost more than running it).
const claimBatches = new Map<number, ReturnType<typeof claimBatchOf>>();
const claimBatchOf = (limit: number) =>
  preparedQuery(["channel", "now", "instanceId", "leaseUntil"], (db, v) => {
    let pick = sendableQuery(db, v.channel, v.now).select("outbox.seq").limit(rowCount(limit));
    if (isPostgres(db)) pick = pick.forUpdate().skipLocked();
    return db
      .updateTable("outbox")
      .set({ claimed_by: v.instanceId, lease_until: v.leaseUntil })
      .where("seq", "in", pick)
      .returningAll();
  });
function claimBatch(limit: number) {
  let batch = claimBatches.get(limit);
  if (!batch) {
    batch = claimBatchOf(limit);
    claimBatches.set(limit, batch);
  }
  return batch;
}

/**
 * Claims up to `limit` messages that may be sent now on `channel` (see listSendableOutbox: each chat's next
 * message only, never one another instance's live claim holds) for `instanceId` until `leaseUntilIso`,
 * and returns them in the order to send them. Only the holder may then mark them (pass the instance id to
 * the mark functions); a claim whose holder died lapses at its lease and the message is claimed again, so
 * a message is sent twice only when its sender dies between sending and marking it.
 */
export async function claimOutbox(
  db: Db,
  options: { channel: string; nowIso: string; limit: number; instanceId: string; leaseUntilIso: string },
): Promise<OutboxMessage[]> {
  const { rows } = await claimBatch(options.limit)(db, {
    channel: options.channel,
    now: options.nowIso,
    instanceId: options.instanceId,
    leaseUntil: options.leaseUntilIso,
  });
  // RETURNING promises no order.
  return (rows as OutboxRow[]).sort(bySendOrder).map(toOutboxMessage);
}

/**
 * Extends the claims `instanceId` still holds on `ids` (messages it is still sending: a slow send or a
 * long wait for the rate limit must not let another instance take them over). Returns how many it held.
 */
export async function renewOutboxClaims(
  db: Db,
  instanceId: string,
  ids: readonly string[],
  leaseUntilIso: string,
): Promise<number> {
  const seqs = ids.map(seqOf).filter((seq) => seq !== undefined);
  if (seqs.length === 0) return 0;
  const result = await db
    .updateTable("outbox")
    .set({ lease_until: leaseUntilIso })
    .where("seq", "in", seqs)
    .where("claimed_by", "=", instanceId)
    .where(isPending)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Frees the claims `instanceId` holds on `channel`: called by a sender before its first claim, these are
 * left by an earlier process under the same INSTANCE_ID (a restart) that died before marking them, and
 * need not wait for their lease. Returns how many there were.
 */
export async function releaseOwnOutboxClaims(db: Db, channel: string, instanceId: string): Promise<number> {
  const result = await db
    .updateTable("outbox")
    .set({ claimed_by: null, lease_until: null })
    .where("channel", "=", channel)
    .where("claimed_by", "=", instanceId)
    .where(isPending)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Gives a claimed message back unsent (a send cut off at shutdown): any instance may claim it at once. */
export async function releaseOutboxClaim(db: Db, id: string, instanceId: string): Promise<boolean> {
  const seq = seqOf(id);
  if (seq === undefined) return false;
  const result = await db
    .updateTable("outbox")
    .set({ claimed_by: null, lease_until: null })
    .where("seq", "=", seq)
    .where("claimed_by", "=", instanceId)
    .where(isPending)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * When the earliest chat that is waiting (after a failure, or on another instance's claim) may be tried
 * again; undefined if none waits. A claimed message may be taken over once its lease lapses.
 */
// Runs after every pass of the sender (to know how long it may sleep): one prepared statement.
const selectNextAttempt = preparedQuery(["channel"], (db, v) =>
  db
    .selectFrom("outbox")
    .select(
      sql<
        string | null
      >`min(case when outbox.claimed_by is not null and outbox.lease_until > outbox.next_attempt_at
        then outbox.lease_until else outbox.next_attempt_at end)`.as("next"),
    )
    .where("channel", "=", v.channel)
    .where(isPending)
    .where(isChatHead),
);

export async function nextOutboxAttemptAt(db: Db, channel: string): Promise<string | undefined> {
  const { rows } = await selectNextAttempt(db, { channel });
  return rows[0]?.next ?? undefined;
}

/** How many messages of `channel` (or of every channel) are still to be sent. */
export async function countPendingOutbox(db: Db, channel?: string): Promise<number> {
  let query = db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll().as("count"))
    .where(isPending);
  if (channel !== undefined) query = query.where("channel", "=", channel);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findOutboxMessage(db: Db, id: string): Promise<OutboxMessage | undefined> {
  const seq = seqOf(id);
  if (seq === undefined) return undefined;
  const row = await db.selectFrom("outbox").selectAll().where("seq", "=", seq).executeTakeFirst();
  return row === undefined ? undefined : toOutboxMessage(row);
}

// Runs for every message sent: one prepared statement, with or without the claim check.
const sentUpdate = (claimed: boolean) =>
  preparedQuery(["seq", "sentAt", "holder"], (db, v) => {
    const update = db
      .updateTable("outbox")
      .set((eb) => ({
        // Literals, not parameters: preparedQuery binds only the named values.
        status: sql.lit("sent" as const),
        attempts: eb("attempts", "+", sql.lit(1)),
        sent_at: v.sentAt,
        text: sql.lit(""),
        payload_json: sql.lit(null),
      }))
      .where("seq", "=", sql<number>`${v.seq}`);
    return claimed ? update.where("claimed_by", "=", v.holder) : update;
  });
const updateSent = sentUpdate(false);
const updateSentByHolder = sentUpdate(true);

/**
 * Delivered: the text and payload are cleared (they may hold personal data); the row stays as a record.
 * With `holder` (the instance id that claimed it), only while that instance still holds the claim; false
 * when it no longer did (its lease lapsed and another instance took the message over).
 */
export async function markOutboxSent(db: Db, id: string, holder?: string): Promise<boolean> {
  const seq = seqOf(id);
  if (seq === undefined) return false;
  const sentAt = new Date().toISOString();
  const result =
    holder === undefined
      ? await updateSent(db, { seq, sentAt, holder: null })
      : await updateSentByHolder(db, { seq, sentAt, holder });
  return (result.numAffectedRows ?? 0n) > 0n;
}

/** Only the claim's holder, when one is named (see markOutboxSent). */
function heldBy<Q extends { where: (column: "claimed_by", op: "=", value: string) => Q }>(
  query: Q,
  holder: string | undefined,
): Q {
  return holder === undefined ? query : query.where("claimed_by", "=", holder);
}

/**
 * A transient failure: count the attempt and try again at `nextAttemptAtIso`. The claim is given up, so
 * whichever instance is free then sends it. With `holder`: see markOutboxSent.
 */
export async function markOutboxRetry(
  db: Db,
  id: string,
  retry: { error: string; nextAttemptAtIso: string },
  holder?: string,
): Promise<boolean> {
  const query = db
    .updateTable("outbox")
    .set((eb) => ({
      attempts: eb("attempts", "+", 1),
      last_error: retry.error,
      next_attempt_at: retry.nextAttemptAtIso,
      claimed_by: null,
      lease_until: null,
    }))
    .where("seq", "=", seqOf(id) ?? 0);
  const result = await heldBy(query, holder).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Gives up on the message for good (a permanent error); the chat's later messages go on. */
export async function markOutboxFailed(db: Db, id: string, error: string, holder?: string): Promise<boolean> {
  const query = db
    .updateTable("outbox")
    .set((eb) => ({ status: "failed", attempts: eb("attempts", "+", 1), last_error: error }))
    .where("seq", "=", seqOf(id) ?? 0);
  const result = await heldBy(query, holder).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The user blocked the bot: never retried, kept apart from failures so it does not raise alarms. */
export async function markOutboxBlocked(
  db: Db,
  id: string,
  error: string,
  holder?: string,
): Promise<boolean> {
  const query = db
    .updateTable("outbox")
    .set((eb) => ({ status: "blocked", attempts: eb("attempts", "+", 1), last_error: error }))
    .where("seq", "=", seqOf(id) ?? 0);
  const result = await heldBy(query, holder).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
