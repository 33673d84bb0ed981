import { contentTerms, createCachedStemmer } from "./terms.ts";

/** One normalised training text for `key` (a FAQ id or a category id). */
export interface TrainingText {
  key: string;
  text: string;
}

export interface IntentClassifier {
  /** Posterior probability (0..1, summing to 1) of each key for an already normalised message. */
  probabilities(normalisedQuery: string): ReadonlyMap<string, number>;
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
  // log p(f|k) = log(count + s) - log(total + s·V). Split into the part every key gets for any seen feature
  // (log s - log(total + s·V), `unseen`) and a gain only for the keys that had it: sparse postings, so the
  // cost is the keys that share the message's features, not features x all keys.
  const unseen = new Float64Array(keys.length);
  for (let k = 0; k < keys.length; k++)
    unseen[k] = Math.log(smoothing / (totals[k]! + smoothing * vocabulary));
  const postings = new Map<string, { keys: Int32Array; gains: Float64Array }>();
  for (const [feature, row] of counts) {
    const owners: number[] = [];
    const gains: number[] = [];
    row.forEach((count, k) => {
      if (count > 0) {
        owners.push(k);
        gains.push(Math.log((count + smoothing) / smoothing));
      }
    });
    postings.set(feature, { keys: Int32Array.from(owners), gains: Float64Array.from(gains) });
  }
  const logits = new Float64Array(keys.length);

  return {
    probabilities(normalisedQuery) {
      const features = featuresOf(normalisedQuery, stemWord, charWeight);
      let mass = 0;
      logits.fill(0);
      for (const [feature, weight] of features) {
        const posting = postings.get(feature);
        if (!posting) continue; // a feature no key has seen says nothing about which key it is
        mass += weight;
        const { keys: owners, gains } = posting;
        for (let i = 0; i < owners.length; i++) logits[owners[i]!]! += weight * gains[i]!;
      }
      if (mass === 0) return NO_PROBABILITIES;
      const scale = 1 / mass ** temperature;
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < keys.length; k++) {
        logits[k] = (logits[k]! + mass * unseen[k]!) * scale;
        if (logits[k]! > max) max = logits[k]!;
      }
      let sum = 0;
      for (let k = 0; k < keys.length; k++) {
        logits[k] = Math.exp(logits[k]! - max);
        sum += logits[k]!;
      }
      const probabilities = new Float64Array(keys.length);
      for (let k = 0; k < keys.length; k++) probabilities[k] = logits[k]! / sum;
      return new KeyProbabilities(keys, keyIndex, probabilities);
    },
  };
}

const NO_PROBABILITIES: ReadonlyMap<string, number> = new Map();

/**
 * Every key's probability as a read-only map over one array: with thousands of FAQ entries, filling a Map
 * with every key on every message cost more than the scoring itself, and the router reads only a few.
 */
class KeyProbabilities implements ReadonlyMap<string, number> {
  constructor(
    private readonly names: readonly string[],
    private readonly index: ReadonlyMap<string, number>,
    private readonly values_: Float64Array,
  ) {}

  get size(): number {
    return this.names.length;
  }

  get(key: string): number | undefined {
    const k = this.index.get(key);
    return k === undefined ? undefined : this.values_[k];
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  *entries(): MapIterator<[string, number]> {
    for (let k = 0; k < this.names.length; k++) yield [this.names[k]!, this.values_[k]!];
  }

  keys(): MapIterator<string> {
    return this.names.values();
  }

  values(): MapIterator<number> {
    return this.values_.values();
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  forEach(callback: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (let k = 0; k < this.names.length; k++) callback(this.values_[k]!, this.names[k]!, this);
  }
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
