import { cipherOf } from "./data-protection.ts";
import type { Db } from "./schema.ts";

// Associated data binding each ciphertext to its row: a text copied to another row does not open.
const textContext = (id: string) => `ticket_additions.text|${id}`;

/** Information an applicant added to an open ticket instead of opening a second one. */
export interface TicketAddition {
  id: string;
  ticketNumber: string;
  channel: string;
  chatId: string;
  text: string;
  createdAt: string;
}

export async function insertTicketAddition(db: Db, addition: Omit<TicketAddition, "id">): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto("ticket_additions")
    .values({
      id,
      ticket_number: addition.ticketNumber,
      channel: addition.channel,
      chat_id: addition.chatId,
      // The applicant's own words may hold personal data: stored encrypted like the form answers.
      text: cipherOf(db).sealText(addition.text, textContext(id)),
      created_at: addition.createdAt,
    })
    .execute();
  return id;
}

/** A ticket's additions, oldest first. */
export async function listTicketAdditions(db: Db, ticketNumber: string): Promise<TicketAddition[]> {
  const rows = await db
    .selectFrom("ticket_additions")
    .selectAll()
    .where("ticket_number", "=", ticketNumber)
    .orderBy("seq", "asc")
    .execute();
  const cipher = cipherOf(db);
  return rows.map((row) => ({
    id: row.id,
    ticketNumber: row.ticket_number,
    channel: row.channel,
    chatId: row.chat_id,
    text: cipher.openText(row.text, textContext(row.id)),
    createdAt: row.created_at,
  }));
}
