import { scanTicketNumber } from "../../flows/ticket-number.ts";
import type { InboundContent } from "./message.types.ts";

export type GlobalCommand = "start" | "menu" | "cancel" | "back" | "help" | "status";

const WORDS: Record<string, GlobalCommand> = {
  // Telegram's /start and a typed "mulai" greet without dropping a form; "mulai lagi" clearly restarts.
  start: "start",
  mulai: "start",
  menu: "menu",
  "mulai lagi": "menu",
  batal: "cancel",
  batalkan: "cancel",
  cancel: "cancel",
  kembali: "back",
  back: "back",
  bantuan: "help",
  help: "help",
  status: "status",
  "cek status": "status",
  "status tiket": "status",
  "cek tiket": "status",
  "cek status tiket": "status",
};

// Own keys only: "constructor" or "valueOf" typed by an applicant must not find Object's prototype.
const commandWord = (word: string): GlobalCommand | undefined =>
  Object.hasOwn(WORDS, word) ? WORDS[word] : undefined;

/** Drops trailing ".", "!" and "?" by hand: a regex anchored at the end rescans every run (quadratic). */
export function withoutTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && ".!?".includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

const normalize = (text: string) =>
  withoutTrailingPunctuation(
    text.trim().toLowerCase().replace(/^\//, "").replace(/@\w+$/, ""), // "/menu@SomeBot" in Telegram groups
  ).replace(/\s+/g, " ");

// "status <ticket number>" with an optional NIK after it; the number may carry a typo (same shape).
const STATUS_WITH_NUMBER =
  /^(?:cek )?status(?: tiket)? ((?:[0-9a-z]{4}[- ]?){2}[0-9a-z]{4}(?: (?:nik:? ?)?[\d .-]+)?)$/;

/**
 * Words that work at every step: the whole message must be the command, so that "batal" cancels but
 * "saya batal daftar" is an ordinary question, and "status saya TMS" is an answer, not a lookup. "status"
 * may carry a ticket number (possibly mistyped) and a NIK after it, and nothing else.
 */
export function parseCommand(
  content: InboundContent,
): { command: GlobalCommand; argument: string } | undefined {
  if (content.kind === "choice") {
    const command = commandWord(content.value);
    return command && command !== "status" ? { command, argument: "" } : undefined;
  }
  if (content.kind !== "text") return undefined;
  const text = normalize(content.text);
  const exact = commandWord(text);
  if (exact) return { command: exact, argument: "" };
  const withNumber = STATUS_WITH_NUMBER.exec(text);
  if (withNumber && scanTicketNumber(withNumber[1]!)) return { command: "status", argument: withNumber[1]! };
  return undefined;
}
