/**
 * Surface cues that tell a question ("gimana cara reset pw?") from a personal problem report
 * ("sy lupa pw akun"). They only tilt the decision; the content match decides the topic.
 */
export interface MessageCues {
  /** 0..1: question words, a question mark, a conditional or a trailing "ga/belum"; halved in a personal
   * message ("nik saya ..., gimana?" asks for help with the applicant's own case, not for information). */
  question: number;
  /** 0..1: personal (first-person pronoun or a typed NIK/ticket code, 0.5) plus problem words, negation,
   * requests or a typed code (0.5, not in a hypothetical "kalau ..." message). */
  problem: number;
  /** The message is about a report or ticket already filed ("sudah lapor tapi belum dibalas", "tiket saya"). */
  followUp: boolean;
}

// biome-ignore format: word lists read better packed
const QUESTION_WORDS = new Set([
  "apa", "apakah", "bagaimana", "kenapa", "mengapa", "kapan", "dimana", "berapa", "siapa", "bisakah",
  "bolehkah", "boleh", "cara", "caranya", "gimana", "mana", "syarat", "kah",
]);
// A conditional makes the problem hypothetical ("kalau nik tidak ditemukan gimana?"): a question, not a report.
const CONDITIONALS = new Set(["kalau", "kalo", "jika", "bila", "apabila", "seandainya", "misal", "misalnya"]);
const TAG_NEGATIONS = new Set(["tidak", "belum"]);
const FIRST_PERSON = new Set(["saya", "aku", "gue", "ku", "kami"]);
// Trailing particles do not end the sentence: "sudah dijawab belum ya" still ends in "belum".
const TRAILING_PARTICLES = new Set(["ya", "yah", "kah", "kan", "toh", "sih", "nih", "dong", "deh"]);
// biome-ignore format: word lists read better packed
const PROBLEM_WORDS = new Set([
  "lupa", "gagal", "error", "hilang", "dipakai", "terpakai", "ditolak", "salah", "tolong", "bantu",
  "minta", "mau", "ingin", "cek", "tidak", "belum",
]);

// An applicant's own report already exists: "sudah lapor", "pernah mengadu", "aduan saya", "tiket saya".
// Not "kirim"/"isi"/"ajukan" alone: "data yang sudah saya isi", "sudah mengajukan sanggah" are no ticket.
// biome-ignore format: word lists read better packed
const FILING_VERBS = new Set([
  "lapor", "melapor", "laporkan", "dilaporkan", "mengadu", "diadukan", "adukan", "komplain",
]);
// biome-ignore format: word lists read better packed
const REPORTS = new Set(["tiket", "aduan", "pengaduan", "laporan", "keluhan", "komplain"]);
// Filled in here or elsewhere ("sudah isi formulir pendaftaran"): a follow-up only while waiting for an answer.
const SENT_VIA = new Set(["formulir", "form", "helpdesk"]);
const DONE = new Set(["sudah", "pernah", "kemarin", "minggu", "bulan", "lalu"]);
// Waiting for an answer to it: "belum dijawab", "tidak ada balasan", "kok lama".
// biome-ignore format: word lists read better packed
const AWAITED = new Set([
  "dijawab", "dibalas", "direspon", "direspons", "ditanggapi", "diproses", "ditindaklanjuti", "respon",
  "respons", "balasan", "jawaban", "tanggapan", "kabar", "perkembangan", "lama", "menunggu", "nunggu",
  "kelanjutan", "lanjutan", "dihubungi", "dicek", "diperiksa", "dikonfirmasi",
]);
// Having waited for an answer needs no filing word: "sudah 3 hari menunggu jawaban soal reset password".
const WAITING = new Set(["menunggu", "nunggu"]);
const ANSWERS = new Set(["jawaban", "balasan", "respon", "respons", "tanggapan", "kabar"]);
const FOLLOW_UP_WINDOW = 4;
// Plea particles, dropped by normalisation as fillers, read on the raw text.
const PLEAS = /(?:^|[^\p{L}])(?:dong|donk|nih|plis|please|pls|tolongin)(?![\p{L}])/iu;

