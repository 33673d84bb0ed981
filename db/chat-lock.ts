import { sql } from "kysely";
import { isPostgres } from "./dialect.ts";
import type { Db } from "./schema.ts";

// The chat keys each transaction holds already: taking one again would only cost a round trip.
const held = new WeakMap<object, Set<string>>();

/**
 * Makes every other transaction that touches the chat's conversation or its outbox queue wait until this
 * one ends: several instances (webhooks reach any of them) handle one chat one message at a time, each
 * reading the state the previous one committed, and never read the same max(chat_seq). On PostgreSQL a
 * transaction-scoped advisory lock on the chat (a hash collision only makes two chats wait for each
 * other); on SQLite nothing, as its single writer already runs one transaction at a time. Call it inside
 * a transaction, first thing, before reading what the lock protects.
 */
export async function lockChat(db: Db, channel: string, chatId: string): Promise<void> {
  if (!isPostgres(db)) return;
  // The key text dates from when only the outbox took this lock; kept so that instances of the previous
  // version, still running during a rolling upgrade, wait on the same lock.
  const key = `outbox:${channel}:${chatId}`;
  let keys = held.get(db);
  if (keys?.has(key)) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(db);
  if (!db.isTransaction) return; // released again at once: nothing to remember
  if (!keys) {
    keys = new Set();
    held.set(db, keys);
  }
  keys.add(key);
}
