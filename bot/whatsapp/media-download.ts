import { createDecipheriv, createHash, createHmac, timingSafeEqual } from "node:crypto";
import {
  DEF_MEDIA_HOST,
  DEFAULT_ORIGIN,
  getContentType,
  getMediaKeys,
  normalizeMessageContent,
  type WAMessage,
} from "@whiskeysockets/baileys";
import type { BaileysLogger } from "./auth-state.ts";

/** Fetches a media message's bytes; `reuploadRequest` asks the sender's phone to upload expired media again. */
export type MediaDownloader = (
  message: WAMessage,
  context: { reuploadRequest: (message: WAMessage) => Promise<WAMessage>; logger: BaileysLogger },
) => Promise<Uint8Array>;

/** The file is bigger than the limit: counted on the bytes that arrived, not on what the message claims. */
export class MediaTooLargeError extends Error {
  override name = "MediaTooLargeError";
  constructor(
    /** At least this many bytes (the real size when the server said it, else what arrived before we stopped). */
    readonly size: number,
    readonly limit: number,
  ) {
    super(`media larger than ${limit} bytes`);
  }
}

export class MediaDownloadError extends Error {
  override name = "MediaDownloadError";
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface MediaDownloadOptions {
  /** Largest decrypted file accepted; the download stops as soon as more arrives. */
  maxBytes: number;
  /** For the whole download (headers and body), not per chunk. */
  timeoutMs: number;
  /**
   * Whether a URL may be fetched. Production: WhatsApp's media hosts over HTTPS only. Tests alone
   * pass their localhost server here.
   */
  isAllowedUrl?: (url: URL) => boolean;
}

/** WhatsApp's media CDN (mmg.whatsapp.net, media-*.cdn.whatsapp.net, *.fna.whatsapp.net...). */
export function isWhatsAppMediaUrl(url: URL): boolean {
  if (url.protocol !== "https:" || url.port !== "" || url.username !== "" || url.password !== "")
    return false;
  const host = url.hostname.toLowerCase();
  return host === DEF_MEDIA_HOST || host.endsWith(".whatsapp.net");
}

// Baileys' own status codes for media that expired on the server: the sender's phone must re-upload.
const REUPLOAD_STATUS = new Set([404, 410]);
const MAC_LENGTH = 10;
const AES_BLOCK = 16;

interface MediaFields {
  url?: string | null;
  directPath?: string | null;
  mediaKey?: Uint8Array | null;
  fileSha256?: Uint8Array | null;
  fileEncSha256?: Uint8Array | null;
}

/**
 * Downloads and decrypts an image or document the way Baileys' downloadContentFromMessage does, but
 * as an attacker would want it not to: the URL (which the sender wrote) must point at WhatsApp's
 * media hosts, redirects are not followed, the bytes are counted as they arrive and the download is
 * stopped past the limit, one timeout covers the whole transfer (Baileys' getHttpStream ignores the
 * abort signal), and the file is checked against its MAC and hashes before it is used.
 */
export function createMediaDownloader(options: MediaDownloadOptions): MediaDownloader {
  const isAllowed = options.isAllowedUrl ?? isWhatsAppMediaUrl;
  // The encrypted file: the plaintext padded to the next AES block, then a 10-byte MAC.
  const maxEncrypted = options.maxBytes + AES_BLOCK + MAC_LENGTH;

  async function fetchOnce(message: WAMessage): Promise<Uint8Array> {
    const content = normalizeMessageContent(message.message);
    const type = getContentType(content);
    if (type !== "imageMessage" && type !== "documentMessage") {
      throw new MediaDownloadError(`not a downloadable media message (${String(type)})`);
    }
    const media = content![type] as MediaFields;
    const url = mediaUrl(media);
    if (!url || !isAllowed(url)) throw new MediaDownloadError("media URL is not a WhatsApp media host");
    if (!media.mediaKey?.length) throw new MediaDownloadError("media message has no key");

    const signal = AbortSignal.timeout(options.timeoutMs);
    const response = await fetch(url, { signal, redirect: "manual", headers: { Origin: DEFAULT_ORIGIN } });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new MediaDownloadError(`media server answered ${response.status}`, response.status);
    }
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (Number.isFinite(declared) && declared > maxEncrypted) {
      await response.body?.cancel().catch(() => undefined);
      throw new MediaTooLargeError(Math.max(0, declared - MAC_LENGTH), options.maxBytes);
    }
    const encrypted = await readCapped(response, maxEncrypted, options.maxBytes);
    return decrypt(encrypted, media, type === "imageMessage" ? "image" : "document", options.maxBytes);
  }

  return async (message, context) => {
    try {
      return await fetchOnce(message);
    } catch (error) {
      if (!(error instanceof MediaDownloadError) || !REUPLOAD_STATUS.has(error.status ?? 0)) throw error;
      context.logger.info(
        { key: message.key },
        "media expired on the server; asking the sender to upload it again",
      );
      return fetchOnce(await context.reuploadRequest(message));
    }
  };
}

/** Baileys' rule: the directPath on the host the message's url names, else on mmg.whatsapp.net. */
function mediaUrl(media: MediaFields): URL | undefined {
  try {
    const given = media.url ? new URL(media.url) : undefined;
    if (media.directPath) {
      return new URL(
        media.directPath,
        given ? `${given.protocol}//${given.host}` : `https://${DEF_MEDIA_HOST}`,
      );
    }
    return given;
  } catch {
    return undefined;
  }
}

async function readCapped(response: Response, maxEncrypted: number, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxEncrypted) {
      // Stops the transfer: the rest of the file is never pulled over the network.
      await reader.cancel().catch(() => undefined);
      throw new MediaTooLargeError(total - MAC_LENGTH, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

async function decrypt(
  encrypted: Buffer,
  media: MediaFields,
  mediaType: "image" | "document",
  maxBytes: number,
): Promise<Uint8Array> {
  if (
    media.fileEncSha256?.length &&
    !sameBytes(createHash("sha256").update(encrypted).digest(), media.fileEncSha256)
  ) {
    throw new MediaDownloadError("encrypted media does not match its hash");
  }
  const { cipherKey, iv, macKey } = await getMediaKeys(media.mediaKey!, mediaType);
  if (!macKey) throw new MediaDownloadError("no MAC key for this media type");
  const body = encrypted.subarray(0, encrypted.length - MAC_LENGTH);
  const mac = encrypted.subarray(encrypted.length - MAC_LENGTH);
  const expected = createHmac("sha256", macKey).update(iv).update(body).digest().subarray(0, MAC_LENGTH);
  if (encrypted.length < MAC_LENGTH + AES_BLOCK || !sameBytes(expected, mac)) {
    throw new MediaDownloadError("media MAC does not match");
  }
  const decipher = createDecipheriv("aes-256-cbc", cipherKey, iv);
  const plain = Buffer.concat([decipher.update(body), decipher.final()]);
  if (plain.length > maxBytes) throw new MediaTooLargeError(plain.length, maxBytes);
  if (media.fileSha256?.length && !sameBytes(createHash("sha256").update(plain).digest(), media.fileSha256)) {
    throw new MediaDownloadError("media does not match its hash");
  }
  return plain;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
