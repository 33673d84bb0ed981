import { jidNormalizedUser, type WAMessage } from "@whiskeysockets/baileys";
import type { Logger } from "pino";
import { isMessageProcessed } from "../../db/processed-message.repository.ts";
import type { Db } from "../../db/schema.ts";
import { linkWhatsAppLid, resolveWhatsAppContact } from "../../db/whatsapp-contact.repository.ts";
import { createChatQueue } from "../engine/chat-queue.ts";
import { type ConversationEngine, queueReplies } from "../engine/conversation-engine.ts";
import { MAX_FILE_BYTES } from "../engine/file-too-large.ts";
import type { InboundContent } from "../engine/message.types.ts";
import type { ChoiceMemory } from "./choice-text.ts";
import { type ClassifiedMessage, classifyMessage, sentAt } from "./inbound-message.ts";
import type { MediaDownloader } from "./media-download.ts";
import { whatsappMessages as m } from "./whatsapp.messages.ts";
import { addressOf, maskJid } from "./whatsapp-identity.ts";
import { WHATSAPP_CHANNEL } from "./whatsapp-sender.ts";
import type { BaileysEventBatch, WASocketLike } from "./whatsapp-socket.ts";

type Answerable = Exclude<ClassifiedMessage, { kind: "ignore" }>;

export interface WhatsAppInboundDeps {
  db: Db;
  engine: ConversationEngine;
  choices: ChoiceMemory;
  download: MediaDownloader;
  logger: Logger;
}

/**
 * Translates WhatsApp messages for the engine, which queues the replies in the outbox (sent by the
 * channel's outbox dispatcher). Messages of one sender are handled one at a time in arrival order;
 * different senders run side by side.
 */
export function createWhatsAppInbound(deps: WhatsAppInboundDeps) {
  const { db, logger } = deps;
  const chats = createChatQueue();
  // Ids being handled right now: Baileys may deliver a message again before the engine has recorded it.
  const inFlight = new Set<string>();
  const running = new Set<Promise<unknown>>();

  function track(work: Promise<unknown>): void {
    // Failures are logged where they happen; here only completion matters (for idle()).
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    running.add(settled);
    void settled.then(() => running.delete(settled));
  }

  /** Takes one batch of Baileys events; returns at once, the work continues in the background. */
  function handleBatch(events: BaileysEventBatch, sock: WASocketLike): void {
    const mapping = events["lid-mapping.update"];
    if (mapping) {
      track(
        linkWhatsAppLid(db, {
          lid: jidNormalizedUser(mapping.lid),
          phoneJid: jidNormalizedUser(mapping.pn),
        }).catch((error: unknown) => logger.warn({ err: error }, "could not store a lid mapping")),
      );
    }
    const upsert = events["messages.upsert"];
    // "append" is history and our own sends; only "notify" is new for us.
    if (upsert?.type !== "notify") return;
    for (const message of upsert.messages) accept(message, sock);
  }

  function accept(message: WAMessage, sock: WASocketLike): void {
    const classified = classifyMessage(message);
    if (classified.kind === "ignore") {
      logger.trace({ reason: classified.reason }, "WhatsApp message ignored");
      return;
    }
    const id = message.key.id!;
    if (inFlight.has(id)) {
      logger.info({ messageId: id }, "WhatsApp message delivered again while in progress; ignored");
      return;
    }
    inFlight.add(id);
    const jid = jidNormalizedUser(message.key.remoteJid!);
    track(chats.run(jid, () => handleMessage(message, classified, sock)).finally(() => inFlight.delete(id)));
  }

  async function handleMessage(message: WAMessage, classified: Answerable, sock: WASocketLike) {
    const id = message.key.id!;
    const log = logger.child({
      channel: WHATSAPP_CHANNEL,
      chat: maskJid(message.key.remoteJid!),
      messageId: id,
    });
    try {
      // Checked before any download: a redelivered file is not fetched again.
      if (await isMessageProcessed(db, WHATSAPP_CHANNEL, id)) {
        log.info("duplicate WhatsApp message ignored");
        return;
      }
      const address = await addressOf(message.key, sock.signalRepository.lidMapping);
      const chatId = await resolveWhatsAppContact(db, address);
      const content = await contentOf(message, classified, chatId, sock, log);
      if (content.kind === "answered") {
        // Through the outbox like every reply: in order after the chat's earlier replies, kept across a crash.
        await queueReplies(db, { channel: WHATSAPP_CHANNEL, chatId, messageId: id }, [
          { text: content.text },
        ]);
        return;
      }
      // The engine queues the replies in the outbox with the message; the outbox dispatcher sends them.
      const replies = await deps.engine.handle({
        channel: WHATSAPP_CHANNEL,
        chatId,
        userId: chatId,
        messageId: id,
        content: content.content,
        receivedAt: sentAt(message),
      });
      // No replies means the engine saw this id before: the choices on screen have not changed.
      if (replies.length > 0) deps.choices.remember(chatId, replies);
    } catch (error) {
      log.error({ err: error }, "WhatsApp message handling failed");
    }
  }

  /** The engine input, or a reply the adapter gives itself (a failed download: a platform fault). */
  async function contentOf(
    message: WAMessage,
    classified: Answerable,
    chatId: string,
    sock: WASocketLike,
    log: Logger,
  ): Promise<{ kind: "content"; content: InboundContent } | { kind: "answered"; text: string }> {
    switch (classified.kind) {
      case "text":
        return { kind: "content", content: deps.choices.contentFor(chatId, classified.text) };
      case "unsupported":
        return { kind: "content", content: { kind: "unsupported", what: classified.what } };
      case "media":
        break;
    }
    const fileName = classified.fileName ?? (classified.media === "image" ? "foto.jpg" : undefined);
    const declaredSize = classified.declaredSize ?? 0;
    if (declaredSize > MAX_FILE_BYTES) {
      // WhatsApp states the size up front: no need to fetch megabytes only to refuse them.
      log.info({ declaredSize }, "WhatsApp file over the limit; not downloaded");
      const mime = classified.mime ?? (classified.media === "image" ? "image/jpeg" : undefined);
      return {
        kind: "content",
        content: {
          kind: "file_too_large",
          size: declaredSize,
          ...(mime ? { mime } : {}),
          ...(fileName ? { fileName } : {}),
        },
      };
    }
    try {
      const bytes = await deps.download(message, {
        reuploadRequest: (m) => sock.updateMediaMessage(m),
        logger: log,
      });
      return { kind: "content", content: { kind: "file", bytes, ...(fileName ? { fileName } : {}) } };
    } catch (error) {
      log.warn({ err: error }, "WhatsApp media download failed");
      return { kind: "answered", text: m.downloadFailed };
    }
  }

  return {
    handleBatch,
    /** Resolves when every message received so far has been answered. */
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

export type WhatsAppInbound = ReturnType<typeof createWhatsAppInbound>;
