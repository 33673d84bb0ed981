import { type Kysely, sql } from "kysely";

// Frozen in time: this file must never import application code, so its meaning cannot drift.
// The FAQ learning loop; portable DDL like the initial migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Questions the bot could not answer well. Only normalised text with long digit runs, e-mails and
  // phone numbers masked: no chat id, no user id, so a row cannot be traced back to an applicant.
  await db.schema
    .createTable("faq_gaps")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("question", "text", (col) => col.notNull())
    .addColumn("faq_id", "text")
    .addColumn("channel", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addCheckConstraint("faq_gaps_kind_check", sql`kind in ('unanswered', 'not_helpful', 'clarify_rejected')`)
    .execute();
  await db.schema.createIndex("faq_gaps_created_at_idx").on("faq_gaps").column("created_at").execute();

  // What admins added beside the shipped faq.json: new entries, and phrasings for any entry.
  await db.schema
    .createTable("faq_added_entries")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("question", "text", (col) => col.notNull())
    .addColumn("answer", "text", (col) => col.notNull())
    .addColumn("phase", "text", (col) => col.notNull())
    .addColumn("added_by_id", "text", (col) => col.notNull())
    .addColumn("added_by_name", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createTable("faq_added_phrasings")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("faq_id", "text", (col) => col.notNull())
    .addColumn("phrasing", "text", (col) => col.notNull())
    .addColumn("added_by_id", "text", (col) => col.notNull())
    .addColumn("added_by_name", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addUniqueConstraint("faq_added_phrasings_unique", ["faq_id", "phrasing"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("faq_added_phrasings").ifExists().execute();
  await db.schema.dropTable("faq_added_entries").ifExists().execute();
  await db.schema.dropTable("faq_gaps").ifExists().execute();
}
