import { Composer } from "grammy";
import {
  findTelegramTicketMessage,
  recordTelegramTicketMessage,
} from "../../../db/telegram-ticket-message.repository.ts";
import { adminMessages } from "../../helpdesk/admin.messages.ts";
import { runAdminCommand } from "../../helpdesk/admin-command.runner.ts";
import { authorizeAdmin } from "../admin-authorize.ts";
import { decodeAdminAction } from "../callback-data.ts";
import { sendText } from "../outbound-sender.ts";
import { telegramMessages as m } from "../telegram.messages.ts";
import type { TelegramContext } from "../telegram-context.ts";
import type { AdminDeps } from "./admin-commands.composer.ts";

// The command words the shared runner knows, so a button and a typed command take the same path.
const ACTION_COMMANDS = { accept: "terima", process: "proses" } as const;

/**
 * The ticket cards in the admin group: the Terima / Proses / Jawab buttons, and a text reply to a card
 * (or to the "reply with the answer" prompt, or to one of the card's files) answers that ticket.
 */
export function adminCardsComposer(deps: AdminDeps): Composer<TelegramContext> {
  const composer = new Composer<TelegramContext>();
  const adminChat = composer.filter((ctx) => deps.access.isAdminChat(ctx.chat?.id));

  adminChat.on("callback_query:data", async (ctx, next) => {
    const action = decodeAdminAction(ctx.callbackQuery.data);
    if (!action) return next();
    const who = await authorizeAdmin(ctx, deps.access, ctx.from);
    if (!who.ok) {
      await ctx.answerCallbackQuery({ text: who.message, show_alert: true }).catch(() => undefined);
      return;
    }
    await ctx.answerCallbackQuery().catch(() => undefined);
    const chatId = ctx.chat!.id;
    const card = ctx.callbackQuery.message?.message_id;
    ctx.logger.info({ admin: who.admin.id, action: action.action }, "admin card button");

    if (action.action !== "answer") {
      const line = `${ACTION_COMMANDS[action.action]} ${action.ticketNumber}`;
      await sendText(ctx.api, chatId, await runAdminCommand(deps.helpdesk, who.admin, line), {
        replyTo: card,
      });
      return;
    }
    const detail = await deps.helpdesk.view(action.ticketNumber);
    if (!("ticket" in detail)) {
      await sendText(ctx.api, chatId, adminMessages.notFound, { replyTo: card });
      return;
    }
    if (detail.ticket.status === "Jawaban") {
      await sendText(ctx.api, chatId, adminMessages.conflict(detail.ticket), { replyTo: card });
      return;
    }
    const prompt = await ctx.api.sendMessage(chatId, m.answerPrompt(detail.ticket.number, who.admin.name), {
      reply_markup: { force_reply: true, input_field_placeholder: m.answerPlaceholder(detail.ticket.number) },
      ...(card === undefined
        ? {}
        : { reply_parameters: { message_id: card, allow_sending_without_reply: true } }),
    });
    await recordTelegramTicketMessage(deps.db, {
      chatId: String(chatId),
      messageId: prompt.message_id,
      ticketNumber: detail.ticket.number,
      kind: "answer_prompt",
    });
  });

  adminChat.on("message", async (ctx, next) => {
    const repliedTo = ctx.message.reply_to_message;
    if (!repliedTo || repliedTo.from?.id !== ctx.me.id) return next();
    const ticketMessage = await findTelegramTicketMessage(deps.db, String(ctx.chat.id), repliedTo.message_id);
    if (!ticketMessage) return next();
    const reply = { replyTo: ctx.message.message_id };
    const text = ctx.message.text;
    // Admin commands were taken earlier; another command is not an answer.
    if (text?.startsWith("/")) return next();
    if (text === undefined) {
      await sendText(ctx.api, ctx.chat.id, m.replyNeedsText, reply);
      return;
    }
    const who = await authorizeAdmin(ctx, deps.access, ctx.from);
    if (!who.ok) {
      await sendText(ctx.api, ctx.chat.id, who.message, reply);
      return;
    }
    ctx.logger.info({ admin: who.admin.id }, "ticket answered by reply");
    const line = `jawab ${ticketMessage.ticketNumber} ${text}`;
    await sendText(ctx.api, ctx.chat.id, await runAdminCommand(deps.helpdesk, who.admin, line), reply);
  });

  return composer;
}
