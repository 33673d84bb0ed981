import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  changeTicketStatus,
  findTicket,
  insertTicket,
  loadConversation,
  openDatabase,
  saveConversation,
} from "../../db/index.ts";
import { sampleTicket } from "../db/test-database.ts";
import { type ProcessResult, runProcess } from "../support/run-process.ts";
import { newTestDatabase, type TestDatabase } from "../support/test-database.ts";

const ROOT = join(import.meta.dirname, "../..");
const NIK = "3201015708950001";
const DATA_KEY = randomBytes(32).toString("base64");
let dir: string;
// A SQLite file, or in the PostgreSQL project a schema of this file's own.
let database: TestDatabase;

function npmRunPurge(args: string[]): Promise<ProcessResult> {
  return runProcess("npm", ["run", "--silent", "purge", "--", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...database.env, DATA_KEY, DATA_KEY_FILE: "" },
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "asn-purge-"));
  database = await newTestDatabase({ sqlitePath: join(dir, "helpdesk.db") });
  const { db, close } = await openDatabase(database.location, { key: Buffer.from(DATA_KEY, "base64") });
  await insertTicket(db, sampleTicket({ number: "T-ANSWERED", nik: NIK, applicantName: "Siti Aminah" }));
  await changeTicketStatus(db, {
    number: "T-ANSWERED",
    allowedFrom: ["Pertanyaan"],
    to: "Jawaban",
    actor: { kind: "admin", id: "a", name: "Admin" },
    answerText: "Sudah kami perbaiki.",
  });
  await saveConversation(db, {
    channel: "t",
    chatId: "c",
    userId: "u",
    snapshot: { nik: NIK },
    formDraft: true,
  });
  // As if all this happened long ago.
  const longAgo = "2020-01-01T00:00:00.000Z";
  await db.updateTable("tickets").set({ updated_at: longAgo }).execute();
  await db.updateTable("conversations").set({ updated_at: longAgo }).execute();
  await close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each test starts real processes (tsx compiles main.ts at each start): seconds apiece on a loaded
// machine, so the default 20 s limit is too close.
describe("npm run purge", { timeout: 60_000 }, () => {
  test("--dry-run prints the counts, no personal data, and changes nothing; without it the data goes", async () => {
    const dry = await npmRunPurge(["--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Uji coba");
    expect(dry.stdout).toMatch(/Formulir belum selesai .*: 1/);
    expect(dry.stdout).toMatch(/Tiket berstatus Jawaban .*: 1/);
    expect(`${dry.stdout}${dry.stderr}`).not.toContain(NIK);
    expect(`${dry.stdout}${dry.stderr}`).not.toContain("Siti");

    const key = { key: Buffer.from(DATA_KEY, "base64") };
    let opened = await openDatabase(database.location, key);
    expect((await findTicket(opened.db, "T-ANSWERED"))?.nik).toBe(NIK);
    await opened.close();

    const real = await npmRunPurge([]);
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/Tiket berstatus Jawaban .*: 1/);
    opened = await openDatabase(database.location, key);
    expect(await findTicket(opened.db, "T-ANSWERED")).toMatchObject({ nik: "", applicantName: "" });
    expect((await loadConversation(opened.db, "t", "c"))?.draftExpiredAt).toBeDefined();
    await opened.close();

    const wrong = await npmRunPurge(["--sekarang"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("npm run purge -- --dry-run");
  });
});
