import { type DestinationStream, type Logger, pino } from "pino";

/** Fields that may carry personal data anywhere in a log object; pino replaces them before writing. */
const REDACTED_PATHS = [
  "nik",
  "kk",
  "*.nik",
  "*.kk",
  "text",
  "*.text",
  "answers",
  "*.answers",
  "answerText",
  "*.answerText",
  "bytes",
  "content",
  "phone",
  "*.phone",
];

/** Logs go to stderr so that the console chat on stdout stays clean. */
export function createLogger(level: string, destination: DestinationStream = pino.destination(2)): Logger {
  return pino(
    { level, base: undefined, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } },
    destination,
  );
}
