import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { readFile, unlink } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { encryptedStream } from "@whiskeysockets/baileys";

/** What a media message carries about its file, as WhatsApp's upload gives it. */
export interface UploadedMedia {
  url: string;
  directPath: string;
  mediaKey: Uint8Array;
  fileSha256: Uint8Array;
  fileEncSha256: Uint8Array;
  /** What the message claims; a lying sender puts anything here. */
  fileLength: number;
}

/**
 * A stand-in for WhatsApp's media CDN on localhost: files are encrypted with Baileys' own
 * encryptedStream (AES-256-CBC, HMAC, hashes), so the real downloader is tested end to end. It can
 * expire a file (410, until the sender's phone re-uploads it), hold a download, redirect, stall, and
 * stream a file without a Content-Length, counting what it actually sent.
 */
export async function startMediaServer() {
  const files = new Map<string, Buffer>();
  const expired = new Set<string>();
  const redirects = new Map<string, string>();
  const stalled = new Set<string>();
  const chunked = new Set<string>();
  const gates = new Map<string, Promise<void>>();
  const calls: string[] = [];
  const sentBytes = new Map<string, number>();
  let counter = 0;

  /** Waits for the socket to take more, or for the client to hang up (without piling up listeners). */
  function drainedOrClosed(res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        res.off("drain", done);
        res.off("close", done);
        resolve();
      };
      res.on("drain", done);
      res.on("close", done);
    });
  }

  async function stream(res: ServerResponse, path: string, body: Buffer): Promise<void> {
    // No Content-Length: the client learns the size only by counting.
    res.writeHead(200, { "content-type": "application/octet-stream" });
    const chunk = 16 * 1024;
    let sent = 0;
    for (let at = 0; at < body.length && !res.destroyed; at += chunk) {
      const ok = res.write(body.subarray(at, at + chunk));
      sent += Math.min(chunk, body.length - at);
      sentBytes.set(path, sent);
      if (!ok) await drainedOrClosed(res);
    }
    if (!res.destroyed) res.end();
  }

  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    calls.push(path);
    void (async () => {
      await gates.get(path);
      const redirect = redirects.get(path);
      if (redirect) {
        res.writeHead(302, { location: redirect }).end();
        return;
      }
      if (expired.has(path)) {
        res.writeHead(410).end();
        return;
      }
      if (stalled.has(path)) {
        // Headers, then nothing: only the client's own timeout ends this.
        res.writeHead(200, { "content-type": "application/octet-stream" });
        res.flushHeaders();
        return;
      }
      const body = files.get(path.replace(/-fresh$/, ""));
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      if (chunked.has(path)) {
        await stream(res, path, body);
        return;
      }
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.length });
      res.end(body);
    })().catch(() => res.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    calls,
    /** The paths the downloader asked for, in order. */
    get requestedPaths(): string[] {
      return [...calls];
    },
    /** Encrypts and stores a file; `claimedLength` is what the message will say about its size. */
    async upload(
      bytes: Uint8Array,
      mediaType: "image" | "document",
      options: { claimedLength?: number; chunked?: boolean } = {},
    ): Promise<UploadedMedia> {
      const encrypted = await encryptedStream(Buffer.from(bytes), mediaType);
      const body = await readFile(encrypted.encFilePath);
      await unlink(encrypted.encFilePath);
      counter += 1;
      const directPath = `/v/t62.7118-24/${counter}-${randomBytes(4).toString("hex")}.enc`;
      files.set(directPath, body);
      if (options.chunked) chunked.add(directPath);
      return {
        url: `${origin}${directPath}`,
        directPath,
        mediaKey: encrypted.mediaKey,
        fileSha256: encrypted.fileSha256,
        fileEncSha256: encrypted.fileEncSha256,
        fileLength: options.claimedLength ?? encrypted.fileLength,
      };
    },
    /** The file's URL answers 410 until the sender's phone re-uploads it (a "-fresh" path). */
    expire(media: UploadedMedia): void {
      expired.add(media.directPath);
    },
    redirect(media: UploadedMedia, to: string): void {
      redirects.set(media.directPath, to);
    },
    stall(media: UploadedMedia): void {
      stalled.add(media.directPath);
    },
    /** Holds requests for the file until the returned function is called. */
    hold(media: UploadedMedia): () => void {
      let release: () => void = () => {};
      gates.set(
        media.directPath,
        new Promise<void>((resolve) => {
          release = resolve;
        }),
      );
      return release;
    },
    /** How many bytes of a chunked file were written to the client before it hung up. */
    bytesSent(media: UploadedMedia): number {
      return sentBytes.get(media.directPath) ?? 0;
    },
    async close(): Promise<void> {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

export type MediaServer = Awaited<ReturnType<typeof startMediaServer>>;
