/**
 * Typo correction of a message word the index does not know, with fuse.js (design: faq/README.md).
 *
 * Fuse runs its Bitap matcher over every record it holds, about 3 µs a record here, so one Fuse over the
 * whole vocabulary (~340 terms) costs ~0.6 ms a word (~0.9 ms with Fuse's default options). The
 * vocabulary is therefore cut into buckets by first letter and length, and a word is searched only in the
 * buckets it could be a typo of: its own first letter, its length ± the typos it may contain (≤ 14 terms a
 * bucket, ~25 µs for a word never seen; repeats come from the memo). Keeping the first letter costs the
 * rare typo there and buys fewer false corrections: Indonesian is full of real words one first letter
 * apart (bandung/kandung, kurang/curang, bilang/hilang).
 *
 * Patterns are single words, far below Bitap's 32-character limit. Bitap finds the pattern anywhere in
 * the text, so "passwor" would match "password" with no error: the match is checked the other way too
 * (`Fuse.match`), and the typos counted are the larger of both directions and the length difference.
 */
import Fuse, { type IFuseOptions } from "fuse.js";

/** A vocabulary word a misspelt word was taken for, with how sure that is (0..1). */
export interface Correction {
  term: string;
  similarity: number;
}

export interface TypoCorrector {
  /** The closest vocabulary word within the allowed number of typos, or null. */
  correct(word: string): Correction | null;
}

// Shorter words are too ambiguous to correct (resep/reset, ktp/kts).
const MIN_LENGTH = 6;
// Fuse's threshold: with ignoreLocation its score is typos per letter of the word, so this allows one typo
// in 6 letters, two from 7 (a swap of neighbours, "catpcha", is two to Bitap) and three from 11.
const TYPOS_PER_LETTER = 0.29;
const FUSE_OPTIONS: IFuseOptions<string> = {
  includeScore: true,
  ignoreLocation: true,
  isCaseSensitive: true, // words arrive lower-cased; skips a toLowerCase per record
  threshold: TYPOS_PER_LETTER,
};
// Candidates per bucket checked both ways; the best of a bucket is nearly always among the first few.
const CANDIDATES_PER_BUCKET = 3;
const MAX_CACHED = 5000;

/** Built once per index; keeps the answer for every word it was asked about (bounded). */
export function createTypoCorrector(vocabulary: Iterable<string>): TypoCorrector {
  const buckets = new Map<string, string[]>();
  for (const term of vocabulary) {
    if (/\d/.test(term)) continue;
    const key = bucketKey(term, term.length);
    const terms = buckets.get(key);
    if (terms) terms.push(term);
    else buckets.set(key, [term]);
  }
  const searchers = new Map([...buckets].map(([key, terms]) => [key, new Fuse(terms, FUSE_OPTIONS)]));
  const cache = new Map<string, Correction | null>();

  function lookup(word: string): Correction | null {
    const maxTypos = Math.floor(word.length * TYPOS_PER_LETTER);
    let best: Correction | null = null;
    for (let length = word.length - maxTypos; length <= word.length + maxTypos; length++) {
      const fuse = searchers.get(bucketKey(word, length));
      if (!fuse) continue;
      for (const { item: term, score = 1 } of fuse.search(word, { limit: CANDIDATES_PER_BUCKET })) {
        const back = Fuse.match(term, word, FUSE_OPTIONS);
        if (!back.isMatch) continue;
        const typos = Math.max(
          Math.round(score * word.length),
          Math.round(back.score * term.length),
          Math.abs(term.length - word.length),
        );
        if (typos > maxTypos) continue;
        const similarity = (1 - typos / Math.max(word.length, term.length)) ** 2;
        if (!best || similarity > best.similarity || (similarity === best.similarity && term < best.term)) {
          best = { term, similarity };
        }
      }
    }
    return best;
  }

  return {
    correct(word) {
      if (word.length < MIN_LENGTH || /\d/.test(word)) return null;
      const cached = cache.get(word);
      if (cached !== undefined) return cached;
      const found = lookup(word);
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(word, found);
      return found;
    },
  };
}

function bucketKey(word: string, length: number): string {
  return `${word.charAt(0)}${length}`;
}
