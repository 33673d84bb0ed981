import { type Kysely, sql } from "kysely";
import { isPostgres } from "./portable.ts";

// Frozen in time: this file must never import application code, so its meaning cannot drift.
// Every reply is an outbox row, and each index on it is one more page its message's commit writes: an
// insert touched seven b-trees (the table, the random text id, seq, and four chat/round indexes), the
// largest share of the commit. Three of them go:
// - the random text id: the row's own number `seq` becomes its key (SQLite: the rowid itself, so
//   insertion order costs no index at all; PostgreSQL: the identity column as primary key);
// - outbox_seq_idx: the key is that index now;
// - outbox_chat_round_idx: a chat's latest round is read from its newest row of that priority through
//   outbox_chat_seq_idx (rounds only grow along a chat's queue).
// SQLite cannot change a primary key in place, so the table is rebuilt with every row and its seq kept.

const STATUS_CHECK = sql`status in ('pending', 'sent', 'failed', 'blocked')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await db.schema.alterTable("outbox").dropColumn("id").execute();
    await sql`alter table outbox add constraint outbox_pkey primary key using index outbox_seq_idx`.execute(
      db,
    );
    await db.schema.dropIndex("outbox_chat_round_idx").ifExists().execute();
    return;
  }
  await db.schema
    .createTable("outbox_rebuilt")
    .addColumn("seq", "integer", (col) => col.primaryKey())
    .addColumn("channel", "text", (col) => col.notNull())
    .addColumn("chat_id", "text", (col) => col.notNull())
    .addColumn("text", "text", (col) => col.notNull())
    .addColumn("payload_json", "text")
    .addColumn("status", "text", (col) => col.notNull().defaultTo("pending"))
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (col) => col.notNull())
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("sent_at", "text")
    .addColumn("chat_seq", "integer")
    .addColumn("priority", "integer", (col) => col.notNull().defaultTo(2))
    .addColumn("source_message_id", "text")
    .addColumn("send_round", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("claimed_by", "text")
    .addColumn("lease_until", "text")
    .addCheckConstraint("outbox_status_check", STATUS_CHECK)
    .execute();
  const columns = sql.raw(
    "seq, channel, chat_id, text, payload_json, status, attempts, next_attempt_at, last_error, created_at, " +
      "sent_at, chat_seq, priority, source_message_id, send_round, claimed_by, lease_until",
  );
  await sql`insert into outbox_rebuilt (${columns}) select ${columns} from outbox order by seq`.execute(db);
  // Takes the seq trigger and every index with it.
  await db.schema.dropTable("outbox").execute();
  await db.schema.alterTable("outbox_rebuilt").renameTo("outbox").execute();
  await createChatIndexes(db);
}

/** The indexes kept (same definitions as the migrations that made them). */
async function createChatIndexes(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("outbox_chat_seq_idx")
    .on("outbox")
    .columns(["channel", "chat_id", "chat_seq"])
    .unique()
    .execute();
  await sql`
    create index outbox_pending_chat_idx on outbox (channel, chat_id, chat_seq) where status = 'pending'
  `.execute(db);
  await sql`
    create index outbox_pending_round_idx on outbox (channel, priority, send_round, seq) where status = 'pending'
  `.execute(db);
  await sql`
    create index outbox_done_round_idx on outbox (channel, priority, send_round) where status <> 'pending'
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("outbox_chat_round_idx")
    .on("outbox")
    .columns(["channel", "chat_id", "priority", "send_round"])
    .execute();
  if (isPostgres(db)) {
    await sql`alter table outbox drop constraint outbox_pkey`.execute(db);
    await db.schema.createIndex("outbox_seq_idx").on("outbox").column("seq").unique().execute();
    // The old ids were random; a row's number serves as its id again.
    await sql`alter table outbox add column id text`.execute(db);
    await sql`update outbox set id = seq::text`.execute(db);
    await sql`alter table outbox add primary key (id)`.execute(db);
    return;
  }
  // SQLite: seq stays the rowid (a plain integer column would need another rebuild); the id comes back.
  await sql`alter table outbox add column id text`.execute(db);
  await sql`update outbox set id = cast(seq as text)`.execute(db);
  await db.schema.createIndex("outbox_id_idx").on("outbox").column("id").unique().execute();
}
