import { Composer } from "grammy";
import { type ApplicantDeps, runApplicantTurn, sentAt, telegramMessageId } from "../applicant-turn.ts";
import type { TelegramContext } from "../telegram-context.ts";

/**
 * Applicants in private chats: text (commands included: the engine knows /menu, /batal, /status,
 * /bantuan, and /start, which greets) and inline-button choices.
 */
export function applicantComposer(deps: ApplicantDeps): Composer<TelegramContext> {
  const composer = new Composer<TelegramContext>();
  const privateChats = composer.chatType("private");

  privateChats.on("message:text", async (ctx) => {
    const message = ctx.message;
    const isStart = /^\/start(@\w+)?(\s|$)/i.test(message.text);
    await runApplicantTurn(
      ctx,
      deps,
      // A deep-link payload ("/start abc") means nothing here; it is still just the start.
      { kind: "text", text: isStart ? "/start" : message.text },
      {
        messageId: telegramMessageId(ctx.chat.id, message.message_id),
        receivedAt: sentAt(message.date),
      },
    );
  });

  privateChats.on("callback_query:data", async (ctx) => {
    // Answered first: the button's spinner stops even when the engine takes a while.
    await ctx.answerCallbackQuery().catch(() => undefined);
    const data = ctx.callbackQuery.data;
    const decoded = deps.codec.decode(data);
    let content: { kind: "choice"; value: string } | { kind: "text"; text: string } | undefined;
    if (decoded.kind === "value") {
      content = { kind: "choice", value: decoded.value };
    } else {
      // A long value from before a restart: the pressed button's label works as typed text.
      const label = ctx.callbackQuery.message?.reply_markup?.inline_keyboard
        .flat()
        .find((button) => "callback_data" in button && button.callback_data === data)?.text;
      content = label ? { kind: "text", text: label } : undefined;
    }
    if (!content) return;
    await runApplicantTurn(ctx, deps, content, { messageId: `callback:${ctx.callbackQuery.id}` });
  });

  return composer;
}
