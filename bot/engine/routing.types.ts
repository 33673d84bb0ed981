import type { Db } from "../../db/index.ts";
import type { FaqPhase } from "../../faq/faq-data.ts";
import type { Route } from "../../faq/message-router.ts";

/** What the engine needs from the FAQ: routing of free text, answers, and the learning loop. */
export interface FaqRouting {
  route(text: string): Route;
  entry(id: string): FaqAnswer | undefined;
  /** The text to store for a missed question: normalised, with NIK/KK/phone-like numbers masked. */
  anonymize(text: string): string;
  /** Applies the phrasings and entries admins added (kept in the database); loads once, later calls reuse it. */
  loadLearned(db: Db): Promise<void>;
  /** Adds an admin's phrasing to the live router (the caller stores it); false when the entry does not exist. */
  learnPhrasing(faqId: string, phrasing: string): boolean;
  /** Adds an admin's entry to the live router (the caller stores it). */
  learnEntry(entry: LearnedEntry): void;
  /** A fresh id for an entry with this question. */
  newEntryId(question: string): string;
}

export interface LearnedEntry {
  id: string;
  question: string;
  answer: string;
  phase: FaqPhase;
}

export interface FaqAnswer {
  id: string;
  question: string;
  answer: string;
  phase: FaqPhase;
  link?: string;
  /** The form that solves the problem when the answer alone does not. */
  categoryId?: string;
  related: readonly string[];
}
