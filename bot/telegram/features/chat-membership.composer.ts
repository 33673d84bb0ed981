import { Composer } from "grammy";
import type { Db } from "../../../db/index.ts";
import {
  clearTelegramChatBlocked,
  isTelegramChatBlocked,
  markTelegramChatBlocked,
} from "../../../db/telegram-blocked-chat.repository.ts";
import type { TelegramContext } from "../telegram-context.ts";

/**
 * Keeps the "user blocked the bot" mark of private chats current: Telegram reports blocking and
 * unblocking (my_chat_member), and a user who writes again is evidently reachable.
 */
export function chatMembershipComposer(db: Db): Composer<TelegramContext> {
  const composer = new Composer<TelegramContext>();
  const privateChats = composer.chatType("private");

  privateChats.on("my_chat_member", async (ctx) => {
    const chatId = String(ctx.chat.id);
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === "kicked") {
      await markTelegramChatBlocked(db, chatId);
      ctx.logger.info("user blocked the bot");
    } else if (await clearTelegramChatBlocked(db, chatId)) {
      ctx.logger.info("user unblocked the bot");
    }
  });

  privateChats.on(["message", "callback_query"], async (ctx, next) => {
    const chatId = String(ctx.chat.id);
    // A read first: the common case (never blocked) then costs no write.
    if (await isTelegramChatBlocked(db, chatId)) await clearTelegramChatBlocked(db, chatId);
    await next();
  });

  return composer;
}
