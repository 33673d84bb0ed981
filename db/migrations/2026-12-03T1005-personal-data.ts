import { type Kysely, sql } from "kysely";
import { isPostgres } from "./portable.ts";

// Frozen in time: this file must never import application code, so its meaning cannot drift.
// Personal data at rest. The values themselves are encrypted by the application at start-up (that needs
// the key, which a migration does not have); this adds the columns that make it possible:
// - tickets.nik_hash: a keyed hash of the NIK for equality lookups, replacing the index on the clear NIK;
// - tickets.personal_data_purged_at: when retention removed the applicant's data (counts stay);
// - conversations.form_draft / expired_at: whether a stored conversation is a form in progress, and when
//   retention removed an abandoned one (the row stays as a marker so the applicant is told once).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("tickets").addColumn("nik_hash", "text").execute();
  await db.schema.alterTable("tickets").addColumn("personal_data_purged_at", "text").execute();
  await db.schema.dropIndex("tickets_nik_idx").ifExists().execute();
  await db.schema.createIndex("tickets_nik_hash_idx").on("tickets").column("nik_hash").execute();
  await db.schema
    .createIndex("tickets_status_updated_at_idx")
    .on("tickets")
    .columns(["status", "updated_at"])
    .execute();

  await db.schema
    .alterTable("conversations")
    .addColumn("form_draft", "integer", (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("conversations").addColumn("expired_at", "text").execute();
  // Snapshots are still clear JSON here: the stage says which ones are forms in progress.
  if (isPostgres(db)) {
    await sql`update conversations set form_draft = 1 where snapshot::jsonb ->> 'stage' = 'form'`.execute(db);
    // From here on a snapshot is an encrypted blob (SQLite keeps any value in any column; PostgreSQL
    // needs the type changed). A retention marker's "" becomes zero bytes.
    await sql`alter table conversations alter column snapshot type bytea using convert_to(snapshot, 'UTF8')`.execute(
      db,
    );
  } else {
    await sql`update conversations set form_draft = 1 where json_extract(snapshot, '$.stage') = 'form'`.execute(
      db,
    );
  }
  await db.schema
    .createIndex("conversations_updated_at_idx")
    .on("conversations")
    .column("updated_at")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("conversations_updated_at_idx").ifExists().execute();
  await db.schema.alterTable("conversations").dropColumn("expired_at").execute();
  await db.schema.alterTable("conversations").dropColumn("form_draft").execute();
  await db.schema.dropIndex("tickets_status_updated_at_idx").ifExists().execute();
  await db.schema.dropIndex("tickets_nik_hash_idx").ifExists().execute();
  await db.schema.createIndex("tickets_nik_idx").on("tickets").column("nik").execute();
  await db.schema.alterTable("tickets").dropColumn("personal_data_purged_at").execute();
  await db.schema.alterTable("tickets").dropColumn("nik_hash").execute();
}
