import type { Transformer } from "grammy";
import type { ChannelHealth } from "../monitoring/channel-health.ts";
import { metrics } from "../monitoring/metrics.ts";

/**
 * Watches every Bot API call of the channel (polling, webhook registration, sends, admin replies) for
 * whether Telegram answers: installed as a grammY transformer, beneath auto-retry so that each 429 is
 * counted. Reachable means the last call got an answer from Telegram; a network failure, a 5xx or a
 * rejected token since then means it is not. Calls aborted by a shutdown say nothing either way.
 */
export function createTelegramLink(channel: string) {
  let answeredAt: number | undefined;
  let problem: string | undefined = "not contacted yet";

  const failed = (method: string, reason: string) => {
    problem = `${method}: ${reason}`;
  };

  const transformer: Transformer = async (prev, method, payload, signal) => {
    let result: Awaited<ReturnType<typeof prev>>;
    try {
      result = await prev(method, payload, signal);
    } catch (error) {
      if (!signal?.aborted) failed(method, error instanceof Error ? error.message : String(error));
      throw error;
    }
    if (!result.ok && result.error_code === 429) metrics.rateLimited(channel, method);
    if (!result.ok && (result.error_code === 401 || result.error_code === 404)) {
      failed(method, "token rejected");
    } else if (!result.ok && result.error_code >= 500) {
      failed(method, `Telegram answered ${result.error_code}`);
    } else {
      // Any other answer (a 429, a blocked user, a 409 from a second poller) still means Telegram is there.
      answeredAt = Date.now();
      problem = undefined;
    }
    return result;
  };

  return {
    transformer,
    health(): ChannelHealth {
      if (problem !== undefined) return { connected: false, detail: problem };
      return { connected: true, detail: `last answer ${new Date(answeredAt!).toISOString()}` };
    },
  };
}

export type TelegramLink = ReturnType<typeof createTelegramLink>;
