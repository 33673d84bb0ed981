import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, describe, expect, test } from "vitest";
import { DataCipher, storedKeyId } from "../../db/data-cipher.ts";
import { cipherOf } from "../../db/data-protection.ts";
import {
  conversationContext,
  conversationKey,
  DataKeyError,
  deleteConversation,
  deletePendingAttachments,
  findTicket,
  getAttachmentContent,
  insertPendingAttachment,
  insertTicket,
  loadConversation,
  migrateToLatest,
  type OpenedDatabase,
  openDatabase,
  saveConversation,
  searchTickets,
} from "../../db/index.ts";
import { migrations } from "../../db/migrations/index.ts";
import { newTestDatabase, onPostgres } from "../support/test-database.ts";
import { openTestDatabase, sampleTicket } from "./test-database.ts";

const NIK = "3201015708950001";
const KK = "3201011201150003";
const SECURITY_ANSWER = "kucing oren bernama Mochi";
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from("foto KTP Siti Aminah rahasia"),
]);

const opened: OpenedDatabase[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempPath(name = "helpdesk.db"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "asn-helpdesk-privacy-"));
  dirs.push(dir);
  return join(dir, name);
}

/** A new database of the project's kind: a SQLite file in a temporary folder, or a PostgreSQL database. */
async function freshLocation(): Promise<string> {
  return (await newTestDatabase({ sqlitePath: await tempPath() })).location;
}

async function open(path: string, keys?: Parameters<typeof openDatabase>[1]): Promise<OpenedDatabase> {
  const o = await openDatabase(path, keys);
  opened.push(o);
  return o;
}

async function closeLast(o: OpenedDatabase): Promise<void> {
  opened.splice(opened.indexOf(o), 1);
  await o.close();
}

/** Everything SQLite has on disk for the database: the main file and the WAL. */
function rawBytes(path: string): Buffer {
  return Buffer.concat([`${path}`, `${path}-wal`].filter(existsSync).map((file) => readFileSync(file)));
}

async function openMemory(): Promise<OpenedDatabase> {
  const o = await openTestDatabase();
  opened.push(o);
  return o;
}

const mode = (file: string) => statSync(file).mode & 0o777;
const key = () => randomBytes(32);

