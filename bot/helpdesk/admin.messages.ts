import type {
  AttachmentInfo,
  FeedbackVerdict,
  FirstAnswerFeedback,
  Ticket,
  TicketAddition,
  TicketHistoryEntry,
} from "../../db/index.ts";
import { CATEGORIES, isCategoryId } from "../../flows/categories/index.ts";
import type { AnswerValue } from "../../flows/form/form-definition.ts";
import { findStep } from "../../flows/form/form-navigation.ts";
import { displayAnswer } from "../../flows/form/form-prompt.ts";
import { categoryTitle } from "../engine/status-reply.ts";
import { MAX_ANSWER_LENGTH } from "./helpdesk.service.ts";
import { maskIdentityNumber } from "./identity-mask.ts";

const time = (iso: string) =>
  `${new Date(iso).toLocaleString("id-ID", { timeZone: "Asia/Jakarta", dateStyle: "short", timeStyle: "short" })} WIB`;

const IDENTITY_FIELDS = ["nama", "nik", "kk"];

const VERDICT_WORDS: Record<FeedbackVerdict, string> = { selesai: "selesai", masih: "masih bermasalah" };

/** "jawaban 1: masih bermasalah", "jawaban 2: belum menanggapi". */
const feedbackWord = (f: { round: number; verdict: FeedbackVerdict | null }) =>
  `jawaban ${f.round}: ${f.verdict ? VERDICT_WORDS[f.verdict] : "belum menanggapi"}`;

const actorName = (h: TicketHistoryEntry) =>
  h.actor.name ?? (h.actor.kind === "applicant" ? "pelapor" : h.actor.kind);

/** "7 dari 10 (70%)": the share of first answers that solved the problem, among those the applicant judged. */
function firstAnswerShare(f: FirstAnswerFeedback): string {
  const judged = f.solved + f.unsolved;
  if (judged === 0)
    return f.pending === 0 ? "belum ada tiket yang dijawab" : `belum ada tanggapan (${f.pending} menunggu)`;
  const percent = Math.round((f.solved / judged) * 100);
  return `${f.solved} dari ${judged} tanggapan (${percent}%); ${f.pending} belum menanggapi`;
}

/** The answers other than name, NIK and KK, under their form labels ("Tempat lahir: Bogor", "Scan KTP: File JPG (40 KB)"). */
function answerLines(t: Ticket): string[] {
  const form = isCategoryId(t.category) ? CATEGORIES[t.category].form : undefined;
  return Object.entries(t.answers)
    .filter(([field]) => !IDENTITY_FIELDS.includes(field))
    .map(([field, value]) => {
      const step = form ? findStep(form, field) : undefined;
      if (!step) return `${field}: ${typeof value === "object" ? "(lampiran)" : String(value)}`;
      return `${step.label}: ${displayAnswer(step, value as AnswerValue)}`;
    });
}

