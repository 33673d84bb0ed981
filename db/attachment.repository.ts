import { cipherOf } from "./data-protection.ts";
import type { Db } from "./schema.ts";
import { inTransaction } from "./transaction.ts";

/** Attachment metadata; the content is fetched separately with getAttachmentContent. */
export interface AttachmentInfo {
  id: string;
  ticketNumber: string | null;
  field: string;
  mime: string;
  size: number;
  sha256: string;
  fileName: string | null;
  createdAt: string;
}

export interface NewPendingAttachment {
  conversationKey: string;
  field: string;
  mime: string;
  size: number;
  sha256: string;
  fileName?: string | null;
  content: Buffer;
}

/** The key that ties pending uploads to a form still in progress. */
export function conversationKey(channel: string, chatId: string): string {
  return `${channel}:${chatId}`;
}

/** Stores an upload made while a form is still being filled in; returns its id. */
export async function insertPendingAttachment(db: Db, attachment: NewPendingAttachment): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto("attachments")
    .values({
      id,
      ticket_number: null,
      conversation_key: attachment.conversationKey,
      field: attachment.field,
      mime: attachment.mime,
      size: attachment.size,
      sha256: attachment.sha256,
      file_name: attachment.fileName ?? null,
      content: cipherOf(db).encryptBytes(attachment.content, attachmentContext(id)),
      created_at: new Date().toISOString(),
    })
    .execute();
  return id;
}

/**
 * Moves the pending uploads listed in `keepIds` onto the ticket and deletes the conversation's other
 * pending uploads (replaced or abandoned answers). Returns how many were linked.
 */
export async function attachPendingToTicket(
  db: Db,
  conversationKey: string,
  ticketNumber: string,
  keepIds: readonly string[],
): Promise<number> {
  return inTransaction(db, async (trx) => {
    let linked = 0;
    if (keepIds.length > 0) {
      const result = await trx
        .updateTable("attachments")
        .set({ ticket_number: ticketNumber, conversation_key: null })
        .where("conversation_key", "=", conversationKey)
        .where("ticket_number", "is", null)
        .where("id", "in", keepIds)
        .executeTakeFirst();
      linked = Number(result.numUpdatedRows);
    }
    await deletePendingAttachments(trx, conversationKey);
    return linked;
  });
}

/** Drops every pending upload of a conversation (form cancelled or expired). Returns how many. */
export async function deletePendingAttachments(db: Db, conversationKey: string): Promise<number> {
  const result = await db
    .deleteFrom("attachments")
    .where("conversation_key", "=", conversationKey)
    .where("ticket_number", "is", null)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A ticket's attachments, without their content, in upload order. */
export async function listTicketAttachments(db: Db, number: string): Promise<AttachmentInfo[]> {
  const rows = await db
    .selectFrom("attachments")
    .select(["id", "ticket_number", "field", "mime", "size", "sha256", "file_name", "created_at"])
    .where("ticket_number", "=", number)
    .orderBy("seq", "asc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    ticketNumber: row.ticket_number,
    field: row.field,
    mime: row.mime,
    size: row.size,
    sha256: row.sha256,
    fileName: row.file_name,
    createdAt: row.created_at,
  }));
}

/** The file's bytes, decrypted. */
export async function getAttachmentContent(db: Db, id: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom("attachments").select("content").where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : cipherOf(db).openBytes(row.content, attachmentContext(id));
}

/** Associated data binding an attachment's ciphertext to its row. */
export function attachmentContext(id: string): string {
  return `attachments.content|${id}`;
}
