/**
 * A light, dictionary-free Indonesian stemmer (after Nazief-Adriani, much reduced): it strips
 * particles, possessives, -kan/-an and up to two prefixes, restoring the letter that meN-/peN-
 * swallow (menemukan -> temu, pemakai -> pakai). It over-stems some words, but applies the same
 * way to the FAQ and to messages, so "ditemukan", "menemukan" and "ketemu" meet at "temu".
 */
const MIN_STEM = 3;

// Words the rules get wrong in ways that matter here (perguruan is not about "guru"; meN- + vowel
// usually drops t/k/p but not in menikah or mengecek).
const EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  ["perguruan", "perguruan"],
  ["pengaman", "pengaman"],
  ["menikah", "nikah"],
  ["mengecek", "cek"],
  ["mengirim", "kirim"],
  ["mengetik", "ketik"],
  ["mengenai", "mengenai"],
]);

export function stem(word: string): string {
  const exception = EXCEPTIONS.get(word);
  if (exception !== undefined) return exception;
  if (word.length <= MIN_STEM + 1 || /\d/.test(word)) return word;
  let current = stripSuffix(word, ["lah", "kah", "pun"]);
  current = stripSuffix(current, ["nya", "ku", "mu"]);
  current = stripSuffix(current, ["kan", "an"]);
  for (let round = 0; round < 2; round++) {
    const next = stripPrefix(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

function stripSuffix(word: string, suffixes: readonly string[]): string {
  for (const suffix of suffixes) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_STEM) {
      return word.slice(0, -suffix.length);
    }
  }
  return word;
}

const VOWEL = /^[aiueo]/;

function stripPrefix(word: string): string {
  const candidates: string[] = [];
  for (const plain of ["di", "ter", "ber", "ke", "per"]) {
    if (word.startsWith(plain)) candidates.push(word.slice(plain.length));
  }
  const nasal = /^(me|pe)(ng|ny|n|m)?(.*)$/.exec(word);
  if (nasal && candidates.length === 0) {
    const [, , sound = "", rest = ""] = nasal;
    if (sound === "ny" && VOWEL.test(rest)) candidates.push(`s${rest}`);
    else if (sound === "n" && VOWEL.test(rest)) candidates.push(`t${rest}`);
    else if (sound === "m" && VOWEL.test(rest)) candidates.push(`p${rest}`);
    else if (sound === "ng" || sound === "n" || sound === "m") candidates.push(rest);
    else if (sound === "" && /^[lrwy]/.test(rest)) candidates.push(rest);
  }
  // Jakarta colloquial nasal prefix: "ngecek" -> cek, "ngadu" -> adu, "ngajuin" -> aju(in).
  const colloquial = /^(?:nge([^aiueo].*)|ng([aiueo].*))$/.exec(word);
  if (colloquial && candidates.length === 0) candidates.push(colloquial[1] ?? colloquial[2] ?? "");
  const found = candidates.find((candidate) => candidate.length >= MIN_STEM);
  return found ?? word;
}
