import {
  type AttachmentInfo,
  changeTicketStatus,
  countTicketsByStatusAndCategory,
  countTicketsWaitingSince,
  type Db,
  findTicket,
  listTicketAttachments,
  listTicketHistory,
  listTicketsByStatus,
  searchTickets,
  type Ticket,
  type TicketHistoryEntry,
  type TicketStatus,
} from "../../db/index.ts";
import { parseTicketNumber } from "../../flows/ticket-number.ts";
import { hasLetterOrDigit, withoutInvisible } from "../../flows/validation/invisible.ts";
import type { FaqRouting } from "../engine/routing.types.ts";
import { createFaqAdminService } from "./faq-admin.service.ts";
import { correctionNotification, statusNotification } from "./notification.messages.ts";

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
}

export const PAGE_SIZE = 10;
export const MAX_ANSWER_LENGTH = 3500; // fits one Telegram message (4096) with the notification around it
const WAITING_TOO_LONG_MS = 24 * 60 * 60 * 1000;

// Which statuses each action may start from: the queue only moves forward, and an answered ticket stays answered.
const ALLOWED_FROM: Record<"accept" | "process" | "answer" | "correct", readonly TicketStatus[]> = {
  accept: ["Pertanyaan"],
  process: ["Pertanyaan", "Diterima"],
  answer: ["Pertanyaan", "Diterima", "Proses"],
  correct: ["Jawaban"],
};

type AnswerCheck = { ok: true; text: string } | { ok: false; result: ActionResult };

/** An answer the applicant can read: invisible characters dropped, words required, within one message. */
function checkAnswer(text: string): AnswerCheck {
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
    const result = await changeTicketStatus(db, {
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
      },
    });
    if (correcting && !result.ok && result.reason === "conflict") {
      return { ok: false, reason: "not_answered", ticket: result.ticket };
    }
    return result;
  }

  return {
    faq,

    async list(status: TicketStatus | undefined, page: number) {
      const safePage = Math.max(1, Math.floor(page) || 1);
      const { tickets, total } = await listTicketsByStatus(db, {
        status,
        limit: PAGE_SIZE,
        offset: (safePage - 1) * PAGE_SIZE,
      });
      return { tickets, total, page: safePage, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
    },

    async view(rawNumber: string): Promise<TicketDetail | { reason: "invalid_number" | "not_found" }> {
      const parsed = parseTicketNumber(rawNumber);
      if (!parsed.ok) return { reason: "invalid_number" };
      const ticket = await findTicket(db, parsed.number);
      if (!ticket) return { reason: "not_found" };
      const [history, attachments] = await Promise.all([
        listTicketHistory(db, ticket.number),
        listTicketAttachments(db, ticket.number),
      ]);
      return { ticket, history, attachments };
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
      const [counts, waitingOverADay] = await Promise.all([
        countTicketsByStatusAndCategory(db),
        countTicketsWaitingSince(db, cutoff),
      ]);
      return { counts, waitingOverADay };
    },
  };
}

export type HelpdeskService = ReturnType<typeof createHelpdeskService>;
