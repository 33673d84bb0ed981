import { stem } from "./stem.ts";
import { STOPWORDS } from "./terms.ts";

/** Words known from the FAQ data itself; lets the normaliser split glued words ("statustiket"). */
export interface WordDictionary {
  /** Lower-case words as written in the data, plus the stopwords. */
  words: ReadonlySet<string>;
  /** Their stems, so an inflected form of a known word ("menyampaikan") is known too. */
  stems: ReadonlySet<string>;
}

const WORD = /\p{L}+/gu;

/** Collects the words of the given texts (questions, phrasings, answers, examples); built once. */
export function createWordDictionary(texts: Iterable<string>): WordDictionary {
  const words = new Set<string>(STOPWORDS);
  for (const text of texts) {
    for (const match of text.toLowerCase().matchAll(WORD)) words.add(match[0]);
  }
  const stems = new Set<string>();
  for (const word of words) stems.add(stem(word));
  return { words, stems };
}

export const EMPTY_DICTIONARY: WordDictionary = { words: STOPWORDS, stems: new Set() };