/** What admins read, in one place. NIK and KK appear in full only in the detail view. */
export const adminMessages = {
  chart: {
    perDayTitle: "Tiket masuk per hari (14 hari terakhir), menurut status sekarang",
    waitingTitle: (open: number, shown: number) =>
      shown < open
        ? `Tiket terbuka: lama menunggu dalam hari kerja (${shown} terlama dari ${open})`
        : `Tiket terbuka: lama menunggu dalam hari kerja (${open}, terlama di atas)`,
    noOpenTickets: "Tidak ada tiket yang masih terbuka.",
    workingDays: (days: number) => `${days} hari kerja`,
    caption: "Grafik statistik tiket",
    savedTo: (path: string) => `Grafik statistik disimpan di: ${path}`,
    failed: "Grafik statistik tidak dapat dibuat saat ini; statistik teks di atas tetap berlaku.",
  },
  help:
    "Perintah admin:\n" +
    "/tiket [status] [halaman]: daftar tiket (yang paling lama menunggu di atas)\n" +
    "/lihat <no>: detail lengkap tiket\n" +
    "/terima <no>, /proses <no>: ubah status\n" +
    "/jawab <no> <teks>: kirim jawaban (atau balas kartu tiket dengan teks, lalu tekan Kirim ke pelapor)\n" +
    "/ralat <no> <teks>: koreksi jawaban yang sudah dikirim (pelapor diberi tahu, jawaban lama tetap di riwayat)\n" +
    "/cari <NIK | nama | no>: cari tiket\n" +
    "/statistik: jumlah tiket per status dan kategori\n" +
    "Status: Pertanyaan, Diterima, Proses, Jawaban.",
  usage: {
    unknown: "Perintah tidak dikenal. Ketik /bantuan untuk daftar perintah.",
    list: "Format: /tiket [Pertanyaan|Diterima|Proses|Jawaban] [halaman]",
    view: "Format: /lihat <nomor tiket>",
    accept: "Format: /terima <nomor tiket>",
    process: "Format: /proses <nomor tiket>",
    answer: "Format: /jawab <nomor tiket> <teks jawaban>",
    correct: "Format: /ralat <nomor tiket> <teks jawaban yang benar>",
    search: "Format: /cari <NIK | nama | nomor tiket>",
    stats: "Format: /statistik",
    help: "Format: /bantuan",
  },
  invalidNumber: "Nomor tiket tidak valid (periksa salah ketik).",
  notFound: "Tiket tidak ditemukan.",
  emptyAnswer: "Teks jawaban kosong.",
  answerWithoutWords:
    "Teks jawaban tidak berisi huruf atau angka (hanya emoji, tanda baca, atau karakter tak terlihat). Jawaban tidak dikirim.",
  notAnsweredYet: (ticket: Ticket) =>
    `Tiket ${ticket.number} belum dijawab (status ${ticket.status}), jadi belum ada yang bisa diralat. Gunakan /jawab.`,
  corrected: (ticket: Ticket) =>
    `Jawaban tiket ${ticket.number} sudah diralat. Pelapor diberi tahu ralatnya; jawaban sebelumnya tetap tercatat di riwayat.`,
  answerTooLong: (length: number) =>
    `Jawaban terlalu panjang (${length.toLocaleString("id-ID")} karakter, maksimal ${MAX_ANSWER_LENGTH.toLocaleString("id-ID")}).`,
  changed: (ticket: Ticket) =>
    `Tiket ${ticket.number} sekarang berstatus *${ticket.status}*. Pelapor sudah diberi tahu.`,
  conflict: (ticket: Ticket) => {
    const by = ticket.handledByName ? ` oleh ${ticket.handledByName}` : "";
    if (ticket.status === "Jawaban") {
      return `Tiket ${ticket.number} sudah dijawab${by}. Jawaban tidak dikirim ulang. Untuk mengoreksinya, gunakan /ralat ${ticket.number} <teks>. Jika pelapor menjawab *Masih bermasalah*, tiket dibuka kembali (Proses) dan dapat dijawab lagi.`;
    }
    return `Tiket ${ticket.number} sudah berstatus ${ticket.status}${by}.`;
  },
  noTickets: "Tidak ada tiket.",
  personalDataPurged: (at: string) =>
    `Data pribadi pelapor (nama, NIK, KK, jawaban formulir, lampiran) sudah dihapus pada ${time(at)} sesuai masa simpan data.`,
  listHeader: (total: number, page: number, pages: number) => `Tiket: ${total} (halaman ${page}/${pages})`,
  listLine: (t: Ticket) =>
    `• ${t.number} | ${t.status} | ${categoryTitle(t.category)} | ${t.applicantName || "-"} | ${time(t.createdAt)}`,
  detail: (
    t: Ticket,
    history: TicketHistoryEntry[],
    attachments: AttachmentInfo[],
    additions: readonly TicketAddition[] = [],
    feedback: readonly { round: number; verdict: FeedbackVerdict | null }[] = [],
  ) =>
    [
      `Tiket ${t.number}`,
      `Kategori: ${categoryTitle(t.category)}`,
      `Status: ${t.status}${t.handledByName ? ` (oleh ${t.handledByName})` : ""}`,
      `Dibuat: ${time(t.createdAt)} via ${t.channel}`,
      t.personalDataPurgedAt ? adminMessages.personalDataPurged(t.personalDataPurgedAt) : "",
      `Nama: ${t.applicantName || "-"}`,
      `NIK: ${t.nik || "-"}`,
      `KK: ${t.kk || "-"}`,
      ...answerLines(t),
      attachments.length > 0
        ? `Lampiran: ${attachments.map((a) => `${a.field} (${a.mime}, ${Math.ceil(a.size / 1024)} KB)`).join(", ")}`
        : "",
      ...(additions.length > 0
        ? ["Informasi tambahan dari pelapor:", ...additions.map((a) => `• ${time(a.createdAt)}: ${a.text}`)]
        : []),
      t.answerText ? `Jawaban: ${t.answerText}` : "",
      feedback.length > 0 ? `Tanggapan pelapor: ${feedback.map(feedbackWord).join("; ")}` : "",
      "Riwayat:",
      ...history.map(
        (h) =>
          `• ${time(h.createdAt)} ${h.fromStatus ?? "-"} → ${h.toStatus} (${actorName(h)})${h.note ? `: ${h.note}` : ""}`,
      ),
    ]
      .filter(Boolean)
      .join("\n"),
  /** The new-ticket card for the admin group: NIK and KK masked (see identity-mask.ts), the other answers in full. */
  card: (t: Ticket) =>
    [
      `Tiket baru ${t.number}`,
      `Kategori: ${categoryTitle(t.category)}`,
      `Dibuat: ${time(t.createdAt)} via ${t.channel}`,
      `Nama: ${t.applicantName || "-"}`,
      `NIK: ${t.nik ? maskIdentityNumber(t.nik) : "-"}`,
      `KK: ${t.kk ? maskIdentityNumber(t.kk) : "-"}`,
      ...answerLines(t),
    ].join("\n"),
  stats: (
    counts: { status: string; category: string; count: number }[],
    waitingOverADay: number,
    firstAnswer: FirstAnswerFeedback = { solved: 0, unsolved: 0, pending: 0 },
  ) => {
    const byStatus = new Map<string, number>();
    const byCategory = new Map<string, number>();
    for (const c of counts) {
      byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + c.count);
      byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + c.count);
    }
    return [
      "Statistik tiket",
      "Per status:",
      ...[...byStatus].map(([s, n]) => `• ${s}: ${n}`),
      "Per kategori:",
      ...[...byCategory].map(([c, n]) => `• ${categoryTitle(c)}: ${n}`),
      `Menunggu lebih dari 1 hari: ${waitingOverADay}`,
      `Selesai pada jawaban pertama: ${firstAnswerShare(firstAnswer)}`,
    ].join("\n");
  },
};
