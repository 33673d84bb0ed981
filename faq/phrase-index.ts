import { contentTerms, createCachedStemmer } from "./terms.ts";
import { createTypoCorrector } from "./typo-corrector.ts";

/** One normalised phrasing that stands for `key` (a FAQ id or a category id). */
export interface IndexedPhrase {
  key: string;
  text: string;
}

export interface PhraseIndexOptions {
  /** Whether a word the index lacks still belongs to the domain (it appears in an answer, say). */
  isDomainWord?: (term: string) => boolean;
  /** The key of off-topic examples: its words are indexed, but stay foreign to the domain. */
  offTopicKey?: string;
}

/**
 * The keys one search found, by number (see PhraseIndex.keys), in the order they were first found, with
 * their similarity: `keys[i]` scored `scores[i]` for i < count. Buffers reused by the next search.
 */
export interface KeyMatches {
  count: number;
  keys: Int32Array;
  scores: Float64Array;
}

export interface PhraseIndex {
  /** The keys in the order of their numbers (first appearance among the phrases). */
  readonly keys: readonly string[];
  /** Similarity (0..1) of the normalised query to each key; keys with no overlap are absent. */
  score(normalisedQuery: string): ReadonlyMap<string, number>;
  /** `score` by key number, without a map: for callers that go through thousands of keys per message. */
  match(normalisedQuery: string): KeyMatches;
  /** How many of the query's terms the index knows (or corrects), and how many are foreign to the domain. */
  coverage(normalisedQuery: string): { known: number; foreign: number };
}

interface Hit {
  term: string;
  /** idf x similarity: what this message word contributes to a phrasing that contains `term`. */
  value: number;
}

// An unmatched message word still counts against the match, as much as a fairly common FAQ word; a word
// foreign to the whole domain ("bola", "netflix") counts more: it is a sign the message is off-topic.
const UNKNOWN_TERM_WEIGHT = 1;
const FOREIGN_TERM_WEIGHT = 2;
// Long messages tell a story around the question, so their recall is low by nature: up to this many
// terms the score is F1, above it precision counts more (F-beta with beta^2 = LONG_QUERY_TERMS / terms).
const LONG_QUERY_TERMS = 5;
const MIN_BETA_SQUARED = 0.25;
// An entry's phrasings together cover more of the topic than any single one ("file transkrip pdf?" draws
// on three phrasings): the share of the message the whole entry explains counts too, discounted.
const BAG_WEIGHT = 0.5;

/**
 * Token-level index over short normalised phrasings (design: faq/README.md). Terms are weighted by idf
 * over keys, so a word shared by every entry ("akun") weighs little and a rare one ("dapodik") decides.
 * A search costs the postings of the message's terms, never a pass over all phrasings.
 */
