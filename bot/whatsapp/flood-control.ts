/** Per-chat flood control, the same limits as Telegram's (bot/telegram/features/flood-control.composer.ts). */
export interface FloodControlOptions {
  /** Messages a chat may send per window before the rest are dropped. */
  limit: number;
  timeFrameMs: number;
  /** A chat that keeps flooding is told again only after this long: one notice per burst. */
  warnEveryMs: number;
}

export const DEFAULT_FLOOD_CONTROL: FloodControlOptions = {
  limit: 8,
  timeFrameMs: 5_000,
  warnEveryMs: 60_000,
};

export type FloodVerdict = "accept" | "drop" | "drop_and_warn";

/** Chats kept before quiet ones are swept: bounds memory under a flood of distinct senders. */
const SWEEP_AT_CHATS = 10_000;

/**
 * A sliding window per chat over the times the messages were sent. WhatsApp stamps each message
 * with the server's time, so messages held while the bot was offline and delivered at once on
 * reconnect are counted as the person sent them, not as the burst they arrive in.
 */
export function createFloodControl(options: FloodControlOptions = DEFAULT_FLOOD_CONTROL) {
  const sent = new Map<string, number[]>();
  const warnedAt = new Map<string, number>();

  function sweep(at: number): void {
    for (const [chat, times] of sent) {
      if (times.every((t) => at - t >= options.timeFrameMs)) sent.delete(chat);
    }
    for (const [chat, time] of warnedAt) if (at - time >= options.warnEveryMs) warnedAt.delete(chat);
  }

  return {
    /** Records a message of `chatId` sent at `at` (ms) and says whether to answer it. */
    check(chatId: string, at: number): FloodVerdict {
      if (sent.size > SWEEP_AT_CHATS) sweep(at);
      const times = (sent.get(chatId) ?? []).filter((t) => Math.abs(at - t) < options.timeFrameMs);
      if (times.length < options.limit) {
        times.push(at);
        sent.set(chatId, times);
        return "accept";
      }
      sent.set(chatId, times);
      const last = warnedAt.get(chatId);
      if (last !== undefined && Math.abs(at - last) < options.warnEveryMs) return "drop";
      warnedAt.set(chatId, at);
      return "drop_and_warn";
    },
  };
}

export type FloodControl = ReturnType<typeof createFloodControl>;
