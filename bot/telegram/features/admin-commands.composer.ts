import { Composer } from "grammy";
import type { Db } from "../../../db/index.ts";
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

    // /lihat shows the files too, under the detail.
    const parsed = parseAdminCommand(text);
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
