import { cipherOf } from "./data-protection.ts";
import type { Db, TicketRow, TicketStatus } from "./schema.ts";
import { type NewTicket, sealTicketFields, type Ticket, toTicket } from "./ticket.mapper.ts";
import { insertTicketHistory } from "./ticket-history.repository.ts";
import { inTransaction } from "./transaction.ts";

/** A new ticket whose number is given, or made by `number()` until one is free. */
export type NewTicketInput = Omit<NewTicket, "number"> & { number: string | (() => string) };

// A fresh random number is taken by another ticket only by a freak of chance (55 random bits); a run of
// collisions means the number maker is broken, and the turn fails rather than loop.
const NUMBER_ATTEMPTS = 5;

/**
 * Opens a ticket in status 'Pertanyaan' together with its first history row. With a number maker, a
 * number already taken (by another instance, or ever before) is replaced by a new one: the insert skips
 * on the conflict instead of failing, since a failed statement would abort the whole PostgreSQL
 * transaction and with it the applicant's turn. A fixed number that is taken fails.
 */
export async function insertTicket(db: Db, t: NewTicketInput): Promise<Ticket> {
  const createdAt = t.createdAt ?? new Date().toISOString();
  const cipher = cipherOf(db);
  const makesNumbers = typeof t.number === "function";
  return inTransaction(db, async (trx) => {
    for (let attempt = 1; ; attempt += 1) {
      const number = typeof t.number === "function" ? t.number() : t.number;
      const insert = trx.insertInto("tickets").values({
        number,
        category: t.category,
        status: "Pertanyaan",
        channel: t.channel,
        chat_id: t.chatId,
        user_id: t.userId,
        applicant_name: t.applicantName,
        ...sealTicketFields(cipher, number, t),
        answer_text: null,
        handled_by_id: null,
        handled_by_name: null,
        created_at: createdAt,
        updated_at: createdAt,
      });
      const row = await (makesNumbers ? insert.onConflict((oc) => oc.column("number").doNothing()) : insert)
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) {
        if (attempt < NUMBER_ATTEMPTS) continue;
        throw new Error(`no free ticket number after ${NUMBER_ATTEMPTS} attempts`);
      }
      await insertTicketHistory(trx, {
        ticketNumber: number,
        fromStatus: null,
        toStatus: "Pertanyaan",
        actor: { kind: "applicant", id: t.userId, name: t.applicantName },
        createdAt,
      });
      return toTicket(row, cipher);
    }
  });
}

function toTickets(db: Db, rows: TicketRow[]): Ticket[] {
  const cipher = cipherOf(db);
  return rows.map((row) => toTicket(row, cipher));
}

export async function findTicket(db: Db, number: string): Promise<Ticket | undefined> {
  const row = await db.selectFrom("tickets").selectAll().where("number", "=", number).executeTakeFirst();
  return row === undefined ? undefined : toTicket(row, cipherOf(db));
}

/**
 * The newest ticket of this NIK and category that is still open (not yet answered): a second form for
 * the same problem is offered to add to it instead. The one place that looks tickets up by NIK for this.
 */
export async function findOpenTicketByNik(
  db: Db,
  nik: string,
  category: string,
): Promise<Ticket | undefined> {
  // NIKs are stored encrypted: the keyed lookup hash is what can be compared.
  const hash = nikLookupHash(db, nik);
  if (hash === undefined) return undefined;
  const row = await db
    .selectFrom("tickets")
    .selectAll()
    .where("nik_hash", "=", hash)
    .where("category", "=", category)
    .where("status", "<>", "Jawaban")
    .orderBy("created_at", "desc")
    .orderBy("number", "desc")
    .executeTakeFirst();
  return row === undefined ? undefined : toTicket(row, cipherOf(db));
}

/** What the chat's own ticket lists show: no personal data, so nothing is decrypted for them. */
export interface TicketSummary {
  number: string;
  category: string;
  status: TicketStatus;
  createdAt: string;
}

