import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { expect, test } from "vitest";
import { type Db, listSendableOutbox, migrateToLatest } from "../../db/index.ts";
import { migrations } from "../../db/migrations/index.ts";

test("a backlog queued before the upgrade takes turns at once, each chat in its own order", async () => {
  const raw = new Kysely<unknown>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(":memory:") }),
  });
  try {
    const before = Object.fromEntries(
      Object.entries(migrations).filter(([name]) => name < "2026-12-03T1340-outbox-send-rounds"),
    );
    await migrateToLatest(raw, before);
    // Chat A: one answer sent, three waiting; then B's one; then a notification for A.
    const rows: [string, string, number, string, number][] = [
      ["a0", "A", 1, "sent", 0],
      ["a1", "A", 2, "pending", 0],
      ["a2", "A", 3, "pending", 0],
      ["a3", "A", 4, "pending", 0],
      ["b1", "B", 1, "pending", 0],
      ["a4", "A", 5, "pending", 2],
    ];
    for (const [id, chat, chatSeq, status, priority] of rows) {
      await sql`insert into outbox (id, channel, chat_id, text, status, attempts, next_attempt_at, created_at,
        chat_seq, priority) values (${id}, 'whatsapp', ${chat}, ${id}, ${status}, 0, '2026-01-01', '2026-01-01',
        ${chatSeq}, ${priority})`.execute(raw);
    }
    await migrateToLatest(raw, migrations);

    // Rows are named by their text: the ids they were queued with are gone since outbox rows are keyed by seq.
    const rounds = await sql<{
      text: string;
      send_round: number;
    }>`select text, send_round from outbox order by text`.execute(raw);
    expect(Object.fromEntries(rounds.rows.map((r) => [r.text, r.send_round]))).toEqual({
      a0: 0,
      a1: 0,
      a2: 1,
      a3: 2,
      a4: 0,
      b1: 0,
    });
    const db = raw as unknown as Db;
    const order: string[] = [];
    for (;;) {
      const [next] = await listSendableOutbox(db, { channel: "whatsapp", nowIso: "2027-01-01", limit: 1 });
      if (!next) break;
      order.push(next.text);
      await db.updateTable("outbox").set({ status: "sent" }).where("seq", "=", Number(next.id)).execute();
    }
    expect(order).toEqual(["a1", "b1", "a2", "a3", "a4"]);
  } finally {
    await raw.destroy();
  }
});
