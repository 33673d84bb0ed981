import { Composer } from "grammy";
import type { Message } from "grammy/types";
import { type ApplicantDeps, runApplicantTurn, sentAt, telegramMessageId } from "../applicant-turn.ts";
import { telegramMessages as m } from "../telegram.messages.ts";
import type { TelegramContext } from "../telegram-context.ts";

type UnsupportedKind = Exclude<keyof typeof m.unsupported, "edited" | "other">;
const KINDS = Object.keys(m.unsupported).filter((k) => k !== "edited" && k !== "other") as UnsupportedKind[];

/** The Indonesian name of what a message carries, for the engine's "this step expects..." reply. */
export function unsupportedName(message: Message): string {
  const kind = KINDS.find((k) => (message as unknown as Record<string, unknown>)[k] !== undefined);
  return kind ? m.unsupported[kind] : m.unsupported.other;
}

/**
 * Stickers, voice notes, locations, contacts... and edited messages in private chats: the engine gets
 * them as "unsupported" and answers with what the current step expects, leaving the step where it was.
 * (An edit cannot change an answer already taken; the applicant sends the corrected text anew.)
 */
export function unsupportedComposer(deps: ApplicantDeps): Composer<TelegramContext> {
  const composer = new Composer<TelegramContext>();
  const privateChats = composer.chatType("private");

  privateChats.on(
    [
      "message:sticker",
      "message:voice",
      "message:audio",
      "message:video",
      "message:video_note",
      "message:animation",
      "message:location",
      "message:venue",
      "message:contact",
      "message:poll",
      "message:dice",
      "message:game",
      "message:story",
    ],
    async (ctx) => {
      const message = ctx.message;
      await runApplicantTurn(
        ctx,
        deps,
        { kind: "unsupported", what: unsupportedName(message) },
        { messageId: telegramMessageId(ctx.chat.id, message.message_id), receivedAt: sentAt(message.date) },
      );
    },
  );

  // Only edited words: a shared live location also arrives as a stream of edits, which need no reply.
  privateChats.on(["edited_message:text", "edited_message:caption"], async (ctx) => {
    const message = ctx.editedMessage;
    await runApplicantTurn(
      ctx,
      deps,
      { kind: "unsupported", what: m.unsupported.edited },
      {
        messageId: telegramMessageId(ctx.chat.id, message.message_id, message.edit_date),
        receivedAt: sentAt(message.edit_date ?? message.date),
      },
    );
  });

  return composer;
}
