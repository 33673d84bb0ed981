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

const normalize = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/^\//, "")
    .replace(/@\w+$/, "") // "/menu@SomeBot" in Telegram groups
    .replace(/[.!?]+$/, "")
    .replace(/\s+/g, " ");

/**
 * Words that work at every step: the whole message must be the word, so that "batal" cancels but
 * "saya batal daftar" is an ordinary question. "status" may carry a ticket number and NIK after it.
 */
export function parseCommand(
  content: InboundContent,
): { command: GlobalCommand; argument: string } | undefined {
  if (content.kind === "choice") {
    const command = WORDS[content.value];
    return command && command !== "status" ? { command, argument: "" } : undefined;
  }
  if (content.kind !== "text") return undefined;
  const text = normalize(content.text);
  const exact = WORDS[text];
  if (exact) return { command: exact, argument: "" };
  const withArgument = /^(?:cek )?status(?: tiket)? (.+)$/.exec(text);
  if (withArgument) return { command: "status", argument: withArgument[1]! };
  return undefined;
}
