import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import {
  attachPendingToTicket,
  changeTicketStatus,
  enqueueOutbox,
  findTicket,
  getAttachmentContent,
  insertPendingAttachment,
  insertTicket,
  insertTicketAddition,
  listDueOutbox,
  listTicketAdditions,
  listTicketAttachments,
  listTicketHistory,
  loadConversation,
  markMessageProcessed,
  markOutboxSent,
  openDatabase,
  saveConversation,
  searchTickets,
} from "../../db/index.ts";
import {
  findTelegramTicketMessage,
  recordTelegramTicketMessage,
} from "../../db/telegram-ticket-message.repository.ts";
import {
  loadWhatsAppCreds,
  readWhatsAppKeys,
  saveWhatsAppCreds,
  writeWhatsAppKeys,
} from "../../db/whatsapp-auth.repository.ts";
import { runProcess } from "../support/run-process.ts";
import { newTestDatabase, onPostgres } from "../support/test-database.ts";
import { sampleTicket } from "./test-database.ts";

const ROOT = join(import.meta.dirname, "../..");
const NIK = "3201015708950001";
const SCAN = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("scan KTP Siti")]);
const dir = mkdtempSync(join(tmpdir(), "asn-migrate-pg-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function migrateToPg(env: Record<string, string>) {
  return runProcess("npm", ["run", "--silent", "migrate-to-pg"], {
    cwd: ROOT,
    env: { ...process.env, DATA_KEY: "", DATA_KEY_FILE: "", ...env },
  });
}

/** A SQLite database filled through the repositories, as a season on one machine leaves it. */
async function filledSqlite(path: string): Promise<void> {
  // No key configured: the key file beside the database is made, as for a newcomer's install.
  const { db, close } = await openDatabase(path);
  try {
    await insertTicket(
      db,
      sampleTicket({ number: "T-OLD", nik: NIK, applicantName: "Siti Aminah", chatId: "77" }),
    );
    const file = await insertPendingAttachment(db, {
      conversationKey: "telegram:77",
      field: "scan_ktp",
      mime: "image/jpeg",
      size: SCAN.length,
      sha256: "x",
      content: SCAN,
    });
    await attachPendingToTicket(db, "telegram:77", "T-OLD", [file]);
    await changeTicketStatus(db, {
      number: "T-OLD",
      allowedFrom: ["Pertanyaan"],
      to: "Diterima",
      actor: { kind: "admin", id: "a1", name: "Ani" },
      notification: { channel: "telegram", chatId: "77", text: "Tiket diterima" },
    });
    const sent = await enqueueOutbox(db, { channel: "telegram", chatId: "77", text: "Sudah terkirim" });
    await markOutboxSent(db, sent);
    await insertTicketAddition(db, {
      ticketNumber: "T-OLD",
      channel: "telegram",
      chatId: "77",
      text: "NIK ibu saya juga salah",
      createdAt: new Date().toISOString(),
    });
    await saveConversation(db, {
      channel: "telegram",
      chatId: "88",
      userId: "88",
      snapshot: { stage: "form", answers: { nik: NIK } },
      formDraft: true,
    });
    await markMessageProcessed(db, "telegram", "m-1");
    await recordTelegramTicketMessage(db, {
      chatId: "-100",
      messageId: 5,
      ticketNumber: "T-OLD",
      kind: "card",
    });
    await saveWhatsAppCreds(db, "default", '{"registered":true}');
    await writeWhatsAppKeys(db, "default", [{ type: "session", id: "628.0", valueJson: '{"k":1}' }]);
  } finally {
    await close();
  }
}

describe.runIf(onPostgres)("npm run migrate-to-pg", () => {
  test("copies a SQLite database into an empty PostgreSQL one, readable there through the app; a second run is refused", async () => {
    const sqlitePath = join(dir, "helpdesk.db");
    await filledSqlite(sqlitePath);
    const target = await newTestDatabase();

    const first = await migrateToPg({ DATABASE_PATH: sqlitePath, DATABASE_URL: target.location });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/• tickets: 1/);
    expect(first.stdout).toMatch(/• outbox: 2/);
    expect(first.stdout).toContain(`DATA_KEY_FILE=${sqlitePath}.key`);
    expect(`${first.stdout}${first.stderr}`).not.toContain(NIK);

    const { db, close } = await openDatabase(target.location, { keyFile: `${sqlitePath}.key` });
    try {
      expect(await findTicket(db, "T-OLD")).toMatchObject({
        nik: NIK,
        applicantName: "Siti Aminah",
        status: "Diterima",
      });
      // The NIK lookup hash came along: an admin still finds the ticket by NIK.
      expect((await searchTickets(db, NIK, 5)).map((t) => t.number)).toEqual(["T-OLD"]);
      expect((await listTicketHistory(db, "T-OLD")).map((h) => h.toStatus)).toEqual([
        "Pertanyaan",
        "Diterima",
      ]);
      const [attachment] = await listTicketAttachments(db, "T-OLD");
      expect(await getAttachmentContent(db, attachment!.id)).toEqual(SCAN);
      expect((await listTicketAdditions(db, "T-OLD")).map((a) => a.text)).toEqual([
        "NIK ibu saya juga salah",
      ]);
      expect((await loadConversation(db, "telegram", "88"))?.snapshot).toEqual({
        stage: "form",
        answers: { nik: NIK },
      });
      const due = await listDueOutbox(db, { channel: "telegram", nowIso: "9999", limit: 10 });
      expect(due.map((m) => [m.text, m.chatSeq])).toEqual([["Tiket diterima", 1]]);
      expect(await findTelegramTicketMessage(db, "-100", 5)).toMatchObject({ ticketNumber: "T-OLD" });
      expect(await loadWhatsAppCreds(db, "default")).toBe('{"registered":true}');
      expect(await readWhatsAppKeys(db, "default", "session", ["628.0"])).toEqual(
        new Map([["628.0", '{"k":1}']]),
      );

      // Life goes on there: new rows take numbers after the copied ones, in the same order.
      await insertTicket(db, sampleTicket({ number: "T-NEW", chatId: "77" }));
      await enqueueOutbox(db, { channel: "telegram", chatId: "77", text: "Berikutnya" });
      const queue = await listDueOutbox(db, { channel: "telegram", nowIso: "9999", limit: 10 });
      expect(queue.map((m) => [m.text, m.chatSeq])).toEqual([
        ["Tiket diterima", 1],
        ["Berikutnya", 3],
      ]);
    } finally {
      await close();
    }

    const again = await migrateToPg({ DATABASE_PATH: sqlitePath, DATABASE_URL: target.location });
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/database PostgreSQL tujuan harus kosong \(.*tickets/);
  }, 60_000);

  test("without the SQLite database's key nothing is copied", async () => {
    const sqlitePath = join(dir, "keyless.db");
    await filledSqlite(sqlitePath);
    rmSync(`${sqlitePath}.key`);
    const target = await newTestDatabase();
    const result = await migrateToPg({ DATABASE_PATH: sqlitePath, DATABASE_URL: target.location });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Kunci data database SQLite tidak ditemukan");
  }, 60_000);
});
