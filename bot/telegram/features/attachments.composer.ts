import { Composer } from "grammy";
import type { Db } from "../../../db/index.ts";
import { queueReplies } from "../../engine/conversation-engine.ts";
import { downloadLimit } from "../../engine/file-too-large.ts";
import type { InboundContent } from "../../engine/message.types.ts";
import { type ApplicantDeps, runApplicantTurn, sentAt, telegramMessageId } from "../applicant-turn.ts";
import { type FileDownloader, FileTooLargeError } from "../file-download.ts";
import { telegramMessages as m } from "../telegram.messages.ts";
import { TELEGRAM_CHANNEL, type TelegramContext } from "../telegram-context.ts";
import { describeError } from "../telegram-errors.ts";

interface IncomingFile {
  fileId: string;
  /** What Telegram reports before anything is downloaded. */
  size: number | undefined;
  /** The type the sender's app declared; the engine decides by content once downloaded. */
  declaredMime: string | undefined;
  fileName: string;
}

/** The text typed under the file, if any: the engine treats it as WhatsApp's (what was said, where no file is asked for). */
function captionOf(ctx: TelegramContext): { caption?: string } {
  const caption = ctx.message?.caption?.trim();
  return caption ? { caption } : {};
}

/**
 * Photos (Telegram sends several sizes of a compressed JPEG; the largest is taken) and documents. A file
 * Telegram reports as too large is not fetched: the engine gets its size and declared type and answers
 * as for any refused file (re-asking the form's step). Everything else is downloaded for the engine,
 * which checks the type by content. A caption goes with the file, as on WhatsApp.
 */
export function attachmentsComposer(
  deps: ApplicantDeps & { files: FileDownloader; db: Db },
): Composer<TelegramContext> {
  const composer = new Composer<TelegramContext>();
  const privateChats = composer.chatType("private");

  async function receive(ctx: TelegramContext, file: IncomingFile): Promise<void> {
    const chatId = ctx.chat!.id;
    const message = ctx.message!;
    const content = await contentOf(ctx, file);
    if (!content) return;
    await runApplicantTurn(ctx, deps, content, {
      messageId: telegramMessageId(chatId, message.message_id),
      receivedAt: sentAt(message.date),
    });
  }

  /** The file for the engine, or undefined when the download failed (answered here: a platform fault). */
  async function contentOf(ctx: TelegramContext, file: IncomingFile): Promise<InboundContent | undefined> {
    const caption = captionOf(ctx);
    const tooLarge = (size: number): InboundContent => ({
      kind: "file_too_large",
      size,
      fileName: file.fileName,
      ...(file.declaredMime === undefined ? {} : { mime: file.declaredMime }),
      ...caption,
    });
    // A photo is fetched up to 10 MB (the engine can shrink it), anything else only up to the 200 KB limit.
    const limit = downloadLimit(file.declaredMime, file.fileName);
    if (file.size !== undefined && file.size > limit) return tooLarge(file.size);
    try {
      const { bytes } = await deps.files.download(file.fileId, limit);
      return { kind: "file", bytes, fileName: file.fileName, ...caption };
    } catch (error) {
      if (error instanceof FileTooLargeError) return tooLarge(error.size);
      ctx.logger.warn({ error: describeError(error) }, "file download failed");
      // Through the outbox like every reply: after this chat's earlier replies, and kept across a crash.
      await queueReplies(
        deps.db,
        {
          channel: TELEGRAM_CHANNEL,
          chatId: String(ctx.chat!.id),
          messageId: telegramMessageId(ctx.chat!.id, ctx.message!.message_id),
        },
        [{ text: m.downloadFailed }],
      );
      return undefined;
    }
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
