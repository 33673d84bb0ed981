import type { Logger } from "pino";
import {
  type Db,
  deleteConversation,
  enqueueOutbox,
  inTransaction,
  loadConversation,
  lockChat,
  markMessageProcessed,
  OUTBOX_PRIORITY,
  saveConversation,
} from "../../db/index.ts";
import { inspectAttachment } from "../../flows/validation/attachment.validator.ts";
import { lazyChild } from "../logging/logger.ts";
import { maskId } from "../logging/mask.ts";
import { metrics } from "../monitoring/metrics.ts";
import { createChatQueue } from "./chat-queue.ts";
import { type ConversationState, IDLE, parseConversationState } from "./conversation-state.ts";
import { createTurnHandler, type InspectedFile, type TurnOptions } from "./conversation-turn.ts";
import { engineMessages as t } from "./engine.messages.ts";
import { menuMessage } from "./menu.ts";
import type { InboundMessage, OutboundMessage } from "./message.types.ts";
import { fitPhoto, needsFitting } from "./photo-fit.ts";

export interface ConversationEngineDeps extends TurnOptions {
  db: Db;
  logger: Logger;
  now?: () => Date;
}

export interface ConversationEngine {
  /**
   * Handles one inbound message: its replies are queued in the outbox in the same transaction (the
   * channel's outbox dispatcher sends them) and returned. A message seen before returns none; its replies
   * still unsent stay queued and go out with the dispatcher's next pass.
   */
  handle(message: InboundMessage): Promise<OutboundMessage[]>;
}

/**
 * The channel-agnostic heart of the bot. Per message: one transaction records the message id, loads the
 * chat's state, takes one turn, stores the new state and queues the replies, so a crash never half-applies
 * a message, never loses its replies, and a redelivered message is answered once. Messages of one chat
 * run one at a time, in order.
 */
export function createConversationEngine(deps: ConversationEngineDeps): ConversationEngine {
  const queue = createChatQueue();
  const turns = createTurnHandler(deps);
  const now = deps.now ?? (() => new Date());

  async function process(message: InboundMessage): Promise<OutboundMessage[]> {
    const log = lazyChild(deps.logger, () => ({
      channel: message.channel,
      chat: maskId(message.chatId),
      messageId: message.messageId,
    }));
    try {
      // What admins taught the FAQ is kept in the database; the first message loads it (once per process).
      await deps.routing.loadLearned(deps.db);
      // Detecting a file's type is asynchronous I/O-free work; doing it before the transaction keeps that short.
      const file = message.content.kind === "file" ? await inspect(message.content, log) : undefined;
      const receivedAt = (message.receivedAt ?? now()).toISOString();
      const replies = await inTransaction(deps.db, async (db) => {
        // Another instance may be taking a turn in this chat (webhooks reach any of them): this one waits
        // for it and then reads what it committed, a redelivery included (then a no-op just below).
        await lockChat(db, message.channel, message.chatId);
        if (!(await markMessageProcessed(db, message.channel, message.messageId))) return undefined;
        const stored = await loadConversation(db, message.channel, message.chatId);
        const state = parseConversationState(stored?.snapshot);
        if (!state) {
          log.warn("stored conversation no longer parses; starting over");
          await save(db, message, IDLE);
          const reset = [{ text: t.conversationReset }, menuMessage()];
          await queueReplies(db, message, reset);
          return reset;
        }
        const result = await turns.take({ db, inbound: message, file, receivedAt }, state);
        await save(db, message, result.state);
        log.debug({ stage: result.state.stage }, "message handled");
        // Retention removed this chat's abandoned form: say so once, before whatever this message asked.
        const replies = stored?.draftExpiredAt
          ? [{ text: t.draftExpired(stored.updatedAt) }, ...result.replies]
          : result.replies;
        await queueReplies(db, message, replies);
        return replies;
      });
      if (!replies) {
        log.info("duplicate message; its unsent replies stay queued");
        metrics.duplicateReceived(message.channel, message.messageId);
      }
      return replies ?? [];
    } catch (error) {
      log.error({ err: error }, "message handling failed");
      // Nothing of the message was kept, so a redelivery handles it afresh; the apology goes out regardless.
      const apology = [{ text: t.internalError }];
      await queueReplies(deps.db, message, apology).catch((queueError: unknown) =>
        log.error({ err: queueError }, "apology not queued"),
      );
      return apology;
    }
  }

  return {
    handle: (message) => {
      metrics.messageReceived(message.channel, message.messageId);
      return queue.run(`${message.channel}:${message.chatId}`, () => process(message));
    },
  };
}

/**
 * Detects the type by content and, for a JPG over the limit or a PNG, makes the fitted JPG at once: only
 * that one goes on (to be stored if the step wants a file); the original bytes are dropped here. A photo
 * that cannot be fitted (unreadable, too many pixels, still too large) goes on as it is, to be refused
 * with the file check's reason and tips.
 */
async function inspect(
  content: { bytes: Uint8Array; fileName?: string },
  log: Logger,
): Promise<InspectedFile> {
  const meta = await inspectAttachment(content.bytes, content.fileName);
  if (!needsFitting(meta.mime, meta.size)) return { ...meta, bytes: content.bytes };
  const fit = await fitPhoto(content.bytes);
  if (fit.kind !== "fitted") {
    log.info({ mime: meta.mime, size: meta.size, outcome: fit.kind }, "photo not fitted");
    return { ...meta, bytes: content.bytes };
  }
  const fitted = await inspectAttachment(fit.bytes, jpgName(content.fileName));
  return {
    ...fitted,
    bytes: fit.bytes,
    fitted: { fromMime: meta.mime!, fromSize: meta.size, width: fit.width, height: fit.height },
  };
}

const jpgName = (name: string | undefined) => `${name ? name.replace(/\.[^./]*$/, "") : "foto"}.jpg`;

/** Queues the replies to `message` in its chat, in order, ahead of bulk notifications. */
export async function queueReplies(
  db: Db,
  message: Pick<InboundMessage, "channel" | "chatId" | "messageId">,
  replies: readonly OutboundMessage[],
): Promise<void> {
  for (const reply of replies) {
    await enqueueOutbox(db, {
      channel: message.channel,
      chatId: message.chatId,
      text: reply.text,
      payload:
        reply.choices && reply.choices.length > 0 ? { kind: "reply", choices: reply.choices } : undefined,
      priority: OUTBOX_PRIORITY.reply,
      sourceMessageId: message.messageId,
    });
  }
}

async function save(db: Db, message: InboundMessage, state: ConversationState): Promise<void> {
  // An idle chat needs no row: keeps the table as small as the number of conversations in progress.
  if (state.stage === "idle") return deleteConversation(db, message.channel, message.chatId);
  await saveConversation(db, {
    channel: message.channel,
    chatId: message.chatId,
    userId: message.userId,
    snapshot: state,
    formDraft: state.stage === "form",
  });
}
