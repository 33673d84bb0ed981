import { type DestinationStream, type Logger, type LoggerOptions, pino } from "pino";
import { sanitizeForLog } from "./log-sanitizer.ts";

/** Top-level fields pino itself redacts; the sanitizer below also reaches nested objects and errors. */
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

/**
 * Every log call passes through the sanitizer first: the merged object (nested fields, errors and their
 * payloads) and the message string, of this logger and of every child (Baileys' and grammY's included).
 */
const hooks: LoggerOptions["hooks"] = {
  logMethod(args, method) {
    const safe = (args as unknown[]).map((arg) => sanitizeForLog(arg));
    return method.apply(this, safe as Parameters<typeof method>);
  },
};

/** Logs go to stderr so that the console chat on stdout stays clean. */
export function createLogger(level: string, destination: DestinationStream = pino.destination(2)): Logger {
  const logger = pino(
    {
      level,
      base: undefined,
      hooks,
      // Errors are already plain, sanitised objects (see log-sanitizer.ts); pino's own serializer would
      // rename their type to "Object".
      serializers: { err: (error: unknown) => error },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    },
    destination,
  );
  // Child bindings (chat, message id...) are written as given; pino applies a bindings formatter only to
  // the first generation, so the sanitizer sits in `child` itself, which every descendant inherits.
  const child = logger.child;
  logger.child = function sanitizedChild(this: Logger, bindings, options) {
    return child.call(this, sanitizeForLog(bindings) as typeof bindings, options);
  } as typeof logger.child;
  return logger;
}

const LEVELS: ReadonlySet<string> = new Set(["trace", "debug", "info", "warn", "error", "fatal"]);
const noop = () => undefined;

/**
 * A child logger that is made only when something is logged at an enabled level. Made per message, pino's
 * child (bindings sanitised and serialised) cost more than that message's own logging, which is usually none.
 */
export function lazyChild(parent: Logger, bindings: () => Record<string, unknown>): Logger {
  let child: Logger | undefined;
  const real = () => {
    child ??= parent.child(bindings());
    return child;
  };
  return new Proxy({} as Logger, {
    get(_target, property) {
      if (typeof property === "string" && LEVELS.has(property) && !parent.isLevelEnabled(property))
        return noop;
      const logger = real();
      const value: unknown = Reflect.get(logger, property, logger);
      return typeof value === "function" ? value.bind(logger) : value;
    },
  });
}
