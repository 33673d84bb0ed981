import type { FaqEntry, IntentData, SlangMap } from "./faq.schema.ts";
import { type IntentClassifier, type TrainingText, trainIntentClassifier } from "./intent-classifier.ts";
import { normalizeMessage } from "./normalize.ts";
import { createPhraseIndex } from "./phrase-index.ts";
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

export interface FaqIndex {
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
  return {
    normalize,
    score: (normalised) => index.score(normalised),
    coverage: (normalised) => index.coverage(normalised),
    classify: (normalised) => classifier.probabilities(normalised),
  };
}
