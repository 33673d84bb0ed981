import {
  type AttachmentInfo,
  changeTicketStatus,
  countFirstAnswerFeedback,
  countTicketsByStatusAndCategory,
  countTicketsWaitingSince,
  type Db,
  type FeedbackVerdict,
  findTicket,
  inTransaction,
  listOldestOpenTickets,
  listTicketAdditions,
  listTicketAttachments,
  listTicketFeedback,
  listTicketHistory,
  listTicketsByStatus,
  listTicketsCreatedSince,
  lockChat,
  searchTickets,
  TICKET_STATUSES,
  type Ticket,
  type TicketAddition,
  type TicketHistoryEntry,
  type TicketStatus,
} from "../../db/index.ts";
import { parseTicketNumber } from "../../flows/ticket-number.ts";
import { hasLetterOrDigit, withoutInvisible } from "../../flows/validation/invisible.ts";
import type { FaqRouting } from "../engine/routing.types.ts";
import { awaitFeedback, feedbackChoices } from "../engine/ticket-feedback.ts";
import { createFaqAdminService } from "./faq-admin.service.ts";
import { correctionNotification, statusNotification } from "./notification.messages.ts";
import { type ChartData, renderStatisticsChart } from "./statistics-chart.ts";
import { wibDay, workingDaysBetween } from "./working-days.ts";

export interface AdminIdentity {
  id: string;
  name: string;
}

export type ActionResult =
  | { ok: true; ticket: Ticket }
  | { ok: false; reason: "invalid_number" | "not_found" | "empty_answer" | "no_words" }
  | { ok: false; reason: "answer_too_long"; length: number }
  | { ok: false; reason: "conflict"; ticket: Ticket }
  /** A correction of a ticket that has no answer yet. */
  | { ok: false; reason: "not_answered"; ticket: Ticket };

export interface TicketDetail {
  ticket: Ticket;
  history: TicketHistoryEntry[];
  attachments: AttachmentInfo[];
  additions: TicketAddition[];
  feedback: { round: number; verdict: FeedbackVerdict | null }[];
}

export const PAGE_SIZE = 10;
const MAX_PAGE = 100_000;
export const MAX_ANSWER_LENGTH = 3500; // fits one Telegram message (4096) with the notification around it
const WAITING_TOO_LONG_MS = 24 * 60 * 60 * 1000;
const CHART_DAYS = 14;
// The waiting chart lists this many of the oldest open tickets; the title gives the full count.
const CHART_WAITING_ROWS = 15;
const DAY_MS = 24 * 60 * 60 * 1000;

// Which statuses each action may start from: the queue only moves forward, and an answered ticket stays answered.
const ALLOWED_FROM: Record<"accept" | "process" | "answer" | "correct", readonly TicketStatus[]> = {
  accept: ["Pertanyaan"],
  process: ["Pertanyaan", "Diterima"],
  answer: ["Pertanyaan", "Diterima", "Proses"],
  correct: ["Jawaban"],
};

type AnswerCheck = { ok: true; text: string } | { ok: false; result: ActionResult };

/** An answer the applicant can read: invisible characters dropped, words required, within one message. */
export function checkAnswer(text: string): AnswerCheck {
  const answer = withoutInvisible(text).trim();
  if (answer === "") return { ok: false, result: { ok: false, reason: "empty_answer" } };
  if (!hasLetterOrDigit(answer)) return { ok: false, result: { ok: false, reason: "no_words" } };
  if (answer.length > MAX_ANSWER_LENGTH)
    return { ok: false, result: { ok: false, reason: "answer_too_long", length: answer.length } };
  return { ok: true, text: answer };
}

/**
 * The admin operations on tickets. Every admin front end (Telegram group, console) calls these; access
 * checks belong to the front end, which alone knows who is asking.
 */
