/** Indonesian month names for messages, index 0 = Januari. */
export const MONTH_NAMES_ID = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
] as const;

// Spellings people actually type: Indonesian full and short forms (incl. old "Pebruari"/"Nopember"
// and the several abbreviations of Agustus), plus English.
const MONTH_WORDS: Record<number, readonly string[]> = {
  1: ["januari", "jan", "january"],
  2: ["februari", "pebruari", "feb", "peb", "febr", "february"],
  3: ["maret", "mar", "mrt", "march"],
  4: ["april", "apr"],
  5: ["mei", "may"],
  6: ["juni", "jun", "june"],
  7: ["juli", "jul", "july"],
  8: ["agustus", "agus", "agu", "agt", "ags", "agst", "aug", "august"],
  9: ["september", "sep", "sept", "spt"],
  10: ["oktober", "okt", "oct", "october"],
  11: ["november", "nopember", "nov", "nop"],
  12: ["desember", "des", "dec", "december"],
};

const MONTH_BY_WORD: ReadonlyMap<string, number> = new Map(
  Object.entries(MONTH_WORDS).flatMap(([month, words]) =>
    words.map((word) => [word, Number(month)] as const),
  ),
);

/** Month number 1..12 for a typed month name (case-insensitive, trailing period allowed). */
export function monthFromWord(word: string): number | undefined {
  return MONTH_BY_WORD.get(word.toLowerCase().replace(/\.$/, ""));
}

export function monthNameId(month: number): string {
  return MONTH_NAMES_ID[month - 1] ?? String(month);
}
