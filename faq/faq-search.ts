/**
 * FAQ search over the entries alone (no categories): the same index the router uses, see faq/README.md
 * for the design (token index with idf weights, fuse.js for the typos of single words, F-beta per
 * phrasing; fuse.js does not match whole messages because of its 32-character pattern limit and its cost).
 */
import type { FaqEntry, SlangMap } from "./faq.schema.ts";
import { createFaqIndex } from "./faq-index.ts";

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
  const index = createFaqIndex({ faq: entries, slang });
  return {
    search(text, limit = DEFAULT_LIMIT) {
      const scores = index.score(index.normalize(text));
      return [...scores]
        .map(([id, score]) => ({ id, score: Math.round(score * 1000) / 1000 }))
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
        .slice(0, limit);
    },
  };
}