export function readCues(rawText: string, normalised: string): MessageCues {
  const words = normalised.split(" ");
  // A typed NIK/KK/ticket number is the applicant's own data: as personal as "saya".
  // Chat drops the pronoun but keeps the plea: "pw lupa gmn dong" is the applicant's own case.
  const pleads = PLEAS.test(rawText);
  const personal = pleads || words.some((word) => FIRST_PERSON.has(word) || isTypedIdentifier(word));
  const hypothetical = words.some((word) => CONDITIONALS.has(word));
  // "bisa dipakai lagi ga", "sudah dijawab belum": a trailing negation is a yes/no question.
  let last = words.length - 1;
  while (last > 0 && TRAILING_PARTICLES.has(words[last]!)) last--;
  const tagQuestion = TAG_NEGATIONS.has(words[last] ?? "");
  const asks =
    hypothetical || tagQuestion || rawText.includes("?") || words.some((word) => QUESTION_WORDS.has(word));
  const reports = !hypothetical && words.some((word) => PROBLEM_WORDS.has(word) || isTypedIdentifier(word));
  const followUp = !hypothetical && isFollowUp(words);
  return {
    question: asks ? (personal ? 0.5 : 1) : 0,
    // Asking about one's own filed report is a case to look up, even when worded as a question.
    problem: Math.min(1, (personal ? 0.5 : 0) + (reports ? 0.5 : 0) + (followUp ? 0.5 : 0)),
    followUp,
  };
}

/**
 * "sudah lapor", "pernah mengajukan", "tiket saya", "nomor tiket TK3F9", "aduan ... belum dibalas": the
 * applicant speaks of a report already filed. "cara dapat nomor tiket" (no filing, no waiting) is not.
 */
function isFollowUp(words: readonly string[]): boolean {
  // One pass from the end: whether an awaited word comes later, so a 64 KB message stays linear.
  const awaitedAfter: boolean[] = new Array(words.length + 1).fill(false);
  for (let i = words.length - 1; i >= 0; i--)
    awaitedAfter[i] = awaitedAfter[i + 1]! || AWAITED.has(words[i]!);
  const awaited = awaitedAfter[0]!;
  const waiting = words.some((w) => AWAITED.has(w) && w !== "lama");
  const near = (index: number, set: ReadonlySet<string>) =>
    words.slice(Math.max(0, index - FOLLOW_UP_WINDOW), index + FOLLOW_UP_WINDOW + 1).some((w) => set.has(w));
  return words.some((word, index) => {
    // "sudah 3 hari menunggu jawaban", not "berapa lama menunggu jawaban sanggah" (a question on durations).
    if (WAITING.has(word))
      return (
        near(index, DONE) && words.slice(index + 1, index + 1 + FOLLOW_UP_WINDOW).some((w) => ANSWERS.has(w))
      );
    if (FILING_VERBS.has(word)) return near(index, DONE) || awaitedAfter[index + 1]!;
    if (SENT_VIA.has(word)) return waiting;
    if (!REPORTS.has(word)) return false;
    const next = words[index + 1] ?? "";
    const owned =
      FIRST_PERSON.has(next) || isTypedIdentifier(next) || isTypedIdentifier(words[index + 2] ?? "");
    return owned || near(index, DONE) || awaited;
  });
}

/** A NIK, KK or ticket number typed into the message ("3201...", "8h2kq") belongs to a case. */
function isTypedIdentifier(word: string): boolean {
  return /^\d{6,}$/.test(word) || (word.length >= 5 && /\d/.test(word) && /\p{L}/u.test(word));
}

// "1. ...", "1) ..." at the start of the message or after a space/newline; or an ordinal word set off by a
// comma or colon ("Pertama, ... Kedua, ...", "first: ... second: ...").
const NUMBERED_ITEM = /(?:^|\s)[1-9][.)]\s+|(?<=^|[\s.?!])(?:kedua|ketiga|second|third)\s*[,:]\s*/iu;
const FIRST_NUMBER = /(?:^|\s)1[.)]\s+|(?<=^|[\s.?!])(?:pertama|first)\s*[,:]\s*|^(?:pertama|first)\s+/iu;

/**
 * The first of numbered questions ("halo min. 1. boleh daftar dua instansi? 2. ukuran ijazah?" -> "boleh
 * daftar dua instansi?"); undefined unless the message numbers at least two items starting from 1.
 */
export function firstNumberedItem(text: string): string | undefined {
  const start = FIRST_NUMBER.exec(text);
  if (!start) return undefined;
  const rest = text.slice(start.index + start[0].length);
  const next = NUMBERED_ITEM.exec(rest);
  if (!next) return undefined;
  const item = rest.slice(0, next.index).trim();
  return item.length > 0 ? item : undefined;
}
