import type { WAMessage } from "@whiskeysockets/baileys";
import type { MediaDownloader } from "../../bot/whatsapp/media-download.ts";

// Builders for incoming WhatsApp messages shaped as Baileys 7 delivers them (key.remoteJidAlt etc.).

let counter = 0;
export const nextMessageId = () => `3EB0${String(++counter).padStart(12, "0")}`;

interface From {
  id?: string;
  /** The other address of the sender (phone jid for a @lid sender, or the @lid id). */
  alt?: string;
}

function keyOf(jid: string, from: From) {
  return {
    remoteJid: jid,
    fromMe: false,
    id: from.id ?? nextMessageId(),
    ...(from.alt ? { remoteJidAlt: from.alt, addressingMode: jid.endsWith("@lid") ? "lid" : "pn" } : {}),
  };
}

const timestamp = () => Math.floor(Date.now() / 1000);

export function textFrom(jid: string, text: string, from: From = {}): WAMessage {
  return {
    key: keyOf(jid, from),
    message: { conversation: text },
    messageTimestamp: timestamp(),
    pushName: "Siti",
  };
}

export function extendedTextFrom(jid: string, text: string, from: From = {}): WAMessage {
  return { key: keyOf(jid, from), message: { extendedTextMessage: { text } }, messageTimestamp: timestamp() };
}

export function imageFrom(
  jid: string,
  media: { url: string; fileLength: number; mimetype?: string },
  from: From = {},
): WAMessage {
  return {
    key: keyOf(jid, from),
    message: {
      imageMessage: {
        url: media.url,
        mimetype: media.mimetype ?? "image/jpeg",
        fileLength: media.fileLength,
        mediaKey: new Uint8Array(32),
        directPath: "/v/t62/fake",
      },
    },
    messageTimestamp: timestamp(),
  };
}

export function documentFrom(
  jid: string,
  media: { url: string; fileLength: number; fileName: string; mimetype?: string },
  from: From = {},
): WAMessage {
  return {
    key: keyOf(jid, from),
    message: {
      documentMessage: {
        url: media.url,
        mimetype: media.mimetype ?? "application/pdf",
        fileName: media.fileName,
        fileLength: media.fileLength,
        mediaKey: new Uint8Array(32),
        directPath: "/v/t62/fake",
      },
    },
    messageTimestamp: timestamp(),
  };
}

export function stickerFrom(jid: string, from: From = {}): WAMessage {
  return {
    key: keyOf(jid, from),
    message: { stickerMessage: { url: "https://mmg.whatsapp.net/sticker", mimetype: "image/webp" } },
    messageTimestamp: timestamp(),
  };
}

/**
 * Stands in for downloadMediaMessage: serves bytes by the media url, and for an url marked expired
 * does what Baileys does on a 404/410, asking for a re-upload through the context and trying again.
 */
export function createFakeDownloads() {
  const files = new Map<string, Uint8Array>();
  const expired = new Set<string>();
  const calls: string[] = [];
  const urlOf = (message: WAMessage) =>
    message.message?.imageMessage?.url ?? message.message?.documentMessage?.url ?? "";

  const state: { override?: MediaDownloader } = {};

  const serve: MediaDownloader = async (message, context) => {
    let url = urlOf(message);
    calls.push(url);
    if (expired.has(url)) {
      url = urlOf(await context.reuploadRequest(message));
    }
    const bytes = files.get(url.replace(/#fresh$/, ""));
    if (!bytes) throw Object.assign(new Error("media not found"), { status: 404 });
    return bytes;
  };
  /** What the adapter calls: `override` when a test sets one (to delay or fail), else `serve`. */
  const download: MediaDownloader = (message, context) => (state.override ?? serve)(message, context);
  return {
    files,
    expired,
    calls,
    serve,
    download,
    set override(downloader: MediaDownloader | undefined) {
      state.override = downloader;
    },
  };
}
