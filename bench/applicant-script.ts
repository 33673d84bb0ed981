/**
 * One applicant's conversation, as the cost benchmarks replay it for many applicants: a FAQ question, then
 * the 8-field complaint form to its ticket, and a status query.
 */
const NIK_PLACEHOLDER = "{nik}";

const SCRIPT = [
  "gmn cara reset pw akun sscasn?",
  "menu",
  "7",
  "Siti Rahmawati",
  NIK_PLACEHOLDER,
  "3201011201150003",
  "Kabupaten Bogor",
  "17 Agustus 1995",
  "Badan Kepegawaian Negara",
  "Formasi yang saya lamar tidak muncul di portal.",
  "kirim",
  "status",
];

export const SCRIPT_STEPS = SCRIPT.length;

/**
 * The text applicant `applicant` (0, 1, ...) sends at `step`. Each has a NIK of their own (one NIK with an
 * open ticket gets no second one); the NIK encodes a woman born 17-08-1995, as the birth date step says.
 */
export function scriptText(applicant: number, step: number): string {
  const text = SCRIPT[step]!;
  return text === NIK_PLACEHOLDER ? `320101570895${String((applicant % 9_000) + 1).padStart(4, "0")}` : text;
}
