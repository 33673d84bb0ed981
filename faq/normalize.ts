import type { SlangCollision, SlangMap } from "./faq.schema.ts";
import { compileSlang, type SlangLexicon } from "./slang-lexicon.ts";

interface RawToken {
  text: string; // lower case
  upper: boolean; // written in capitals, e.g. "BKN"
}

const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;
const HAS_RUN_OF_THREE = /(\p{L})\1{2,}/u;
const RUN_OF_THREE = /(\p{L})\1{2,}/gu;
const RUN_OF_TWO = /(\p{L})\1+/gu;
const CUE_WINDOW = 3;

/**
 * Turns chat text into plain, lower-case Indonesian tokens joined by single spaces:
 * punctuation and emoji go, glued words/numbers are split, stretched letters collapse,
 * slang maps to standard words, and honorifics and fillers are dropped. Digits are kept.
 */
export function normalizeMessage(text: string, slang: SlangMap): string {
  const lexicon = compileSlang(slang);
  const raw = tokenize(text, lexicon);
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

function tokenize(text: string, lexicon: SlangLexicon): RawToken[] {
  const tokens: RawToken[] = [];
  for (const match of text.normalize("NFKC").matchAll(TOKEN)) {
    const original = match[0];
    const upper = original.length > 1 && original === original.toUpperCase() && /\p{L}/u.test(original);
    // Capitals glued to digits ("TK12345") are a code, not a word and a number.
    const pieces =
      upper && /\p{N}/u.test(original)
        ? [original.toLowerCase()]
        : splitGlued(original.toLowerCase(), lexicon);
    for (const piece of pieces) {
      tokens.push({ text: collapseRepeats(piece, lexicon), upper });
    }
  }
  return tokens;
}

/** "nik3201..." -> "nik 3201...", "200kb" -> "200 kb"; keeps codes like s1, p3k, thk2, a4. */
function splitGlued(token: string, lexicon: SlangLexicon): string[] {
  if (lexicon.known.has(token)) return [token];
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
function collapseRepeats(token: string, lexicon: SlangLexicon): string {
  if (lexicon.known.has(token) || !/\p{L}/u.test(token)) return token;
  if (HAS_RUN_OF_THREE.test(token)) {
    const double = token.replace(RUN_OF_THREE, "$1$1");
    if (lexicon.known.has(double)) return double;
    const single = token.replace(RUN_OF_TWO, "$1");
    return lexicon.known.has(single) || !lexicon.known.has(double) ? single : double;
  }
  const single = token.replace(RUN_OF_TWO, "$1");
  if (single !== token && lexicon.known.has(single)) return single;
  // Indonesian words do not end in a doubled letter, so "lupaa", "bisaa" are stretched ("kk", "ss" are known).
  return /(\p{L})\1$/u.test(token) ? token.slice(0, -1) : token;
}

function mapToken(tokens: RawToken[], index: number, lexicon: SlangLexicon): string[] {
  const token = tokens[index]!;
  const collision = lexicon.collisions.get(token.text);
  if (collision) return splitWords(resolveCollision(collision, tokens, index, lexicon));
  if (lexicon.honorifics.has(token.text)) return [];
  return lexicon.words.get(token.text) ?? [token.text];
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
    let matched = false;
    for (let length = 3; length >= 2 && !matched; length--) {
      if (i + length > words.length) continue;
      const replacement = lexicon.phrases.get(words.slice(i, i + length).join(" "));
      if (replacement) {
        out.push(...replacement);
        i += length;
        matched = true;
      }
    }
    if (!matched) {
      out.push(words[i]!);
      i++;
    }
  }
  return out;
}

function splitWords(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}
