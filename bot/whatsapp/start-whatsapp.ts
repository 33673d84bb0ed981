import NodeCache from "@cacheable/node-cache";
import {
  type CacheStore,
  fetchLatestWaWebVersion,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  type WAVersion,
} from "@whiskeysockets/baileys";
import type { Logger } from "pino";
import { onOutboxWritten } from "../../db/outbox.repository.ts";
import { pruneWhatsAppSentMessages } from "../../db/whatsapp-sent-message.repository.ts";
import type { App } from "../app.ts";
import { type Config, defaultInstanceId } from "../config.ts";
import { MAX_FILE_BYTES } from "../engine/file-too-large.ts";
import { databaseLeaseStore, startLeaseKeeper } from "../instance/lease-keeper.ts";
import { createOutboxDispatcher } from "../outbox/outbox-dispatcher.ts";
import { outboundOf } from "../outbox/outbox-message.ts";
import { loadDbAuthState } from "./auth-state.ts";
import { createChoiceMemory, renderOutbound } from "./choice-text.ts";
import type { FloodControlOptions } from "./flood-control.ts";
import { type LoginDisplay, terminalLoginDisplay } from "./login-display.ts";
import { createMediaDownloader, type MediaDownloader } from "./media-download.ts";
import type { ReconnectPolicy } from "./reconnect-policy.ts";
import { createSendQueue, type Pacing } from "./send-queue.ts";
import { createGetMessage } from "./sent-messages.ts";
import {
  type ConnectionStatus,
  createWhatsAppConnection,
  type WhatsAppConnection,
} from "./whatsapp-connection.ts";
import { createWhatsAppInbound, type InboundStats } from "./whatsapp-inbound.ts";
import { createWhatsAppSender, WHATSAPP_CHANNEL } from "./whatsapp-sender.ts";
import { makeBaileysSocket, type SocketFactory } from "./whatsapp-socket.ts";

export interface StartWhatsAppOptions {
  app: Pick<App, "db" | "engine" | "claims">;
  config: Pick<Config, "WHATSAPP_PAIRING_NUMBER"> &
    Partial<
      Pick<
        Config,
        | "WHATSAPP_STALE_AFTER_HOURS"
        | "WHATSAPP_OUTAGE_ALERT_MINUTES"
        | "INSTANCE_ID"
        | "INSTANCE_LEASE_SECONDS"
      >
    >;
  logger: Logger;
  /** Tells the admin group (Telegram) when the number is logged out or taken over. */
  notifyAdmins?: (text: string) => Promise<void>;
  // Seams: production leaves these out; tests pass doubles for the outside world.
  makeSocket?: SocketFactory;
  downloadMedia?: MediaDownloader;
  /** Tests only: lets the real downloader fetch from their localhost server instead of WhatsApp's hosts. */
  mediaUrlAllowed?: (url: URL) => boolean;
  flood?: FloodControlOptions;
  decryptRetryGraceMs?: number;
  display?: LoginDisplay;
  pacing?: Pacing;
  reconnect?: ReconnectPolicy;
  outboxPollIntervalMs?: number;
  /** Ask web.whatsapp.com for the current client version first; default: only with the real socket. */
  fetchLatestVersion?: boolean;
  /** Tests only: stands in for the request to web.whatsapp.com. */
  fetchVersion?: () => Promise<WAVersion | undefined>;
  /** Name of the stored session (one per linked number). */
  session?: string;
}

export interface WhatsAppHandle {
  /**
   * Waits for the messages in progress to be recorded, keeps sending until `deadlineAt` (epoch ms;
   * default: not at all), then closes the socket; whatever is unsent stays queued for the next start.
   */
  stop(options?: { deadlineAt?: number }): Promise<void>;
  /** Resolves when every message received so far has been answered and sent. */
  idle(): Promise<void>;
  /** Counters for the operator: failed decryptions, messages dropped by flood control, old messages. */
  stats(): InboundStats;
  /**
   * Whether a connection is open, being opened, waiting to retry, or stopped for good; "standby" while
   * another instance holds the number's socket lease.
   */
  status(): ConnectionStatus | "standby";
}

