import type { User } from "grammy/types";
import type { AdminIdentity } from "../helpdesk/helpdesk.service.ts";
import type { AdminAccessChecker } from "./admin-access.ts";
import { telegramMessages as m } from "./telegram.messages.ts";
import type { TelegramContext } from "./telegram-context.ts";
import { describeError } from "./telegram-errors.ts";

/**
 * The admin behind an update, or the reason to refuse in words that reveal nothing about tickets.
 * Failing to ask Telegram refuses too (and says to try again): access is never granted on a guess.
 */
export async function authorizeAdmin(
  ctx: TelegramContext,
  access: AdminAccessChecker,
  user: User | undefined,
): Promise<{ ok: true; admin: AdminIdentity } | { ok: false; message: string }> {
  try {
    const result = await access.check(user);
    if (result.ok) return result;
    ctx.logger.info({ reason: result.reason }, "admin action refused");
    return { ok: false, message: result.reason === "anonymous" ? m.anonymousAdmin : m.adminOnly };
  } catch (error) {
    ctx.logger.warn({ error: describeError(error) }, "admin membership check failed");
    return { ok: false, message: m.accessCheckFailed };
  }
}
