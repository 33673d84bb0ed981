import type { PurgeReport, RetentionPolicy } from "../db/index.ts";

/** What `npm run purge` prints for the operator (counts only). */
export const purgeMessages = {
  usage:
    "Penggunaan: npm run purge            (hapus data sesuai masa simpan)\n" +
    "            npm run purge -- --dry-run (hanya tampilkan jumlah yang akan dihapus)",
  keyFileCreated: (file: string) =>
    `Kunci data baru dibuat di ${file} (mode 0600). Simpan cadangannya terpisah dari database.`,
  report: (r: PurgeReport, policy: RetentionPolicy, dryRun: boolean) =>
    [
      dryRun
        ? "Uji coba (--dry-run): tidak ada yang diubah. Yang akan dihapus sekarang:"
        : "Penghapusan data sesuai masa simpan selesai. Yang dihapus:",
      `• Formulir belum selesai (tidak disentuh > ${policy.draftDays} hari): ${r.abandonedDrafts}`,
      `• Lampiran formulir belum selesai: ${r.draftAttachments}`,
      `• Status percakapan lain yang kedaluwarsa: ${r.staleConversations}`,
      `• Tiket berstatus Jawaban > ${policy.answeredTicketDays} hari (data pribadi dihapus, statistik tetap): ${r.answeredTickets}`,
      `• Lampiran tiket tersebut: ${r.ticketAttachments}`,
      `• Teks pesan keluar yang sudah terkirim: ${r.outboxTexts}`,
      `• Penanda formulir kedaluwarsa yang sudah lama: ${r.expiredMarkers}`,
      `• Kontak WhatsApp (nomor) tanpa tiket aktif, tidak menghubungi > ${policy.answeredTicketDays} hari: ${r.whatsappContacts}`,
    ].join("\n"),
};