describe("personal data is encrypted at rest", () => {
  test("a ticket's NIK, KK and answers are stored as ciphertext and read back in clear", async () => {
    const { db } = await openMemory();
    await insertTicket(
      db,
      sampleTicket({ number: "T-ENC", nik: NIK, kk: KK, answers: { jawaban_keamanan: SECURITY_ANSWER } }),
    );
    const row = await db
      .selectFrom("tickets")
      .selectAll()
      .where("number", "=", "T-ENC")
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(NIK);
    expect(stored).not.toContain(KK);
    expect(stored).not.toContain(SECURITY_ANSWER);
    expect(row.nik).toMatch(/^enc1\.[0-9a-f]{2}:/);
    expect(row.nik_hash).toMatch(/^[0-9a-f]{64}$/);

    expect(await findTicket(db, "T-ENC")).toMatchObject({
      nik: NIK,
      kk: KK,
      answers: { jawaban_keamanan: SECURITY_ANSWER },
    });
  });

  test("an admin search by NIK finds the ticket through the keyed hash, also typed with spaces", async () => {
    const { db } = await openMemory();
    await insertTicket(db, sampleTicket({ number: "T-NIK1", nik: NIK }));
    await insertTicket(db, sampleTicket({ number: "T-NIK2", nik: "3201015708950002" }));
    expect((await searchTickets(db, NIK, 10)).map((t) => t.number)).toEqual(["T-NIK1"]);
    expect((await searchTickets(db, "3201 0157 0895 0001", 10)).map((t) => t.number)).toEqual(["T-NIK1"]);
    expect(await searchTickets(db, "3201015708950009", 10)).toEqual([]);
  });

  test("the lookup hash depends on the key: the same NIK hashes differently in another installation", async () => {
    const a = await open(await freshLocation(), { key: key() });
    const b = await open(await freshLocation(), { key: key() });
    await insertTicket(a.db, sampleTicket({ number: "T-A", nik: NIK }));
    await insertTicket(b.db, sampleTicket({ number: "T-B", nik: NIK }));
    const hashOf = async (o: OpenedDatabase) =>
      (await o.db.selectFrom("tickets").select("nik_hash").executeTakeFirstOrThrow()).nik_hash;
    expect(await hashOf(a)).not.toBe(await hashOf(b));
  });

  test("attachment bytes and conversation drafts are stored encrypted and read back in clear", async () => {
    const { db } = await openMemory();
    const id = await insertPendingAttachment(db, {
      conversationKey: conversationKey("telegram", "c1"),
      field: "scan_ktp",
      mime: "image/jpeg",
      size: JPEG.length,
      sha256: "x",
      content: JPEG,
    });
    const raw = await db.selectFrom("attachments").select("content").executeTakeFirstOrThrow();
    expect(raw.content.includes(Buffer.from("foto KTP"))).toBe(false);
    expect(await getAttachmentContent(db, id)).toEqual(JPEG);

    const snapshot = {
      stage: "form",
      machine: { context: { answers: { nik: NIK, jawaban: SECURITY_ANSWER } } },
    };
    await saveConversation(db, {
      channel: "telegram",
      chatId: "c1",
      userId: "u1",
      snapshot,
      formDraft: true,
    });
    const row = await db.selectFrom("conversations").selectAll().executeTakeFirstOrThrow();
    const stored = Buffer.from(row.snapshot);
    expect(stored.includes(Buffer.from(NIK))).toBe(false);
    expect(stored.includes(Buffer.from(SECURITY_ANSWER))).toBe(false);
    expect(row.form_draft).toBe(1);
    expect((await loadConversation(db, "telegram", "c1"))?.snapshot).toEqual(snapshot);
  });

  test("a ciphertext copied into another ticket does not decrypt there", async () => {
    const { db } = await openMemory();
    await insertTicket(db, sampleTicket({ number: "T-VICTIM", nik: NIK }));
    await insertTicket(db, sampleTicket({ number: "T-OTHER", nik: "3201015708950002" }));
    const victim = await db
      .selectFrom("tickets")
      .select("nik")
      .where("number", "=", "T-VICTIM")
      .executeTakeFirstOrThrow();
    await db.updateTable("tickets").set({ nik: victim.nik }).where("number", "=", "T-OTHER").execute();
    await expect(findTicket(db, "T-OTHER")).rejects.toThrow(DataKeyError);
  });
});

describe.skipIf(onPostgres)("the data key file beside a SQLite database", () => {
  test("without settings a file database gets a key file beside it (0600), created once and reused", async () => {
    const path = await tempPath();
    const first = await open(path);
    expect(first.createdKeyFile).toBe(`${path}.key`);
    expect(mode(`${path}.key`)).toBe(0o600);
    await insertTicket(first.db, sampleTicket({ number: "T-KEYFILE", nik: NIK }));
    await closeLast(first);

    const second = await open(path);
    expect(second.createdKeyFile).toBeUndefined();
    expect((await findTicket(second.db, "T-KEYFILE"))?.nik).toBe(NIK);
  });

  test("a lost key file is not silently replaced: the opening fails, says so, and leaves no new key", async () => {
    const path = await tempPath();
    const first = await open(path);
    await insertTicket(first.db, sampleTicket({ number: "T-LOST", nik: NIK }));
    await closeLast(first);
    const original = readFileSync(`${path}.key`);
    rmSync(`${path}.key`);

    await expect(openDatabase(path)).rejects.toThrow(/key file .*\.key is missing: restore it/);
    expect(existsSync(`${path}.key`)).toBe(false);
    writeFileSync(`${path}.key`, original);
    expect((await findTicket((await open(path)).db, "T-LOST"))?.nik).toBe(NIK);
  });

  test("a key file with a loose mode is tightened; a key file that is not a key is refused", async () => {
    const path = await tempPath();
    const keyFile = `${path}.custom-key`;
    writeFileSync(keyFile, `${key().toString("base64")}\n`, { mode: 0o644 });
    chmodSync(keyFile, 0o644);
    await open(path, { keyFile });
    expect(mode(keyFile)).toBe(0o600);

    const badFile = `${path}.bad-key`;
    writeFileSync(badFile, "hunter2\n");
    await expect(openDatabase(await tempPath(), { keyFile: badFile })).rejects.toThrow(DataKeyError);
  });
});

