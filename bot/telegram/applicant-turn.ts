import type { ConversationEngine } from "../engine/conversation-engine.ts";
import type { InboundContent } from "../engine/message.types.ts";
import type { ChoiceCodec } from "./callback-data.ts";
import { TELEGRAM_CHANNEL, type TelegramContext } from "./telegram-context.ts";

export interface ApplicantDeps {
  engine: ConversationEngine;
  codec: ChoiceCodec;
}

/**
 * Hands one applicant update to the engine, which queues the replies in the outbox in the same
 * transaction; the outbox dispatcher renders and sends them. The message id is the chat plus Telegram's
 * id (unique only per chat), so a redelivered update is answered once.
 */
export async function runApplicantTurn(
  ctx: TelegramContext,
  deps: ApplicantDeps,
  content: InboundContent,
  options: { messageId: string; receivedAt?: Date },
): Promise<void> {
  const chat = ctx.chat!;
  await deps.engine.handle({
    channel: TELEGRAM_CHANNEL,
    chatId: String(chat.id),
    userId: String(ctx.from?.id ?? chat.id),
    messageId: options.messageId,
    content,
    receivedAt: options.receivedAt,
  });
}

/** The engine's message id for a Telegram message (edits get their own, by edit time). */
export function telegramMessageId(chatId: number, messageId: number, editDate?: number): string {
  return editDate === undefined ? `${chatId}:${messageId}` : `${chatId}:${messageId}:edit:${editDate}`;
}

export const sentAt = (unixSeconds: number) => new Date(unixSeconds * 1000);
