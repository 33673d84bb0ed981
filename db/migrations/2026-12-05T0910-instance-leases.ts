import type { Kysely } from "kysely";

// Frozen in time: this file must never import application code, so its meaning cannot drift.
// A lease gives one running instance a resource that only one may use at a time (Telegram long polling,
// a WhatsApp number's socket) until `lease_until`; its holder renews it, a clean stop deletes it, and once
// it has expired (the holder died) a standing-by instance takes it over. Times are the database's own clock,
// as ISO-8601 text, so instances on machines whose clocks differ still agree on who holds what.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("instance_leases")
    .addColumn("name", "text", (col) => col.primaryKey())
    .addColumn("holder", "text", (col) => col.notNull())
    .addColumn("lease_until", "text", (col) => col.notNull())
    .addColumn("acquired_at", "text", (col) => col.notNull())
    .addColumn("renewed_at", "text", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("instance_leases").ifExists().execute();
}
