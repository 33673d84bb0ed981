import { type Api, InlineKeyboard, InputFile } from "grammy";
import {
  type AttachmentInfo,
  type Db,
  findTicket,
  getAttachmentContent,
  listTicketAttachments,
} from "../../db/index.ts";
import {
  findPostedTicket,
  recordTelegramTicketMessage,
} from "../../db/telegram-ticket-message.repository.ts";
import { CATEGORIES, isCategoryId } from "../../flows/categories/index.ts";
import { adminMessages } from "../helpdesk/admin.messages.ts";
import { encodeAdminAction } from "./callback-data.ts";
import { sendText } from "./outbound-sender.ts";
import { telegramMessages as m } from "./telegram.messages.ts";

export function cardKeyboard(ticketNumber: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(m.buttons.accept, encodeAdminAction("accept", ticketNumber))
    .text(m.buttons.process, encodeAdminAction("process", ticketNumber))
    .text(m.buttons.answer, encodeAdminAction("answer", ticketNumber));
}

/** Only Jawab: for news on a ticket an admin already took (reopened, information added). */
export function answerKeyboard(ticketNumber: string): InlineKeyboard {
  return new InlineKeyboard().text(m.buttons.answer, encodeAdminAction("answer", ticketNumber));
}

function fieldLabel(category: string, field: string): string {
  const form = isCategoryId(category) ? CATEGORIES[category].form : undefined;
  return form?.steps.find((step) => step.field === field)?.label ?? field;
}

function documentName(ticketNumber: string, attachment: AttachmentInfo): string {
  const extension = attachment.mime === "application/pdf" ? "pdf" : "jpg";
  return `${ticketNumber}-${attachment.field}.${extension}`;
}

/** Sends a ticket's files as documents (a reply to `replyTo`), each recorded so that it is sent once. */
export async function sendTicketFiles(
  api: Api,
  db: Db,
  chatId: string,
  ticket: { number: string; category: string },
  options: { replyTo?: number; skip?: ReadonlySet<string>; record: boolean; signal?: AbortSignal },
): Promise<number> {
  let sent = 0;
  for (const attachment of await listTicketAttachments(db, ticket.number)) {
    if (options.skip?.has(attachment.id)) continue;
    const content = await getAttachmentContent(db, attachment.id);
    if (!content) continue;
    const message = await api.sendDocument(
      chatId,
      new InputFile(content, documentName(ticket.number, attachment)),
      {
        caption: m.fileCaption(ticket.number, fieldLabel(ticket.category, attachment.field)),
        ...(options.replyTo === undefined
          ? {}
          : { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }),
      },
      options.signal as Parameters<Api["sendDocument"]>[3],
    );
    if (options.record) {
      await recordTelegramTicketMessage(db, {
        chatId,
        messageId: message.message_id,
        ticketNumber: ticket.number,
        kind: "file",
        attachmentId: attachment.id,
      });
    }
    sent += 1;
  }
  return sent;
}

/**
 * Posts a new ticket to the admin group: the card (masked NIK and KK, the answers, the three buttons),
 * then its files as documents under it. What is already posted is skipped, so an outbox retry after a
 * half-finished attempt completes the card instead of posting it twice.
 */
export async function postTicketCard(
  api: Api,
  db: Db,
  chatId: string,
  ticketNumber: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const ticket = await findTicket(db, ticketNumber);
  if (!ticket) return false;
  const posted = await findPostedTicket(db, chatId, ticket.number);
  let cardMessageId = posted.cardMessageId;
  if (cardMessageId === undefined) {
    const files = (await listTicketAttachments(db, ticket.number)).length;
    const text = [adminMessages.card(ticket), files > 0 ? m.cardFilesFollow(files) : "", m.cardHint]
      .filter(Boolean)
      .join("\n\n");
    const ids = await sendText(api, chatId, text, { keyboard: cardKeyboard(ticket.number), signal });
    // Every piece of a long card counts as the card, so a reply to any of them answers the ticket.
    for (const messageId of ids) {
      await recordTelegramTicketMessage(db, { chatId, messageId, ticketNumber: ticket.number, kind: "card" });
    }
    cardMessageId = ids[0]!;
  }
  await sendTicketFiles(api, db, chatId, ticket, {
    replyTo: cardMessageId,
    skip: posted.sentAttachmentIds,
    record: true,
    signal,
  });
  return true;
}