export function createHelpdeskService(deps: { db: Db; now?: () => Date; routing?: FaqRouting }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  // The FAQ learning loop (/faqgap, /faqtambah); adding needs the live router the engine uses.
  const faq = createFaqAdminService({ db, routing: deps.routing, now });

  async function change(
    rawNumber: string,
    action: keyof typeof ALLOWED_FROM,
    to: TicketStatus,
    admin: AdminIdentity,
    answerText?: string,
  ): Promise<ActionResult> {
    const parsed = parseTicketNumber(rawNumber);
    if (!parsed.ok) return { ok: false, reason: "invalid_number" };
    const ticket = await findTicket(db, parsed.number);
    if (!ticket) return { ok: false, reason: "not_found" };
    const correcting = action === "correct";
    // A new answer asks "Apakah masalah Anda sudah selesai?" with Ya / Masih bermasalah; a correction does not.
    const asksFeedback = to === "Jawaban" && !correcting;
    const result = await inTransaction(db, async (trx) => {
      // The applicant's chat first, as the applicant's own turn takes it before touching the ticket: the
      // opposite order deadlocked on PostgreSQL when an answer met a message of the same chat.
      await lockChat(trx, ticket.channel, ticket.chatId);
      const changed = await changeTicketStatus(trx, {
        number: ticket.number,
        allowedFrom: ALLOWED_FROM[action],
        to,
        actor: { kind: "admin", id: admin.id, name: admin.name },
        answerText,
        // The history keeps every answer given, so a correction never erases what the applicant was told.
        note: answerText === undefined ? undefined : correcting ? `Ralat: ${answerText}` : answerText,
        notification: {
          channel: ticket.channel,
          chatId: ticket.chatId,
          text: correcting
            ? correctionNotification(ticket.number, answerText ?? "")
            : statusNotification(ticket.number, to, answerText),
          ...(asksFeedback ? { payload: { choices: feedbackChoices(ticket.number) } } : {}),
        },
      });
      if (changed.ok && asksFeedback) await awaitFeedback(trx, ticket, ticket.number);
      return changed;
    });
    if (correcting && !result.ok && result.reason === "conflict") {
      return { ok: false, reason: "not_answered", ticket: result.ticket };
    }
    return result;
  }

  return {
    faq,

    async list(status: TicketStatus | undefined, page: number) {
      // A typed page number is capped: "/tiket 99999999999999999999" made an offset SQLite refuses.
      const wanted = Math.min(MAX_PAGE, Math.max(1, Math.floor(page) || 1));
      const fetch = (p: number) =>
        listTicketsByStatus(db, { status, limit: PAGE_SIZE, offset: (p - 1) * PAGE_SIZE });
      let result = await fetch(wanted);
      const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
      // Past the end: the last page, as someone paging forward would expect.
      if (wanted > pages && result.total > 0) result = await fetch(pages);
      return { tickets: result.tickets, total: result.total, page: Math.min(wanted, pages), pages };
    },

    async view(rawNumber: string): Promise<TicketDetail | { reason: "invalid_number" | "not_found" }> {
      const parsed = parseTicketNumber(rawNumber);
      if (!parsed.ok) return { reason: "invalid_number" };
      const ticket = await findTicket(db, parsed.number);
      if (!ticket) return { reason: "not_found" };
      const [history, attachments, additions, feedback] = await Promise.all([
        listTicketHistory(db, ticket.number),
        listTicketAttachments(db, ticket.number),
        listTicketAdditions(db, ticket.number),
        listTicketFeedback(db, ticket.number),
      ]);
      return { ticket, history, attachments, additions, feedback };
    },

    accept: (number: string, admin: AdminIdentity) => change(number, "accept", "Diterima", admin),
    process: (number: string, admin: AdminIdentity) => change(number, "process", "Proses", admin),

    async answer(number: string, admin: AdminIdentity, text: string): Promise<ActionResult> {
      const answer = checkAnswer(text);
      return answer.ok ? change(number, "answer", "Jawaban", admin, answer.text) : answer.result;
    },

    /** Replaces the answer of an answered ticket, tells the applicant, and keeps both in the history. */
    async correct(number: string, admin: AdminIdentity, text: string): Promise<ActionResult> {
      const answer = checkAnswer(text);
      return answer.ok ? change(number, "correct", "Jawaban", admin, answer.text) : answer.result;
    },

    search: (query: string) => searchTickets(db, query.trim(), PAGE_SIZE),

    async statistics() {
      const cutoff = new Date(now().getTime() - WAITING_TOO_LONG_MS).toISOString();
      const [counts, waitingOverADay, firstAnswer] = await Promise.all([
        countTicketsByStatusAndCategory(db),
        countTicketsWaitingSince(db, cutoff),
        countFirstAnswerFeedback(db),
      ]);
      return { counts, waitingOverADay, firstAnswer };
    },

    /** The numbers behind the statistics picture: the last 14 days (WIB) and the oldest open tickets. */
    async chartData(): Promise<ChartData> {
      const at = now();
      const today = wibDay(at);
      const firstDay = today - (CHART_DAYS - 1);
      // From a day before the first, so the WIB day boundary (UTC+7) is inside the range read.
      const created = await listTicketsCreatedSince(db, new Date((firstDay - 1) * DAY_MS).toISOString());
      const days = Array.from({ length: CHART_DAYS }, (_, i) => {
        const date = new Date((firstDay + i) * DAY_MS);
        return {
          label: `${String(date.getUTCDate()).padStart(2, "0")}/${String(date.getUTCMonth() + 1).padStart(2, "0")}`,
          counts: Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>,
        };
      });
      for (const ticket of created) {
        const day = days[wibDay(new Date(ticket.createdAt)) - firstDay];
        if (day) day.counts[ticket.status] += 1;
      }
      const open = await listOldestOpenTickets(db, CHART_WAITING_ROWS);
      const counts = await countTicketsByStatusAndCategory(db);
      const openTotal = counts.filter((c) => c.status !== "Jawaban").reduce((sum, c) => sum + c.count, 0);
      const waiting = open.map((t) => ({
        number: t.number,
        status: t.status,
        workingDays: workingDaysBetween(new Date(t.createdAt), at),
      }));
      return { days, waiting, openTotal };
    },

    /** The statistics picture (PNG) shown beside the /statistik text. */
    async statisticsChart(): Promise<Buffer> {
      return renderStatisticsChart(await this.chartData());
    },
  };
}

export type HelpdeskService = ReturnType<typeof createHelpdeskService>;
