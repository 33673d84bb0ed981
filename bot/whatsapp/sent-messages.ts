import { jidNormalizedUser, proto, type WAMessage, type WAMessageKey } from "@whiskeysockets/baileys";
import type { Db } from "../../db/schema.ts";
import {
  findWhatsAppSentMessageFor,
  saveWhatsAppSentMessage,
} from "../../db/whatsapp-sent-message.repository.ts";

/**
 * Baileys' `getMessage` option: when a recipient could not decrypt a message ("Waiting for this
 * message"), WhatsApp asks us to send it again, and Baileys needs the original content to do so.
 * Only the chat the message went to gets it: a message id is no key to someone else's answer.
 */
export function createGetMessage(db: Db): (key: WAMessageKey) => Promise<proto.IMessage | undefined> {
  return async (key) => {
    if (!key.id || !key.remoteJid) return undefined;
    const bytes = await findWhatsAppSentMessageFor(db, key.id, jidNormalizedUser(key.remoteJid));
    return bytes === undefined ? undefined : proto.Message.decode(bytes);
  };
}

/** Keeps what we sent (protobuf-encoded, exact) so that `getMessage` can find it. */
export async function recordSentMessage(db: Db, sent: WAMessage | undefined): Promise<void> {
  if (!sent?.key.id || !sent.message) return;
  await saveWhatsAppSentMessage(db, {
    messageId: sent.key.id,
    remoteJid: jidNormalizedUser(sent.key.remoteJid ?? ""),
    message: proto.Message.encode(sent.message).finish(),
  });
}
