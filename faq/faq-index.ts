import type { FaqEntry, IntentData, SlangMap } from "./faq.schema.ts";
import {
  type DenseIntentClassifier,
  type IntentClassifier,
  type TrainingText,
  trainIntentClassifier,
} from "./intent-classifier.ts";
import { normalizeMessage } from "./normalize.ts";
import { createPhraseIndex, type KeyMatches } from "./phrase-index.ts";
import { createWordDictionary } from "./word-dictionary.ts";

export interface FaqIndexSource {
  faq: readonly FaqEntry[];
  /** Example problem statements per form; their keys are category ids (snake_case, never a FAQ id). */
  intents?: Partial<IntentData>;
  slang: SlangMap;
  /** Messages about something else that share words with the domain, indexed as one topic of their own
   * (OUT_OF_SCOPE_KEY), so "lupa password wifi" finds its like there rather than the password FAQ. */
  outOfScope?: readonly string[];
  /** Trains the classifier beside the index on the normalised texts (default: the naive Bayes); another
   * classifier can be put in its place to compare them on the evaluation sets. */
  trainClassifier?: (texts: readonly TrainingText[]) => IntentClassifier;
}

/** The key of the out-of-scope examples: neither a FAQ id (kebab-case) nor a category id (snake_case). */
export const OUT_OF_SCOPE_KEY = "~out-of-scope";

/**
 * What `score` and `classify` say about one message, by key number (FaqIndex.keys): `keys[i]` has the index
 * score `scores[i]` and the classifier's probability `probabilities[i]`, for i < count, in the order the
 * index found them. `surest` is the classifier's highest probability over every key (0: no clue, or the
 * index found no key, when the classifier is not asked). Buffers reused by the next call.
 */
export interface FaqKeyMatches extends KeyMatches {
  probabilities: Float64Array;
  surest: number;
}

export interface FaqIndex {
  /** Every FAQ id, category id and OUT_OF_SCOPE_KEY, by number. */
  readonly keys: readonly string[];
  /** `score` and `classify` together by key number, for the router (thousands of keys, no maps). */
  match(normalised: string): FaqKeyMatches;
  /** The normaliser of this index (slang, typos, glued words split against the data's own words). */
  normalize(text: string): string;
  /** Similarity 0..1 of a normalised message to every FAQ entry and category sharing a term with it. */
  score(normalised: string): ReadonlyMap<string, number>;
  /** How many of the message's terms the data knows, and how many are foreign to the whole domain. */
  coverage(normalised: string): { known: number; foreign: number };
  /** Probability of each key by the classifier trained on the same texts (sums to 1; empty: no clue). */
  classify(normalised: string): ReadonlyMap<string, number>;
}

/**
 * One token index over FAQ phrasings and category examples, so both are scored on the same scale
 * with the same term weights (see faq/README.md). Built once; a rebuild is needed to add phrasings.
 */
export function createFaqIndex(source: FaqIndexSource): FaqIndex {
  const intents = Object.entries(source.intents ?? {}).flatMap(([key, intent]) =>
    intent ? [{ key, texts: intent.examples, title: intent.title }] : [],
  );
  const dictionary = createWordDictionary([
    ...source.faq.flatMap((entry) => [entry.question, entry.answer, ...entry.phrasings]),
    ...intents.flatMap((intent) => [intent.title, ...intent.texts]),
  ]);
  const normalize = (text: string) => normalizeMessage(text, source.slang, dictionary);
  const texts = [
    ...source.faq.flatMap((entry) =>
      [entry.question, ...entry.phrasings].map((text) => ({ key: entry.id, text: normalize(text) })),
    ),
    ...intents.flatMap((intent) => intent.texts.map((text) => ({ key: intent.key, text: normalize(text) }))),
    ...(source.outOfScope ?? []).map((text) => ({ key: OUT_OF_SCOPE_KEY, text: normalize(text) })),
  ];
  const index = createPhraseIndex(texts, {
    isDomainWord: (term) => dictionary.stems.has(term) || dictionary.words.has(term),
    offTopicKey: OUT_OF_SCOPE_KEY,
  });
  const classifier = (source.trainClassifier ?? trainIntentClassifier)(texts);
  const probabilitiesOf = denseProbabilities(classifier, index.keys);
  const matches: FaqKeyMatches = {
    count: 0,
    keys: new Int32Array(0),
    scores: new Float64Array(0),
    probabilities: new Float64Array(index.keys.length),
    surest: 0,
  };
  return {
    keys: index.keys,
    match(normalised) {
      const found = index.match(normalised);
      matches.count = found.count;
      matches.keys = found.keys;
      matches.scores = found.scores;
      matches.surest = probabilitiesOf(normalised, found, matches.probabilities);
      return matches;
    },
    normalize,
    score: (normalised) => index.score(normalised),
    coverage: (normalised) => index.coverage(normalised),
    classify: (normalised) => classifier.probabilities(normalised),
  };
}

/**
 * Reads the classifier's probability of each key the index found into `into` (parallel to found.keys) and
 * returns the highest probability of all. The naive Bayes gives an array over its own key order (mapped to
 * the index's numbers once); a classifier put in its place for comparison may give only a map.
 */
function denseProbabilities(
  classifier: IntentClassifier,
  keys: readonly string[],
): (normalised: string, found: KeyMatches, into: Float64Array) => number {
  if (isDense(classifier)) {
    const classifierNumber = new Map(classifier.keys.map((key, k) => [key, k]));
    const slot = Int32Array.from(keys, (key) => classifierNumber.get(key) ?? -1);
    return (normalised, found, into) => {
      // With no key found there is nothing to add a vote to, and nothing is on topic to doubt.
      if (found.count === 0) return 0;
      const dense = classifier.dense(normalised);
      for (let i = 0; i < found.count; i++) {
        const k = slot[found.keys[i]!]!;
        into[i] = dense && k >= 0 ? dense.weights[k]! / dense.sum : 0;
      }
      // The largest weight is exp(0) = 1: the surest key has 1 / sum.
      return dense ? 1 / dense.sum : 0;
    };
  }
  return (normalised, found, into) => {
    const probabilities = classifier.probabilities(normalised);
    for (let i = 0; i < found.count; i++) into[i] = probabilities.get(keys[found.keys[i]!]!) ?? 0;
    let surest = 0;
    for (const probability of probabilities.values()) surest = Math.max(surest, probability);
    return surest;
  };
}

function isDense(classifier: IntentClassifier): classifier is DenseIntentClassifier {
  return "dense" in classifier && "keys" in classifier;
}
