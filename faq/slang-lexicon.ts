import type { SlangCollision, SlangMap } from "./faq.schema.ts";

/** A SlangMap prepared for lookups; built once per map object and cached. */
export interface SlangLexicon {
  /** token -> replacement tokens (an empty array drops the token) */
  words: Map<string, string[]>;
  /** "a b" / "a b c" (already word-mapped tokens) -> replacement tokens */
  phrases: Map<string, string[]>;
  /** First words of the phrases, so most words skip the phrase lookup. */
  phraseStarts: Set<string>;
  honorifics: Set<string>;
  fillers: Set<string>;
  collisions: Map<string, SlangCollision>;
  /** Every spelling we recognise; used to decide how far repeated letters collapse. */
  known: Set<string>;
}

const cache = new WeakMap<SlangMap, SlangLexicon>();

export function compileSlang(slang: SlangMap): SlangLexicon {
  const cached = cache.get(slang);
  if (cached) return cached;
  const words = new Map<string, string[]>();
  for (const group of Object.values(slang.groups)) {
    for (const [key, value] of Object.entries(group)) words.set(key, splitWords(value));
  }
  const phrases = new Map<string, string[]>();
  for (const [key, value] of Object.entries(slang.phrases)) phrases.set(key, splitWords(value));

  const known = new Set<string>([...slang.honorifics, ...slang.fillers, ...slang.keepDouble]);
  for (const [key, value] of words) {
    known.add(key);
    for (const word of value) known.add(word);
  }
  for (const [key, value] of phrases) {
    for (const word of [...splitWords(key), ...value]) known.add(word);
  }
  for (const [key, collision] of Object.entries(slang.collisions)) {
    known.add(key);
    for (const word of [...splitWords(collision.domain), ...splitWords(collision.generic)]) known.add(word);
  }
  const lexicon: SlangLexicon = {
    words,
    phrases,
    phraseStarts: new Set([...phrases.keys()].map((key) => key.split(" ")[0]!)),
    honorifics: new Set(slang.honorifics),
    fillers: new Set(slang.fillers),
    collisions: new Map(Object.entries(slang.collisions)),
    known,
  };
  cache.set(slang, lexicon);
  return lexicon;
}

function splitWords(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}
