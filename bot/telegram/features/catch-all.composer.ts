import { Composer } from "grammy";
import { type ApplicantDeps, runApplicantTurn, sentAt, telegramMessageId } from "../applicant-turn.ts";
import { telegramMessages as m } from "../telegram.messages.ts";
import type { TelegramContext } from "../telegram-context.ts";

/**
 * Registered last. A private message no feature took (a new kind of message Telegram added) still gets the
 * engine's "please send text" reply; a button nobody handled is still answered so its spinner stops;
 * anything else (group chatter, service messages) is ignored.
 */
export function catchAllComposer(deps: ApplicantDeps): Composer<TelegramContext> {
  const composer = new Composer<TelegramContext>();

  composer.chatType("private").on("message", async (ctx) => {
    const message = ctx.message;
    await runApplicantTurn(
      ctx,
      deps,
      { kind: "unsupported", what: m.unsupported.other },
      { messageId: telegramMessageId(ctx.chat.id, message.message_id), receivedAt: sentAt(message.date) },
    );
  });

  composer.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
  });

  composer.use((ctx) => {
    ctx.logger.debug(
      { updateType: Object.keys(ctx.update).find((k) => k !== "update_id") },
      "update ignored",
    );
  });

  return composer;
}
