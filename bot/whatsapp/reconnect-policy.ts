import { DisconnectReason } from "@whiskeysockets/baileys";

/** How soon to try again after the connection dropped. */
export interface ReconnectPolicy {
  baseMs: number;
  maxMs: number;
  random?: () => number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/**
 * Exponential backoff with jitter (half to the full step), so a WhatsApp outage is not answered by a
 * storm of logins, which is itself a reason for WhatsApp to flag the number.
 */
export function reconnectDelayMs(attempt: number, policy: ReconnectPolicy = DEFAULT_RECONNECT): number {
  const random = policy.random ?? Math.random;
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(step * (0.5 + random() / 2));
}

/** What to do when a socket closed, by Baileys' DisconnectReason. */
export type CloseAction =
  /** Expected after pairing: connect again at once, not a failure. */
  | "restart"
  /** The connection dropped: connect again after a growing delay. */
  | "reconnect"
  /** WhatsApp removed this device: forget the session and pair again. */
  | "logged_out"
  /** A 401 before the device was ever linked (a pairing code not typed in): pair again, quietly. */
  | "unfinished_pairing"
  /** Another client took over the session, or WhatsApp refuses the number: stop, do not fight. */
  | "stop";

export function closeAction(statusCode: number | undefined): CloseAction {
  switch (statusCode) {
    case DisconnectReason.restartRequired:
      return "restart";
    case DisconnectReason.loggedOut:
      return "logged_out";
    case DisconnectReason.connectionReplaced:
    case DisconnectReason.forbidden:
      return "stop";
    default:
      // connectionLost/timedOut (408), connectionClosed (428), badSession (500), unavailableService (503),
      // 405 (outdated client version) and an error without a code: all worth another try.
      return "reconnect";
  }
}

/** The status code Baileys puts on the error of a closed connection (a Boom error). */
export function disconnectStatusCode(error: unknown): number | undefined {
  const output = (error as { output?: { statusCode?: unknown } } | undefined)?.output;
  return typeof output?.statusCode === "number" ? output.statusCode : undefined;
}
