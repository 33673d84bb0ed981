import { jidNormalizedUser, type WACallEvent, type WAMessage } from "@whiskeysockets/baileys";
import type { Logger } from "pino";
import { isMessageProcessed, markMessageProcessed } from "../../db/processed-message.repository.ts";
import type { Db } from "../../db/schema.ts";
import { linkWhatsAppLid, resolveWhatsAppContact } from "../../db/whatsapp-contact.repository.ts";
import { createChatQueue } from "../engine/chat-queue.ts";
import { type ConversationEngine, queueReplies } from "../engine/conversation-engine.ts";
import { downloadLimit } from "../engine/file-too-large.ts";
import type { InboundContent } from "../engine/message.types.ts";
import type { ChoiceMemory } from "./choice-text.ts";
import { createFloodControl, DEFAULT_FLOOD_CONTROL, type FloodControlOptions } from "./flood-control.ts";
import { type ClassifiedMessage, classifyMessage, isPrivateChat, sentAt } from "./inbound-message.ts";
import { type MediaDownloader, MediaTooLargeError } from "./media-download.ts";
import { whatsappMessages as m } from "./whatsapp.messages.ts";
import { addressOf, maskJid } from "./whatsapp-identity.ts";
import { WHATSAPP_CHANNEL } from "./whatsapp-sender.ts";
import type { BaileysEventBatch, WASocketLike } from "./whatsapp-socket.ts";

type Answerable = Extract<ClassifiedMessage, { kind: "text" | "media" | "unsupported" }>;

export interface WhatsAppInboundOptions {
  /** A message sent longer ago than this (held while the bot was away) is not fed to a form. */
  staleAfterMs?: number;
  flood?: FloodControlOptions;
  /** How long to wait for Baileys' retry to bring a message that failed to decrypt before asking for it. */
  decryptRetryGraceMs?: number;
  now?: () => number;
}

export interface WhatsAppInboundDeps extends WhatsAppInboundOptions {
  db: Db;
  engine: ConversationEngine;
  choices: ChoiceMemory;
  download: MediaDownloader;
  logger: Logger;
}

export const DEFAULT_STALE_AFTER_MS = 24 * 60 * 60 * 1000;
const DEFAULT_DECRYPT_GRACE_MS = 30_000;
/** One apology for a pile of old messages of one chat, not one per message. */
const STALE_APOLOGY_WINDOW_MS = 60 * 60 * 1000;
/** A caller who rings again and again is told once in this window. */
const CALL_REPLY_WINDOW_MS = 10 * 60 * 1000;
/** Several messages that failed to decrypt get one request to send again. */
const RESEND_ASK_WINDOW_MS = 10 * 60 * 1000;

/** Who a message is from, resolved: the conversation's stable id and where to answer. */
interface Resolved {
  chatId: string;
  jid: string;
}

export interface InboundStats {
  decryptFailures: number;
  floodDropped: number;
  staleAnswered: number;
}

/**
 * Translates WhatsApp messages for the engine, which queues the replies in the outbox (the channel's
 * outbox dispatcher sends them, paced). Messages of one person
 * are handled one at a time in arrival order, keyed on the resolved conversation (a @lid id and
 * the phone number of one person are one queue); different people run side by side.
 */
