import Fuse from "fuse.js";
import { contentTerms } from "./terms.ts";

/** One normalised phrasing that stands for `key` (a FAQ id or a category id). */
export interface IndexedPhrase {
  key: string;
  text: string;
}

export interface PhraseIndex {
  /** Best similarity (0..1) of the normalised query to any phrasing of each key; keys with no overlap are absent. */
  score(normalisedQuery: string): Map<string, number>;
}

interface Doc {
  key: string;
  terms: string[];
  weight: number; // sum of idf of its terms
}

interface ResolvedTerm {
  term: string | null; // vocabulary term it matched, or null when nothing matched
  similarity: number;
  weight: number;
}

// An unmatched message word still counts against the match, as much as a fairly common FAQ word.
const UNKNOWN_TERM_WEIGHT = 1;
// Typo correction: Bitap score ceiling (0 = exact) and the shortest word worth correcting.
const FUZZY_THRESHOLD = 0.34;
const FUZZY_MIN_LENGTH = 6;
const MAX_CACHED_CORRECTIONS = 5000;

/**
 * Token-level index over short normalised phrasings (see faq-search.ts for the design).
 * Terms are weighted by idf over keys, so a word shared by every entry ("akun") weighs little.
 */
export function createPhraseIndex(phrases: readonly IndexedPhrase[]): PhraseIndex {
  const keys = new Set(phrases.map((phrase) => phrase.key));
  const keysByTerm = new Map<string, Set<string>>();
  const rawDocs = phrases.map((phrase) => ({ key: phrase.key, terms: contentTerms(phrase.text) }));
  for (const doc of rawDocs) {
    for (const term of doc.terms) {
      const owners = keysByTerm.get(term) ?? new Set<string>();
      owners.add(doc.key);
      keysByTerm.set(term, owners);
    }
  }
  const idf = new Map<string, number>();
  for (const [term, owners] of keysByTerm) idf.set(term, Math.log(1 + keys.size / owners.size));

  const docs: Doc[] = rawDocs
    .filter((doc) => doc.terms.length > 0)
    .map((doc) => ({ ...doc, weight: sum(doc.terms.map((term) => idf.get(term) ?? 0)) }));
  const postings = new Map<string, number[]>();
  docs.forEach((doc, index) => {
    for (const term of doc.terms) {
      const list = postings.get(term);
      if (list) list.push(index);
      else postings.set(term, [index]);
    }
  });

  // Fuse searches single vocabulary words, so its 32-character Bitap limit never bites.
  const vocabulary = new Fuse([...idf.keys()], {
    includeScore: true,
    ignoreLocation: true,
    isCaseSensitive: true,
    threshold: FUZZY_THRESHOLD,
    minMatchCharLength: 3,
  });
  const corrections = new Map<string, { term: string; similarity: number } | null>();

  function correct(word: string): { term: string; similarity: number } | null {
    const cached = corrections.get(word);
    if (cached !== undefined) return cached;
    let best: { term: string; similarity: number } | null = null;
    for (const hit of vocabulary.search(word, { limit: 5 })) {
      const lengthGap = Math.abs(hit.item.length - word.length);
      // A short word inside a longer one ("siap" in "siapin") is not a typo of it.
      if (lengthGap > (word.length < 7 ? 1 : 2)) continue;
      // Squared: a corrected word is weaker evidence than a word spelled as in the FAQ.
      const similarity = ((1 - (hit.score ?? 1)) * (1 - 0.1 * lengthGap)) ** 2;
      if (!best || similarity > best.similarity) best = { term: hit.item, similarity };
    }
    if (corrections.size >= MAX_CACHED_CORRECTIONS) corrections.clear();
    corrections.set(word, best);
    return best;
  }

  function resolve(word: string): ResolvedTerm {
    const weight = idf.get(word);
    if (weight !== undefined) return { term: word, similarity: 1, weight };
    if (word.length >= FUZZY_MIN_LENGTH) {
      const fixed = correct(word);
      if (fixed) return { term: fixed.term, similarity: fixed.similarity, weight: idf.get(fixed.term) ?? 0 };
    }
    return { term: null, similarity: 0, weight: UNKNOWN_TERM_WEIGHT };
  }

  return {
    score(normalisedQuery) {
      const query = contentTerms(normalisedQuery).map(resolve);
      const queryWeight = sum(query.map((term) => term.weight));
      const similarityByTerm = new Map<string, { similarity: number; weight: number }>();
      const candidates = new Set<number>();
      for (const resolved of query) {
        if (resolved.term === null) continue;
        const previous = similarityByTerm.get(resolved.term);
        if (!previous || previous.similarity < resolved.similarity) {
          similarityByTerm.set(resolved.term, { similarity: resolved.similarity, weight: resolved.weight });
        }
        for (const index of postings.get(resolved.term) ?? []) candidates.add(index);
      }
      const best = new Map<string, number>();
      for (const index of candidates) {
        const doc = docs[index]!;
        let matched = 0;
        for (const term of doc.terms) {
          const hit = similarityByTerm.get(term);
          if (hit) matched += hit.weight * hit.similarity;
        }
        // F1 of "how much of the message this phrasing explains" and "how much of the phrasing is in the message".
        const recall = matched / queryWeight;
        const precision = matched / doc.weight;
        const f1 = recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0;
        if (f1 > (best.get(doc.key) ?? 0)) best.set(doc.key, f1);
      }
      return best;
    },
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