export const DEFAULT_SESSION = "default";
/** The lease of the one instance that may hold a linked number's socket (a second login would replace it). */
export const whatsappSocketLease = (session: string) => `whatsapp-socket:${session}`;
const SENT_MESSAGE_RETENTION_MS = 14 * 24 * 60 * 60 * 1000;
const OUTBOX_POLL_MS = 2_000;
const PRUNE_INTERVAL_MS = 24 * 60 * 60 * 1000;
const MEDIA_DOWNLOAD_TIMEOUT_MS = 60_000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Starts the WhatsApp channel: the stored session (or a new pairing), the message handling for the
 * engine, and the delivery of this channel's outbox (status notifications) while connected.
 */
export async function startWhatsApp(options: StartWhatsAppOptions): Promise<WhatsAppHandle> {
  const { db, engine } = options.app;
  const logger = options.logger.child({ channel: WHATSAPP_CHANNEL });
  // Baileys logs every frame at info; warnings are what an operator needs unless debugging.
  const baileysLogger = logger.child(
    { module: "baileys" },
    { level: logger.isLevelEnabled("debug") ? "debug" : "warn" },
  );
  const session = options.session ?? DEFAULT_SESSION;
  const pruneSentMessages = () =>
    pruneWhatsAppSentMessages(db, new Date(Date.now() - SENT_MESSAGE_RETENTION_MS).toISOString());
  await pruneSentMessages();
  const fetchVersion =
    options.fetchVersion ??
    ((options.fetchLatestVersion ?? options.makeSocket === undefined)
      ? () => latestVersion(logger)
      : undefined);
  const version = await fetchVersion?.();

  const queue = createSendQueue({ pacing: options.pacing });
  let connection: WhatsAppConnection | undefined;
  const sender = createWhatsAppSender({ db, queue, socket: () => connection?.socket, logger });
  const choices = createChoiceMemory(db);
  const outbox = createOutboxDispatcher({
    db,
    ...options.app.claims,
    channel: WHATSAPP_CHANNEL,
    logger,
    send: async (message) => {
      const outbound = outboundOf(message);
      await sender.sendToChat(message.chatId, renderOutbound(outbound));
      // A notification with choices (Ya / Masih bermasalah) is now the list on screen: "2" means its second.
      // One without choices leaves the list alone: a form's question may still be waiting for its answer.
      if (outbound.choices) await choices.remember(message.chatId, [outbound]);
    },
    // The send queue paces every message anyway; one chat at a time keeps the outbox's order of
    // urgency (replies before notifications) instead of a queue filled with notifications.
    maxConcurrent: 1,
  });
  const inbound = createWhatsAppInbound({
    db,
    engine,
    choices,
    download:
      options.downloadMedia ??
      createMediaDownloader({
        maxBytes: MAX_FILE_BYTES,
        // A stalled media server must not hold the applicant's chat queue forever.
        timeoutMs: MEDIA_DOWNLOAD_TIMEOUT_MS,
        ...(options.mediaUrlAllowed ? { isAllowedUrl: options.mediaUrlAllowed } : {}),
      }),
    logger,
    staleAfterMs: (options.config.WHATSAPP_STALE_AFTER_HOURS ?? 24) * HOUR_MS,
    ...(options.flood ? { flood: options.flood } : {}),
    ...(options.decryptRetryGraceMs === undefined
      ? {}
      : { decryptRetryGraceMs: options.decryptRetryGraceMs }),
  });
  // How often each message was retried to a recipient: outlives the socket (as in Baileys' example), so a
  // reconnect does not restart the count and resend a message forever.
  const retryCounts = new NodeCache({ stdTTL: HOUR_MS / 1000, useClones: false });
  const msgRetryCounterCache: CacheStore = {
    get: <T>(key: string) => retryCounts.get(key) as T | undefined,
    set: (key, value) => retryCounts.set(key, value),
    del: (key) => retryCounts.del(key),
    flushAll: () => retryCounts.flushAll(),
  };

  // The outbox is only worked while connected: failed attempts during an outage would use up its retries.
  const deliverOutbox = () => {
    if (!connection?.socket) return;
    outbox
      .dispatchDue()
      .catch((error: unknown) => logger.error({ err: error }, "WhatsApp outbox pass failed"));
  };
  const poller = setInterval(deliverOutbox, options.outboxPollIntervalMs ?? OUTBOX_POLL_MS);
  // Replies are sent as soon as they are committed, not at the next poll.
  const unsubscribe = onOutboxWritten(db, (channel) => {
    if (channel === WHATSAPP_CHANNEL) deliverOutbox();
  });
  const pruner = setInterval(() => {
    pruneSentMessages().catch((error: unknown) => logger.warn({ err: error }, "sent messages not pruned"));
  }, PRUNE_INTERVAL_MS).unref();

  const connect = () =>
    createWhatsAppConnection({
      makeSocket: options.makeSocket ?? makeBaileysSocket,
      loadAuth: () => loadDbAuthState(db, session, baileysLogger),
      socketOptions: {
        logger: baileysLogger,
        getMessage: createGetMessage(db),
        msgRetryCounterCache,
        // Not even decrypted: the helpdesk answers private chats only.
        shouldIgnoreJid: (jid) => Boolean(isJidGroup(jid) || isJidBroadcast(jid) || isJidNewsletter(jid)),
        // Keeps the phone receiving notifications; no full history download. The initial history sync is
        // left on: Baileys learns the @lid-to-number mappings from it.
        markOnlineOnConnect: false,
        syncFullHistory: false,
        ...(version ? { version } : {}),
      },
      pairingNumber: options.config.WHATSAPP_PAIRING_NUMBER,
      display: options.display ?? terminalLoginDisplay(),
      onEvents: (events, socket) => inbound.handleBatch(events, socket),
      onOpen: deliverOutbox,
      notifyAdmins: options.notifyAdmins,
      logger,
      reconnect: options.reconnect,
      ...(fetchVersion ? { fetchVersion } : {}),
      outageAlertMs: (options.config.WHATSAPP_OUTAGE_ALERT_MINUTES ?? 10) * 60_000,
    });
  // One socket per number across all instances: only the lease holder connects; the others stand by and
  // connect when it stops or dies. A holder that cannot renew closes its socket before the lease runs out.
  const keeper = startLeaseKeeper({
    store: databaseLeaseStore(db),
    name: whatsappSocketLease(session),
    what: "WhatsApp socket",
    holder: options.config.INSTANCE_ID ?? defaultInstanceId(),
    leaseMs: (options.config.INSTANCE_LEASE_SECONDS ?? 20) * 1000,
    logger,
    start: async () => {
      const opened = connect();
      connection = opened;
      try {
        await opened.start();
      } catch (error) {
        connection = undefined;
        await opened.stop();
        throw error;
      }
    },
    stop: async () => {
      const closing = connection;
      connection = undefined;
      await closing?.stop();
    },
  });
  // The first claim, and the connection when it was won, before start-up goes on.
  await keeper.ready;

  const idle = async () => {
    await inbound.idle();
    if (connection?.socket) await outbox.dispatchDue().catch(() => 0);
    await queue.idle();
  };
  return {
    idle,
    stats: () => inbound.stats(),
    status: () => {
      if (keeper.state() === "stopped") return "stopped";
      return connection?.status ?? "standby";
    },
    async stop(stopOptions = {}) {
      clearInterval(poller);
      clearInterval(pruner);
      unsubscribe();
      inbound.stop();
      await inbound.idle();
      const flushMs = connection?.socket ? Math.max(0, (stopOptions.deadlineAt ?? 0) - Date.now()) : 0;
      await outbox.stop({ flushMs });
      // Closes the socket, then releases the lease: a standing-by instance connects at once.
      await keeper.stop();
    },
  };
}

/** Baileys' bundled WhatsApp Web version goes stale, and WhatsApp then refuses the login (405). */
async function latestVersion(logger: Logger): Promise<WAVersion | undefined> {
  const latest = await fetchLatestWaWebVersion({ signal: AbortSignal.timeout(10_000) });
  if (latest.error)
    logger.warn({ err: latest.error }, "current WhatsApp Web version unknown; using Baileys' own");
  return latest.version;
}
