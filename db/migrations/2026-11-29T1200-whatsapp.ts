import type { Kysely } from "kysely";
import { bytesType } from "./portable.ts";

// Frozen in time: this file must never import application code, so its meaning cannot drift.
// The WhatsApp session (Baileys' creds and signal keys), the messages we sent (so WhatsApp's retry
// requests can be answered) and who is who (a user may be addressed by a @lid id or by a phone number).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("whatsapp_auth_creds")
    .addColumn("session", "text", (col) => col.primaryKey())
    .addColumn("creds_json", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("whatsapp_auth_keys")
    .addColumn("session", "text", (col) => col.notNull())
    .addColumn("type", "text", (col) => col.notNull())
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("value_json", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("whatsapp_auth_keys_pk", ["session", "type", "id"])
    .execute();

  await db.schema
    .createTable("whatsapp_sent_messages")
    .addColumn("message_id", "text", (col) => col.primaryKey())
    .addColumn("remote_jid", "text", (col) => col.notNull())
    .addColumn("message", bytesType(db), (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("whatsapp_sent_messages_created_at_idx")
    .on("whatsapp_sent_messages")
    .column("created_at")
    .execute();

  await db.schema
    .createTable("whatsapp_contacts")
    .addColumn("chat_id", "text", (col) => col.primaryKey())
    .addColumn("lid", "text")
    .addColumn("phone_jid", "text")
    .addColumn("reply_jid", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("whatsapp_contacts_lid_idx").on("whatsapp_contacts").column("lid").execute();
  await db.schema
    .createIndex("whatsapp_contacts_phone_jid_idx")
    .on("whatsapp_contacts")
    .column("phone_jid")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("whatsapp_contacts").ifExists().execute();
  await db.schema.dropTable("whatsapp_sent_messages").ifExists().execute();
  await db.schema.dropTable("whatsapp_auth_keys").ifExists().execute();
  await db.schema.dropTable("whatsapp_auth_creds").ifExists().execute();
}
