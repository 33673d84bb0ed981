import type { FaqAddResult, FaqGapReport } from "./faq-admin.service.ts";

/** What admins read about the FAQ learning loop, in one place. */
export const faqAdminMessages = {
  help:
    "FAQ:\n" +
    "/faqgap [hari]: pertanyaan yang paling sering tidak terjawab (default 30 hari)\n" +
    "/faqtambah <id-faq> <frasa>: tambah cara bertanya untuk jawaban yang sudah ada\n" +
    "/faqtambah baru <pertanyaan> | <jawaban> [| <tahap>]: tambah pertanyaan baru\n" +
    "Tahap: pendaftaran, seleksi_administrasi, sanggah, skd, skb, pemberkasan, umum.",
  usage: {
    faqgap: "Format: /faqgap [jumlah hari]",
    faqtambah:
      "Format: /faqtambah <id-faq> <frasa>\natau: /faqtambah baru <pertanyaan> | <jawaban> [| <tahap>]",
  } as Record<string, string>,
  noGaps: (days: number) => `Tidak ada pertanyaan yang terlewat dalam ${days} hari terakhir.`,
  gaps: (days: number, gaps: readonly FaqGapReport[]) =>
    [
      `Pertanyaan yang paling sering tidak terjawab (${days} hari terakhir):`,
      ...gaps.map((gap, index) => {
        const notHelpful =
          gap.notHelpful > 0 ? `, ${gap.notHelpful}× tidak membantu (${gap.faqId ?? "-"})` : "";
        const closest = gap.closestFaqId ? `\n   mirip: ${gap.closestFaqId}` : "";
        return `${index + 1}. ${gap.count}× "${gap.question}"${notHelpful}${closest}`;
      }),
      "Tambahkan frasa: /faqtambah <id-faq> <frasa>, atau pertanyaan baru: /faqtambah baru <pertanyaan> | <jawaban>",
    ].join("\n"),
  added: (result: FaqAddResult, kind: "phrasing" | "entry") => {
    if (result.ok) {
      return kind === "phrasing"
        ? `Frasa ditambahkan ke ${result.faqId} dan langsung dipakai.`
        : `Pertanyaan baru ditambahkan dengan id ${result.faqId} dan langsung dipakai. Tambah frasa lain: /faqtambah ${result.faqId} <frasa>`;
    }
    switch (result.reason) {
      case "unavailable":
        return "Perintah ini tidak tersedia di sini (FAQ tidak dimuat).";
      case "unknown_faq":
        return 'Id FAQ tidak dikenal. Lihat id di /faqgap (baris "mirip").';
      case "duplicate":
        return "Frasa itu sudah ada untuk pertanyaan tersebut.";
      case "invalid":
        return {
          phrasing: "Frasa harus 3-200 karakter.",
          question: "Pertanyaan harus 5-200 karakter.",
          answer: "Jawaban harus 20-700 karakter.",
          phase:
            "Tahap tidak dikenal. Pilih: pendaftaran, seleksi_administrasi, sanggah, skd, skb, pemberkasan, umum.",
        }[result.field];
    }
  },
};
