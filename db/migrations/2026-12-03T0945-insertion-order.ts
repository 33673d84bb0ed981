import { type Kysely, sql } from "kysely";

// Frozen in time: this file must never import application code, so its meaning cannot drift.
// Rows that are listed "in the order they happened" were sorted by a millisecond timestamp and then a
// random id, so two rows written in the same millisecond came out in random order. Each such table gets
// a `seq` column: a number that only grows, filled in by the database itself on every insert (a trigger),
// so no insert anywhere can forget it. Existing rows keep their insertion order (their rowid).

const TABLES = [
  "tickets",
  "ticket_status_history",
  "attachments",
  "outbox",
  "faq_added_entries",
  "faq_added_phrasings",
  "whatsapp_contacts",
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    const t = sql.table(table);
    await db.schema.alterTable(table).addColumn("seq", "integer").execute();
    await sql`update ${t} set seq = rowid`.execute(db);
    await db.schema.createIndex(`${table}_seq_idx`).on(table).column("seq").unique().execute();
    // max(seq) + 1 rather than the new rowid: a VACUUM may renumber rowids, never seq.
    await sql`
      create trigger ${sql.raw(`${table}_seq_fill`)} after insert on ${t}
      for each row when new.seq is null
      begin
        update ${t} set seq = (select coalesce(max(seq), 0) + 1 from ${t}) where rowid = new.rowid;
      end
    `.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...TABLES].reverse()) {
    await sql`drop trigger if exists ${sql.raw(`${table}_seq_fill`)}`.execute(db);
    await db.schema.dropIndex(`${table}_seq_idx`).ifExists().execute();
    await db.schema.alterTable(table).dropColumn("seq").execute();
  }
}