describe("configured data keys", () => {
  test("a wrong key stops the opening with an error naming the key id, and changes nothing", async () => {
    const path = await freshLocation();
    const rightKey = key();
    const first = await open(path, { key: rightKey });
    await insertTicket(first.db, sampleTicket({ number: "T-WRONG", nik: NIK }));
    const before = await first.db.selectFrom("tickets").selectAll().execute();
    await closeLast(first);
    const fileBefore = onPostgres ? undefined : readFileSync(path);
    // Key ids are one byte: a random wrong key shares the right key's id once in 256 runs, and that case is
    // not what this test is about, so the wrong key is drawn with another id.
    let wrongKey = key();
    while (new DataCipher(wrongKey).keyId === new DataCipher(rightKey).keyId) wrongKey = key();
    await expect(openDatabase(path, { key: wrongKey })).rejects.toThrow(
      /data key id [0-9a-f]{2}, which is not configured/,
    );
    if (fileBefore) expect(readFileSync(path).equals(fileBefore)).toBe(true);
    const again = await open(path, { key: rightKey });
    expect(await again.db.selectFrom("tickets").selectAll().execute()).toEqual(before);
  });

  test("a wrong key that happens to share the right key's one-byte id is refused too, and changes nothing", async () => {
    const path = await freshLocation();
    const rightKey = key();
    const first = await open(path, { key: rightKey });
    await insertTicket(first.db, sampleTicket({ number: "T-TWIN", nik: NIK }));
    const before = await first.db.selectFrom("tickets").selectAll().execute();
    await closeLast(first);
    const fileBefore = onPostgres ? undefined : readFileSync(path);
    // About 256 draws on average: key ids are one byte.
    let twinKey = key();
    while (new DataCipher(twinKey).keyId !== new DataCipher(rightKey).keyId) twinKey = key();
    await expect(openDatabase(path, { key: twinKey })).rejects.toThrow(
      /configured data key does not open the stored data/,
    );
    if (fileBefore) expect(readFileSync(path).equals(fileBefore)).toBe(true);
    const again = await open(path, { key: rightKey });
    expect(await again.db.selectFrom("tickets").selectAll().execute()).toEqual(before);
  });

  test("rotation: a new key with the old one as previous re-encrypts every row at start; then the old key can go", async () => {
    const path = await freshLocation();
    const oldKey = key();
    // Key ids are one byte: two random keys share one 1 time in 256, which the cipher rightly refuses.
    let newKey = key();
    while (new DataCipher(newKey).keyId === new DataCipher(oldKey).keyId) newKey = key();
    const first = await open(path, { key: oldKey });
    await insertTicket(
      first.db,
      sampleTicket({ number: "T-ROT", nik: NIK, kk: KK, answers: { a: SECURITY_ANSWER } }),
    );
    await saveConversation(first.db, { channel: "wa", chatId: "c", userId: "u", snapshot: { nik: NIK } });
    const fileId = await insertPendingAttachment(first.db, {
      conversationKey: "wa:c",
      field: "scan_ktp",
      mime: "image/jpeg",
      size: JPEG.length,
      sha256: "x",
      content: JPEG,
    });
    const keyIds = async (o: OpenedDatabase) => {
      const t = await o.db.selectFrom("tickets").selectAll().executeTakeFirstOrThrow();
      const c = await o.db.selectFrom("conversations").selectAll().executeTakeFirstOrThrow();
      const a = await o.db.selectFrom("attachments").select("content").executeTakeFirstOrThrow();
      return new Set([t.nik, t.kk, t.answers_json, c.snapshot, a.content].map((v) => storedKeyId(v)));
    };
    const [oldId] = await keyIds(first);
    expect(await keyIds(first)).toEqual(new Set([oldId]));
    await closeLast(first);

    const rotated = await open(path, { key: newKey, previousKeys: [oldKey] });
    const [newId] = await keyIds(rotated);
    expect(newId).not.toBe(oldId);
    expect(await keyIds(rotated)).toEqual(new Set([newId]));
    await closeLast(rotated);

    const newOnly = await open(path, { key: newKey });
    expect(await findTicket(newOnly.db, "T-ROT")).toMatchObject({
      nik: NIK,
      kk: KK,
      answers: { a: SECURITY_ANSWER },
    });
    expect((await searchTickets(newOnly.db, NIK, 5)).map((t) => t.number)).toEqual(["T-ROT"]);
    expect((await loadConversation(newOnly.db, "wa", "c"))?.snapshot).toEqual({ nik: NIK });
    expect(await getAttachmentContent(newOnly.db, fileId)).toEqual(JPEG);
  });
});

