import type { Kysely } from "kysely";

// Frozen in time: this file must never import application code, so its meaning cannot drift.
// The numbered choices last shown in each WhatsApp chat, so that "2" still means the second item of
// the list on the person's screen after the bot restarted.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("whatsapp_choice_lists")
    .addColumn("chat_id", "text", (col) => col.primaryKey())
    .addColumn("choices_json", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("whatsapp_choice_lists_updated_at_idx")
    .on("whatsapp_choice_lists")
    .column("updated_at")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("whatsapp_choice_lists").ifExists().execute();
}
