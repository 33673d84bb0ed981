import type { Db } from "./schema.ts";
import { whatsappTables } from "./whatsapp.schema.ts";

export interface WhatsAppSentMessage {
  messageId: string;
  remoteJid: string;
  /** The protobuf-encoded message content. */
  message: Uint8Array;
}

/** Records a message we sent; a second record of the same id (a resend) replaces the first. */
export async function saveWhatsAppSentMessage(db: Db, sent: WhatsAppSentMessage): Promise<void> {
  const message = Buffer.from(sent.message);
  await whatsappTables(db)
    .insertInto("whatsapp_sent_messages")
    .values({
      message_id: sent.messageId,
      remote_jid: sent.remoteJid,
      message,
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column("message_id").doUpdateSet({ message, remote_jid: sent.remoteJid }))
    .execute();
}

/**
 * The content of a message we sent, for a retry request from `askingJid` only: the chat it was sent
 * to, or the same person under their other address (a @lid id where we sent to the phone number, or
 * the other way round, as recorded in the contacts). Anyone else learns nothing, not even that it exists.
 */
export async function findWhatsAppSentMessageFor(
  db: Db,
  messageId: string,
  askingJid: string,
): Promise<Uint8Array | undefined> {
  const tables = whatsappTables(db);
  const row = await tables
    .selectFrom("whatsapp_sent_messages")
    .select(["message", "remote_jid"])
    .where("message_id", "=", messageId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  if (row.remote_jid !== askingJid) {
    const addresses = ["chat_id", "lid", "phone_jid", "reply_jid"] as const;
    const samePerson = await tables
      .selectFrom("whatsapp_contacts")
      .select("chat_id")
      .where((eb) =>
        eb.and([
          eb.or(addresses.map((column) => eb(column, "=", askingJid))),
          eb.or(addresses.map((column) => eb(column, "=", row.remote_jid))),
        ]),
      )
      .executeTakeFirst();
    if (samePerson === undefined) return undefined;
  }
  return new Uint8Array(row.message);
}

/** Forgets messages sent before `olderThanIso` (retries come within hours); returns how many. */
export async function pruneWhatsAppSentMessages(db: Db, olderThanIso: string): Promise<number> {
  const result = await whatsappTables(db)
    .deleteFrom("whatsapp_sent_messages")
    .where("created_at", "<", olderThanIso)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
