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
 * The content of a message we sent, by its id only: a retry request may name the chat by its @lid id
 * while we sent to the phone number, or the other way round.
 */
export async function findWhatsAppSentMessage(db: Db, messageId: string): Promise<Uint8Array | undefined> {
  const row = await whatsappTables(db)
    .selectFrom("whatsapp_sent_messages")
    .select("message")
    .where("message_id", "=", messageId)
    .executeTakeFirst();
  return row === undefined ? undefined : new Uint8Array(row.message);
}

/** Forgets messages sent before `olderThanIso` (retries come within hours); returns how many. */
export async function pruneWhatsAppSentMessages(db: Db, olderThanIso: string): Promise<number> {
  const result = await whatsappTables(db)
    .deleteFrom("whatsapp_sent_messages")
    .where("created_at", "<", olderThanIso)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
