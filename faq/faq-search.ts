/**
 * FAQ search.
 *
 * Design: Fuse's Bitap matcher compares a pattern of at most 32 characters, and whole chat messages
 * are longer and full of noise, so a message is never searched as one pattern. Instead:
 * 1. Every entry's question and phrasings are normalised once (normalize.ts), reduced to stemmed
 *    content terms (terms.ts, stem.ts) and indexed per phrasing (phrase-index.ts).
 * 2. A message is normalised the same way and searched term by term. A term that is in the index
 *    vocabulary is looked up exactly; an unknown term of 6+ letters is typo-corrected with Fuse over the
 *    vocabulary (single words, so the 32-character limit never applies) and counts with Fuse's
 *    similarity squared (shorter words are too ambiguous: resep/reset). Terms are weighted by idf
 *    over entries, so rare words ("dapodik") decide and common ones ("akun") barely count; message
 *    words that match nothing still weigh against the match.
 * 3. A phrasing scores the F1 of recall (weighted share of the message it explains) and precision
 *    (weighted share of the phrasing found in the message); an entry scores its best phrasing.
 * Build cost is paid once; a search touches only phrasings that share a term with the message.
 */
import type { FaqEntry, SlangMap } from "./faq.schema.ts";
import { normalizeMessage } from "./normalize.ts";
import { createPhraseIndex } from "./phrase-index.ts";

/** One FAQ hit; score is 0..1, 1 = closest. */
export interface FaqMatch {
  id: string;
  score: number;
}

export interface FaqSearch {
  /** Best matches first; only entries sharing at least one term with the message. */
  search(text: string, limit?: number): FaqMatch[];
}

const DEFAULT_LIMIT = 3;

export function createFaqSearch(entries: readonly FaqEntry[], slang: SlangMap): FaqSearch {
  const index = createPhraseIndex(
    entries.flatMap((entry) =>
      [entry.question, ...entry.phrasings].map((text) => ({
        key: entry.id,
        text: normalizeMessage(text, slang),
      })),
    ),
  );
  return {
    search(text, limit = DEFAULT_LIMIT) {
      const scores = index.score(normalizeMessage(text, slang));
      return [...scores]
        .map(([id, score]) => ({ id, score: Math.round(score * 1000) / 1000 }))
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
        .slice(0, limit);
    },
  };
}
