import { type Api, GrammyError, HttpError } from "grammy";
import type { Logger } from "pino";
import type { Db, OutboxMessage } from "../../db/index.ts";
import { isTelegramChatBlocked, markTelegramChatBlocked } from "../../db/telegram-blocked-chat.repository.ts";
import {
  findPostedTicket,
  recordTelegramTicketMessage,
} from "../../db/telegram-ticket-message.repository.ts";
import {
  PermanentSendError,
  RecipientUnreachableError,
  RetryLaterError,
} from "../outbox/outbox-dispatcher.ts";
import { outboundOf } from "../outbox/outbox-message.ts";
import type { ChoiceCodec } from "./callback-data.ts";
import { choiceKeyboard, sendText } from "./outbound-sender.ts";
import { describeError, isRecipientUnreachable, withoutPayload } from "./telegram-errors.ts";
import { answerKeyboard, postTicketCard } from "./ticket-card.ts";

interface SenderDeps {
  /** An Api without the auto-retry plugin: a 429 comes back at once and the outbox schedules the retry. */
  api: Api;
  db: Db;
  logger: Logger;
}

/**
 * Turns a failed Bot API call into the outbox's verdict: a 429 waits `retry_after`, a network fault or a
 * Telegram 5xx waits the usual backoff, and any other 4xx is about the message itself (never better on
 * a retry). The payload (the message text) is never kept.
 */
export function toSendError(error: unknown): Error {
  if (error instanceof GrammyError) {
    const plain = withoutPayload(error).message;
    if (error.error_code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      return new RetryLaterError(plain, seconds * 1000);
    }
    if (error.error_code >= 500) return new RetryLaterError(plain);
    return new PermanentSendError(plain);
  }
  if (error instanceof HttpError) return new RetryLaterError(withoutPayload(error).message);
  return withoutPayload(error);
}

/**
 * Delivers the "telegram" outbox rows to the applicant's private chat: replies and notifications, with
 * their buttons (the codec is the bot's, so a long choice value decodes). A user who blocked the bot is
 * recorded, so later messages are given up without calling Telegram.
 */
export function createApplicantSender(deps: SenderDeps & { codec: ChoiceCodec }) {
  return async (message: OutboxMessage, signal: AbortSignal): Promise<void> => {
    if (await isTelegramChatBlocked(deps.db, message.chatId)) {
      throw new RecipientUnreachableError("chat marked as blocked");
    }
    try {
      const outbound = outboundOf(message);
      await sendText(deps.api, message.chatId, outbound.text, {
        keyboard: choiceKeyboard(outbound, deps.codec),
        signal,
      });
    } catch (error) {
      if (!isRecipientUnreachable(error)) throw toSendError(error);
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
async function postTicketNews(
  deps: SenderDeps,
  message: OutboxMessage,
  ticketNumber: string,
  signal: AbortSignal,
): Promise<void> {
  const { cardMessageId } = await findPostedTicket(deps.db, message.chatId, ticketNumber);
  const ids = await sendText(deps.api, message.chatId, message.text, {
    keyboard: answerKeyboard(ticketNumber),
    signal,
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
  return async (message: OutboxMessage, signal: AbortSignal): Promise<void> => {
    const event = ticketEvent(message.payload);
    const ticketNumber = event?.kind === "new_ticket" ? event.ticketNumber : undefined;
    try {
      if (event && event.kind !== "new_ticket") {
        await postTicketNews(deps, message, event.ticketNumber, signal);
      } else if (ticketNumber === undefined) {
        await sendText(deps.api, message.chatId, message.text, { signal });
      } else if (!(await postTicketCard(deps.api, deps.db, message.chatId, ticketNumber, signal))) {
        deps.logger.warn(
          { outboxId: message.id, ticket: ticketNumber },
          "card for a ticket that does not exist skipped",
        );
      }
    } catch (error) {
      // Never "unreachable": a bot removed from the admin group must be noticed and fixed, so it is retried.
      const verdict = toSendError(error);
      throw verdict instanceof PermanentSendError ? new RetryLaterError(verdict.message) : verdict;
    }
  };
}
