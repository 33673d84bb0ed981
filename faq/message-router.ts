/**
 * Message routing: FAQ answer, helpdesk form (category), or "unknown" (offer the menu).
 *
 * Two content scores, both 0..1 from the same token index (phrase-index.ts):
 * - faq: the best FAQ entry for the message (faq-search.ts);
 * - category: the best category, the higher of (a) similarity to that category's example problem
 *   statements (intents.json) and (b) FAQ_VOTE x the score of a FAQ entry whose categoryId is that form
 *   (an entry about a problem is evidence for the form that solves it, a little weaker than (a)).
 * Nothing is routed unless one of the two reaches MIN_CONTENT_SCORE: greetings, thanks, off-topic text
 * and gibberish share no content with the data and stay "unknown", whatever their cues. A form also
 * needs MIN_FORM_SCORE of its own.
 * Then the surface cues (router-cues.ts) tilt the comparison: a question (question word, "?") moves
 * weight toward the FAQ, a personal problem (saya/aku, lupa/gagal/mau cek, a typed number) toward the
 * form, by CUE_SHIFT each way. A message that asks nothing also leans to the form (STATEMENT_BIAS):
 * a bare problem statement ("nik dipakai orang lain") asks for help rather than for information.
 */
import type { CategoryId } from "./category-ids.ts";
import type { FaqEntry, IntentData, SlangMap } from "./faq.schema.ts";
import { createFaqSearch, type FaqMatch } from "./faq-search.ts";
import { normalizeMessage } from "./normalize.ts";
import { createPhraseIndex } from "./phrase-index.ts";
import { readCues } from "./router-cues.ts";

export type RouteIntent = CategoryId | "faq" | "unknown";

export interface Route {
  intent: RouteIntent;
  /** Best FAQ matches first, up to 3 (also for categories and unknown, as suggestions). */
  faq: FaqMatch[];
  /** Score of the best category, when any category matched at all. */
  categoryScore?: number;
}

export interface MessageRouter {
  route(text: string): Route;
}

export interface RouterData {
  faq: FaqEntry[];
  intents: IntentData;
  slang: SlangMap;
}

const FAQ_VOTE = 0.85;
const MIN_CONTENT_SCORE = 0.35;
const MIN_SUGGESTION_SCORE = 0.2;
// A form costs the applicant more than an answer, so a weak category match never sends them to one.
const MIN_FORM_SCORE = 0.4;
const CUE_SHIFT = 0.15;
const STATEMENT_BIAS = 0.1;
const FAQ_CANDIDATES = 8;
const FAQ_SHOWN = 3;

export function createMessageRouter(data: RouterData): MessageRouter {
  const faqSearch = createFaqSearch(data.faq, data.slang);
  const categoryOf = new Map<string, CategoryId>();
  for (const entry of data.faq) if (entry.categoryId) categoryOf.set(entry.id, entry.categoryId);
  const intentIndex = createPhraseIndex(
    (Object.entries(data.intents) as [CategoryId, IntentData[CategoryId]][]).flatMap(([categoryId, intent]) =>
      intent.examples.map((example) => ({ key: categoryId, text: normalizeMessage(example, data.slang) })),
    ),
  );

  return {
    route(text) {
      const normalised = normalizeMessage(text, data.slang);
      const matches = faqSearch.search(text, FAQ_CANDIDATES);
      const faq = matches.filter((match) => match.score >= MIN_SUGGESTION_SCORE).slice(0, FAQ_SHOWN);
      const category = bestCategory(intentIndex.score(normalised), matches, categoryOf);
      const faqScore = matches[0]?.score ?? 0;
      const categoryScore = category?.score ?? 0;
      const withScore = category ? { categoryScore: round(categoryScore) } : {};

      if (Math.max(faqScore, categoryScore) < MIN_CONTENT_SCORE) {
        return { intent: "unknown", faq, ...withScore };
      }
      const cues = readCues(text, normalised);
      const tilt = CUE_SHIFT * (cues.problem - cues.question);
      const bias = cues.question === 0 ? STATEMENT_BIAS : 0;
      const formWins =
        category && categoryScore >= MIN_FORM_SCORE && categoryScore + tilt + bias >= faqScore - tilt;
      return { intent: formWins ? category.id : "faq", faq, ...withScore };
    },
  };
}

function bestCategory(
  intentScores: Map<string, number>,
  faqMatches: readonly FaqMatch[],
  categoryOf: ReadonlyMap<string, CategoryId>,
): { id: CategoryId; score: number } | null {
  const scores = new Map<CategoryId, number>(intentScores as Map<CategoryId, number>);
  for (const match of faqMatches) {
    const id = categoryOf.get(match.id);
    if (id) scores.set(id, Math.max(scores.get(id) ?? 0, FAQ_VOTE * match.score));
  }
  let best: { id: CategoryId; score: number } | null = null;
  for (const [id, score] of scores) if (!best || score > best.score) best = { id, score };
  return best;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
