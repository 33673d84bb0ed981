import type { Generated, Kysely } from "kysely";
import type { Database, Db, IsoTimestamp } from "./schema.ts";

// The WhatsApp tables live beside the core schema instead of inside it: only the WhatsApp
// repositories use them, through `whatsappTables(db)`.

export interface WhatsAppAuthCredsTable {
  session: string;
  /** Baileys' AuthenticationCreds serialised with its BufferJSON replacer. */
  creds_json: string;
  updated_at: IsoTimestamp;
}

export interface WhatsAppAuthKeyTable {
  session: string;
  /** Baileys' signal data type ("pre-key", "session", "app-state-sync-key", "lid-mapping"...). */
  type: string;
  id: string;
  value_json: string;
  updated_at: IsoTimestamp;
}

export interface WhatsAppSentMessageTable {
  message_id: string;
  remote_jid: string;
  /** The protobuf-encoded message content, returned to Baileys when the recipient asks for a retry. */
  message: Buffer;
  created_at: IsoTimestamp;
}

export interface WhatsAppContactTable {
  /** The stable id the conversation, tickets and notifications are keyed on. */
  chat_id: string;
  lid: string | null;
  phone_jid: string | null;
  /** Where replies go: the address the person last wrote from. */
  reply_jid: string;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
  /** Insertion order, filled in by the database (see the insertion-order migration). */
  seq: Generated<number>;
}

export interface WhatsAppChoiceListTable {
  chat_id: string;
  /** The OutboundChoice list (value and label) last shown in the chat, in order. */
  choices_json: string;
  updated_at: IsoTimestamp;
}

// A type alias, not an interface: $extendTables needs a type with an implicit index signature.
export type WhatsAppTables = {
  whatsapp_auth_creds: WhatsAppAuthCredsTable;
  whatsapp_auth_keys: WhatsAppAuthKeyTable;
  whatsapp_sent_messages: WhatsAppSentMessageTable;
  whatsapp_contacts: WhatsAppContactTable;
  whatsapp_choice_lists: WhatsAppChoiceListTable;
};

export type WhatsAppDb = Kysely<Database & WhatsAppTables>;

/** The same database (or transaction) with the WhatsApp tables visible to the query builder. */
export function whatsappTables(db: Db): WhatsAppDb {
  // A transaction stays a transaction: Transaction overrides $extendTables.
  return db.$extendTables<WhatsAppTables>();
}
