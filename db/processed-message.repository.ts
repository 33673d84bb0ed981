import type { Db } from "./schema.ts";

/**
 * Records an inbound message id. True when it is new, false when it was already processed
 * (platforms redeliver after timeouts and reconnects).
 */
export async function markMessageProcessed(db: Db, channel: string, messageId: string): Promise<boolean> {
  const result = await db
    .insertInto("processed_messages")
    .values({ channel, message_id: messageId, processed_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(["channel", "message_id"]).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** Forgets ids processed before `olderThanIso`; returns how many were removed. */
export async function pruneProcessedMessages(db: Db, olderThanIso: string): Promise<number> {
  const result = await db
    .deleteFrom("processed_messages")
    .where("processed_at", "<", olderThanIso)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
