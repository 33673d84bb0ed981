import { downloadContentFromMessage, toBuffer, type WAMessage } from "@whiskeysockets/baileys";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createMediaDownloader,
  isWhatsAppMediaUrl,
  MediaDownloadError,
  MediaTooLargeError,
} from "../../bot/whatsapp/media-download.ts";
import { jpegBytes, pdfBytes } from "../support/file-bytes.ts";
import { type MediaServer, startMediaServer } from "./media-server.ts";
import { documentFrom, imageFrom } from "./wa-messages.ts";

const JID = "6281234567890@s.whatsapp.net";
const LIMIT = 200 * 1024;
const logger = pino({ level: "silent" });
const noReupload = {
  reuploadRequest: async (): Promise<WAMessage> => {
    throw new Error("no re-upload expected");
  },
  logger,
};

describe("WhatsApp media download", () => {
  let server: MediaServer;
  let download: ReturnType<typeof createMediaDownloader>;
  beforeEach(async () => {
    server = await startMediaServer();
    download = createMediaDownloader({
      maxBytes: LIMIT,
      timeoutMs: 2_000,
      isAllowedUrl: (url) => url.origin === server.origin,
    });
  });
  afterEach(async () => {
    await server.close();
  });

  it("decrypts what Baileys encrypted, byte for byte, as Baileys' own downloader does", async () => {
    const photo = jpegBytes(150 * 1024);
    const media = await server.upload(photo, "image");
    const bytes = await download(imageFrom(JID, media), noReupload);
    expect(Buffer.from(bytes).equals(Buffer.from(photo))).toBe(true);
    // Baileys would build https:// from the directPath; the local server speaks http, so give it the url.
    const theirs = await toBuffer(
      await downloadContentFromMessage({ mediaKey: media.mediaKey, url: media.url }, "image"),
    );
    expect(theirs.equals(Buffer.from(photo))).toBe(true);
  });

  it("a file that claims 1 byte but is 32 MB is stopped near the limit, not pulled whole", async () => {
    // Big enough that the loopback's socket buffers (a few MB) cannot hide whether the client read on.
    const big = Buffer.alloc(32 * 1024 * 1024, 0x25);
    const liar = await server.upload(big, "document", { claimedLength: 1, chunked: true });
    const error = await download(documentFrom(JID, { ...liar, fileName: "kecil.pdf" }), noReupload).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MediaTooLargeError);
    expect((error as MediaTooLargeError).size).toBeGreaterThan(LIMIT);
    // The server wrote only a fraction: the client hung up instead of reading on.
    await expect.poll(() => server.bytesSent(liar)).toBeGreaterThan(0);
    expect(server.bytesSent(liar)).toBeLessThan(big.length / 2);
  });

  it("refuses at once when the server announces more bytes than the limit", async () => {
    const liar = await server.upload(pdfBytes(900 * 1024), "document", { claimedLength: 10 });
    await expect(
      download(documentFrom(JID, { ...liar, fileName: "a.pdf" }), noReupload),
    ).rejects.toBeInstanceOf(MediaTooLargeError);
  });

  it("a server that sends headers and then nothing is given up after the timeout", async () => {
    const quick = createMediaDownloader({
      maxBytes: LIMIT,
      timeoutMs: 150,
      isAllowedUrl: (url) => url.origin === server.origin,
    });
    const media = await server.upload(jpegBytes(10 * 1024), "image");
    server.stall(media);
    await expect(quick(imageFrom(JID, media), noReupload)).rejects.toThrow(/abort|timeout/i);
  });

  it("does not follow a redirect (it could point anywhere)", async () => {
    const media = await server.upload(jpegBytes(10 * 1024), "image");
    server.redirect(media, "http://169.254.169.254/latest/meta-data/");
    await expect(download(imageFrom(JID, media), noReupload)).rejects.toBeInstanceOf(MediaDownloadError);
  });

  it("rejects a file whose bytes do not match its MAC (tampered or wrong key)", async () => {
    const media = await server.upload(jpegBytes(10 * 1024), "image");
    const other = await server.upload(jpegBytes(10 * 1024), "image");
    const swapped = { ...media, mediaKey: other.mediaKey, fileEncSha256: new Uint8Array() };
    await expect(download(imageFrom(JID, swapped), noReupload)).rejects.toThrow(/MAC/);
  });

  it("with the production check, fetches nothing from a host that is not WhatsApp's", async () => {
    const production = createMediaDownloader({ maxBytes: LIMIT, timeoutMs: 2_000 });
    const media = await server.upload(jpegBytes(10 * 1024), "image");
    await expect(production(imageFrom(JID, media), noReupload)).rejects.toThrow(/not a WhatsApp media host/);
    // The directPath on a sender-chosen host is refused the same way.
    await expect(
      production(
        imageFrom(JID, { ...media, url: "https://10.0.0.5/x", directPath: "/v/t62/1.enc" }),
        noReupload,
      ),
    ).rejects.toThrow(/not a WhatsApp media host/);
    expect(server.requestedPaths).toEqual([]);
  });
});

describe("isWhatsAppMediaUrl", () => {
  it("accepts WhatsApp's media hosts over HTTPS only", () => {
    for (const ok of [
      "https://mmg.whatsapp.net/v/t62.7118-24/1.enc?ccb=11-4",
      "https://media-cgk1-1.cdn.whatsapp.net/v/t62/1.enc",
      "https://media.fcgk4-1.fna.whatsapp.net/v/t62/1.enc",
    ]) {
      expect(isWhatsAppMediaUrl(new URL(ok))).toBe(true);
    }
    for (const bad of [
      "http://mmg.whatsapp.net/v/t62/1.enc",
      "https://mmg.whatsapp.net:8443/v/t62/1.enc",
      "https://mmg.whatsapp.net.evil.example/v/t62/1.enc",
      "https://evilwhatsapp.net/x",
      "https://127.0.0.1/x",
      "https://user:pw@mmg.whatsapp.net/x",
    ]) {
      expect(isWhatsAppMediaUrl(new URL(bad))).toBe(false);
    }
  });
});
