import type { Db } from "./schema.ts";

export interface StoredConversation {
  /** The persisted state-machine snapshot, parsed from JSON. */
  snapshot: unknown;
  userId: string;
  updatedAt: string;
}

// These run on every inbound message, so each is a single statement.

export async function loadConversation(
  db: Db,
  channel: string,
  chatId: string,
): Promise<StoredConversation | undefined> {
  const row = await db
    .selectFrom("conversations")
    .select(["snapshot", "user_id", "updated_at"])
    .where("channel", "=", channel)
    .where("chat_id", "=", chatId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return { snapshot: JSON.parse(row.snapshot), userId: row.user_id, updatedAt: row.updated_at };
}

/** Inserts or replaces the conversation of a chat. */
export async function saveConversation(
  db: Db,
  conversation: { channel: string; chatId: string; userId: string; snapshot: unknown },
): Promise<void> {
  await db
    .insertInto("conversations")
    .values({
      channel: conversation.channel,
      chat_id: conversation.chatId,
      user_id: conversation.userId,
      snapshot: JSON.stringify(conversation.snapshot),
      updated_at: new Date().toISOString(),
    })
    .onConflict((oc) =>
      oc.columns(["channel", "chat_id"]).doUpdateSet((eb) => ({
        user_id: eb.ref("excluded.user_id"),
        snapshot: eb.ref("excluded.snapshot"),
        updated_at: eb.ref("excluded.updated_at"),
      })),
    )
    .execute();
}

export async function deleteConversation(db: Db, channel: string, chatId: string): Promise<void> {
  await db.deleteFrom("conversations").where("channel", "=", channel).where("chat_id", "=", chatId).execute();
}