/** The tickets opened from one chat: the open ones (not yet answered) first, newest first within each. */
export async function listTicketsByChat(
  db: Db,
  channel: string,
  chatId: string,
  limit: number,
  offset = 0,
): Promise<TicketSummary[]> {
  const rows = await db
    .selectFrom("tickets")
    .select(["number", "category", "status", "created_at"])
    .where("channel", "=", channel)
    .where("chat_id", "=", chatId)
    .orderBy((eb) => eb.case().when("status", "=", "Jawaban").then(1).else(0).end())
    .orderBy("created_at", "desc")
    .orderBy("seq", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((row) => ({
    number: row.number,
    category: row.category,
    status: row.status,
    createdAt: row.created_at,
  }));
}

/** How many tickets one chat has opened. */
export async function countTicketsByChat(db: Db, channel: string, chatId: string): Promise<number> {
  const { count } = await db
    .selectFrom("tickets")
    .select((eb) => eb.fn.countAll().as("count"))
    .where("channel", "=", channel)
    .where("chat_id", "=", chatId)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** One page of tickets, oldest first so the ones waiting longest come first, plus the total count. */
export async function listTicketsByStatus(
  db: Db,
  options: { status?: TicketStatus; limit: number; offset: number },
): Promise<{ tickets: Ticket[]; total: number }> {
  let query = db.selectFrom("tickets");
  if (options.status !== undefined) query = query.where("status", "=", options.status);
  const rows = await query
    .selectAll()
    .orderBy("created_at", "asc")
    .orderBy("seq", "asc")
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  const { total } = await query.select((eb) => eb.fn.countAll().as("total")).executeTakeFirstOrThrow();
  return { tickets: toTickets(db, rows), total: Number(total) };
}

/** Tickets whose NIK or number equals `query`, or whose applicant name contains it (any case); newest first. */
export async function searchTickets(db: Db, query: string, limit: number): Promise<Ticket[]> {
  const exact = query.trim();
  if (exact === "") return [];
  // NIKs are stored encrypted: equality goes through their keyed hash. Spaces and dots as typed are dropped.
  const nikHash = nikLookupHash(db, exact);
  // LIKE wildcards typed by an admin are dropped rather than escaped: names never contain them.
  const namePart = exact.replace(/[%_\\]/g, "");
  const rows = await db
    .selectFrom("tickets")
    .selectAll()
    .where((eb) => {
      const conditions = [eb("number", "=", exact)];
      if (nikHash !== undefined) conditions.push(eb("nik_hash", "=", nikHash));
      if (namePart !== "") {
        conditions.push(
          eb(
            eb.fn<string>("lower", [eb.ref("applicant_name")]),
            "like",
            eb.fn<string>("lower", [eb.val(`%${namePart}%`)]),
          ),
        );
      }
      return eb.or(conditions);
    })
    .orderBy("created_at", "desc")
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
  return toTickets(db, rows);
}

export interface TicketCount {
  status: TicketStatus;
  category: string;
  count: number;
}

/** Ticket counts per status and category, for the admin summary. */
export async function countTicketsByStatusAndCategory(db: Db): Promise<TicketCount[]> {
  const rows = await db
    .selectFrom("tickets")
    .select(["status", "category", (eb) => eb.fn.countAll().as("count")])
    .groupBy(["status", "category"])
    .orderBy("status")
    .orderBy("category")
    .execute();
  // PostgreSQL returns count(*) as a bigint string; Number() keeps both databases alike.
  return rows.map((r) => ({ status: r.status, category: r.category, count: Number(r.count) }));
}

/** How many unanswered tickets have not changed since before `isoCutoff`. */
export async function countTicketsWaitingSince(db: Db, isoCutoff: string): Promise<number> {
  const { count } = await db
    .selectFrom("tickets")
    .select((eb) => eb.fn.countAll().as("count"))
    .where("status", "<>", "Jawaban")
    .where("updated_at", "<", isoCutoff)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Status and creation time of the tickets created since `isoSince`: the tickets-per-day chart. */
export async function listTicketsCreatedSince(
  db: Db,
  isoSince: string,
): Promise<{ status: TicketStatus; createdAt: string }[]> {
  const rows = await db
    .selectFrom("tickets")
    .select(["status", "created_at"])
    .where("created_at", ">=", isoSince)
    .execute();
  return rows.map((row) => ({ status: row.status, createdAt: row.created_at }));
}

/** The open (not yet answered) tickets that have waited longest, oldest first. */
export async function listOldestOpenTickets(
  db: Db,
  limit: number,
): Promise<{ number: string; status: TicketStatus; createdAt: string }[]> {
  const rows = await db
    .selectFrom("tickets")
    .select(["number", "status", "created_at"])
    .where("status", "<>", "Jawaban")
    .orderBy("created_at", "asc")
    .orderBy("number", "asc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ number: row.number, status: row.status, createdAt: row.created_at }));
}

/** The lookup hash of a NIK as typed (spaces, dots and dashes ignored), or undefined when it is not 16 digits. */
export function nikLookupHash(db: Db, typed: string): string | undefined {
  const digits = typed.replace(/[\s.-]/g, "");
  return /^\d{16}$/.test(digits) ? cipherOf(db).lookupHash(digits) : undefined;
}
