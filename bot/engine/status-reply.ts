import type { Ticket } from "../../db/index.ts";
import { CATEGORIES, isCategoryId } from "../../flows/categories/index.ts";
import { engineMessages as t } from "./engine.messages.ts";
import type { OutboundMessage } from "./message.types.ts";

export const categoryTitle = (id: string) => (isCategoryId(id) ? CATEGORIES[id].form.title : id);

const displayTime = (iso: string) =>
  `${new Date(iso).toLocaleString("id-ID", {
    timeZone: "Asia/Jakarta",
    dateStyle: "medium",
    timeStyle: "short",
  })} WIB`;

/** The status of a ticket for the applicant: never NIK, KK or files; the answer only where allowed. */
export function ticketStatusReply(ticket: Ticket, showAnswer: boolean): OutboundMessage {
  const lines = [
    t.ticketStatus(
      ticket.number,
      categoryTitle(ticket.category),
      ticket.status,
      displayTime(ticket.updatedAt),
    ),
    t.statusMeaning[ticket.status] ?? "",
  ];
  if (ticket.answerText) lines.push(showAnswer ? t.ticketAnswer(ticket.answerText) : t.answerHiddenElsewhere);
  return { text: lines.filter(Boolean).join("\n") };
}
