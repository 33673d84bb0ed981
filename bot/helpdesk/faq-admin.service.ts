import { insertAddedFaqEntry, insertAddedFaqPhrasing } from "../../db/faq-addition.repository.ts";
import { type FaqGapGroup, listFaqGaps } from "../../db/faq-gap.repository.ts";
import type { Db } from "../../db/index.ts";
import { addedFaqEntrySchema, addedPhrasingSchema, FAQ_PHASES, type FaqPhase } from "../../faq/faq.schema.ts";
import type { FaqRouting } from "../engine/routing.types.ts";

export interface FaqAuthor {
  id: string;
  name: string;
}

/** A missed question with the entry it most resembles, to suggest where a phrasing belongs. */
export interface FaqGapReport extends FaqGapGroup {
  closestFaqId?: string;
}

export type FaqAddResult =
  | { ok: true; faqId: string }
  | { ok: false; reason: "unavailable" | "unknown_faq" | "duplicate" }
  | { ok: false; reason: "invalid"; field: "phrasing" | "question" | "answer" | "phase" };

const DAY_MS = 24 * 60 * 60 * 1000;
export const GAP_LIST_LIMIT = 10;

/**
 * The learning loop for admins: what the bot missed, and adding phrasings or entries. Additions are
 * stored first and then applied to the live router, so they work at once and survive a restart.
 * Without a live router (`routing` not given) only the list of gaps works.
 */
export function createFaqAdminService(deps: { db: Db; routing?: FaqRouting; now?: () => Date }) {
  const { db, routing } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    async gaps(days: number): Promise<FaqGapReport[]> {
      const sinceIso = new Date(now().getTime() - days * DAY_MS).toISOString();
      const groups = await listFaqGaps(db, { sinceIso, limit: GAP_LIST_LIMIT });
      return groups.map((group) => {
        const closest = routing?.route(group.question).candidates.find((c) => c.kind === "faq");
        return closest ? { ...group, closestFaqId: closest.id } : group;
      });
    },

    async addPhrasing(faqId: string, text: string, author: FaqAuthor): Promise<FaqAddResult> {
      if (!routing) return { ok: false, reason: "unavailable" };
      const phrasing = addedPhrasingSchema.safeParse(text);
      if (!phrasing.success) return { ok: false, reason: "invalid", field: "phrasing" };
      // Everything stored before must be in memory first, or this addition would be applied twice.
      await routing.loadLearned(db);
      if (!routing.entry(faqId)) return { ok: false, reason: "unknown_faq" };
      const stored = await insertAddedFaqPhrasing(
        db,
        { faqId, phrasing: phrasing.data },
        author,
        now().toISOString(),
      );
      if (!stored) return { ok: false, reason: "duplicate" };
      routing.learnPhrasing(faqId, phrasing.data);
      return { ok: true, faqId };
    },

    async addEntry(
      input: { question: string; answer: string; phase?: string },
      author: FaqAuthor,
    ): Promise<FaqAddResult> {
      if (!routing) return { ok: false, reason: "unavailable" };
      const phase = input.phase === undefined ? "umum" : parsePhase(input.phase);
      if (!phase) return { ok: false, reason: "invalid", field: "phase" };
      await routing.loadLearned(db);
      const id = routing.newEntryId(input.question);
      const parsed = addedFaqEntrySchema.safeParse({
        id,
        question: input.question,
        answer: input.answer.trim(),
        phase,
        phrasings: [],
      });
      if (!parsed.success) {
        const field = parsed.error.issues[0]?.path[0] === "answer" ? "answer" : "question";
        return { ok: false, reason: "invalid", field };
      }
      const entry = { id, question: parsed.data.question, answer: parsed.data.answer, phase };
      await insertAddedFaqEntry(db, entry, author, now().toISOString());
      routing.learnEntry(entry);
      return { ok: true, faqId: id };
    },
  };
}

export type FaqAdminService = ReturnType<typeof createFaqAdminService>;

/** "sanggah", "SKD", "seleksi administrasi" -> the phase id. */
export function parsePhase(text: string): FaqPhase | undefined {
  const id = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  return (FAQ_PHASES as readonly string[]).includes(id) ? (id as FaqPhase) : undefined;
}
