import {
  getContentType,
  isHostedLidUser,
  isHostedPnUser,
  isLidUser,
  isPnUser,
  normalizeMessageContent,
  toNumber,
  type WAMessage,
} from "@whiskeysockets/baileys";
import { whatsappMessages as m } from "./whatsapp.messages.ts";

/** What one WhatsApp message means to the helpdesk, before any I/O. */
export type ClassifiedMessage =
  | { kind: "ignore"; reason: IgnoreReason }
  | { kind: "text"; text: string }
  | { kind: "media"; media: "image" | "document"; mime?: string; fileName?: string; declaredSize?: number }
  | { kind: "unsupported"; what: string };

export type IgnoreReason = "no_id" | "own" | "not_private" | "no_content" | "protocol";

// Housekeeping WhatsApp sends as messages: edits, deletions, pins, poll votes... Nothing to answer.
const PROTOCOL_TYPES = new Set<string>([
  "protocolMessage",
  "pollUpdateMessage",
  "keepInChatMessage",
  "pinInChatMessage",
  "encReactionMessage",
  "encEventResponseMessage",
  "callLogMesssage",
  "messageHistoryBundle",
  "messageHistoryNotice",
]);

/** A one-to-one chat with a person: addressed by phone number or by a @lid id (hosted variants too). */
export function isPrivateChat(jid: string | null | undefined): jid is string {
  if (!jid) return false;
  return Boolean(isPnUser(jid) || isLidUser(jid) || isHostedPnUser(jid) || isHostedLidUser(jid));
}

/**
 * Sorts a message into text, a file to download, something unsupported, or nothing to answer. Only
 * private chats from someone else count: groups, status broadcasts, newsletters and our own messages
 * (also those sent from the phone) are ignored. A message without content is a decryption that
 * failed for now; Baileys asks the sender again and delivers it later under the same id.
 */
export function classifyMessage(message: WAMessage): ClassifiedMessage {
  const { key } = message;
  if (!key.id) return { kind: "ignore", reason: "no_id" };
  if (key.fromMe) return { kind: "ignore", reason: "own" };
  if (!isPrivateChat(key.remoteJid)) return { kind: "ignore", reason: "not_private" };
  const content = normalizeMessageContent(message.message);
  const type = getContentType(content);
  if (!content || !type) return { kind: "ignore", reason: "no_content" };
  if (PROTOCOL_TYPES.has(type)) return { kind: "ignore", reason: "protocol" };

  switch (type) {
    case "conversation":
      return { kind: "text", text: content.conversation ?? "" };
    case "extendedTextMessage":
      return { kind: "text", text: content.extendedTextMessage?.text ?? "" };
    case "imageMessage": {
      const image = content.imageMessage;
      return media("image", image?.mimetype, undefined, image?.fileLength);
    }
    case "documentMessage": {
      const document = content.documentMessage;
      return media("document", document?.mimetype, document?.fileName, document?.fileLength);
    }
    case "reactionMessage":
      // Removing a reaction arrives as a reaction with empty text.
      return content.reactionMessage?.text
        ? { kind: "unsupported", what: unsupportedName(type) }
        : { kind: "ignore", reason: "protocol" };
    default:
      return { kind: "unsupported", what: unsupportedName(type) };
  }
}

export function unsupportedName(type: string): string {
  return m.unsupported[type] ?? m.unsupportedFallback;
}

function media(
  kind: "image" | "document",
  mimetype: string | null | undefined,
  fileName: string | null | undefined,
  fileLength: Parameters<typeof toNumber>[0],
): ClassifiedMessage {
  const size = toNumber(fileLength);
  return {
    kind: "media",
    media: kind,
    ...(mimetype ? { mime: mimetype.split(";")[0]!.trim().toLowerCase() } : {}),
    ...(fileName ? { fileName } : {}),
    ...(size > 0 ? { declaredSize: size } : {}),
  };
}

/** When the message was sent (WhatsApp gives seconds), or undefined when it does not say. */
export function sentAt(message: WAMessage): Date | undefined {
  const seconds = toNumber(message.messageTimestamp);
  return seconds > 0 ? new Date(seconds * 1000) : undefined;
}
