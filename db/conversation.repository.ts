import { preparedQuery } from "./prepared-query.ts";
import type { Db } from "./schema.ts";

export interface StoredConversation {
  /** The persisted state-machine snapshot, parsed from JSON. */
  snapshot: unknown;
  userId: string;
  updatedAt: string;
}

// These run on every inbound message: one prepared statement each.

const selectConversation = preparedQuery(["channel", "chatId"], (db, v) =>
  db
    .selectFrom("conversations")
    .select(["snapshot", "user_id", "updated_at"])
    .where("channel", "=", v.channel)
    .where("chat_id", "=", v.chatId),
);

const upsertConversation = preparedQuery(["channel", "chatId", "userId", "snapshot", "updatedAt"], (db, v) =>
  db
    .insertInto("conversations")
    .values({
      channel: v.channel,
      chat_id: v.chatId,
      user_id: v.userId,
      snapshot: v.snapshot,
      updated_at: v.updatedAt,
    })
    .onConflict((oc) =>
      oc.columns(["channel", "chat_id"]).doUpdateSet((eb) => ({
        user_id: eb.ref("excluded.user_id"),
        snapshot: eb.ref("excluded.snapshot"),
        updated_at: eb.ref("excluded.updated_at"),
      })),
    ),
);

const removeConversation = preparedQuery(["channel", "chatId"], (db, v) =>
  db.deleteFrom("conversations").where("channel", "=", v.channel).where("chat_id", "=", v.chatId),
);

export async function loadConversation(
  db: Db,
  channel: string,
  chatId: string,
): Promise<StoredConversation | undefined> {
  const { rows } = await selectConversation(db, { channel, chatId });
  const row = rows[0];
  if (row === undefined) return undefined;
  return { snapshot: JSON.parse(row.snapshot), userId: row.user_id, updatedAt: row.updated_at };
}

/** Inserts or replaces the conversation of a chat. */
export async function saveConversation(
  db: Db,
  conversation: { channel: string; chatId: string; userId: string; snapshot: unknown },
): Promise<void> {
  await upsertConversation(db, {
    channel: conversation.channel,
    chatId: conversation.chatId,
    userId: conversation.userId,
    snapshot: JSON.stringify(conversation.snapshot),
    updatedAt: new Date().toISOString(),
  });
}

export async function deleteConversation(db: Db, channel: string, chatId: string): Promise<void> {
  await removeConversation(db, { channel, chatId });
}
