import { type Kysely, sql } from "kysely";

// Frozen in time: this file must never import application code, so its meaning cannot drift.
// Chats take turns on a channel's send limit instead of going in order of arrival: every queued message
// gets a `send_round`, and within a priority the sender takes the lowest round first. A chat gets one
// message per round; a chat that is new, or silent since its last message went out, joins the round
// being sent now, so someone writing just after a heavy sender waits one message, not the heavy
// sender's whole backlog. Rounds are stored with the messages, so the turns hold across a restart.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("outbox")
    .addColumn("send_round", "integer", (col) => col.notNull().defaultTo(0))
    .execute();
  // Messages still queued take turns at once: each chat's n-th waiting message of a priority is in round n.
  await sql`
    update outbox set send_round = (
      select count(*) from outbox as earlier
      where earlier.channel = outbox.channel and earlier.chat_id = outbox.chat_id
        and earlier.priority = outbox.priority and earlier.status = 'pending'
        and earlier.chat_seq < outbox.chat_seq
    )
    where status = 'pending'
  `.execute(db);
  // The sender walks what is waiting by priority, then round, then arrival.
  await sql`
    create index outbox_pending_round_idx on outbox (channel, priority, send_round, seq) where status = 'pending'
  `.execute(db);
  await db.schema.dropIndex("outbox_pending_idx").ifExists().execute();
  // A new message's round: the round reached by what has gone out (per channel and priority), and the
  // chat's own latest round. Both are single index lookups on the insert.
  await sql`
    create index outbox_done_round_idx on outbox (channel, priority, send_round) where status <> 'pending'
  `.execute(db);
  await db.schema
    .createIndex("outbox_chat_round_idx")
    .on("outbox")
    .columns(["channel", "chat_id", "priority", "send_round"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("outbox_chat_round_idx").ifExists().execute();
  await db.schema.dropIndex("outbox_done_round_idx").ifExists().execute();
  await sql`create index outbox_pending_idx on outbox (channel, priority, seq) where status = 'pending'`.execute(
    db,
  );
  await db.schema.dropIndex("outbox_pending_round_idx").ifExists().execute();
  await db.schema.alterTable("outbox").dropColumn("send_round").execute();
}
