import { GrammyError, HttpError } from "grammy";

/**
 * A log-safe summary of a failed call. grammY's errors carry the call's payload (message text, answers),
 * which must not reach the logs, so only the method and Telegram's verdict are kept.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError) {
    return {
      kind: "telegram_api",
      method: error.method,
      code: error.error_code,
      description: error.description,
    };
  }
  if (error instanceof HttpError) return { kind: "network", message: error.message };
  if (error instanceof Error)
    return { kind: "internal", name: error.name, message: error.message, stack: error.stack };
  return { kind: "unknown", message: String(error) };
}

/**
 * The same failure without the payload, for code that logs or stores errors it did not make (the outbox
 * dispatcher logs the error object and keeps its message): the payload holds the notification's text.
 */
export function withoutPayload(error: unknown): Error {
  if (error instanceof GrammyError) {
    return new Error(`${error.method} failed: ${error.error_code} ${error.description}`);
  }
  if (error instanceof HttpError) return new Error(error.message);
  return error instanceof Error ? error : new Error(String(error));
}

// 403 covers "bot was blocked by the user", "user is deactivated" and "bot can't initiate conversation";
// a 400 "chat not found" means the chat no longer exists. None gets better by retrying.
const UNREACHABLE_400 = /chat not found|user not found|peer_id_invalid/i;

/** Whether Telegram said the recipient cannot be reached for good. */
export function isRecipientUnreachable(error: unknown): boolean {
  if (!(error instanceof GrammyError)) return false;
  return error.error_code === 403 || (error.error_code === 400 && UNREACHABLE_400.test(error.description));
}

/** A bad token: nothing will work until the configuration is fixed. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404);
}
