import { downloadMediaMessage, type WAMessage } from "@whiskeysockets/baileys";
import type { BaileysLogger } from "./auth-state.ts";

/** Fetches a media message's bytes; `reuploadRequest` asks the sender's phone to upload expired media again. */
export type MediaDownloader = (
  message: WAMessage,
  context: { reuploadRequest: (message: WAMessage) => Promise<WAMessage>; logger: BaileysLogger },
) => Promise<Uint8Array>;

const DOWNLOAD_TIMEOUT_MS = 60_000;

/** Production download: Baileys fetches and decrypts the file, re-requesting it once when it expired. */
export const baileysMediaDownloader: MediaDownloader = (message, context) =>
  // A stalled media server must not hold the applicant's chat queue forever.
  downloadMediaMessage(
    message,
    "buffer",
    { options: { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) } },
    context,
  );
