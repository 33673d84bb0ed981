import { listFaqAdditions } from "../../db/faq-addition.repository.ts";
import type { Db } from "../../db/index.ts";
import { FAQ_PHASES } from "../../faq/faq.schema.ts";
import { createFaqCatalog } from "../../faq/faq-catalog.ts";
import type { FaqData, FaqEntry, FaqPhase } from "../../faq/faq-data.ts";
import { newFaqId } from "../../faq/faq-id.ts";
import { anonymizeQuestion } from "../../faq/question-anonymizer.ts";
import type { FaqAnswer, FaqRouting, LearnedEntry } from "./routing.types.ts";

/** Connects the FAQ module to the engine: routing of free text, answers, and what admins taught it. */
export function createFaqRouting(data: FaqData): FaqRouting {
  const catalog = createFaqCatalog(data);
  let learned: Promise<void> | undefined;

  async function load(db: Db): Promise<void> {
    const additions = await listFaqAdditions(db);
    catalog.addAll({
      entries: additions.entries.map((entry) => toEntry({ ...entry, phase: asPhase(entry.phase) })),
      phrasings: additions.phrasings,
    });
  }

  return {
    route: (text) => catalog.route(text),
    entry(id) {
      const entry = catalog.entry(id);
      return entry ? toAnswer(entry) : undefined;
    },
    anonymize: (text) => anonymizeQuestion(text, catalog.normalize),
    loadLearned(db) {
      learned ??= load(db).catch((error: unknown) => {
        learned = undefined; // try again with the next message
        throw error;
      });
      return learned;
    },
    learnPhrasing: (faqId, phrasing) => catalog.addPhrasing(faqId, phrasing),
    learnEntry: (entry) => catalog.addEntry(toEntry(entry)),
    newEntryId: (question) => newFaqId(question, (id) => catalog.entry(id) !== undefined),
  };
}

function toEntry(entry: LearnedEntry): FaqEntry {
  return { ...entry, phrasings: [] };
}

function toAnswer(entry: FaqEntry): FaqAnswer {
  return {
    id: entry.id,
    question: entry.question,
    answer: entry.answer,
    phase: entry.phase,
    link: entry.link,
    categoryId: entry.categoryId,
    related: entry.related ?? [],
  };
}

function asPhase(value: string): FaqPhase {
  return (FAQ_PHASES as readonly string[]).includes(value) ? (value as FaqPhase) : "umum";
}
