import {
  getContentType,
  isHostedLidUser,
  isHostedPnUser,
  isLidUser,
  isPnUser,
  normalizeMessageContent,
  proto,
  toNumber,
  type WAMessage,
} from "@whiskeysockets/baileys";
import { whatsappMessages as m } from "./whatsapp.messages.ts";

/** What one WhatsApp message means to the helpdesk, before any I/O. */
export type ClassifiedMessage =
  | { kind: "ignore"; reason: IgnoreReason }
  | { kind: "text"; text: string }
  | {
      kind: "media";
      media: "image" | "document";
      mime?: string;
      fileName?: string;
      /** What the sender's app claims; never trusted as a limit (the download counts the bytes). */
      declaredSize?: number;
      /** The text typed under the picture or document. */
      caption?: string;
    }
  | { kind: "unsupported"; what: string }
  /** Baileys could not decrypt it (Bad MAC, no session...); it asks the sender's phone to send it again. */
  | { kind: "undecryptable"; error: string };

export type IgnoreReason = "no_id" | "own" | "not_private" | "no_content" | "protocol" | "reaction" | "album";

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
  if (!content || !type) {
    if (message.messageStubType === proto.WebMessageInfo.StubType.CIPHERTEXT) {
      return { kind: "undecryptable", error: String(message.messageStubParameters?.[0] ?? "unknown") };
    }
    return { kind: "ignore", reason: "no_content" };
  }
  if (PROTOCOL_TYPES.has(type)) return { kind: "ignore", reason: "protocol" };

  switch (type) {
    case "conversation":
      return { kind: "text", text: content.conversation ?? "" };
    case "extendedTextMessage":
      return { kind: "text", text: content.extendedTextMessage?.text ?? "" };
    case "imageMessage": {
      const image = content.imageMessage;
      return media("image", image?.mimetype, undefined, image?.fileLength, image?.caption);
    }
    case "documentMessage": {
      const document = content.documentMessage;
      return media(
        "document",
        document?.mimetype,
        document?.fileName,
        document?.fileLength,
        document?.caption,
      );
    }
    case "reactionMessage":
      // A thumbs-up on our reply is not a question; answering it would only be noise.
      return { kind: "ignore", reason: "reaction" };
    case "albumMessage":
      // Only announces how many pictures follow; each one arrives as its own image message.
      return { kind: "ignore", reason: "album" };
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
  caption: string | null | undefined,
): ClassifiedMessage {
  const size = toNumber(fileLength);
  const text = caption?.trim();
  return {
    kind: "media",
    media: kind,
    ...(mimetype ? { mime: mimetype.split(";")[0]!.trim().toLowerCase() } : {}),
    ...(fileName ? { fileName } : {}),
    ...(size > 0 ? { declaredSize: size } : {}),
    ...(text ? { caption: text } : {}),
  };
}

/** When the message was sent (WhatsApp gives seconds), or undefined when it does not say. */
export function sentAt(message: WAMessage): Date | undefined {
  const seconds = toNumber(message.messageTimestamp);
  return seconds > 0 ? new Date(seconds * 1000) : undefined;
}
