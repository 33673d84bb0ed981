import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { type FaqGapKind, faqLearningTables } from "./faq-learning.schema.ts";
import { rowCount } from "./row-count.ts";
import type { Db } from "./schema.ts";

export interface NewFaqGap {
  kind: FaqGapKind;
  /** Already normalised and masked by the caller: this table never sees raw messages. */
  question: string;
  faqId?: string;
  channel: string;
  createdAt?: string;
}

/** One missed question, grouped over all the times it was asked. */
export interface FaqGapGroup {
  question: string;
  count: number;
  /** How many of those were a "tidak membantu" on an answer. */
  notHelpful: number;
  /** The entry whose answer did not help (the latest one), when any. */
  faqId: string | null;
  lastAskedAt: string;
}

export async function recordFaqGap(db: Db, gap: NewFaqGap): Promise<void> {
  await faqLearningTables(db)
    .insertInto("faq_gaps")
    .values({
      id: randomUUID(),
      kind: gap.kind,
      question: gap.question,
      faq_id: gap.faqId ?? null,
      channel: gap.channel,
      created_at: gap.createdAt ?? new Date().toISOString(),
    })
    .execute();
}

/** The most frequent missed questions since `sinceIso`, grouped by their normalised text. */
export async function listFaqGaps(
  db: Db,
  options: { sinceIso: string; limit: number },
): Promise<FaqGapGroup[]> {
  const rows = await faqLearningTables(db)
    .selectFrom("faq_gaps")
    .select((eb) => [
      "question",
      eb.fn.countAll<number>().as("count"),
      sql<number>`sum(case when kind = 'not_helpful' then 1 else 0 end)`.as("not_helpful"),
      eb.fn.max("faq_id").as("faq_id"),
      eb.fn.max("created_at").as("last_asked_at"),
    ])
    .where("created_at", ">=", options.sinceIso)
    .groupBy("question")
    .orderBy("count", "desc")
    .orderBy("last_asked_at", "desc")
    // Ties in both are broken by the text, so the list reads the same every time.
    .orderBy("question", "asc")
    .limit(rowCount(options.limit))
    .execute();
  return rows.map((row) => ({
    question: row.question,
    count: Number(row.count),
    notHelpful: Number(row.not_helpful),
    faqId: row.faq_id ?? null,
    lastAskedAt: row.last_asked_at,
  }));
}