// Clear personal data exists only in SQLite files of older versions; a PostgreSQL database is encrypted from
// its first row (and migrate-to-pg reads SQLite through openDatabase, which encrypts first).
describe.skipIf(onPostgres)("SQLite databases from before encryption", () => {
  test("existing clear rows are encrypted at start, get their lookup hash, and a second start changes nothing", async () => {
    const path = await tempPath();
    // The schema and data as the previous version left them: every migration before this one, clear values.
    const older = Object.fromEntries(
      Object.entries(migrations).filter(([name]) => name < "2026-12-03T1005-personal-data"),
    );
    const sqlite = new SqliteDatabase(path);
    const legacy = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrateToLatest(legacy, older);
    const now = "2026-11-30T10:00:00.000Z";
    await sql`insert into tickets (number, category, status, channel, chat_id, user_id, applicant_name, nik, kk,
        answers_json, created_at, updated_at)
      values ('T-OLD', 'reset_password', 'Pertanyaan', 'telegram', 'c1', 'u1', 'Siti Aminah', ${NIK}, ${KK},
        ${JSON.stringify({ nik: NIK, jawaban_keamanan: SECURITY_ANSWER })}, ${now}, ${now})`.execute(legacy);
    await sql`insert into conversations (channel, chat_id, user_id, snapshot, updated_at)
      values ('telegram', 'c2', 'u2', ${JSON.stringify({ stage: "form", category: "reset_password", nik: NIK })}, ${now})`.execute(
      legacy,
    );
    await sql`insert into conversations (channel, chat_id, user_id, snapshot, updated_at)
      values ('telegram', 'c3', 'u3', ${JSON.stringify({ stage: "menu" })}, ${now})`.execute(legacy);
    await sql`insert into attachments (id, ticket_number, conversation_key, field, mime, size, sha256, content, created_at)
      values ('A-OLD', 'T-OLD', null, 'scan_ktp', 'image/jpeg', ${JPEG.length}, 'x', ${JPEG}, ${now})`.execute(
      legacy,
    );
    await legacy.destroy();
    expect(rawBytes(path).includes(Buffer.from(NIK))).toBe(true);

    const keys = { key: key() };
    const first = await open(path, keys);
    const ticketRow = await first.db.selectFrom("tickets").selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(ticketRow)).not.toContain(NIK);
    expect(JSON.stringify(ticketRow)).not.toContain(SECURITY_ANSWER);
    expect(ticketRow.nik_hash).toMatch(/^[0-9a-f]{64}$/);
    const conversationRows = await first.db
      .selectFrom("conversations")
      .selectAll()
      .orderBy("chat_id")
      .execute();
    expect(conversationRows.map((r) => [r.chat_id, r.form_draft])).toEqual([
      ["c2", 1],
      ["c3", 0],
    ]);
    expect(conversationRows.every((r) => storedKeyId(r.snapshot) !== undefined)).toBe(true);
    expect(await findTicket(first.db, "T-OLD")).toMatchObject({
      nik: NIK,
      kk: KK,
      answers: { nik: NIK, jawaban_keamanan: SECURITY_ANSWER },
    });
    expect((await searchTickets(first.db, NIK, 5)).map((t) => t.number)).toEqual(["T-OLD"]);
    expect((await loadConversation(first.db, "telegram", "c2"))?.snapshot).toMatchObject({ nik: NIK });
    expect(await getAttachmentContent(first.db, "A-OLD")).toEqual(JPEG);
    const afterFirst = {
      tickets: await first.db.selectFrom("tickets").selectAll().execute(),
      conversations: await first.db.selectFrom("conversations").selectAll().execute(),
      attachments: await first.db.selectFrom("attachments").selectAll().execute(),
    };
    // Rewritten pages keep nothing of the clear values (secure_delete), once the WAL is folded in.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(first.db);
    const raw = rawBytes(path);
    expect(raw.includes(Buffer.from(NIK))).toBe(false);
    expect(raw.includes(Buffer.from(SECURITY_ANSWER))).toBe(false);
    expect(raw.includes(Buffer.from("foto KTP"))).toBe(false);
    await closeLast(first);

    const second = await open(path, keys);
    expect({
      tickets: await second.db.selectFrom("tickets").selectAll().execute(),
      conversations: await second.db.selectFrom("conversations").selectAll().execute(),
      attachments: await second.db.selectFrom("attachments").selectAll().execute(),
    }).toEqual(afterFirst);
  });
});

