import { Composer } from "grammy";
import { checkAttachment, DEFAULT_MAX_BYTES } from "../../../flows/validation/attachment.validator.ts";
import { type ApplicantDeps, runApplicantTurn, sentAt, telegramMessageId } from "../applicant-turn.ts";
import { type FileDownloader, FileTooLargeError } from "../file-download.ts";
import { sendText } from "../outbound-sender.ts";
import { telegramMessages as m } from "../telegram.messages.ts";
import type { TelegramContext } from "../telegram-context.ts";
import { describeError } from "../telegram-errors.ts";

// A file Telegram did not size is still fetched, up to this much, so the engine can name its real size.
const DOWNLOAD_CAP_BYTES = 5 * 1024 * 1024;

interface IncomingFile {
  fileId: string;
  /** What Telegram reports before anything is downloaded. */
  size: number | undefined;
  /** The type the sender's app declared; the engine decides by content once downloaded. */
  declaredMime: string | undefined;
  fileName: string;
}

/**
 * The validator's own size message for a file too big to fetch. Only the size is known for sure (the type
 * is judged by content, after a download), so the check is made as for an accepted type: PDF when the
 * sender's app says so, JPG otherwise, which also picks the matching "how to shrink it" tip.
 */
async function refuseOversized(ctx: TelegramContext, file: IncomingFile, size: number): Promise<void> {
  const mime = file.declaredMime === "application/pdf" ? "application/pdf" : "image/jpeg";
  const checked = checkAttachment({ mime, size });
  await sendText(ctx.api, ctx.chat!.id, checked.ok ? m.downloadFailed : checked.message);
}

/**
 * Photos (Telegram sends several sizes of a compressed JPEG; the largest is taken) and documents. The
 * size Telegram reports is checked before downloading: an oversized file gets the validator's own
 * message without being fetched. Everything else goes to the engine, which checks type by content.
 */
export function attachmentsComposer(
  deps: ApplicantDeps & { files: FileDownloader },
): Composer<TelegramContext> {
  const composer = new Composer<TelegramContext>();
  const privateChats = composer.chatType("private");

  async function receive(ctx: TelegramContext, file: IncomingFile): Promise<void> {
    const chatId = ctx.chat!.id;
    const message = ctx.message!;
    if (file.size !== undefined && file.size > DEFAULT_MAX_BYTES) {
      await refuseOversized(ctx, file, file.size);
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = (await deps.files.download(file.fileId, DOWNLOAD_CAP_BYTES)).bytes;
    } catch (error) {
      if (error instanceof FileTooLargeError) {
        await refuseOversized(ctx, file, error.size);
      } else {
        ctx.logger.warn({ error: describeError(error) }, "file download failed");
        await sendText(ctx.api, chatId, m.downloadFailed);
      }
      return;
    }
    await runApplicantTurn(
      ctx,
      deps,
      { kind: "file", bytes, fileName: file.fileName },
      { messageId: telegramMessageId(chatId, message.message_id), receivedAt: sentAt(message.date) },
    );
  }

  privateChats.on("message:photo", async (ctx) => {
    const largest = ctx.message.photo.reduce((best, size) =>
      size.width * size.height > best.width * best.height ? size : best,
    );
    await receive(ctx, {
      fileId: largest.file_id,
      size: largest.file_size,
      declaredMime: "image/jpeg",
      fileName: "foto.jpg",
    });
  });

  // A GIF also arrives with a `document` field; it is not a scan, so it is left to the unsupported replies.
  privateChats.on("message:document").drop(
    (ctx) => ctx.message?.animation !== undefined,
    async (ctx) => {
      const document = ctx.message!.document!;
      await receive(ctx, {
        fileId: document.file_id,
        size: document.file_size,
        declaredMime: document.mime_type,
        fileName: document.file_name ?? "dokumen",
      });
    },
  );

  return composer;
}
