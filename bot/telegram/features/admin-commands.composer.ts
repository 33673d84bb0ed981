import { Composer, InputFile } from "grammy";
import type { Db } from "../../../db/index.ts";
import { adminMessages } from "../../helpdesk/admin.messages.ts";
import { ADMIN_COMMAND_NAMES, parseAdminCommand } from "../../helpdesk/admin-command.parser.ts";
import { runAdminCommand } from "../../helpdesk/admin-command.runner.ts";
import type { HelpdeskService } from "../../helpdesk/helpdesk.service.ts";
import type { AdminAccessChecker } from "../admin-access.ts";
import { authorizeAdmin } from "../admin-authorize.ts";
import { sendText } from "../outbound-sender.ts";
import type { TelegramContext } from "../telegram-context.ts";
import { sendTicketFiles } from "../ticket-card.ts";

export const ADMIN_COMMANDS = Object.keys(ADMIN_COMMAND_NAMES);

export interface AdminDeps {
  helpdesk: HelpdeskService;
  db: Db;
  access: AdminAccessChecker;
}

/**
 * The admin commands (/tiket, /lihat, /terima, ... and their English aliases), only in the admin group
 * and only for its members. Elsewhere this composer does nothing: in a private chat the same words reach
 * the engine as an applicant's text, and in any other group they are ignored.
 */
export function adminCommandsComposer(deps: AdminDeps): Composer<TelegramContext> {
  const composer = new Composer<TelegramContext>();
  const adminChat = composer.filter((ctx) => deps.access.isAdminChat(ctx.chat?.id));

  adminChat.command(ADMIN_COMMANDS, async (ctx) => {
    const message = ctx.msg;
    const reply = { replyTo: message.message_id };
    const who = await authorizeAdmin(ctx, deps.access, ctx.from);
    if (!who.ok) {
      await sendText(ctx.api, ctx.chat.id, who.message, reply);
      return;
    }
    const text = message.text ?? "";
    // The command word only: the rest may be an answer to an applicant.
    ctx.logger.info({ admin: who.admin.id, command: text.split(/\s/)[0] }, "admin command");
    const [answerId] = await sendText(
      ctx.api,
      ctx.chat.id,
      await runAdminCommand(deps.helpdesk, who.admin, text),
      reply,
    );

    // /lihat shows the files too, under the detail; /statistik its picture.
    const parsed = parseAdminCommand(text);
    if (parsed.ok && parsed.command.name === "stats") {
      await sendStatisticsChart(ctx, deps.helpdesk, answerId);
      return;
    }
    if (parsed.ok && parsed.command.name === "view") {
      const detail = await deps.helpdesk.view(parsed.command.number);
      if ("ticket" in detail) {
        await sendTicketFiles(ctx.api, deps.db, String(ctx.chat.id), detail.ticket, {
          replyTo: answerId,
          record: false,
        });
      }
    }
  });

  return composer;
}

/** The /statistik picture under its text; a picture that cannot be made is said, the text stands. */
async function sendStatisticsChart(
  ctx: TelegramContext,
  helpdesk: HelpdeskService,
  replyTo: number | undefined,
) {
  const chatId = ctx.chat!.id;
  const reply =
    replyTo === undefined
      ? {}
      : { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } };
  let png: Buffer;
  try {
    png = await helpdesk.statisticsChart();
  } catch (error) {
    ctx.logger.error({ err: error }, "statistics chart failed");
    await sendText(ctx.api, chatId, adminMessages.chart.failed, { replyTo });
    return;
  }
  await ctx.api.sendPhoto(chatId, new InputFile(png, "statistik.png"), {
    caption: adminMessages.chart.caption,
    ...reply,
  });
}