describe("conversation snapshots", () => {
  test("are stored as encrypted blobs; a text-encrypted one from the first encrypting version is converted at start", async () => {
    const path = await freshLocation();
    const keys = { key: key() };
    const first = await open(path, keys);
    await saveConversation(first.db, { channel: "t", chatId: "new", userId: "u", snapshot: { nik: NIK } });
    const context = conversationContext("t", "old");
    await first.db
      .insertInto("conversations")
      .values({
        channel: "t",
        chat_id: "old",
        user_id: "u",
        snapshot: cipherOf(first.db).encryptText(JSON.stringify({ nik: NIK }), context),
        updated_at: new Date().toISOString(),
      })
      .execute();
    await closeLast(first);

    const second = await open(path, keys);
    const rows = await second.db.selectFrom("conversations").select(["chat_id", "snapshot"]).execute();
    expect(rows.every((r) => Buffer.isBuffer(r.snapshot))).toBe(true);
    expect((await loadConversation(second.db, "t", "old"))?.snapshot).toEqual({ nik: NIK });
    expect((await loadConversation(second.db, "t", "new"))?.snapshot).toEqual({ nik: NIK });
  });
});

describe.skipIf(onPostgres)("SQLite files on disk", () => {
  test("the database, its WAL and shared-memory files are created readable by the owner only", async () => {
    const path = await tempPath();
    const previous = process.umask(0o022);
    try {
      const o = await open(path);
      await insertTicket(o.db, sampleTicket({ number: "T-MODE" }));
      for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}.key`]) {
        expect(existsSync(file)).toBe(true);
        expect(mode(file)).toBe(0o600);
      }
    } finally {
      process.umask(previous);
    }
  });

  test("a database file left world-readable by an older version is tightened on open", async () => {
    const path = await tempPath();
    new SqliteDatabase(path).close();
    chmodSync(path, 0o644);
    await open(path);
    expect(mode(path)).toBe(0o600);
  });

  test("a deleted draft leaves neither the NIK nor its ciphertext in the file or the WAL", async () => {
    const path = await tempPath();
    const { db } = await open(path);
    const snapshot = { stage: "form", machine: { context: { answers: { nik: NIK, kk: KK } } } };
    await saveConversation(db, {
      channel: "telegram",
      chatId: "c9",
      userId: "u9",
      snapshot,
      formDraft: true,
    });
    await insertPendingAttachment(db, {
      conversationKey: conversationKey("telegram", "c9"),
      field: "scan_ktp",
      mime: "image/jpeg",
      size: JPEG.length,
      sha256: "x",
      content: JPEG,
    });
    // Other chats keep writing, so the deleted row's page is not simply dropped from the file.
    for (let i = 0; i < 20; i += 1) {
      await saveConversation(db, {
        channel: "telegram",
        chatId: `other-${i}`,
        userId: "u",
        snapshot: { stage: "menu" },
      });
    }
    expect(rawBytes(path).includes(Buffer.from(NIK))).toBe(false);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    const stored = await db
      .selectFrom("conversations")
      .select("snapshot")
      .where("chat_id", "=", "c9")
      .executeTakeFirstOrThrow();
    const cipherText = Buffer.from(stored.snapshot).subarray(20, 60);
    expect(rawBytes(path).includes(cipherText)).toBe(true);

    await deleteConversation(db, "telegram", "c9");
    await deletePendingAttachments(db, conversationKey("telegram", "c9"));
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    const raw = rawBytes(path);
    expect(raw.includes(Buffer.from(NIK))).toBe(false);
    expect(raw.includes(Buffer.from(KK))).toBe(false);
    expect(raw.includes(cipherText)).toBe(false);
    expect(raw.includes(Buffer.from("foto KTP"))).toBe(false);
  });
});
