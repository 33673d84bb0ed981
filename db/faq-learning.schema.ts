import type { Generated, Kysely } from "kysely";
import type { Database, Db, IsoTimestamp } from "./schema.ts";

// The FAQ learning tables live beside the core schema: only the FAQ repositories use them, through
// `faqLearningTables(db)`.

export const FAQ_GAP_KINDS = ["unanswered", "not_helpful", "clarify_rejected"] as const;
export type FaqGapKind = (typeof FAQ_GAP_KINDS)[number];

export interface FaqGapTable {
  id: string;
  kind: FaqGapKind;
  /** Normalised, masked text of the question (never the raw message). */
  question: string;
  /** For not_helpful: the entry whose answer did not help. */
  faq_id: string | null;
  channel: string;
  created_at: IsoTimestamp;
}

export interface FaqAddedEntryTable {
  id: string;
  question: string;
  answer: string;
  phase: string;
  added_by_id: string;
  added_by_name: string;
  created_at: IsoTimestamp;
  /** Insertion order, filled in by the database (see the insertion-order migration). */
  seq: Generated<number>;
}

export interface FaqAddedPhrasingTable {
  id: string;
  faq_id: string;
  phrasing: string;
  added_by_id: string;
  added_by_name: string;
  created_at: IsoTimestamp;
  /** Insertion order, filled in by the database (see the insertion-order migration). */
  seq: Generated<number>;
}

export type FaqLearningTables = {
  faq_gaps: FaqGapTable;
  faq_added_entries: FaqAddedEntryTable;
  faq_added_phrasings: FaqAddedPhrasingTable;
};

export type FaqLearningDb = Kysely<Database & FaqLearningTables>;

/** The same database (or transaction) with the FAQ learning tables visible to the query builder. */
export function faqLearningTables(db: Db): FaqLearningDb {
  return db.$extendTables<FaqLearningTables>();
}
