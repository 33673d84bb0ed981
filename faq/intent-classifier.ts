import { contentTerms, createCachedStemmer } from "./terms.ts";

/** One normalised training text for `key` (a FAQ id or a category id). */
export interface TrainingText {
  key: string;
  text: string;
}

export interface IntentClassifier {
  /** Posterior probability (0..1, summing to 1) of each key for an already normalised message. */
  probabilities(normalisedQuery: string): Map<string, number>;
}

export interface ClassifierOptions {
  /** Additive smoothing of the feature counts. */
  smoothing?: number;
  /** Weight of a character n-gram feature against a word feature (there are many more of them). */
  charWeight?: number;
  /** Posteriors are flattened by this power of the feature count (NB overcounts correlated features). */
  temperature?: number;
}

/**
 * A multinomial naive Bayes over stemmed words, word pairs and character n-grams of the words, trained at
 * start from the FAQ phrasings and the category examples (design and what it scored: faq/README.md).
 * Words carry the meaning; character n-grams carry misspellings and regional spellings the typo corrector
 * does not reach (short words, several typos, "paswod"). Scoring costs features x keys additions.
 */
export function trainIntentClassifier(
  texts: readonly TrainingText[],
  options: ClassifierOptions = {},
): IntentClassifier {
  const smoothing = options.smoothing ?? 0.1;
  const charWeight = options.charWeight ?? 0.25;
  const temperature = options.temperature ?? 0.5;
  const stemWord = createCachedStemmer();
  const keys = [...new Set(texts.map((text) => text.key))];
  const keyIndex = new Map(keys.map((key, index) => [key, index]));

  const counts = new Map<string, Float64Array>();
  const totals = new Float64Array(keys.length);
  for (const { key, text } of texts) {
    const k = keyIndex.get(key)!;
    for (const [feature, weight] of featuresOf(text, stemWord, charWeight)) {
      let row = counts.get(feature);
      if (!row) {
        row = new Float64Array(keys.length);
        counts.set(feature, row);
      }
      row[k]! += weight;
      totals[k]! += weight;
    }
  }
  const vocabulary = counts.size;
  // log p(f|k) = log(count + s) - log(total + s·V); stored as the gain over an unseen feature.
  const unseen = new Float64Array(keys.length);
  for (let k = 0; k < keys.length; k++)
    unseen[k] = Math.log(smoothing / (totals[k]! + smoothing * vocabulary));
  const gains = new Map<string, Float64Array>();
  for (const [feature, row] of counts) {
    const gain = new Float64Array(keys.length);
    for (let k = 0; k < keys.length; k++) gain[k] = Math.log((row[k]! + smoothing) / smoothing);
    gains.set(feature, gain);
  }
  const logits = new Float64Array(keys.length);

  return {
    probabilities(normalisedQuery) {
      const features = featuresOf(normalisedQuery, stemWord, charWeight);
      let mass = 0;
      logits.fill(0);
      for (const [feature, weight] of features) {
        const gain = gains.get(feature);
        if (!gain) continue; // a feature no key has seen says nothing about which key it is
        mass += weight;
        for (let k = 0; k < keys.length; k++) logits[k]! += weight * (gain[k]! + unseen[k]!);
      }
      const result = new Map<string, number>();
      if (mass === 0) return result;
      const scale = 1 / mass ** temperature;
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < keys.length; k++) {
        logits[k]! *= scale;
        if (logits[k]! > max) max = logits[k]!;
      }
      let sum = 0;
      for (let k = 0; k < keys.length; k++) {
        logits[k] = Math.exp(logits[k]! - max);
        sum += logits[k]!;
      }
      for (let k = 0; k < keys.length; k++) result.set(keys[k]!, logits[k]! / sum);
      return result;
    },
  };
}

/** Word (stem) features weigh 1, consecutive word pairs 1, character 3- and 4-grams of each word charWeight. */
function featuresOf(
  normalised: string,
  stemWord: (word: string) => string,
  charWeight: number,
): Map<string, number> {
  const features = new Map<string, number>();
  const add = (feature: string, weight: number) =>
    features.set(feature, Math.max(features.get(feature) ?? 0, weight));
  const terms = contentTerms(normalised, stemWord);
  terms.forEach((term, index) => {
    add(`w:${term}`, 1);
    if (index > 0) add(`b:${terms[index - 1]} ${term}`, 1);
    const padded = `^${term}$`;
    for (let n = 3; n <= 4; n++) {
      for (let start = 0; start + n <= padded.length; start++)
        add(`c:${padded.slice(start, start + n)}`, charWeight);
    }
  });
  return features;
}
