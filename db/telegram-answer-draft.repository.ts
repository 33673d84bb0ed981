import type { Generated, Kysely } from "kysely";
import type { Database, Db, IsoTimestamp } from "./schema.ts";

interface TelegramAnswerDraftTable {
  id: Generated<number>;
  chat_id: string;
  ticket_number: string;
  admin_id: string;
  admin_name: string;
  text: string;
  created_at: IsoTimestamp;
}

type DraftDb = Kysely<Database & { telegram_answer_drafts: TelegramAnswerDraftTable }>;
const tables = (db: Db): DraftDb => db.$extendTables<{ telegram_answer_drafts: TelegramAnswerDraftTable }>();

/** A reply to a ticket card, not yet sent: it becomes the answer only when its author confirms it. */
export interface AnswerDraft {
  id: number;
  chatId: string;
  ticketNumber: string;
  adminId: string;
  adminName: string;
  text: string;
}

// A draft nobody confirmed within a day is a remark, not an answer.
const DRAFT_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Stores a draft and returns its id; drafts older than a day are dropped on the way. */
export async function saveAnswerDraft(
  db: Db,
  draft: Omit<AnswerDraft, "id">,
  now = new Date(),
): Promise<number> {
  const t = tables(db);
  const expired = new Date(now.getTime() - DRAFT_LIFETIME_MS).toISOString();
  await t.deleteFrom("telegram_answer_drafts").where("created_at", "<", expired).execute();
  const row = await t
    .insertInto("telegram_answer_drafts")
    .values({
      chat_id: draft.chatId,
      ticket_number: draft.ticketNumber,
      admin_id: draft.adminId,
      admin_name: draft.adminName,
      text: draft.text,
      created_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findAnswerDraft(db: Db, id: number): Promise<AnswerDraft | undefined> {
  const row = await tables(db)
    .selectFrom("telegram_answer_drafts")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        chatId: row.chat_id,
        ticketNumber: row.ticket_number,
        adminId: row.admin_id,
        adminName: row.admin_name,
        text: row.text,
      }
    : undefined;
}

/** Removes a draft; false when it was already gone (sent or cancelled by an earlier press). */
export async function takeAnswerDraft(db: Db, id: number): Promise<boolean> {
  const result = await tables(db)
    .deleteFrom("telegram_answer_drafts")
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
