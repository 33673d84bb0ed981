import {
  changeTicketStatus,
  enqueueOutbox,
  type FeedbackVerdict,
  findOpenTicketByNik,
  findPendingFeedback,
  findTicket,
  insertTicketAddition,
  OUTBOX_PRIORITY,
  recordFeedback,
  type Ticket,
} from "../../db/index.ts";
import { matchChoice } from "../../flows/steps/choice-matching.ts";
import { validateLongText } from "../../flows/validation/text.validator.ts";
import { type ConversationState, IDLE } from "./conversation-state.ts";
import { engineMessages as t } from "./engine.messages.ts";
import type { OutboundMessage } from "./message.types.ts";
import { categoryTitle } from "./status-reply.ts";
import type { Turn, TurnResult } from "./turn.types.ts";

type FormState = Extract<ConversationState, { stage: "form" }>;
type ReopenState = Extract<ConversationState, { stage: "reopen_reason" }>;
type OfferState = Extract<ConversationState, { stage: "duplicate_offer" }>;
type AddInfoState = Extract<ConversationState, { stage: "add_info" }>;

const REASON_MAX = 500;
const ADD_INFO = "tambah_info";
const NO_THANKS = "tidak_tambah";
const OFFER_SYNONYMS = {
  [ADD_INFO]: ["ya", "y", "iya", "tambah", "tambahkan", "boleh", "mau"],
  [NO_THANKS]: ["tidak", "tdk", "gak", "ga", "nggak", "tidak usah", "tidak perlu", "nanti saja"],
};

export interface FollowUpDeps {
  /** `priority` puts its rows ahead of bulk notifications (OUTBOX_PRIORITY.admin). */
  adminInbox?: { channel: string; chatId: string; priority?: number };
  /** The prompt of a form the applicant returns to after answering a follow-up in its middle. */
  formPrompt(turn: Turn, form: FormState): Promise<OutboundMessage>;
}

/**
 * What happens after a ticket: the applicant's verdict on an answer (and reopening it with what is
 * still wrong), and a second form for a problem that already has an open ticket (adding to it instead).
 */
