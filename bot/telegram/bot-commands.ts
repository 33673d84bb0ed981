import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import { telegramMessages as m } from "./telegram.messages.ts";

/** The commands Telegram shows applicants in private chats (the engine understands each). */
export const APPLICANT_COMMANDS: BotCommand[] = Object.entries(m.commands).map(([command, description]) => ({
  command,
  description,
}));

/** The commands shown in the admin group: the Indonesian names (the English aliases work too, unlisted). */
export const ADMIN_GROUP_COMMANDS: BotCommand[] = Object.entries(m.adminCommands).map(
  ([command, description]) => ({
    command,
    description,
  }),
);

/** Registers both command lists with Telegram; only the admin group sees the admin list. */
export async function registerCommands(api: Api, adminChatId: string | undefined): Promise<void> {
  await api.setMyCommands(APPLICANT_COMMANDS, { scope: { type: "all_private_chats" } });
  if (adminChatId !== undefined) {
    await api.setMyCommands(ADMIN_GROUP_COMMANDS, { scope: { type: "chat", chat_id: adminChatId } });
  }
}
