import { findTicket, listTicketsByChat } from "../../db/index.ts";
import { countStatusProofFailures, recordStatusProofFailure } from "../../db/status-proof.repository.ts";
import { scanTicketNumber, ticketNumberNeighbours } from "../../flows/ticket-number.ts";
import { normalizeIdNumber } from "../../flows/validation/nik.validator.ts";
import { engineMessages as t } from "./engine.messages.ts";
import type { OutboundMessage } from "./message.types.ts";
import { ticketStatusReply } from "./status-reply.ts";
import type { Turn } from "./turn.types.ts";

/** Failed NIK proofs allowed per chat and per ticket within the window, then the answer stays hidden. */
export const PROOF_LIMIT = 5;
export const PROOF_WINDOW_MS = 60 * 60 * 1000;
const OWN_TICKETS_SCANNED = 50;

// Runs of digits with the separators people type inside a NIK ("3201 0157 0895 0001", "3201.01...").
const DIGIT_RUN = /\d[\d\s.-]*\d|\d/g;

/** What the message offers as proof of identity: nothing, exactly one NIK, or something else with digits. */
type NikProof = { kind: "none" } | { kind: "one"; nik: string } | { kind: "malformed" };

function nikProof(textWithoutNumber: string): NikProof {
  const runs = textWithoutNumber.match(DIGIT_RUN) ?? [];
  if (runs.length === 0) return { kind: "none" };
  const digits = runs.map((run) => normalizeIdNumber(run));
  // Exactly one 16-digit number: a row of guesses in one message proves nothing.
  if (digits.length === 1 && /^\d{16}$/.test(digits[0]!)) return { kind: "one", nik: digits[0]! };
  return { kind: "malformed" };
}

/**
 * The reply to a ticket number typed in a chat (alone, after "status", or inside a sentence). The answer is
 * shown in the chat that opened the ticket, or elsewhere to whoever sends the ticket's NIK exactly; failed
 * proofs are counted in the database per chat and per ticket, and past the limit no proof is checked.
 */
export async function lookUpStatus(turn: Turn, text: string): Promise<OutboundMessage> {
  const mention = scanTicketNumber(text);
  if (!mention) return { text: t.ticketNumberUnreadable };
  if (mention.kind === "typo") return { text: await typoReply(turn, mention.typed) };
  const ticket = await findTicket(turn.db, mention.number);
  if (!ticket) return { text: t.ticketNotFound(mention.number) };
  const { channel, chatId } = turn.inbound;
  if ((ticket.channel === channel && ticket.chatId === chatId) || !ticket.answerText) {
    return ticketStatusReply(ticket, true);
  }
  const proof = nikProof(withoutTicketNumber(text));
  if (proof.kind === "none") return ticketStatusReply(ticket, false);
  if (proof.kind === "malformed") return withNote(ticketStatusReply(ticket, false), t.nikProofMalformed);

  const attempt = { channel, chatId, ticketNumber: ticket.number };
  const now = Date.parse(turn.receivedAt);
  const since = new Date(now - PROOF_WINDOW_MS).toISOString();
  const failures = await countStatusProofFailures(turn.db, attempt, since);
  if (failures.byChat >= PROOF_LIMIT || failures.byTicket >= PROOF_LIMIT) {
    return withNote(ticketStatusReply(ticket, false), t.nikProofLimited);
  }
  if (ticket.nik !== "" && proof.nik === ticket.nik) return ticketStatusReply(ticket, true);
  await recordStatusProofFailure(turn.db, attempt, turn.receivedAt, since);
  return withNote(ticketStatusReply(ticket, false), t.nikProofMismatch);
}

function withoutTicketNumber(text: string): string {
  const mention = scanTicketNumber(text);
  if (!mention) return text;
  // The number may hold digits itself: only what surrounds it can be a NIK.
  return `${text.slice(0, mention.at.index)} ${text.slice(mention.at.index + mention.at.length)}`;
}

function withNote(reply: OutboundMessage, note: string): OutboundMessage {
  return { ...reply, text: `${reply.text}\n\n${note}` };
}

/** A mistyped number: said as such; when one of the chat's own tickets is a character away, it is offered. */
async function typoReply(turn: Turn, typed: string): Promise<string> {
  const neighbours = new Set(ticketNumberNeighbours(typed));
  const own = await listTicketsByChat(
    turn.db,
    turn.inbound.channel,
    turn.inbound.chatId,
    OWN_TICKETS_SCANNED,
  );
  const close = own.filter((ticket) => neighbours.has(ticket.number));
  return close.length === 1 ? t.ticketNumberTypoOwn(typed, close[0]!.number) : t.ticketNumberTypo(typed);
}
