import { limit } from "@grammyjs/ratelimiter";
import { Composer } from "grammy";
import { telegramMessages as m } from "../telegram.messages.ts";
import type { TelegramContext } from "../telegram-context.ts";
import { describeError } from "../telegram-errors.ts";

export interface FloodControlOptions {
  /** Messages (and button presses) a private chat may send per window before the rest are dropped. */
  limit: number;
  timeFrameMs: number;
  /** A chat that keeps flooding is told again only after this long: one notice per burst. */
  warnEveryMs: number;
  now?: () => number;
}

export const DEFAULT_FLOOD_CONTROL: FloodControlOptions = {
  limit: 8,
  timeFrameMs: 5_000,
  warnEveryMs: 60_000,
};

/**
 * Per-chat flood control in private chats: beyond the limit, updates are dropped and the chat gets one
 * polite notice. The admin group is not limited (several admins work there at once).
 */
export function floodControlComposer(options: FloodControlOptions): Composer<TelegramContext> {
  const now = options.now ?? Date.now;
  const warnedAt = new Map<string, number>();
  const composer = new Composer<TelegramContext>();

  const limiter = limit<TelegramContext, never>({
    timeFrame: options.timeFrameMs,
    limit: options.limit,
    // Called for every dropped update (alwaysReply), so the notice can be rationed per burst here.
    alwaysReply: true,
    keyGenerator: (ctx) => (ctx.chat?.type === "private" ? String(ctx.chat.id) : undefined),
    onLimitExceeded: async (ctx) => {
      const chatId = String(ctx.chat!.id);
      const at = now();
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      const last = warnedAt.get(chatId);
      if (last !== undefined && at - last < options.warnEveryMs) return;
      warnedAt.set(chatId, at);
      for (const [id, time] of warnedAt) if (at - time >= options.warnEveryMs) warnedAt.delete(id);
      ctx.logger.info("flood control: updates dropped");
      await ctx
        .reply(m.slowDown)
        .catch((error) => ctx.logger.warn({ error: describeError(error) }, "slow-down notice failed"));
    },
  });

  composer.use(limiter);
  return composer;
}
