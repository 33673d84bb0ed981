import { proto, type WAMessage } from "@whiskeysockets/baileys";
import type { UploadedMedia } from "./media-server.ts";

// Builders for incoming WhatsApp messages shaped as Baileys 7 delivers them (key.remoteJidAlt etc.).
// FakeSocket sends them through a protobuf round trip before the adapter sees them.

let counter = 0;
export const nextMessageId = () => `3EB0${String(++counter).padStart(12, "0")}`;

interface From {
  id?: string;
  /** The other address of the sender (phone jid for a @lid sender, or the @lid id). */
  alt?: string;
  /** When it was sent (WhatsApp's server time); default now. */
  sentAt?: Date;
}

function keyOf(jid: string, from: From) {
  return {
    remoteJid: jid,
    fromMe: false,
    id: from.id ?? nextMessageId(),
    ...(from.alt ? { remoteJidAlt: from.alt, addressingMode: jid.endsWith("@lid") ? "lid" : "pn" } : {}),
  };
}

const timestamp = (from: From) => Math.floor((from.sentAt?.getTime() ?? Date.now()) / 1000);

export function textFrom(jid: string, text: string, from: From = {}): WAMessage {
  return {
    key: keyOf(jid, from),
    message: { conversation: text },
    messageTimestamp: timestamp(from),
    pushName: "Siti",
  };
}

export function extendedTextFrom(jid: string, text: string, from: From = {}): WAMessage {
  return {
    key: keyOf(jid, from),
    message: { extendedTextMessage: { text } },
    messageTimestamp: timestamp(from),
  };
}

export function imageFrom(
  jid: string,
  media: UploadedMedia & { mimetype?: string; caption?: string },
  from: From = {},
): WAMessage {
  return {
    key: keyOf(jid, from),
    message: {
      imageMessage: {
        url: media.url,
        directPath: media.directPath,
        mimetype: media.mimetype ?? "image/jpeg",
        fileLength: media.fileLength,
        mediaKey: media.mediaKey,
        fileSha256: media.fileSha256,
        fileEncSha256: media.fileEncSha256,
        ...(media.caption ? { caption: media.caption } : {}),
      },
    },
    messageTimestamp: timestamp(from),
  };
}

export function documentFrom(
  jid: string,
  media: UploadedMedia & { fileName: string; mimetype?: string; caption?: string },
  from: From = {},
): WAMessage {
  return {
    key: keyOf(jid, from),
    message: {
      documentMessage: {
        url: media.url,
        directPath: media.directPath,
        mimetype: media.mimetype ?? "application/pdf",
        fileName: media.fileName,
        fileLength: media.fileLength,
        mediaKey: media.mediaKey,
        fileSha256: media.fileSha256,
        fileEncSha256: media.fileEncSha256,
        ...(media.caption ? { caption: media.caption } : {}),
      },
    },
    messageTimestamp: timestamp(from),
  };
}

export function stickerFrom(jid: string, from: From = {}): WAMessage {
  return {
    key: keyOf(jid, from),
    message: { stickerMessage: { url: "https://mmg.whatsapp.net/sticker", mimetype: "image/webp" } },
    messageTimestamp: timestamp(from),
  };
}

export function reactionFrom(jid: string, to: string, text: string, from: From = {}): WAMessage {
  return {
    key: keyOf(jid, from),
    message: { reactionMessage: { key: { remoteJid: jid, fromMe: true, id: to }, text } },
    messageTimestamp: timestamp(from),
  };
}

/** What Baileys upserts when a message could not be decrypted (decode-wa-message: a CIPHERTEXT stub). */
export function undecryptableFrom(jid: string, error = "Bad MAC", from: From = {}): WAMessage {
  return {
    key: keyOf(jid, from),
    messageStubType: proto.WebMessageInfo.StubType.CIPHERTEXT,
    messageStubParameters: [error],
    messageTimestamp: timestamp(from),
  };
}
