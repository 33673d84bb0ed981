import { sql } from "kysely";
import { isPostgres } from "./dialect.ts";
import { preparedQuery } from "./prepared-query.ts";
import type { Db } from "./schema.ts";

const insertProcessed = preparedQuery(["channel", "messageId", "processedAt"], (db, v) =>
  db
    .insertInto("processed_messages")
    .values({ channel: v.channel, message_id: v.messageId, processed_at: v.processedAt })
    .onConflict((oc) => oc.columns(["channel", "message_id"]).doNothing()),
);

/**
 * Records an inbound message id. True when it is new, false when it was already processed
 * (platforms redeliver after timeouts and reconnects).
 */
export async function markMessageProcessed(db: Db, channel: string, messageId: string): Promise<boolean> {
  const result = await insertProcessed(db, { channel, messageId, processedAt: new Date().toISOString() });
  return (result.numAffectedRows ?? 0n) > 0n;
}

/** Forgets ids processed before `olderThanIso`; returns how many were removed. */
export async function pruneProcessedMessages(db: Db, olderThanIso: string): Promise<number> {
  if (isPostgres(db)) {
    const result = await db
      .deleteFrom("processed_messages")
      .where("processed_at", "<", olderThanIso)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
  // SQLite keeps no index on processed_at (it would be one more page in every message's commit). Rows are
  // stored in insertion order (rowid), which is time order: everything before the first id still inside
  // the keep period goes, found by walking only the rows that go. Should the clock have stepped back, an
  // old id after a newer one waits for a later prune; a recent id is never forgotten early.
  const result = await sql`
    delete from processed_messages where rowid < coalesce(
      (select rowid from processed_messages where processed_at >= ${olderThanIso} order by rowid limit 1),
      (select max(rowid) + 1 from processed_messages)
    )`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

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
