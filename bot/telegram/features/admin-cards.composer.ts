import { Composer, InlineKeyboard } from "grammy";
import {
  findAnswerDraft,
  saveAnswerDraft,
  takeAnswerDraft,
} from "../../../db/telegram-answer-draft.repository.ts";
import {
  findTelegramTicketMessage,
  recordTelegramTicketMessage,
} from "../../../db/telegram-ticket-message.repository.ts";
import { adminMessages } from "../../helpdesk/admin.messages.ts";
import { answerProblem, runAdminCommand } from "../../helpdesk/admin-command.runner.ts";
import { authorizeAdmin } from "../admin-authorize.ts";
import { decodeAdminAction, decodeDraftAction, encodeDraftAction } from "../callback-data.ts";
import { sendText } from "../outbound-sender.ts";
import { telegramMessages as m } from "../telegram.messages.ts";
import type { TelegramContext } from "../telegram-context.ts";
import type { AdminDeps } from "./admin-commands.composer.ts";

// The command words the shared runner knows, so a button and a typed command take the same path.
const ACTION_COMMANDS = { accept: "terima", process: "proses" } as const;

/**
 * The ticket cards in the admin group: the Terima / Proses / Jawab buttons, and a text reply to a card
 * (or to the "reply with the answer" prompt, or to one of the card's files), which becomes that ticket's
 * answer once its author presses "Kirim ke pelapor".
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
    const problem = answerProblem(text);
    if (problem) {
      await sendText(ctx.api, ctx.chat.id, problem, reply);
      return;
    }
    const detail = await deps.helpdesk.view(ticketMessage.ticketNumber);
    if (!("ticket" in detail)) {
      await sendText(ctx.api, ctx.chat.id, adminMessages.notFound, reply);
      return;
    }
    if (detail.ticket.status === "Jawaban") {
      await sendText(ctx.api, ctx.chat.id, adminMessages.conflict(detail.ticket), reply);
      return;
    }
    // A reply may be a remark to colleagues: it reaches the applicant only when its author confirms it.
    const draftId = await saveAnswerDraft(deps.db, {
      chatId: String(ctx.chat.id),
      ticketNumber: detail.ticket.number,
      adminId: who.admin.id,
      adminName: who.admin.name,
      text,
    });
    ctx.logger.info({ admin: who.admin.id, draftId }, "ticket answer drafted by reply");
    const keyboard = new InlineKeyboard()
      .text(m.draftButtons.send, encodeDraftAction("send", draftId))
      .text(m.draftButtons.cancel, encodeDraftAction("cancel", draftId));
    await sendText(ctx.api, ctx.chat.id, m.confirmAnswer(detail.ticket.number, who.admin.name, text), {
      ...reply,
      keyboard,
    });
  });

  adminChat.on("callback_query:data", async (ctx, next) => {
    const pressed = decodeDraftAction(ctx.callbackQuery.data);
    if (!pressed) return next();
    const who = await authorizeAdmin(ctx, deps.access, ctx.from);
    if (!who.ok) {
      await ctx.answerCallbackQuery({ text: who.message, show_alert: true }).catch(() => undefined);
      return;
    }
    const draft = await findAnswerDraft(deps.db, pressed.draftId);
    if (!draft || draft.chatId !== String(ctx.chat!.id)) {
      await ctx.answerCallbackQuery({ text: m.draftGone, show_alert: true }).catch(() => undefined);
      return;
    }
    if (draft.adminId !== who.admin.id) {
      await ctx
        .answerCallbackQuery({ text: m.draftNotYours(draft.adminName), show_alert: true })
        .catch(() => undefined);
      return;
    }
    // Taking the draft first makes a double press (or two devices) send the answer once.
    if (!(await takeAnswerDraft(deps.db, draft.id))) {
      await ctx.answerCallbackQuery({ text: m.draftGone, show_alert: true }).catch(() => undefined);
      return;
    }
    await ctx.answerCallbackQuery().catch(() => undefined);
    const confirmation = ctx.callbackQuery.message?.message_id;
    if (confirmation !== undefined) {
      // The buttons go, so the question is visibly settled.
      await ctx.api.editMessageReplyMarkup(ctx.chat!.id, confirmation).catch(() => undefined);
    }
    const reply = { replyTo: confirmation };
    if (pressed.action === "cancel") {
      await sendText(ctx.api, ctx.chat!.id, m.draftCancelled(draft.ticketNumber), reply);
      return;
    }
    ctx.logger.info({ admin: who.admin.id, draftId: draft.id }, "ticket answered by confirmed reply");
    const line = `jawab ${draft.ticketNumber} ${draft.text}`;
    await sendText(ctx.api, ctx.chat!.id, await runAdminCommand(deps.helpdesk, who.admin, line), reply);
  });

  return composer;
}
