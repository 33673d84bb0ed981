import type { Api } from "grammy";
import type { Logger } from "pino";
import type { Db, OutboxMessage } from "../../db/index.ts";
import { isTelegramChatBlocked, markTelegramChatBlocked } from "../../db/telegram-blocked-chat.repository.ts";
import {
  findPostedTicket,
  recordTelegramTicketMessage,
} from "../../db/telegram-ticket-message.repository.ts";
import { RecipientUnreachableError } from "../outbox/outbox-dispatcher.ts";
import { outboundOf } from "../outbox/outbox-message.ts";
import { createChoiceCodec } from "./callback-data.ts";
import { choiceKeyboard, sendText } from "./outbound-sender.ts";
import { describeError, isRecipientUnreachable, withoutPayload } from "./telegram-errors.ts";
import { answerKeyboard, postTicketCard } from "./ticket-card.ts";

interface SenderDeps {
  api: Api;
  db: Db;
  logger: Logger;
}

/**
 * Delivers the "telegram" outbox rows (status changes, answers) to the applicant's private chat. A user
 * who blocked the bot is recorded, so later notices are given up without calling Telegram; a 429 is
 * waited out by the auto-retry plugin inside the call, and anything else is left to the dispatcher's backoff.
 */
export function createApplicantSender(deps: SenderDeps) {
  // Notification choices are short ("selesai:<ticket>"), so they go as they are and survive restarts.
  const codec = createChoiceCodec();
  return async (message: OutboxMessage): Promise<void> => {
    if (await isTelegramChatBlocked(deps.db, message.chatId)) {
      throw new RecipientUnreachableError("chat marked as blocked");
    }
    try {
      const outbound = outboundOf(message);
      await sendText(deps.api, message.chatId, outbound.text, { keyboard: choiceKeyboard(outbound, codec) });
    } catch (error) {
      if (!isRecipientUnreachable(error)) throw withoutPayload(error);
      deps.logger.info(
        { outboxId: message.id, error: describeError(error) },
        "applicant unreachable on Telegram",
      );
      await markTelegramChatBlocked(deps.db, message.chatId);
      throw new RecipientUnreachableError(withoutPayload(error).message);
    }
  };
}

/** What an admin-group row is about: a new ticket, or news on one (reopened, information added). */
function ticketEvent(payload: unknown): { kind: string; ticketNumber: string } | undefined {
  if (typeof payload !== "object" || payload === null) return undefined;
  const { kind, ticketNumber } = payload as { kind?: unknown; ticketNumber?: unknown };
  return typeof kind === "string" && typeof ticketNumber === "string" ? { kind, ticketNumber } : undefined;
}

/**
 * News on an existing ticket (reopened by the applicant, information added): posted under the ticket's
 * card with a Jawab button, and a text reply to it answers the ticket like a reply to the card.
 */
async function postTicketNews(deps: SenderDeps, message: OutboxMessage, ticketNumber: string): Promise<void> {
  const { cardMessageId } = await findPostedTicket(deps.db, message.chatId, ticketNumber);
  const ids = await sendText(deps.api, message.chatId, message.text, {
    keyboard: answerKeyboard(ticketNumber),
    ...(cardMessageId === undefined ? {} : { replyTo: cardMessageId }),
  });
  for (const messageId of ids) {
    await recordTelegramTicketMessage(deps.db, {
      chatId: message.chatId,
      messageId,
      ticketNumber,
      kind: "answer_prompt",
    });
  }
}

/** Delivers the "telegram-admin" rows: a new ticket becomes a card in the admin group; other rows are sent as text. */
export function createAdminInboxSender(deps: SenderDeps) {
  return async (message: OutboxMessage): Promise<void> => {
    const event = ticketEvent(message.payload);
    const ticketNumber = event?.kind === "new_ticket" ? event.ticketNumber : undefined;
    try {
      if (event && event.kind !== "new_ticket") {
        await postTicketNews(deps, message, event.ticketNumber);
      } else if (ticketNumber === undefined) {
        await sendText(deps.api, message.chatId, message.text);
      } else if (!(await postTicketCard(deps.api, deps.db, message.chatId, ticketNumber))) {
        deps.logger.warn(
          { outboxId: message.id, ticket: ticketNumber },
          "card for a ticket that does not exist skipped",
        );
      }
    } catch (error) {
      // Never "unreachable": a bot removed from the admin group must be noticed and fixed, so it is retried.
      throw withoutPayload(error);
    }
  };
}
