import { randomUUID } from "node:crypto";
import { faqLearningTables } from "./faq-learning.schema.ts";
import type { Db } from "./schema.ts";

export interface FaqAuthor {
  id: string;
  name: string;
}

export interface AddedFaqEntry {
  id: string;
  question: string;
  answer: string;
  phase: string;
}

export interface AddedFaqPhrasing {
  faqId: string;
  phrasing: string;
}

export async function insertAddedFaqEntry(
  db: Db,
  entry: AddedFaqEntry,
  author: FaqAuthor,
  createdAt = new Date().toISOString(),
): Promise<void> {
  await faqLearningTables(db)
    .insertInto("faq_added_entries")
    .values({ ...entry, added_by_id: author.id, added_by_name: author.name, created_at: createdAt })
    .execute();
}

/** Stores a phrasing; false when the entry already has exactly that phrasing. */
export async function insertAddedFaqPhrasing(
  db: Db,
  phrasing: AddedFaqPhrasing,
  author: FaqAuthor,
  createdAt = new Date().toISOString(),
): Promise<boolean> {
  const result = await faqLearningTables(db)
    .insertInto("faq_added_phrasings")
    .values({
      id: randomUUID(),
      faq_id: phrasing.faqId,
      phrasing: phrasing.phrasing,
      added_by_id: author.id,
      added_by_name: author.name,
      created_at: createdAt,
    })
    .onConflict((oc) => oc.columns(["faq_id", "phrasing"]).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** Everything admins added, oldest first, to replay onto the shipped FAQ at start. */
export async function listFaqAdditions(
  db: Db,
): Promise<{ entries: AddedFaqEntry[]; phrasings: AddedFaqPhrasing[] }> {
  const tables = faqLearningTables(db);
  const entries = await tables
    .selectFrom("faq_added_entries")
    .select(["id", "question", "answer", "phase"])
    .orderBy("seq")
    .execute();
  const phrasings = await tables
    .selectFrom("faq_added_phrasings")
    .select(["faq_id", "phrasing"])
    .orderBy("seq")
    .execute();
  return { entries, phrasings: phrasings.map((row) => ({ faqId: row.faq_id, phrasing: row.phrasing })) };
}
