import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import { afterEach, describe, expect, test } from "vitest";
import {
  findTicket,
  insertTicket,
  migrateToLatest,
  type OpenedDatabase,
  openDatabase,
} from "../../db/index.ts";
import { migrations } from "../../db/migrations/index.ts";
import { newTestDatabase, onPostgres, rawTestConnection } from "../support/test-database.ts";
import { openTestDatabase, sampleTicket } from "./test-database.ts";

const opened: OpenedDatabase[] = [];
const tempDirs: string[] = [];

afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
  for (const dir of tempDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function open(path = ":memory:"): Promise<OpenedDatabase> {
  const o = path === ":memory:" ? await openTestDatabase() : await openDatabase(path);
  opened.push(o);
  return o;
}

describe("openDatabase", () => {
  test("creates every table", async () => {
    const { db } = await open();
    const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual(
      expect.arrayContaining([
        "attachments",
        "conversations",
        "outbox",
        "processed_messages",
        "ticket_status_history",
        "tickets",
      ]),
    );
  });

  test("running the migrations again applies nothing and keeps the data", async () => {
    const { db } = await open();
    await insertTicket(db, sampleTicket({ number: "T-KEEP" }));
    expect(await migrateToLatest(db)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual([]);
    expect((await findTicket(db, "T-KEEP"))?.number).toBe("T-KEEP");
  });

  test("migrateToLatest applies every migration once, in name order, then nothing", async () => {
    const raw = rawTestConnection(await newTestDatabase({ unmigrated: true }));
    const names = Object.keys(migrations).sort();
    expect(names[0]).toBe("2026-11-29T1100-initial");
    try {
      expect(await migrateToLatest(raw)).toEqual(names);
      expect(await migrateToLatest(raw)).toEqual([]);
      const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(raw);
      expect(rows.rows.map((r) => r.name)).toEqual(names);
    } finally {
      await raw.destroy();
    }
  });

  test("enforces foreign keys", async () => {
    const { db } = await open();
    await expect(
      db
        .insertInto("ticket_status_history")
        .values({
          id: "h1",
          ticket_number: "NOPE",
          from_status: null,
          to_status: "Pertanyaan",
          actor_kind: "system",
          actor_id: "x",
          actor_name: null,
          note: null,
          created_at: new Date().toISOString(),
        })
        .execute(),
    ).rejects.toThrow(/foreign key constraint/i);
  });

  test("a failing migration throws an error naming it", async () => {
    const db = rawTestConnection(await newTestDatabase({ unmigrated: true }));
    await sql`create table tickets (x text)`.execute(db);
    const broken = {
      "2026-11-29T1100-initial": { up: async () => {} },
      "2026-12-01T0900-broken": {
        // Uses the migration's own handle: the Migrator holds the only SQLite connection meanwhile.
        up: async (migrationDb: Kysely<unknown>) => {
          await sql`create table tickets (x text)`.execute(migrationDb);
        },
      },
    };
    try {
      await expect(migrateToLatest(db, broken)).rejects.toThrow(
        /migration 2026-12-01T0900-broken failed: .*tickets/,
      );
    } finally {
      await db.destroy();
    }
  });

  test("openDatabase rejects with the failed migration's name and closes the database", async () => {
    const dir = await mkdtemp(join(tmpdir(), "asn-helpdesk-db-"));
    tempDirs.push(dir);
    const target = await newTestDatabase({ sqlitePath: join(dir, "conflicting.sqlite"), unmigrated: true });
    const foreign = rawTestConnection(target);
    await sql`create table tickets (something_else text)`.execute(foreign);
    await foreign.destroy();

    await expect(openDatabase(target.location, target.keys)).rejects.toThrow(
      /Database migration 2026-11-29T1100-initial failed/,
    );
  });

  test.runIf(onPostgres)(
    "PostgreSQL: instances starting together on a fresh database migrate it once and all come up",
    async () => {
      const target = await newTestDatabase({ unmigrated: true });
      const instances = await Promise.all(
        Array.from({ length: 4 }, () => openDatabase(target.location, target.keys)),
      );
      opened.push(...instances);
      const [first] = instances;
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(first!.db);
      expect(applied.rows.map((row) => row.name).sort()).toEqual(Object.keys(migrations).sort());
      // Every instance writes and sees the others' writes.
      for (const [index, instance] of instances.entries()) {
        await insertTicket(instance.db, sampleTicket({ number: `T-INST-${index}` }));
      }
      for (const instance of instances) expect(await findTicket(instance.db, "T-INST-3")).toBeDefined();
    },
  );

  test.runIf(onPostgres)("PostgreSQL: a database without a configured data key is refused", async () => {
    const target = await newTestDatabase();
    await expect(openDatabase(target.location)).rejects.toThrow(/needs DATA_KEY or DATA_KEY_FILE/);
  });
});

describe.skipIf(onPostgres)("openDatabase on a SQLite file", () => {
  test("foreign keys are switched on", async () => {
    const { db } = await open();
    const result = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    expect(result.rows[0]?.foreign_keys).toBe(1);
  });

  test("a file database in a new folder uses WAL and keeps its data when reopened", async () => {
    const dir = await mkdtemp(join(tmpdir(), "asn-helpdesk-db-"));
    tempDirs.push(dir);
    const path = join(dir, "nested", "helpdesk.sqlite");

    const first = await openDatabase(path);
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(first.db);
    expect(mode.rows[0]?.journal_mode).toBe("wal");
    await insertTicket(first.db, sampleTicket({ number: "T-FILE", applicantName: "Budi Santoso" }));
    expect(existsSync(`${path}-wal`)).toBe(true);
    await first.close();

    const second = await open(path);
    const ticket = await findTicket(second.db, "T-FILE");
    expect(ticket?.applicantName).toBe("Budi Santoso");
    expect(await migrateToLatest(second.db)).toEqual([]);
  });
});
