/**
 * Makes any value safe to log: personal data is removed by key at every depth (not only the top level
 * pino's path redaction reaches), errors become plain objects without their payloads, and strings lose
 * what must never be written whatever its key: bot tokens (also inside request URLs) and long digit runs
 * (NIK, KK, phone numbers).
 */

// Keys whose value may hold what an applicant typed or sent, in our objects, grammY's and Baileys'.
const SENSITIVE_KEYS = new Set([
  "nik",
  "kk",
  "text",
  "answers",
  "answertext",
  "answer",
  "payload",
  "content",
  "bytes",
  "phone",
  "caption",
  "conversation",
  "body",
  "snapshot",
  "query",
  "question",
  "phrasing",
  "reply_markup",
]);

export const REDACTED = "[redacted]";
const MAX_DEPTH = 8;
const MAX_KEYS = 100;
const MAX_STRING = 2000;

// "123456:ABC-DEF..." as BotFather issues it, alone or in https://api.telegram.org/bot<token>/getMe.
const BOT_TOKEN = /\d{5,}:[\w-]{20,}/g;
// Twelve or more digits, possibly grouped by spaces, dots or dashes: NIK, KK and phone numbers.
const LONG_NUMBER = /\d(?:[ .-]?\d){11,}/g;

export function scrubText(text: string): string {
  const capped = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…` : text;
  return capped.replace(BOT_TOKEN, "[token]").replace(LONG_NUMBER, "[number]");
}

export function sanitizeForLog(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[deep]";
  seen.add(value);
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (value instanceof Error) return sanitizeError(value, depth, seen);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value))
    return value.slice(0, MAX_KEYS).map((item) => sanitizeForLog(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const key of Object.keys(value)) {
    if (++count > MAX_KEYS) break;
    const item = (value as Record<string, unknown>)[key];
    out[key] = SENSITIVE_KEYS.has(key.toLowerCase()) ? REDACTED : sanitizeForLog(item, depth + 1, seen);
  }
  return out;
}

/** An error as pino's serializer would show it (type, message, stack, own fields), sanitised the same way. */
function sanitizeError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: error.constructor?.name ?? error.name,
    name: error.name,
    message: scrubText(error.message),
  };
  if (error.stack) out.stack = scrubText(error.stack);
  for (const key of Object.keys(error)) {
    if (key === "message" || key === "stack") continue;
    const item = (error as unknown as Record<string, unknown>)[key];
    out[key] = SENSITIVE_KEYS.has(key.toLowerCase()) ? REDACTED : sanitizeForLog(item, depth + 1, seen);
  }
  if (error.cause !== undefined) out.cause = sanitizeForLog(error.cause, depth + 1, seen);
  return out;
}
