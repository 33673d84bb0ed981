import { type ConnectionState, DisconnectReason, type WAVersion } from "@whiskeysockets/baileys";
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
  /**
   * Asks web.whatsapp.com for the current client version; called again before reconnecting after a
   * 405 (outdated client) or a run of failures, since a version fetched at start goes stale.
   */
  fetchVersion?(): Promise<WAVersion | undefined>;
  /** The admin group is told when no connection has been open this long (and again once it is). */
  outageAlertMs?: number;
  now?(): number;
}

/** After this many failed attempts in a row the client version is fetched again, whatever the code. */
const REFETCH_VERSION_AFTER = 3;
export const DEFAULT_OUTAGE_ALERT_MS = 10 * 60 * 1000;

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
  const now = deps.now ?? Date.now;
  const outageAlertMs = deps.outageAlertMs ?? DEFAULT_OUTAGE_ALERT_MS;
  let live: LiveSocket | undefined;
  let auth: DbAuthState | undefined;
  let timer: NodeJS.Timeout | undefined;
  let attempts = 0;
  let restarts = 0;
  let stopped = false;
  let connecting: Promise<void> | undefined;
  let version: WAVersion | undefined;
  let refreshVersion = false;
  // An outage: since when no connection has been open, whether the admins were told, and why.
  let downSince: number | undefined = now();
  let outageTimer: NodeJS.Timeout | undefined;
  let outageAlerted = false;
  let lastProblem = "belum pernah terhubung";

  function connect(): Promise<void> {
    if (stopped || live) return Promise.resolve();
    connecting ??= open().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  async function open(): Promise<void> {
    if (refreshVersion && deps.fetchVersion) {
      refreshVersion = false;
      version = (await deps.fetchVersion().catch(() => undefined)) ?? version;
    }
    auth ??= await deps.loadAuth();
    // stop() may have come while the session was loading: no socket may be opened after it.
    if (stopped) return;
    const socket = deps.makeSocket({
      ...deps.socketOptions,
      ...(version ? { version } : {}),
      auth: auth.state,
    });
    const entry: LiveSocket = { socket, auth, open: false, pairingRequested: false, unsubscribe: () => {} };
    live = entry;
    entry.unsubscribe = socket.ev.process((events) => onBatch(entry, events));
  }

  /** Starts counting an outage (once); the admins hear of it only if it lasts. */
  function outageStarted(): void {
    downSince ??= now();
    if (outageTimer || outageAlerted || stopped) return;
    const remaining = Math.max(0, downSince + outageAlertMs - now());
    outageTimer = setTimeout(() => {
      outageTimer = undefined;
      if (stopped || live?.open) return;
      outageAlerted = true;
      notify(m.adminOutage(Math.round((now() - downSince!) / 60_000), lastProblem));
    }, remaining);
    outageTimer.unref?.();
  }

  function outageEnded(): void {
    if (outageTimer) clearTimeout(outageTimer);
    outageTimer = undefined;
    if (outageAlerted && downSince !== undefined)
      notify(m.adminBackOnline(Math.round((now() - downSince) / 60_000)));
    outageAlerted = false;
    downSince = undefined;
  }

  function schedule(delayMs: number): void {
    if (stopped || timer) return;
    logger.info({ delayMs, attempt: attempts }, "WhatsApp reconnecting");
    timer = setTimeout(() => {
      timer = undefined;
      connect().catch((error: unknown) => {
        logger.error({ err: error }, "WhatsApp socket could not be created");
        lastProblem = errorText(error);
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
      restarts = 0;
      logger.info({ account: maskJid(entry.socket.user?.id ?? "") }, "WhatsApp connected");
      outageEnded();
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
    let action = closeAction(statusCode);
    // The cause (a DNS failure, a refused stream...) is in the message, not in the code.
    logger.warn({ statusCode, action, reason: errorText(error) }, "WhatsApp connection closed");
    lastProblem = statusCode === undefined ? errorText(error) : `kode ${statusCode}: ${errorText(error)}`;
    const linked = Boolean(entry.auth.state.creds.account);
    if (!linked) await forgetUnfinishedPairing(entry);
    // Not linked yet, so nothing was logged out: a pairing code nobody typed in makes the next login
    // fail with 401. Start the pairing over, quietly.
    if (action === "logged_out" && !linked) action = "unfinished_pairing";
    if (action !== "restart") outageStarted();
    if (
      statusCode === DisconnectReason.multideviceMismatch ||
      statusCode === 405 ||
      attempts + 1 >= REFETCH_VERSION_AFTER
    )
      refreshVersion = true;
    switch (action) {
      case "restart":
        // Expected once after pairing; a run of them is a loop and is slowed down like any failure.
        schedule(reconnectDelayMs(restarts++, policy));
        return;
      case "reconnect":
        schedule(reconnectDelayMs(attempts++, policy));
        return;
      case "unfinished_pairing":
        logger.info("WhatsApp pairing was not completed; starting a new one");
        await entry.auth
          .clear()
          .catch((error: unknown) => logger.error({ err: error }, "WhatsApp session not cleared"));
        auth = undefined;
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
        if (outageTimer) clearTimeout(outageTimer);
        outageTimer = undefined;
        notify(statusCode === 403 ? m.adminForbidden : m.adminConnectionReplaced);
        return;
    }
  }

  /**
   * Baileys' requestPairingCode writes the number into creds.me before the code is typed in; with
   * creds.me set, the next socket logs in instead of registering, and the server answers 401. An
   * unlinked session therefore drops what the unfinished pairing left behind.
   */
  async function forgetUnfinishedPairing(entry: LiveSocket): Promise<void> {
    const creds = entry.auth.state.creds;
    if (!creds.me && !creds.pairingCode) return;
    creds.me = undefined;
    creds.pairingCode = undefined;
    await entry.auth
      .saveCreds()
      .catch((error: unknown) => logger.error({ err: error }, "WhatsApp pairing state not reset"));
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
    start: () => {
      outageStarted();
      return connect();
    },
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
      if (outageTimer) clearTimeout(outageTimer);
      outageTimer = undefined;
      // A connect in progress finishes first (it sees `stopped`); a socket it made is closed below.
      await connecting?.catch(() => undefined);
      const entry = live;
      live = undefined;
      if (!entry) return;
      entry.unsubscribe();
      await entry.socket.end(undefined).catch(() => undefined);
    },
  };
}

export type WhatsAppConnection = ReturnType<typeof createWhatsAppConnection>;

/** An error's message for logs and for the admins (never the stack, never `data`). */
function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return error === undefined ? "tanpa keterangan" : String(error);
}
