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

/** Every key's weight for one message, in a buffer the next call overwrites: key k has weights[k] / sum. */
export interface DenseProbabilities {
  weights: Float64Array;
  sum: number;
}

/**
 * A classifier that can also give every key's probability as an array over `keys`, so a router over
 * thousands of keys reads them by number instead of building and querying a map per message.
 */
export interface DenseIntentClassifier extends IntentClassifier {
  readonly keys: readonly string[];
  /** undefined when the message has no feature the training saw (no clue, as an empty map). */
  dense(normalisedQuery: string): DenseProbabilities | undefined;
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
 * does not reach (short words, several typos, "paswod"). Scoring costs the postings of the message's
 * features plus a pass over every key: the softmax's denominator needs them all.
 */
export function trainIntentClassifier(
  texts: readonly TrainingText[],
  options: ClassifierOptions = {},
): DenseIntentClassifier {
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
  // Postings of every feature by number, in one flat pair of arrays (feature f owns [starts[f], starts[f+1])).
  const featureNumber = new Map<string, number>();
  const featureWeight = new Float64Array(counts.size);
  const starts = new Int32Array(counts.size + 1);
  const owners: number[] = [];
  const gains: number[] = [];
  for (const [feature, row] of counts) {
    const f = featureNumber.size;
    featureNumber.set(feature, f);
    // The weight a message gives the feature (its kind's), multiplied into the gains once here.
    const weight = feature.startsWith("c:") ? charWeight : 1;
    featureWeight[f] = weight;
    row.forEach((count, k) => {
      if (count > 0) {
        owners.push(k);
        gains.push(weight * Math.log((count + smoothing) / smoothing));
      }
    });
    starts[f + 1] = owners.length;
  }
  const postingKeys = Int32Array.from(owners);
  const postingGains = Float64Array.from(gains);

  // A message's features by number, each once, in the order featuresOf lists them (the sums below then
  // add up in the same order as a map of features would). A term's own features are looked up once.
  const termFeatures = new Map<string, { word: number; chars: Int32Array }>();
  const featuresOfTerm = (term: string) => {
    let found = termFeatures.get(term);
    if (!found) {
      const chars: number[] = [];
      for (const gram of charGrams(term)) {
        const f = featureNumber.get(`c:${gram}`);
        if (f !== undefined && !chars.includes(f)) chars.push(f);
      }
      found = { word: featureNumber.get(`w:${term}`) ?? -1, chars: Int32Array.from(chars) };
      if (termFeatures.size >= MAX_CACHED_TERMS) termFeatures.clear();
      termFeatures.set(term, found);
    }
    return found;
  };
  // Which features the current message already has: stamped with the message's number, never cleared.
  const seenIn = new Uint32Array(counts.size);
  let message = 0;
  const queryFeatures: number[] = [];
  const logits = new Float64Array(keys.length);

  function dense(normalisedQuery: string): DenseProbabilities | undefined {
    if (++message === 0xffffffff) {
      seenIn.fill(0);
      message = 1;
    }
    queryFeatures.length = 0;
    const add = (f: number) => {
      if (f < 0 || seenIn[f] === message) return;
      seenIn[f] = message;
      queryFeatures.push(f);
    };
    const terms = contentTerms(normalisedQuery, stemWord);
    for (let i = 0; i < terms.length; i++) {
      const { word, chars } = featuresOfTerm(terms[i]!);
      add(word);
      if (i > 0) add(featureNumber.get(`b:${terms[i - 1]} ${terms[i]}`) ?? -1);
      for (const f of chars) add(f);
    }
    // A feature no key has seen says nothing about which key it is: a message with none has no clue.
    if (queryFeatures.length === 0) return undefined;
    let mass = 0;
    logits.fill(0);
    walk(queryFeatures, starts, postingKeys, postingGains, logits);
    for (const f of queryFeatures) mass += featureWeight[f]!;
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
    return { weights: logits, sum };
  }

  return {
    keys,
    dense,
    probabilities(normalisedQuery) {
      const found = dense(normalisedQuery);
      if (!found) return NO_PROBABILITIES;
      const probabilities = new Float64Array(keys.length);
      for (let k = 0; k < keys.length; k++) probabilities[k] = found.weights[k]! / found.sum;
      return new KeyProbabilities(keys, keyIndex, probabilities);
    },
  };
}

const MAX_CACHED_TERMS = 20_000;

/** Adds each feature's gains to the logits of the keys that had it (the hot loop: its own small function). */
function walk(
  features: readonly number[],
  starts: Int32Array,
  keys: Int32Array,
  gains: Float64Array,
  logits: Float64Array,
): void {
  for (let j = 0; j < features.length; j++) {
    const f = features[j]!;
    const end = starts[f + 1]!;
    for (let i = starts[f]!; i < end; i++) logits[keys[i]!]! += gains[i]!;
  }
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
    for (const gram of charGrams(term)) add(`c:${gram}`, charWeight);
  });
  return features;
}

/** Character 3- and 4-grams of a word marked at both ends ("^nik$": ^ni, nik, ik$, ^nik, nik$). */
function charGrams(term: string): string[] {
  const padded = `^${term}$`;
  const grams: string[] = [];
  for (let n = 3; n <= 4; n++) {
    for (let start = 0; start + n <= padded.length; start++) grams.push(padded.slice(start, start + n));
  }
  return grams;
}
