import type { Context } from "grammy";
import type { Logger } from "pino";

/** The channel names the engine and the outbox know this adapter by. */
export const TELEGRAM_CHANNEL = "telegram";
export const TELEGRAM_ADMIN_CHANNEL = "telegram-admin";

/** grammY's context plus a child logger for the update (update id, masked chat id). */
export type TelegramContext = Context & { logger: Logger };
