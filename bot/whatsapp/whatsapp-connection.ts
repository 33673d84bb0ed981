import type { ConnectionState } from "@whiskeysockets/baileys";
import type { Logger } from "pino";
import type { DbAuthState } from "./auth-state.ts";
import type { LoginDisplay } from "./login-display.ts";
import {
  closeAction,
  DEFAULT_RECONNECT,
  disconnectStatusCode,
  type ReconnectPolicy,
  reconnectDelayMs,
} from "./reconnect-policy.ts";
import { whatsappMessages as m } from "./whatsapp.messages.ts";
import { maskJid } from "./whatsapp-identity.ts";
import type { BaileysEventBatch, SocketFactory, SocketOptions, WASocketLike } from "./whatsapp-socket.ts";

export interface WhatsAppConnectionDeps {
  makeSocket: SocketFactory;
  /** Loads the stored session, or a fresh one after a logout. */
  loadAuth(): Promise<DbAuthState>;
  /** Everything but `auth` for the socket (logger, getMessage, version...). */
  socketOptions: Omit<SocketOptions, "auth">;
  /** Link with a pairing code for this number instead of a QR code. */
  pairingNumber?: string;
  display: LoginDisplay;
  /** The events of an open or opening socket other than connection and creds (messages...). */
  onEvents(events: BaileysEventBatch, socket: WASocketLike): void;
  onOpen?(socket: WASocketLike): void;
  notifyAdmins?(text: string): Promise<void>;
  logger: Logger;
  reconnect?: ReconnectPolicy;
}

export type ConnectionStatus = "idle" | "connecting" | "open" | "waiting" | "stopped";

interface LiveSocket {
  socket: WASocketLike;
  auth: DbAuthState;
  open: boolean;
  pairingRequested: boolean;
  unsubscribe(): void;
}

/**
 * Keeps one WhatsApp socket alive: never two at once (a second login would replace the first), a
 * new one only after the old one closed, with the follow-up chosen by the DisconnectReason.
 */
export function createWhatsAppConnection(deps: WhatsAppConnectionDeps) {
  const { logger } = deps;
  const policy = deps.reconnect ?? DEFAULT_RECONNECT;
  let live: LiveSocket | undefined;
  let auth: DbAuthState | undefined;
  let timer: NodeJS.Timeout | undefined;
  let attempts = 0;
  let stopped = false;
  let connecting = false;

  async function connect(): Promise<void> {
    if (stopped || live || connecting) return;
    connecting = true;
    try {
      auth ??= await deps.loadAuth();
      const socket = deps.makeSocket({ ...deps.socketOptions, auth: auth.state });
      const entry: LiveSocket = { socket, auth, open: false, pairingRequested: false, unsubscribe: () => {} };
      live = entry;
      entry.unsubscribe = socket.ev.process((events) => onBatch(entry, events));
    } finally {
      connecting = false;
    }
  }

  function schedule(delayMs: number): void {
    if (stopped || timer) return;
    logger.info({ delayMs, attempt: attempts }, "WhatsApp reconnecting");
    timer = setTimeout(() => {
      timer = undefined;
      connect().catch((error: unknown) => {
        logger.error({ err: error }, "WhatsApp socket could not be created");
        schedule(reconnectDelayMs(attempts++, policy));
      });
    }, delayMs);
  }

  async function onBatch(entry: LiveSocket, events: BaileysEventBatch): Promise<void> {
    // Events of a socket we already gave up on must not touch the session or the new socket.
    if (entry !== live) return;
    const credsUpdate = events["creds.update"];
    if (credsUpdate) {
      await guarded("creds", async () => {
        Object.assign(entry.auth.state.creds, credsUpdate);
        await entry.auth.saveCreds();
      });
    }
    await guarded("messages", async () => deps.onEvents(events, entry.socket));
    // Each part on its own: a failed creds save must not swallow the close that follows it.
    const update = events["connection.update"];
    if (update) await guarded("connection", () => onConnectionUpdate(entry, update));
  }

  async function guarded(part: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      logger.error({ err: error, part }, "WhatsApp event handling failed");
    }
  }

  async function onConnectionUpdate(entry: LiveSocket, update: Partial<ConnectionState>): Promise<void> {
    if (update.qr) await showLogin(entry, update.qr);
    if (update.connection === "open") {
      entry.open = true;
      attempts = 0;
      logger.info({ account: maskJid(entry.socket.user?.id ?? "") }, "WhatsApp connected");
      deps.onOpen?.(entry.socket);
    }
    if (update.connection === "close") await onClose(entry, update.lastDisconnect?.error);
  }

  async function showLogin(entry: LiveSocket, qr: string): Promise<void> {
    if (!deps.pairingNumber || entry.auth.state.creds.registered) {
      deps.display.qr(qr);
      return;
    }
    // Baileys signals "ready to link" with a QR; a pairing code is asked for once per socket.
    if (entry.pairingRequested) return;
    entry.pairingRequested = true;
    try {
      deps.display.pairingCode(await entry.socket.requestPairingCode(deps.pairingNumber));
    } catch (error) {
      entry.pairingRequested = false;
      logger.error({ err: error }, "WhatsApp pairing code request failed");
    }
  }

  async function onClose(entry: LiveSocket, error: Error | undefined): Promise<void> {
    if (entry !== live) return;
    live = undefined;
    entry.unsubscribe();
    if (stopped) return;
    const statusCode = disconnectStatusCode(error);
    const action = closeAction(statusCode);
    logger.warn({ statusCode, action }, "WhatsApp connection closed");
    switch (action) {
      case "restart":
        schedule(reconnectDelayMs(0, policy));
        return;
      case "reconnect":
        schedule(reconnectDelayMs(attempts++, policy));
        return;
      case "logged_out":
        // The stored session is dead for good; keeping it would only fail again.
        await entry.auth
          .clear()
          .catch((error: unknown) => logger.error({ err: error }, "WhatsApp session not cleared"));
        auth = undefined;
        attempts = 0;
        notify(m.adminLoggedOut);
        schedule(reconnectDelayMs(0, policy));
        return;
      case "stop":
        stopped = true;
        notify(statusCode === 403 ? m.adminForbidden : m.adminConnectionReplaced);
        return;
    }
  }

  function notify(text: string): void {
    if (!deps.notifyAdmins) {
      logger.warn("no admin notifier for WhatsApp connection problems");
      return;
    }
    deps
      .notifyAdmins(text)
      .catch((error: unknown) => logger.error({ err: error }, "admin notification failed"));
  }

  return {
    /** Opens the first socket; reconnects on its own afterwards. */
    start: () => connect(),
    /** The socket when it is open, for sending. */
    get socket(): WASocketLike | undefined {
      return live?.open ? live.socket : undefined;
    },
    get status(): ConnectionStatus {
      if (stopped) return "stopped";
      if (live) return live.open ? "open" : "connecting";
      return timer ? "waiting" : "idle";
    },
    /** Closes the socket for good; no reconnect follows. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      const entry = live;
      live = undefined;
      if (!entry) return;
      entry.unsubscribe();
      await entry.socket.end(undefined).catch(() => undefined);
    },
  };
}

export type WhatsAppConnection = ReturnType<typeof createWhatsAppConnection>;
