import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { expect, test } from "vitest";
import {
  claimOutbox,
  type Db,
  enqueueOutbox,
  findOutboxMessage,
  markOutboxSent,
  migrateToLatest,
} from "../../db/index.ts";
import { migrations } from "../../db/migrations/index.ts";

const MIGRATION = "2026-12-06T0900-outbox-keyed-by-seq";

test("the rebuilt outbox keeps every queued row, its order and its state, and numbering goes on after it", async () => {
  const raw = new Kysely<unknown>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(":memory:") }),
  });
  try {
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < MIGRATION));
    await migrateToLatest(raw, before);
    // Chat A: one sent, one waiting; chat B: one waiting. Random ids, as they were queued then.
    for (const [id, chat, chatSeq, status] of [
      ["f3c1", "A", 1, "sent"],
      ["09ab", "A", 2, "pending"],
      ["77d0", "B", 1, "pending"],
    ] as const) {
      await sql`insert into outbox (id, channel, chat_id, text, status, attempts, next_attempt_at, created_at,
        chat_seq, priority) values (${id}, 'telegram', ${chat}, ${`pesan ${id}`}, ${status}, 0, '2026-01-01',
        '2026-01-01', ${chatSeq}, 0)`.execute(raw);
    }
    await migrateToLatest(raw, migrations);

    const rows = await sql<{ seq: number; text: string; status: string; chat_seq: number }>`
      select seq, text, status, chat_seq from outbox order by seq`.execute(raw);
    expect(rows.rows).toEqual([
      { seq: 1, text: "pesan f3c1", status: "sent", chat_seq: 1 },
      { seq: 2, text: "pesan 09ab", status: "pending", chat_seq: 2 },
      { seq: 3, text: "pesan 77d0", status: "pending", chat_seq: 1 },
    ]);

    const db = raw as unknown as Db;
    const id = await enqueueOutbox(db, { channel: "telegram", chatId: "A", text: "baru" });
    expect(id).toBe("4");
    expect(await findOutboxMessage(db, id)).toMatchObject({ text: "baru", chatSeq: 3, status: "pending" });

    // Each chat's next message only, in queue order, and a mark by the row's number.
    const claimed = await claimOutbox(db, {
      channel: "telegram",
      nowIso: "2027-01-01T00:00:00.000Z",
      limit: 10,
      instanceId: "one",
      leaseUntilIso: "2027-01-01T00:01:00.000Z",
    });
    expect(claimed.map((m) => m.text)).toEqual(["pesan 09ab", "pesan 77d0"]);
    expect(await markOutboxSent(db, claimed[0]!.id, "one")).toBe(true);
    expect(await findOutboxMessage(db, claimed[0]!.id)).toMatchObject({ status: "sent", text: "" });
  } finally {
    await raw.destroy();
  }
});

test("an id that names no outbox row finds nothing and marks nothing", async () => {
  const raw = new Kysely<unknown>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(":memory:") }),
  });
  try {
    await migrateToLatest(raw, migrations);
    const db = raw as unknown as Db;
    const id = await enqueueOutbox(db, { channel: "telegram", chatId: "A", text: "pesan" });
    for (const wrong of ["", "0", "-1", "1.5", "1e3", "abc", `${id} `, "99999999999999999999"]) {
      expect(await findOutboxMessage(db, wrong)).toBeUndefined();
      expect(await markOutboxSent(db, wrong)).toBe(false);
    }
    expect(await findOutboxMessage(db, id)).toMatchObject({ status: "pending" });
  } finally {
    await raw.destroy();
  }
});