export function createFollowUpTurns(deps: FollowUpDeps) {
  const ownChat = (turn: Turn, ticket: Ticket) =>
    ticket.channel === turn.inbound.channel && ticket.chatId === turn.inbound.chatId;

  async function back(turn: Turn, resume: FormState | undefined, replies: OutboundMessage[]) {
    if (!resume) return { state: IDLE, replies };
    return { state: resume, replies: [...replies, await deps.formPrompt(turn, resume)] };
  }

  /** "Ya" or "Masih bermasalah" on an answer, pressed (at any stage) or typed after the question. */
  async function feedback(
    turn: Turn,
    state: ConversationState,
    ticketNumber: string,
    verdict: FeedbackVerdict,
  ): Promise<TurnResult> {
    const resume = state.stage === "form" ? state : undefined;
    const ticket = await findTicket(turn.db, ticketNumber);
    if (!ticket || !ownChat(turn, ticket)) return back(turn, resume, [{ text: t.feedbackUnknownTicket }]);
    const pending =
      ticket.status === "Jawaban" ? await findPendingFeedback(turn.db, ticket.number) : undefined;
    if (!pending) return back(turn, resume, [{ text: t.feedbackAlreadyGiven(ticket.number) }]);
    if (verdict === "selesai") {
      await recordFeedback(turn.db, ticket.number, "selesai", turn.receivedAt);
      return back(turn, resume, [{ text: t.feedbackThanks(ticket.number) }]);
    }
    return {
      state: { stage: "reopen_reason", ticketNumber: ticket.number, ...(resume ? { resume } : {}) },
      replies: [{ text: t.askWhatIsWrong(ticket.number) }],
    };
  }

  /** The text after "Masih bermasalah": the ticket goes back to Proses with it, and the admins are told. */
  async function reopenReason(turn: Turn, state: ReopenState): Promise<TurnResult> {
    const content = turn.inbound.content;
    if (content.kind !== "text") return { state, replies: [{ text: t.reasonNeedsText }] };
    const reason = validateLongText(content.text, { maxLength: REASON_MAX, fieldLabel: "Keterangan" });
    if (!reason.ok)
      return { state, replies: [{ text: `${reason.message}\n\n${t.askWhatIsWrong(state.ticketNumber)}` }] };
    const changed = await changeTicketStatus(turn.db, {
      number: state.ticketNumber,
      allowedFrom: ["Jawaban"],
      to: "Proses",
      actor: { kind: "applicant", id: turn.inbound.userId },
      note: reason.value,
      alsoNotify: deps.adminInbox
        ? [
            {
              ...deps.adminInbox,
              text: t.adminReopened(state.ticketNumber, reason.value),
              payload: { kind: "ticket_reopened", ticketNumber: state.ticketNumber },
              priority: OUTBOX_PRIORITY.admin,
            },
          ]
        : [],
    });
    if (!changed.ok) {
      const status = changed.reason === "conflict" ? changed.ticket.status : "-";
      return back(turn, state.resume, [{ text: t.reopenNotPossible(state.ticketNumber, status) }]);
    }
    await recordFeedback(turn.db, state.ticketNumber, "masih", turn.receivedAt);
    return back(turn, state.resume, [{ text: t.reopened(state.ticketNumber) }]);
  }

  function cancelReopen(turn: Turn, state: ReopenState): Promise<TurnResult> {
    return back(turn, state.resume, [{ text: t.reopenCancelled(state.ticketNumber) }]);
  }

  /**
   * A form reached a NIK (or was submitted) for a problem that already has an open ticket: offer to add
   * to it. The ticket number is told only in the chat that opened it; elsewhere the NIK alone must not
   * reveal it.
   */
  async function openTicketFor(turn: Turn, nik: string, category: string): Promise<TurnResult | undefined> {
    const open = await findOpenTicketByNik(turn.db, nik, category);
    if (!open) return undefined;
    const shownNumber = ownChat(turn, open) ? open.number : t.otherChatTicket;
    return {
      state: { stage: "duplicate_offer", ticketNumber: open.number },
      replies: [
        {
          text: t.openTicketExists(shownNumber, open.status, categoryTitle(open.category)),
          choices: [
            { value: ADD_INFO, label: t.addInfoChoice },
            { value: NO_THANKS, label: t.addInfoDecline },
          ],
        },
      ],
    };
  }

  /** The answer to that offer; undefined when the message is something else (handled as new). */
  async function offerAnswer(turn: Turn, state: OfferState): Promise<TurnResult | undefined> {
    const content = turn.inbound.content;
    if (content.kind !== "text" && content.kind !== "choice") return undefined;
    const chosen = matchChoice(
      content,
      [
        { value: ADD_INFO, label: t.addInfoChoice },
        { value: NO_THANKS, label: t.addInfoDecline },
      ],
      OFFER_SYNONYMS,
    );
    const ticket = await findTicket(turn.db, state.ticketNumber);
    const shown = (x: Ticket) => (ownChat(turn, x) ? x.number : t.otherChatTicket);
    if (chosen === NO_THANKS && ticket)
      return { state: IDLE, replies: [{ text: t.addInfoCancelled(shown(ticket)) }] };
    if (chosen !== ADD_INFO || !ticket) return undefined;
    return {
      state: { stage: "add_info", ticketNumber: ticket.number },
      replies: [{ text: t.askAddInfo(shown(ticket)) }],
    };
  }

  async function cancelAddInfo(turn: Turn, state: AddInfoState): Promise<TurnResult> {
    const ticket = await findTicket(turn.db, state.ticketNumber);
    const shown = ticket && ownChat(turn, ticket) ? ticket.number : t.otherChatTicket;
    return { state: IDLE, replies: [{ text: t.addInfoCancelled(shown) }] };
  }

  /** The new information: kept on the ticket (admins see it in /lihat) and posted to the admin group. */
  async function addInfo(turn: Turn, state: AddInfoState): Promise<TurnResult> {
    const content = turn.inbound.content;
    if (content.kind !== "text") return { state, replies: [{ text: t.addInfoNeedsText }] };
    const info = validateLongText(content.text, { maxLength: REASON_MAX, fieldLabel: "Informasi tambahan" });
    const ticket = await findTicket(turn.db, state.ticketNumber);
    if (!ticket) return { state: IDLE, replies: [{ text: t.feedbackUnknownTicket }] };
    const shown = ownChat(turn, ticket) ? ticket.number : t.otherChatTicket;
    if (!info.ok) return { state, replies: [{ text: `${info.message}\n\n${t.askAddInfo(shown)}` }] };
    if (ticket.status === "Jawaban")
      return { state: IDLE, replies: [{ text: t.duplicateClosed(shown, ticket.status) }] };
    await insertTicketAddition(turn.db, {
      ticketNumber: ticket.number,
      channel: turn.inbound.channel,
      chatId: turn.inbound.chatId,
      text: info.value,
      createdAt: turn.receivedAt,
    });
    if (deps.adminInbox) {
      await enqueueOutbox(turn.db, {
        ...deps.adminInbox,
        text: t.adminInfoAdded(ticket.number, info.value),
        payload: { kind: "ticket_addition", ticketNumber: ticket.number },
        priority: OUTBOX_PRIORITY.admin,
      });
    }
    return { state: IDLE, replies: [{ text: t.infoAdded(shown) }] };
  }

  return { feedback, reopenReason, cancelReopen, openTicketFor, offerAnswer, addInfo, cancelAddInfo };
}
