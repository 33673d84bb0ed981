import { Composer } from "grammy";
import type { AdminAccessChecker } from "../admin-access.ts";
import type { TelegramContext } from "../telegram-context.ts";

/**
 * Keeps the admin check current the moment membership changes: Telegram sends chat_member updates (to a
 * bot that is an administrator of the group) and a left_chat_member service message (to any bot in it).
 * Someone removed or muted loses access with the next update, not after the cache expires.
 */
export function adminMembershipComposer(access: AdminAccessChecker): Composer<TelegramContext> {
  const composer = new Composer<TelegramContext>();
  const adminChat = composer.filter((ctx) => access.isAdminChat(ctx.chat?.id));

  adminChat.on("chat_member", (ctx) => {
    const member = ctx.chatMember.new_chat_member;
    access.noteMember(member);
    ctx.logger.info({ user: member.user.id, status: member.status }, "admin group membership changed");
  });
  adminChat.on("message:left_chat_member", async (ctx, next) => {
    access.noteLeft(ctx.message.left_chat_member.id);
    await next();
  });
  return composer;
}
