import type { SlangCollision, SlangMap } from "./faq.schema.ts";
import { compileSlang, type SlangLexicon } from "./slang-lexicon.ts";
import { stem } from "./stem.ts";
import { EMPTY_DICTIONARY, type WordDictionary } from "./word-dictionary.ts";

interface RawToken {
  text: string; // lower case
  upper: boolean; // written in capitals, e.g. "BKN"
}

const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}/gu;
const HAS_RUN_OF_THREE = /(\p{L})\1{2,}/u;
const RUN_OF_THREE = /(\p{L})\1{2,}/gu;
const RUN_OF_TWO = /(\p{L})\1+/gu;
const CUE_WINDOW = 3;
// "muncul2", "berkali2", "dua2nya": a 2 glued to a word repeats the word (reduplication), it is no number.
const REDUPLICATION = /^(\p{L}{3,})2(\p{L}*)$/u;
const LETTERS = /^\p{L}+$/u;
const MIXED = /\p{L}\p{N}|\p{N}\p{L}/u;
const MIN_PART = 3;
const MAX_GLUED_LENGTH = 40;

/**
 * Turns chat text into plain, lower-case Indonesian tokens joined by single spaces:
 * punctuation and emoji go, glued words/numbers are split, stretched letters collapse,
 * slang maps to standard words, and honorifics and fillers are dropped. Digits are kept.
 */
export function normalizeMessage(
  text: string,
  slang: SlangMap,
  dictionary: WordDictionary = EMPTY_DICTIONARY,
): string {
  const lexicon = compileSlang(slang);
  const raw = tokenize(text, lexicon, dictionary);
  const mapped: string[] = [];
  for (let index = 0; index < raw.length; index++) mapped.push(...mapToken(raw, index, lexicon));
  const phrased = applyPhrases(mapped, lexicon);
  const out: string[] = [];
  for (const word of phrased) {
    if (lexicon.fillers.has(word)) continue;
    // Mapping can yield "eks eks thk2" from "eks k2"; keep one.
    if (out[out.length - 1] === word) continue;
    out.push(word);
  }
  return out.join(" ");
}

function tokenize(text: string, lexicon: SlangLexicon, dictionary: WordDictionary): RawToken[] {
  const tokens: RawToken[] = [];
  // Accents go (Sundanese "kénéh", "sampéyan"): chat spells the same words with and without them.
  for (const match of text.normalize("NFKD").replace(COMBINING_MARKS, "").normalize("NFKC").matchAll(TOKEN)) {
    const original = match[0];
    const upper = original.length > 1 && original === original.toUpperCase() && /\p{L}/u.test(original);
    const lower = unreduplicate(original.toLowerCase(), lexicon);
    // Capitals glued to digits ("TK12345") are a code, not a word and a number.
    const pieces = upper && /\p{N}/u.test(lower) ? [lower] : splitGlued(lower, lexicon);
    for (const piece of pieces) {
      const collapsed = collapseRepeats(piece, lexicon, dictionary);
      for (const word of splitWord(collapsed, lexicon, dictionary)) tokens.push({ text: word, upper });
    }
  }
  return tokens;
}

function unreduplicate(token: string, lexicon: SlangLexicon): string {
  if (lexicon.known.has(token)) return token;
  const match = REDUPLICATION.exec(token);
  return match ? `${match[1]}${match[2]}` : token;
}

/**
 * Words the data does not know are tried as clitics and glued words, only when the parts are known:
 * "pengaduanku" -> "pengaduan saya" (-ku = my), "resetin" -> "reset" (Jakarta -in = -kan),
 * "statustiket" -> "status tiket". A known word or an inflection of one is never split.
 */
function splitWord(token: string, lexicon: SlangLexicon, dictionary: WordDictionary): string[] {
  // Every cut below copies and stems both halves: time grows with the square of the length. Two glued
  // words are never this long, so a longer "word" (a pasted run of letters) is left whole.
  if (token.length > MAX_GLUED_LENGTH) return [token];
  if (token.length < 2 * MIN_PART || isKnown(token, lexicon, dictionary) || !LETTERS.test(token))
    return [token];
  const known = (word: string) => isKnown(word, lexicon, dictionary);
  const knownForm = (word: string) => known(word) || dictionary.stems.has(stem(word));
  if (known(token)) return [token];
  // Checked before inflections: the stemmer would read "tiketku" as a known form of "tiket" and lose the "my".
  const base = token.slice(0, -2);
  if (token.endsWith("ku") && knownForm(base)) return [base, "saya"];
  if (token.endsWith("in") && knownForm(base)) return [base];
  if (knownForm(token)) return [token];
  let best: [string, string] | undefined;
  for (let cut = MIN_PART; cut <= token.length - MIN_PART; cut++) {
    const head = token.slice(0, cut);
    const tail = token.slice(cut);
    if (!known(head) || !knownForm(tail)) continue;
    // Prefer the most even split: "lupapassword" is lupa+password, not a short word plus a fragment.
    if (!best || Math.min(cut, tail.length) > Math.min(best[0].length, best[1].length)) best = [head, tail];
  }
  return best ?? [token];
}