export function createPhraseIndex(
  phrases: readonly IndexedPhrase[],
  options: PhraseIndexOptions = {},
): PhraseIndex {
  const isDomainWord = options.isDomainWord ?? (() => true);
  const keys = [...new Set(phrases.map((phrase) => phrase.key))];
  const keyNumber = new Map(keys.map((key, index) => [key, index]));
  const rawDocs = phrases
    .map((phrase) => ({ key: keyNumber.get(phrase.key)!, terms: contentTerms(phrase.text) }))
    .filter((doc) => doc.terms.length > 0);

  const keysByTerm = new Map<string, Set<number>>();
  for (const doc of rawDocs) {
    for (const term of doc.terms) {
      const owners = keysByTerm.get(term) ?? new Set<number>();
      owners.add(doc.key);
      keysByTerm.set(term, owners);
    }
  }
  const idf = new Map<string, number>();
  for (const [term, owners] of keysByTerm) idf.set(term, Math.log(1 + keys.length / owners.size));

  // Per phrasing, by number: its key and the sum of its terms' idf (typed arrays: read for every posting).
  const docKey = Int32Array.from(rawDocs, (doc) => doc.key);
  const docWeight = Float64Array.from(rawDocs, (doc) => sum(doc.terms.map((t) => idf.get(t)!)));
  const postingLists = new Map<string, number[]>();
  rawDocs.forEach((doc, index) => {
    for (const term of doc.terms) {
      const list = postingLists.get(term);
      if (list) list.push(index);
      else postingLists.set(term, [index]);
    }
  });
  const postings = new Map([...postingLists].map(([term, list]) => [term, Int32Array.from(list)]));
  const keyPostings = new Map([...keysByTerm].map(([term, owners]) => [term, Int32Array.from(owners)]));

  // Scratch accumulators reused by every search (a search never yields, so one at a time is guaranteed).
  const docMatched = new Float64Array(rawDocs.length);
  const keyBag = new Float64Array(keys.length);
  const keyBest = new Float64Array(keys.length);
  const touchedDocs = new Int32Array(rawDocs.length);
  const touchedKeys = new Int32Array(keys.length);
  const found: KeyMatches = {
    count: 0,
    keys: new Int32Array(keys.length),
    scores: new Float64Array(keys.length),
  };

  // Words of the off-topic examples only are indexed (they match those examples) but stay foreign: they
  // are no typo targets ("kereta" is not "kerja") and count as foreign in `coverage`.
  const domainTerms = new Set(
    rawDocs.filter((doc) => keys[doc.key] !== options.offTopicKey).flatMap((doc) => doc.terms),
  );
  const typos = createTypoCorrector(domainTerms);
  const stemWord = createCachedStemmer();

  /** The message's terms as index hits (best similarity per term) and the total weight of the message. */
  function resolve(words: readonly string[]): { hits: Hit[]; weight: number; foreign: number } {
    const hits = new Map<string, number>();
    let weight = 0;
    let foreign = 0;
    for (const word of words) {
      const exact = idf.get(word);
      if (exact !== undefined) {
        weight += exact;
        hits.set(word, exact);
        continue;
      }
      const fixed = typos.correct(word);
      if (fixed) {
        const value = idf.get(fixed.term)! * fixed.similarity;
        weight += idf.get(fixed.term)!;
        if (value > (hits.get(fixed.term) ?? 0) && value > 0) hits.set(fixed.term, value);
        continue;
      }
      if (isDomainWord(word)) weight += UNKNOWN_TERM_WEIGHT;
      else {
        weight += FOREIGN_TERM_WEIGHT;
        foreign++;
      }
    }
    return { hits: [...hits].map(([term, value]) => ({ term, value })), weight, foreign };
  }

  function match(normalisedQuery: string): KeyMatches {
    const words = contentTerms(normalisedQuery, stemWord);
    const { hits, weight: queryWeight } = resolve(words);
    let docCount = 0;
    let keyCount = 0;
    for (const { term, value } of hits) {
      const docList = postings.get(term);
      if (docList) {
        for (let i = 0; i < docList.length; i++) {
          const doc = docList[i]!;
          if (docMatched[doc] === 0) touchedDocs[docCount++] = doc;
          docMatched[doc]! += value;
        }
      }
      const keyList = keyPostings.get(term);
      if (keyList) {
        for (let i = 0; i < keyList.length; i++) {
          const key = keyList[i]!;
          if (keyBag[key] === 0) touchedKeys[keyCount++] = key;
          keyBag[key]! += value;
        }
      }
    }
    const betaSquared = Math.max(MIN_BETA_SQUARED, Math.min(1, LONG_QUERY_TERMS / Math.max(1, words.length)));
    const gain = 1 + betaSquared;
    const queryPart = betaSquared * queryWeight;
    for (let i = 0; i < keyCount; i++) {
      const key = touchedKeys[i]!;
      keyBest[key] = (BAG_WEIGHT * keyBag[key]!) / queryWeight;
    }
    for (let i = 0; i < docCount; i++) {
      const doc = touchedDocs[i]!;
      const matched = docMatched[doc]!;
      // F-beta of "how much of the message this phrasing explains" (recall, matched / query) and "how much
      // of the phrasing is in it" (precision, matched / phrasing): (1 + b²)·P·R / (b²·P + R), which is
      // (1 + b²)·matched / (b²·query + phrasing), one division for each phrasing the message touched.
      const f = (gain * matched) / (queryPart + docWeight[doc]!);
      const key = docKey[doc]!;
      if (f > keyBest[key]!) keyBest[key] = f;
      docMatched[doc] = 0;
    }
    for (let i = 0; i < keyCount; i++) {
      const key = touchedKeys[i]!;
      found.keys[i] = key;
      found.scores[i] = Math.min(1, keyBest[key]!);
      keyBag[key] = 0;
      keyBest[key] = 0;
    }
    found.count = keyCount;
    return found;
  }

  return {
    keys,
    match,
    coverage(normalisedQuery) {
      const { hits, foreign } = resolve(contentTerms(normalisedQuery, stemWord));
      const known = hits.filter((hit) => domainTerms.has(hit.term)).length;
      return { known, foreign: foreign + hits.length - known };
    },
    score(normalisedQuery) {
      const { count, keys: touched, scores } = match(normalisedQuery);
      return new KeyScores(keys, keyNumber, touched.slice(0, count), scores.slice(0, count));
    },
  };
}

/**
 * The scores of one search as a read-only map over two arrays, in the order the keys were first touched:
 * with thousands of FAQ entries a common word touches most of them, and a Map filled with every one cost
 * more than the search.
 */
class KeyScores implements ReadonlyMap<string, number> {
  #position: Map<number, number> | undefined;

  constructor(
    private readonly names: readonly string[],
    private readonly numbers: ReadonlyMap<string, number>,
    private readonly touched: Int32Array,
    private readonly scores: Float64Array,
  ) {}

  get size(): number {
    return this.touched.length;
  }

  get(key: string): number | undefined {
    const number = this.numbers.get(key);
    if (number === undefined) return undefined;
    if (!this.#position) {
      this.#position = new Map();
      for (let i = 0; i < this.touched.length; i++) this.#position.set(this.touched[i]!, i);
    }
    const i = this.#position.get(number);
    return i === undefined ? undefined : this.scores[i];
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  *entries(): MapIterator<[string, number]> {
    for (let i = 0; i < this.touched.length; i++) yield [this.names[this.touched[i]!]!, this.scores[i]!];
  }

  *keys(): MapIterator<string> {
    for (let i = 0; i < this.touched.length; i++) yield this.names[this.touched[i]!]!;
  }

  values(): MapIterator<number> {
    return this.scores.values();
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  forEach(callback: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (let i = 0; i < this.touched.length; i++)
      callback(this.scores[i]!, this.names[this.touched[i]!]!, this);
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
