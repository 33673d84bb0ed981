import { type Kysely, sql } from "kysely";
import { isPostgres } from "./portable.ts";

// Frozen in time: this file must never import application code, so its meaning cannot drift.
// What happens after a ticket: the applicant's verdict on each answer, and information added later.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per answer a ticket received ("round" 1 = the first answer); verdict null = not given yet.
  await db.schema
    .createTable("ticket_feedback")
    .addColumn("ticket_number", "text", (col) => col.notNull().references("tickets.number"))
    .addColumn("round", "integer", (col) => col.notNull())
    .addColumn("asked_at", "text", (col) => col.notNull())
    .addColumn("verdict", "text")
    .addColumn("answered_at", "text")
    .addPrimaryKeyConstraint("ticket_feedback_pk", ["ticket_number", "round"])
    .addCheckConstraint(
      "ticket_feedback_verdict_check",
      sql`verdict is null or verdict in ('selesai', 'masih')`,
    )
    .execute();

  // New information an applicant added to an open ticket instead of opening a second one.
  const postgres = isPostgres(db);
  await db.schema
    .createTable("ticket_additions")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("ticket_number", "text", (col) => col.notNull().references("tickets.number"))
    .addColumn("channel", "text", (col) => col.notNull())
    .addColumn("chat_id", "text", (col) => col.notNull())
    .addColumn("text", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    // Insertion order, filled in by the database (as for the other tables listed in order).
    .$call((table) =>
      postgres
        ? table.addColumn("seq", "integer", (col) => col.generatedByDefaultAsIdentity())
        : table.addColumn("seq", "integer"),
    )
    .execute();
  await db.schema
    .createIndex("ticket_additions_seq_idx")
    .on("ticket_additions")
    .column("seq")
    .unique()
    .execute();
  await db.schema
    .createIndex("ticket_additions_ticket_idx")
    .on("ticket_additions")
    .columns(["ticket_number", "seq"])
    .execute();
  if (postgres) return;
  await sql`
    create trigger ticket_additions_seq_fill after insert on ticket_additions
    for each row when new.seq is null
    begin
      update ticket_additions set seq = (select coalesce(max(seq), 0) + 1 from ticket_additions) where rowid = new.rowid;
    end
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) await sql`drop trigger if exists ticket_additions_seq_fill`.execute(db);
  await db.schema.dropTable("ticket_additions").ifExists().execute();
  await db.schema.dropTable("ticket_feedback").ifExists().execute();
}
