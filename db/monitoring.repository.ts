import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "./schema.ts";
import { inTransaction } from "./transaction.ts";

/** Thrown inside the probe's transaction so that nothing of it is kept. */
const ROLLBACK = Symbol("health probe rollback");

/**
 * Proves the database takes writes: a real insert, through the same write path as every message, rolled
 * back. Rejects with the database's own error when it cannot write (closed, locked, read-only, full).
 */
export async function probeWritable(db: Db): Promise<void> {
  try {
    await inTransaction(db, async (trx) => {
      await trx
        .insertInto("processed_messages")
        .values({ channel: "healthz", message_id: randomUUID(), processed_at: new Date().toISOString() })
        .execute();
      throw ROLLBACK;
    });
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
}

export interface OutboxBacklog {
  channel: string;
  priority: number;
  pending: number;
  /** When the oldest of them was queued (ISO). */
  oldestCreatedAt: string;
}

/** Messages still to be sent, per channel and priority, with the age of the oldest: read at scrape time. */
export async function listOutboxBacklog(db: Db): Promise<OutboxBacklog[]> {
  const rows = await db
    .selectFrom("outbox")
    .select(["channel", "priority"])
    .select((eb) => [eb.fn.countAll().as("pending"), eb.fn.min("created_at").as("oldest")])
    // The literal (not a bound value) lets SQLite use the partial index on pending messages.
    .where("status", "=", sql.lit("pending"))
    .groupBy(["channel", "priority"])
    .execute();
  // PostgreSQL returns count(*) as a bigint string; Number() keeps both databases alike.
  return rows.map((row) => ({
    channel: row.channel,
    priority: row.priority,
    pending: Number(row.pending),
    oldestCreatedAt: String(row.oldest),
  }));
}
