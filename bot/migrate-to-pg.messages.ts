import type { CopyReport } from "../db/index.ts";

/** What `npm run migrate-to-pg` prints for the operator (table names and counts only). */
export const migrateToPgMessages = {
  usage:
    "Penggunaan: DATABASE_PATH=data/helpdesk.db DATABASE_URL=postgres://... npm run migrate-to-pg\n" +
    "Hentikan bot lebih dulu. Kunci data: DATA_KEY / DATA_KEY_FILE, atau file kunci di samping database SQLite.",
  noUrl:
    "DATABASE_URL belum diisi: tulis alamat database PostgreSQL tujuan (postgres://user:sandi@host:5432/nama).",
  noSource: (path: string) => `Database SQLite ${path} tidak ada: periksa DATABASE_PATH.`,
  noKey: (path: string) =>
    `Kunci data database SQLite tidak ditemukan (DATA_KEY, DATA_KEY_FILE, atau ${path}): tanpa kunci itu data terenkripsi tidak bisa dipindahkan.`,
  notEmpty: (reason: string) =>
    `Dibatalkan, tidak ada yang diubah: database PostgreSQL tujuan harus kosong (${reason}).`,
  done: (report: CopyReport, keyHint: string | undefined) =>
    [
      "Pemindahan ke PostgreSQL selesai. Baris yang disalin per tabel:",
      ...report.map(({ table, rows }) => `• ${table}: ${rows}`),
      "Data pribadi tetap terenkripsi dengan kunci yang sama: setiap instans bot harus memakai kunci itu.",
      ...(keyHint ? [keyHint] : []),
      "Langkah berikut: isi DATABASE_URL di .env setiap instans, lalu jalankan bot.",
    ].join("\n"),
  keyFileHint: (file: string) =>
    `Kunci berasal dari file ${file}: set DATA_KEY_FILE=${file} (atau salin isinya ke DATA_KEY) di setiap instans.`,
};
