import type { Api } from "grammy";
import type { Logger } from "pino";
import type { Db, OutboxMessage } from "../../db/index.ts";
import { isTelegramChatBlocked, markTelegramChatBlocked } from "../../db/telegram-blocked-chat.repository.ts";
import { RecipientUnreachableError } from "../outbox/outbox-dispatcher.ts";
import { sendText } from "./outbound-sender.ts";
import { describeError, isRecipientUnreachable, withoutPayload } from "./telegram-errors.ts";
import { postTicketCard } from "./ticket-card.ts";

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
  return async (message: OutboxMessage): Promise<void> => {
    if (await isTelegramChatBlocked(deps.db, message.chatId)) {
      throw new RecipientUnreachableError("chat marked as blocked");
    }
    try {
      await sendText(deps.api, message.chatId, message.text);
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

function newTicketNumber(payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null) return undefined;
  const { kind, ticketNumber } = payload as { kind?: unknown; ticketNumber?: unknown };
  return kind === "new_ticket" && typeof ticketNumber === "string" ? ticketNumber : undefined;
}

/** Delivers the "telegram-admin" rows: a new ticket becomes a card in the admin group; other rows are sent as text. */
export function createAdminInboxSender(deps: SenderDeps) {
  return async (message: OutboxMessage): Promise<void> => {
    const ticketNumber = newTicketNumber(message.payload);
    try {
      if (ticketNumber === undefined) {
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