/** "nik3201..." -> "nik 3201...", "200kb" -> "200 kb"; keeps codes like s1, p3k, thk2, a4. */
function splitGlued(token: string, lexicon: SlangLexicon): string[] {
  if (lexicon.known.has(token) || !MIXED.test(token)) return [token];
  const parts = token.match(/\p{L}+|\p{N}+/gu) ?? [token];
  if (parts.length < 2) return [token];
  // More than one letter/digit switch ("8h2kq", "abc12de") is a code such as a ticket number: keep it.
  if (parts.length > 2) return [token];
  const lettersAreInitials = parts.every((part) => /\p{N}/u.test(part) || part.length === 1);
  return lettersAreInitials ? [token] : parts;
}

/**
 * "tolonggg" -> "tolong", "maaaf" -> "maaf". Runs of 3+ letters shrink to two when that spelling is
 * known (real double letters are rare in Indonesian), otherwise every run shrinks to one letter.
 */
function isKnown(word: string, lexicon: SlangLexicon, dictionary: WordDictionary): boolean {
  return lexicon.known.has(word) || dictionary.words.has(word);
}

function collapseRepeats(token: string, lexicon: SlangLexicon, dictionary: WordDictionary): string {
  if (isKnown(token, lexicon, dictionary) || !/\p{L}/u.test(token)) return token;
  if (!/(\p{L})\1/u.test(token)) return token;
  const known = (word: string) => isKnown(word, lexicon, dictionary);
  if (HAS_RUN_OF_THREE.test(token)) {
    const double = token.replace(RUN_OF_THREE, "$1$1");
    if (known(double)) return double;
    const single = token.replace(RUN_OF_TWO, "$1");
    return known(single) || !known(double) ? single : double;
  }
  const single = token.replace(RUN_OF_TWO, "$1");
  if (single !== token && known(single)) return single;
  // Indonesian words do not end in a doubled letter, so "lupaa", "bisaa" are stretched ("kk", "ss" are known).
  return /(\p{L})\1$/u.test(token) ? token.slice(0, -1) : token;
}

function mapToken(tokens: RawToken[], index: number, lexicon: SlangLexicon): string[] {
  const token = tokens[index]!;
  const collision = lexicon.collisions.get(token.text);
  if (collision) return splitWords(resolveCollision(collision, tokens, index, lexicon));
  if (lexicon.honorifics.has(token.text)) return [];
  const mapped = lexicon.words.get(token.text);
  if (mapped) return mapped;
  return (!lexicon.known.has(token.text) && mapAffixed(token.text, lexicon)) || [token.text];
}

const AFFIXED = /^(di|ke|ter)?(\p{L}{2,}?)(nya)?$/u;
const PREFIX_READING: Record<string, string> = { di: "di", ke: "ter", ter: "ter" };

/**
 * Slang inside an affixed word: "keupload" -> "terunggah" (colloquial ke- is ter-), "diaplod" ->
 * "diunggah", "pwnya" -> "password". Only when the bare word is in the slang map.
 */
function mapAffixed(token: string, lexicon: SlangLexicon): string[] | undefined {
  const match = AFFIXED.exec(token);
  if (!match || (!match[1] && !match[3])) return undefined;
  const mapped = lexicon.words.get(match[2]!);
  if (mapped?.length !== 1) return undefined;
  return [`${match[1] ? PREFIX_READING[match[1]] : ""}${mapped[0]}`];
}

/** Picks the domain or generic reading of an ambiguous token (kk, bkn, pg, pass) from its neighbours. */
function resolveCollision(
  collision: SlangCollision,
  tokens: RawToken[],
  index: number,
  lexicon: SlangLexicon,
): string {
  if (collision.uppercaseIsDomain && tokens[index]!.upper) return collision.domain;
  const neighbours = new Set<string>();
  let hasDigit = false;
  const from = Math.max(0, index - CUE_WINDOW);
  const to = Math.min(tokens.length - 1, index + CUE_WINDOW);
  for (let i = from; i <= to; i++) {
    if (i === index) continue;
    const text = tokens[i]!.text;
    if (/\p{N}/u.test(text)) hasDigit = true;
    neighbours.add(text);
    for (const word of lexicon.words.get(text) ?? []) neighbours.add(word);
  }
  const hasCue = (cues: readonly string[]) =>
    cues.some((cue) => (cue === "#digit" ? hasDigit : neighbours.has(cue)));
  if (hasCue(collision.cues)) return collision.domain;
  if (hasCue(collision.genericCues ?? [])) return collision.generic;
  if (collision.edgeIsGeneric && (index === 0 || index === tokens.length - 1)) return collision.generic;
  return collision.default === "domain" ? collision.domain : collision.generic;
}

function applyPhrases(words: string[], lexicon: SlangLexicon): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    const first = words[i]!;
    let replacement: string[] | undefined;
    let length = 0;
    // Only a word that starts some phrase is worth building the two- and three-word keys for.
    if (lexicon.phraseStarts.has(first) && i + 1 < words.length) {
      const two = `${first} ${words[i + 1]}`;
      const three = i + 2 < words.length ? lexicon.phrases.get(`${two} ${words[i + 2]}`) : undefined;
      if (three) {
        replacement = three;
        length = 3;
      } else {
        replacement = lexicon.phrases.get(two);
        length = 2;
      }
    }
    if (replacement) {
      out.push(...replacement);
      i += length;
    } else {
      out.push(first);
      i++;
    }
  }
  return out;
}

function splitWords(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}