export function createWhatsAppInbound(deps: WhatsAppInboundDeps) {
  const { db, logger } = deps;
  const now = deps.now ?? Date.now;
  const staleAfterMs = deps.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const graceMs = deps.decryptRetryGraceMs ?? DEFAULT_DECRYPT_GRACE_MS;
  const flood = createFloodControl(deps.flood ?? DEFAULT_FLOOD_CONTROL);
  const chats = createChatQueue();
  // Resolving who wrote touches the database; one at a time keeps each chat's arrival order.
  const resolver = createChatQueue();
  // Messages being handled right now: Baileys may deliver one again before the engine has recorded it.
  const inFlight = new Set<string>();
  const running = new Set<Promise<unknown>>();
  const staleApologies = new Map<string, number>();
  const callReplies = new Map<string, number>();
  const resendAsked = new Map<string, number>();
  // Failed decryptions waiting for Baileys' retry to bring the real message.
  const awaitingRetry = new Map<string, NodeJS.Timeout>();
  const stats: InboundStats = { decryptFailures: 0, floodDropped: 0, staleAnswered: 0 };

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
    // "notify" arrived live; "append" was held by the server while we were offline, restarting or
    // reconnecting (messages-recv: `node.attrs.offline ? 'append' : 'notify'`), or is one of our own
    // sends (fromMe, ignored by the classifier). Both kinds from applicants are answered.
    if (upsert) for (const message of upsert.messages) accept(message, sock);
    for (const call of events.call ?? []) onCall(call, sock);
  }

  function accept(message: WAMessage, sock: WASocketLike): void {
    const classified = classifyMessage(message);
    if (classified.kind === "ignore") {
      logger.trace({ reason: classified.reason }, "WhatsApp message ignored");
      return;
    }
    const rawKey = `${jidNormalizedUser(message.key.remoteJid!)}/${message.key.id!}`;
    if (classified.kind === "undecryptable") {
      onDecryptFailure(message, classified.error, rawKey, sock);
      return;
    }
    // The retry brought it after all: no need to ask the person to send it again.
    const waiting = awaitingRetry.get(rawKey);
    if (waiting) {
      clearTimeout(waiting);
      awaitingRetry.delete(rawKey);
    }
    if (inFlight.has(rawKey)) {
      logger.info(
        { messageId: message.key.id },
        "WhatsApp message delivered again while in progress; ignored",
      );
      return;
    }
    inFlight.add(rawKey);
    const work = resolver
      .run("resolve", () => resolve(message, sock))
      .then((resolved) => {
        const log = childLog(resolved, message);
        const verdict = flood.check(resolved.chatId, sentAt(message)?.getTime() ?? now());
        if (verdict !== "accept") {
          stats.floodDropped += 1;
          log.info({ floodDropped: stats.floodDropped }, "flood control: WhatsApp message dropped");
          if (verdict === "drop_and_warn")
            return chats.run(resolved.chatId, () =>
              reply(resolved, processedId(resolved, `${message.key.id}#slow-down`), m.slowDown, log),
            );
          return undefined;
        }
        return chats.run(resolved.chatId, () => handleMessage(message, classified, resolved, sock, log));
      })
      .catch((error: unknown) => logger.error({ err: error }, "WhatsApp message not handled"))
      .finally(() => inFlight.delete(rawKey));
    track(work);
  }

  async function resolve(message: WAMessage, sock: WASocketLike): Promise<Resolved> {
    const address = await addressOf(message.key, sock.signalRepository.lidMapping);
    const chatId = await resolveWhatsAppContact(db, address);
    return { chatId, jid: address.jid };
  }

  function childLog(resolved: Resolved, message: WAMessage): Logger {
    return logger.child({
      channel: WHATSAPP_CHANNEL,
      chat: maskJid(resolved.chatId),
      messageId: message.key.id,
    });
  }

  /**
   * The id the engine deduplicates on: the sender picks key ids, so an id alone could be used to
   * suppress someone else's message; scoped to the resolved conversation it cannot.
   */
  const processedId = (resolved: Resolved, id: string) => `${resolved.chatId}/${id}`;

  async function handleMessage(
    message: WAMessage,
    classified: Answerable,
    resolved: Resolved,
    sock: WASocketLike,
    log: Logger,
  ): Promise<void> {
    const messageId = processedId(resolved, message.key.id!);
    try {
      // Checked before any download: a redelivered file is not fetched again.
      if (await isMessageProcessed(db, WHATSAPP_CHANNEL, messageId)) {
        log.info("duplicate WhatsApp message ignored");
        return;
      }
      const sent = sentAt(message);
      if (sent && now() - sent.getTime() > staleAfterMs) {
        await answerStale(resolved, messageId, sent, log);
        return;
      }
      // Blue ticks and "typing...": the person sees the message arrived and an answer is coming.
      bestEffort(sock.readMessages([message.key]), log, "read receipt");
      bestEffort(sock.sendPresenceUpdate("composing", resolved.jid), log, "typing presence");
      try {
        const content = await contentOf(message, classified, resolved, sock, log);
        if (content.kind === "answered") {
          await queueTexts(resolved, messageId, [content.text]);
          return;
        }
        // The engine queues its replies in the outbox with the message; the outbox dispatcher sends them.
        const replies = await deps.engine.handle({
          channel: WHATSAPP_CHANNEL,
          chatId: resolved.chatId,
          userId: resolved.chatId,
          messageId,
          content: content.content,
          receivedAt: sent,
        });
        // No replies means the engine saw this id before: the choices on screen have not changed.
        if (replies.length > 0) await deps.choices.remember(resolved.chatId, replies);
      } finally {
        bestEffort(sock.sendPresenceUpdate("paused", resolved.jid), log, "paused presence");
      }
    } catch (error) {
      log.error({ err: error }, "WhatsApp message handling failed");
    }
  }

  /**
   * A message held for more than a day (the bot was down): its words answered a form step the
   * person has long left, so it is not applied. They get an apology and the greeting: the menu,
   * or, inside a form, where they were (their answers kept). One apology per pile of old messages.
   */
  async function answerStale(resolved: Resolved, messageId: string, sent: Date, log: Logger) {
    stats.staleAnswered += 1;
    const at = now();
    const last = staleApologies.get(resolved.chatId);
    if (last !== undefined && at - last < STALE_APOLOGY_WINDOW_MS) {
      await markMessageProcessed(db, WHATSAPP_CHANNEL, messageId);
      log.info("old WhatsApp message skipped; its chat was already told");
      return;
    }
    for (const [chat, time] of staleApologies)
      if (at - time >= STALE_APOLOGY_WINDOW_MS) staleApologies.delete(chat);
    log.info({ sentAt: sent.toISOString() }, "old WhatsApp message answered with an apology");
    // Queued first, so it goes out before the greeting the engine queues (the message was checked unseen).
    await queueTexts(resolved, messageId, [m.staleMessage(sent)]);
    const replies = await deps.engine.handle({
      channel: WHATSAPP_CHANNEL,
      chatId: resolved.chatId,
      userId: resolved.chatId,
      messageId,
      content: { kind: "choice", value: "start" },
      receivedAt: new Date(at),
    });
    if (replies.length === 0) return;
    staleApologies.set(resolved.chatId, at);
    await deps.choices.remember(resolved.chatId, replies);
  }

  /** The engine input, or a reply the adapter gives itself (a failed download: a platform fault). */
  async function contentOf(
    message: WAMessage,
    classified: Answerable,
    resolved: Resolved,
    sock: WASocketLike,
    log: Logger,
  ): Promise<{ kind: "content"; content: InboundContent } | { kind: "answered"; text: string }> {
    switch (classified.kind) {
      case "text":
        return { kind: "content", content: await deps.choices.contentFor(resolved.chatId, classified.text) };
      case "unsupported":
        return { kind: "content", content: { kind: "unsupported", what: classified.what } };
      case "media":
        break;
    }
    const fileName = classified.fileName ?? (classified.media === "image" ? "foto.jpg" : undefined);
    const caption = classified.caption ? { caption: classified.caption } : {};
    const mime = classified.mime ?? (classified.media === "image" ? "image/jpeg" : undefined);
    const tooLarge = (size: number): { kind: "content"; content: InboundContent } => ({
      kind: "content",
      content: {
        kind: "file_too_large",
        size,
        ...(mime ? { mime } : {}),
        ...(fileName ? { fileName } : {}),
        ...caption,
      },
    });
    const declaredSize = classified.declaredSize ?? 0;
    // Photos up to 10 MB are fetched (the engine can shrink them); anything else only up to 200 KB.
    if (declaredSize > downloadLimit(mime, fileName)) {
      // A file that says it is too big is believed (no need to fetch megabytes only to refuse them);
      // one that says it is small is not: the download counts the bytes.
      log.info({ declaredSize }, "WhatsApp file over the limit by its own account; not downloaded");
      return tooLarge(declaredSize);
    }
    try {
      const bytes = await deps.download(message, {
        reuploadRequest: (m) => sock.updateMediaMessage(m),
        logger: log,
      });
      return {
        kind: "content",
        content: { kind: "file", bytes, ...(fileName ? { fileName } : {}), ...caption },
      };
    } catch (error) {
      if (error instanceof MediaTooLargeError) {
        // Counted where the bytes arrived, whatever the message claimed.
        log.warn({ declaredSize, atLeast: error.size }, "WhatsApp file over the limit; download stopped");
        return tooLarge(error.size);
      }
      log.warn({ err: error }, "WhatsApp media download failed");
      return { kind: "answered", text: m.downloadFailed };
    }
  }

  /**
   * Baileys asks the sender's phone to send the message again (a retry receipt) and delivers it
   * under the same id when that works. Only when nothing came in the grace time is the person
   * asked to send it again, once per message.
   */
  function onDecryptFailure(message: WAMessage, error: string, rawKey: string, sock: WASocketLike): void {
    stats.decryptFailures += 1;
    logger.warn(
      {
        chat: maskJid(message.key.remoteJid!),
        messageId: message.key.id,
        error,
        decryptFailures: stats.decryptFailures,
      },
      "WhatsApp message could not be decrypted",
    );
    if (awaitingRetry.has(rawKey) || inFlight.has(rawKey)) return;
    const timer = setTimeout(() => {
      awaitingRetry.delete(rawKey);
      track(askToResend(message, sock));
    }, graceMs);
    awaitingRetry.set(rawKey, timer);
  }

  async function askToResend(message: WAMessage, sock: WASocketLike): Promise<void> {
    try {
      const resolved = await resolver.run("resolve", () => resolve(message, sock));
      const log = childLog(resolved, message);
      await chats.run(resolved.chatId, async () => {
        // Decrypted meanwhile (a later redelivery was handled): nothing to ask.
        if (await isMessageProcessed(db, WHATSAPP_CHANNEL, processedId(resolved, message.key.id!))) return;
        if (
          !(await markMessageProcessed(
            db,
            WHATSAPP_CHANNEL,
            processedId(resolved, `${message.key.id}#undecrypted`),
          ))
        )
          return;
        // Garbage that fails to decrypt is cheap to send: one request per chat in a while, whatever the count.
        if (!takeTurn(resendAsked, resolved.chatId, RESEND_ASK_WINDOW_MS)) return;
        await reply(resolved, processedId(resolved, `${message.key.id}#undecrypted`), m.resendPlease, log);
      });
    } catch (error) {
      logger.error({ err: error }, "could not ask for an undecryptable WhatsApp message again");
    }
  }

  /** A call cannot be answered by a bot: decline it and say where to write instead. */
  function onCall(call: WACallEvent, sock: WASocketLike): void {
    if (call.status !== "offer" || call.isGroup || !isPrivateChat(call.from)) return;
    const log = logger.child({ channel: WHATSAPP_CHANNEL, chat: maskJid(call.from) });
    if (!call.offline) bestEffort(sock.rejectCall(call.id, call.from), log, "call rejection");
    if (!takeTurn(callReplies, call.from, CALL_REPLY_WINDOW_MS)) return;
    const key = {
      remoteJid: call.from,
      id: call.id,
      fromMe: false,
      ...(call.callerPn ? { remoteJidAlt: call.callerPn } : {}),
    };
    track(
      resolver
        .run("resolve", () => resolve({ key }, sock))
        .then((resolved) =>
          chats.run(resolved.chatId, () => reply(resolved, `call:${call.id}`, m.callDeclined, log)),
        )
        .catch((error: unknown) => log.error({ err: error }, "could not answer a WhatsApp call")),
    );
  }

  async function reply(resolved: Resolved, sourceId: string, text: string, log: Logger): Promise<void> {
    try {
      await queueTexts(resolved, sourceId, [text]);
    } catch (error) {
      log.error({ err: error }, "WhatsApp notice not queued");
    }
  }

  /** A reply the adapter gives itself, through the outbox like the engine's: in order, kept across a crash. */
  async function queueTexts(resolved: Resolved, messageId: string, texts: readonly string[]): Promise<void> {
    await queueReplies(
      db,
      { channel: WHATSAPP_CHANNEL, chatId: resolved.chatId, messageId },
      texts.map((text) => ({ text })),
    );
  }

  /** True (and noted) when `key` was not served within `windowMs`: rations the adapter's own notices. */
  function takeTurn(served: Map<string, number>, key: string, windowMs: number): boolean {
    const at = now();
    const last = served.get(key);
    if (last !== undefined && at - last < windowMs) return false;
    served.set(key, at);
    if (served.size > 1_000) for (const [k, time] of served) if (at - time >= windowMs) served.delete(k);
    return true;
  }

  function bestEffort(work: Promise<unknown>, log: Logger, what: string): void {
    // Receipts and presence are courtesy: a closed socket must not fail the answer itself.
    work.catch((error: unknown) => log.debug({ err: error, what }, "WhatsApp courtesy update failed"));
  }

  return {
    handleBatch,
    stats: (): InboundStats => ({ ...stats }),
    /** Resolves when every message received so far has been answered. */
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    /** Drops the timers of failed decryptions (at shutdown). */
    stop(): void {
      for (const timer of awaitingRetry.values()) clearTimeout(timer);
      awaitingRetry.clear();
    },
  };
}

export type WhatsAppInbound = ReturnType<typeof createWhatsAppInbound>;
