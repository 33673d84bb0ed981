import type { Logger } from "pino";
import { createLogger } from "../../bot/logging/logger.ts";

/** The real logger at debug level writing into memory: every line the process would print. */
export function capturedLogger(): { logger: Logger; lines: string[]; text(): string } {
  const lines: string[] = [];
  const logger = createLogger("debug", { write: (line: string) => void lines.push(line) });
  return { logger, lines, text: () => lines.join("") };
}

/** Personal data used by the log-safety tests: distinctive, so any leak is found by a plain search. */
export const SECRET = {
  nik: "3201015708950001",
  kk: "3201011201150003",
  securityQuestion: "Nama kucing pertama saya?",
  securityAnswer: "Mpus Belangtiga Oranye",
};

/** Each secret as it could appear in a log: as typed and with the digits grouped. */
export function leaksIn(text: string): string[] {
  const forms = [
    SECRET.nik,
    SECRET.kk,
    SECRET.securityAnswer,
    SECRET.securityQuestion,
    SECRET.nik.slice(4, 12),
    SECRET.kk.slice(4, 12),
    "Belangtiga",
  ];
  return forms.filter((form) => text.includes(form));
}
