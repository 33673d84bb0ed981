/** Telegram refuses a message longer than this (counted after entity parsing). */
export const MAX_MESSAGE_LENGTH = 4096;
// Room for the part marker and rounding; splitting is done on the plain text.
const CHUNK_LENGTH = 4000;

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Turns the engine's WhatsApp-style text (*bold*) into Telegram HTML. Everything is escaped first, so
 * whatever an applicant typed (which the text may quote back) can never become markup; only a pair of
 * asterisks on one line around non-blank text turns bold, so the tags always come in pairs.
 */
export function toTelegramHtml(text: string): string {
  return escapeHtml(text).replace(/\*([^\s*](?:[^*\n]*[^\s*])?)\*/g, "<b>$1</b>");
}

/** Splits a long text into pieces Telegram accepts, at line breaks where possible. */
export function splitText(text: string, limit: number = CHUNK_LENGTH): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = rest.lastIndexOf("\n", limit);
    const at = cut > limit / 2 ? cut : limit;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, "");
  }
  pieces.push(rest);
  return pieces;
}
