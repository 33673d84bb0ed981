import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { jpegBytes, pdfBytes, pngBytes } from "../../support/file-bytes.ts";
import { type ProcessResult, runProcess } from "../../support/run-process.ts";
import { newTestDatabase } from "../../support/test-database.ts";

const ROOT = join(import.meta.dirname, "../../..");
let dir: string;

/** Runs `npm start` with the lines piped to standard input, as a newcomer would try the bot. */
async function npmStart(lines: string[], databasePath: string): Promise<ProcessResult> {
  // On PostgreSQL the file path stands for a schema of the test's own, the same one for the same path.
  const database = await newTestDatabase({ sqlitePath: databasePath });
  return runProcess("npm", ["start", "--silent"], {
    cwd: ROOT,
    env: { ...process.env, ...database.env, TELEGRAM_BOT_TOKEN: "", WHATSAPP_ENABLED: "" },
    input: `${lines.join("\n")}\n`,
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "asn-console-"));
  writeFileSync(join(dir, "ktp.jpg"), jpegBytes(40_000));
  writeFileSync(join(dir, "ijazah.pdf"), pdfBytes(30_000));
  writeFileSync(join(dir, "besar.jpg"), jpegBytes(3 * 1024 * 1024));
  writeFileSync(join(dir, "foto.png"), pngBytes());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each test starts real processes (tsx compiles main.ts at each start): seconds apiece on a loaded
// machine, so the default 20 s limit is too close.
describe("a console session piped through npm start", { timeout: 60_000 }, () => {
  test("a form with files ends in a ticket; an admin answers it; the applicant is told and can query it", async () => {
    const db = join(dir, "session.db");
    const { stdout, code } = await npmStart(
      [
        "gmn cara reset pw akun sscasn?",
        "menu",
        "5",
        "Siti Rahmawati",
        "3201 0157 0895 001",
        "3201015708950001",
        "3201015708950001",
        "3201011201150003",
        "Bogor",
        "17 Agustus 1995",
        `/lampir ${join(dir, "foto.png")}`,
        `/lampir ${join(dir, "besar.jpg")}`,
        `/lampir ${join(dir, "ktp.jpg")}`,
        `/lampir ${join(dir, "ijazah.pdf")}`,
        "kirim",
      ],
      db,
    );
    expect(code).toBe(0);
    expect(stdout).toContain("Apakah jawaban ini membantu?");
    expect(stdout).toMatch(/NIK harus 16 digit/i);
    expect(stdout).toMatch(/tidak boleh sama dengan NIK/);
    expect(stdout).toMatch(/PNG/);
    expect(stdout).toMatch(/3 MB/);
    // Piped output is not a terminal: *bold* shows as the plain words, never as asterisks.
    expect(stdout).not.toMatch(/\*\S/);
    expect(stdout).not.toContain("\x1b[");
    const number = /nomor tiket ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(stdout)?.[1];
    expect(number, stdout).toBeDefined();

    // A second run on the same database: the admin works the ticket, the applicant is notified and asks.
    const second = await npmStart(
      [
        `/admin terima ${number}`,
        `/admin jawab ${number} Data Anda sudah valid di Dapodik, silakan daftar ulang.`,
        `/admin jawab ${number} Jawaban kedua`,
        "2",
        "Di akun saya masih tertulis belum terverifikasi.",
        `status ${number!.toLowerCase()}`,
        "/admin bantuan",
        "/admin entahlah",
        "/admin statistik",
      ],
      db,
    );
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`[notifikasi] Tiket ${number} sudah diterima`);
    expect(second.stdout).toContain("Data Anda sudah valid di Dapodik");
    expect(second.stdout).toContain(`Tiket ${number} sudah dijawab oleh Admin konsol`);
    // The answer asks for feedback as numbered choices; "2" (Masih bermasalah) reopens the ticket.
    expect(second.stdout).toMatch(
      /Apakah masalah Anda sudah selesai\?\n {2}1\. Ya\n {2}2\. Masih bermasalah/,
    );
    expect(second.stdout).toContain("apa yang masih bermasalah");
    expect(second.stdout).toMatch(/Status: Proses/);
    expect(second.stdout).toContain("kami buka kembali dengan status Proses");
    // /admin statistik saves its picture beside the database and prints where.
    const chart = /Grafik statistik disimpan di: (\S+\.png)/.exec(second.stdout)?.[1];
    expect(chart, second.stdout).toBeDefined();
    expect(chart!.startsWith(dir)).toBe(true);
    expect(readFileSync(chart!).subarray(1, 4).toString()).toBe("PNG");
    // The console's help shows the console's own command form.
    expect(second.stdout).toContain("/admin tiket [status] [halaman]");
    expect(second.stdout).toContain("Ketik /admin bantuan");
    expect(second.stdout).not.toMatch(/^\/tiket/m);
    expect(second.stdout).not.toContain("3201015708950001");
  });

  test("a form left half-way resumes at the same step after a restart, and the empty line is answered", async () => {
    const db = join(dir, "resume.db");
    const first = await npmStart(["menu", "7", "Budi Santoso", "3201011708950001"], db);
    expect(first.stdout).toContain("Nomor Kartu Keluarga (KK)");
    const second = await npmStart(
      ["", "3201011201150003", "Kota Bandung", "17-08-1995", "Badan Kepegawaian Negara", "x".repeat(600)],
      db,
    );
    expect(second.stdout).toContain("Pesan Anda kosong");
    expect(second.stdout).toContain("tempat lahir");
    expect(second.stdout).toMatch(/600 karakter/);
    expect(second.stdout).toMatch(/maksimal 500/);
  });
});
