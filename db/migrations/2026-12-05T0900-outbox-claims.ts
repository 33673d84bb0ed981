import type { Kysely } from "kysely";

// Frozen in time: this file must never import application code, so its meaning cannot drift.
// Several instances drain one outbox: a message is claimed by one of them before it is sent. `claimed_by`
// names the instance, `lease_until` (ISO text) is when the claim lapses if that instance dies without
// marking the message; another instance may then take it over. No index: only the few pending rows at
// the head of a chat are ever looked at for a claim, and those are found through the pending indexes.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("outbox").addColumn("claimed_by", "text").execute();
  await db.schema.alterTable("outbox").addColumn("lease_until", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("lease_until").execute();
  await db.schema.alterTable("outbox").dropColumn("claimed_by").execute();
}
