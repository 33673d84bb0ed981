import type { Logger } from "pino";
import type { Db } from "../../db/schema.ts";
import { findWhatsAppContact } from "../../db/whatsapp-contact.repository.ts";
import { metrics } from "../monitoring/metrics.ts";
import { RecipientUnreachableError, RetryLaterError } from "../outbox/outbox-dispatcher.ts";
import { isPrivateChat } from "./inbound-message.ts";
import type { SendQueue } from "./send-queue.ts";
import { recordSentMessage } from "./sent-messages.ts";
import { maskJid } from "./whatsapp-identity.ts";
import type { WASocketLike } from "./whatsapp-socket.ts";

export const WHATSAPP_CHANNEL = "whatsapp";

/** Sending was attempted while no socket is open; the outbox retries later (never gives up on it). */
export class WhatsAppNotConnectedError extends RetryLaterError {
  override name = "WhatsAppNotConnectedError";
  constructor() {
    super("WhatsApp is not connected", 1_000);
  }
}

export interface WhatsAppSenderDeps {
  db: Db;
  queue: SendQueue;
  /** The open socket, or undefined while (re)connecting. */
  socket(): WASocketLike | undefined;
  logger: Logger;
}

/** Every outgoing WhatsApp text goes through here: paced, recorded for retries, never two at once. */
export function createWhatsAppSender(deps: WhatsAppSenderDeps) {
  async function sendText(jid: string, text: string): Promise<void> {
    await deps.queue.push(async () => {
      const sock = deps.socket();
      if (!sock) throw new WhatsAppNotConnectedError();
      const sent = await sock.sendMessage(jid, { text }).catch((error: unknown) => {
        if (isRateLimited(error)) metrics.rateLimited(WHATSAPP_CHANNEL, "sendMessage");
        throw error;
      });
      // The message is out; failing to keep a copy must not make the caller send it twice.
      await recordSentMessage(deps.db, sent).catch((error: unknown) =>
        deps.logger.warn({ err: error }, "could not record a sent WhatsApp message"),
      );
    });
  }

  /** Sends to a conversation's stable id: to wherever that person last wrote from. */
  async function sendToChat(chatId: string, text: string): Promise<void> {
    const contact = await findWhatsAppContact(deps.db, chatId);
    const jid = contact?.replyJid ?? (isPrivateChat(chatId) ? chatId : undefined);
    if (!jid) throw new RecipientUnreachableError(`no WhatsApp address for chat ${maskJid(chatId)}`);
    await sendText(jid, text);
  }

  return { sendText, sendToChat };
}

export type WhatsAppSender = ReturnType<typeof createWhatsAppSender>;

/** WhatsApp's "rate-overlimit": Baileys turns the server's error node into a Boom error with the code as data. */
function isRateLimited(error: unknown): boolean {
  const { data, output } = (error ?? {}) as { data?: unknown; output?: { statusCode?: unknown } };
  return data === 429 || output?.statusCode === 429;
}
