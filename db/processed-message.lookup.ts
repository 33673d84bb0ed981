import type { Db } from "./schema.ts";

/**
 * Whether an inbound message id was already processed, without recording it: lets an adapter skip
 * expensive work (a media download) for a redelivered message before the engine records it.
 */
export async function isMessageProcessed(db: Db, channel: string, messageId: string): Promise<boolean> {
  const row = await db
    .selectFrom("processed_messages")
    .select("message_id")
    .where("channel", "=", channel)
    .where("message_id", "=", messageId)
    .executeTakeFirst();
  return row !== undefined;
}
