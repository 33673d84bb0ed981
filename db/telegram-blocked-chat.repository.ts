import { preparedQuery } from "./prepared-query.ts";
import type { Db } from "./schema.ts";
import { telegramTables } from "./telegram.schema.ts";

/** Marks a private chat as blocked by its user (Telegram answered 403); marking it again keeps the first time. */
export async function markTelegramChatBlocked(db: Db, chatId: string): Promise<void> {
  await telegramTables(db)
    .insertInto("telegram_blocked_chats")
    .values({ chat_id: chatId, blocked_at: new Date().toISOString() })
    .onConflict((oc) => oc.column("chat_id").doNothing())
    .execute();
}

/** The user is back (wrote again or unblocked the bot); returns whether the chat was marked. */
export async function clearTelegramChatBlocked(db: Db, chatId: string): Promise<boolean> {
  const result = await telegramTables(db)
    .deleteFrom("telegram_blocked_chats")
    .where("chat_id", "=", chatId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// Asked for every applicant message and every reply sent: one prepared statement.
const selectBlocked = preparedQuery(["chatId"], (db, v) =>
  telegramTables(db).selectFrom("telegram_blocked_chats").select("chat_id").where("chat_id", "=", v.chatId),
);

export async function isTelegramChatBlocked(db: Db, chatId: string): Promise<boolean> {
  const { rows } = await selectBlocked(db, { chatId });
  return rows.length > 0;
}
