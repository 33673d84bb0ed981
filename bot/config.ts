import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { z } from "zod";
import { parseDataKey } from "../db/data-cipher.ts";
import type { DataKeySettings } from "../db/data-key.ts";
import type { RetentionPolicy } from "../db/retention.repository.ts";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** A positive number with a default; an empty value counts as unset. */
const positiveNumber = (fallback: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number().positive().max(max).default(fallback),
  );

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** 32 bytes as base64 or hex; the reason of a wrong one names the expected form, never the value. */
const dataKey = z.string().transform((value, ctx) => {
  try {
    return parseDataKey(value);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

/** Whole days with a default; an empty value counts as unset. */
const retentionDays = (fallback: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number().int().min(1).max(3650).default(fallback),
  );

/** Every setting, read from the environment (and .env) once at start; see .env.example. */
export const configSchema = z
  .object({
    DATABASE_PATH: z.string().trim().min(1).default("data/helpdesk.db"),
    /** PostgreSQL instead of the SQLite file at DATABASE_PATH (several instances share one database). */
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(
          /^postgres(ql)?:\/\/\S+$/i,
          "must be a PostgreSQL URL: postgres://user:password@host:5432/database",
        )
        .optional(),
    ),
    DATA_KEY: optionalText.pipe(dataKey.optional()),
    DATA_KEY_FILE: optionalText,
    DATA_KEY_PREVIOUS: optionalText.pipe(
      z
        .string()
        .transform((v) => v.split(",").map((key) => key.trim()))
        .pipe(z.array(dataKey))
        .optional(),
    ),
    RETENTION_DRAFT_DAYS: retentionDays(7),
    RETENTION_ANSWERED_DAYS: retentionDays(90),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
    TELEGRAM_BOT_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^\d+:[\w-]+$/, "must look like 123456:ABC-DEF... (from BotFather)")
        .optional(),
    ),
    TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).default("https://api.telegram.org"),
    TELEGRAM_ADMIN_CHAT_ID: optionalText.pipe(
      z
        .string()
        .regex(/^-?\d+$/, "must be a numeric chat id")
        .optional(),
    ),
    TELEGRAM_ADMIN_USER_IDS: optionalText.pipe(
      z
        .string()
        .regex(/^\d+(\s*,\s*\d+)*$/, "must be numeric user ids separated by commas")
        .transform((v) => v.split(",").map((id) => id.trim()))
        .optional(),
    ),
    TELEGRAM_ADMIN_GROUP_ADMINS_ONLY: booleanFlag,
    TELEGRAM_WEBHOOK_URL: optionalText.pipe(z.url({ protocol: /^https$/ }).optional()),
    TELEGRAM_WEBHOOK_SECRET: optionalText.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,256}$/, "may hold only A-Z, a-z, 0-9, _ and -")
        .optional(),
    ),
    TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
    TELEGRAM_SEND_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
    SHUTDOWN_DEADLINE_SECONDS: z.coerce.number().min(0).max(600).default(10),
    /** The operations endpoint (/healthz, /metrics); off when unset. 0 takes a free port (logged). */
    HTTP_PORT: optionalText.pipe(z.coerce.number<string | undefined>().int().min(0).max(65535).optional()),
    /** Where it listens: loopback by default; 0.0.0.0 for a load balancer or Prometheus on another host. */
    HTTP_HOST: z.string().trim().min(1).default("127.0.0.1"),
    /** /healthz fails once a message of a channel this instance sends has waited longer than this. */
    HEALTH_MAX_OUTBOX_AGE_SECONDS: positiveNumber(900, 7 * 24 * 3600),
    /**
     * This instance's name in the database's leases (and claims): unique per running process. The default
     * (host, process id, a random suffix) is unique even for two processes started on one machine at once.
     */
    INSTANCE_ID: optionalText
      .pipe(
        z
          .string()
          .regex(/^[A-Za-z0-9._:@-]{1,128}$/, "may hold only A-Z, a-z, 0-9 and . _ : @ - (at most 128)")
          .optional(),
      )
      .transform((v) => v ?? defaultInstanceId()),
    /**
     * How long a lease (Telegram polling, the WhatsApp socket) outlives its holder's last renewal: a standby
     * instance takes over this long after the holder died. Renewed every third of it.
     */
    INSTANCE_LEASE_SECONDS: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z.coerce.number().int().min(2).max(300).default(20),
    ),
    WHATSAPP_ENABLED: booleanFlag,
    WHATSAPP_PAIRING_NUMBER: optionalText.pipe(
      z
        .string()
        .regex(/^\d{8,15}$/, "must be the phone number in international form, digits only (62812...)")
        .optional(),
    ),
    /** Messages held longer than this while the bot was away get an apology instead of being applied. */
    WHATSAPP_STALE_AFTER_HOURS: positiveNumber(24, 24 * 30),
    /** The admin group is told when WhatsApp has been unreachable this long (and again when it is back). */
    WHATSAPP_OUTAGE_ALERT_MINUTES: positiveNumber(10, 24 * 60),
  })
  .refine((c) => !(c.DATA_KEY && c.DATA_KEY_FILE), {
    path: ["DATA_KEY_FILE"],
    message: "set either DATA_KEY or DATA_KEY_FILE, not both",
  })
  // /metrics stays off the webhook's public port: the reverse proxy exposes that one to Telegram.
  .refine((c) => !(c.TELEGRAM_WEBHOOK_URL && c.HTTP_PORT === c.TELEGRAM_WEBHOOK_PORT), {
    path: ["HTTP_PORT"],
    message: "must differ from TELEGRAM_WEBHOOK_PORT (the operations endpoint has its own port)",
  });

export type Config = z.infer<typeof configSchema>;

/** Host, process id and a random suffix: a restarted process on the same host never reuses a name. */
export function defaultInstanceId(): string {
  const host =
    hostname()
      .replace(/[^A-Za-z0-9._-]/g, "-")
      .slice(0, 64) || "host";
  return `${host}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment; a wrong value throws one line naming the setting and the reason. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ConfigError(`Invalid setting ${issue.path.join(".")}: ${issue.message}`);
}

/** The database to open: DATABASE_URL when set, else the SQLite file at DATABASE_PATH. */
export function databaseLocation(config: Config): string {
  return config.DATABASE_URL ?? config.DATABASE_PATH;
}

/** Where the data key comes from (DATA_KEY, DATA_KEY_FILE, DATA_KEY_PREVIOUS); see db/data-key.ts. */
export function dataKeySettings(config: Config): DataKeySettings {
  return {
    ...(config.DATA_KEY ? { key: config.DATA_KEY } : {}),
    ...(config.DATA_KEY_FILE ? { keyFile: config.DATA_KEY_FILE } : {}),
    ...(config.DATA_KEY_PREVIOUS ? { previousKeys: config.DATA_KEY_PREVIOUS } : {}),
  };
}

export function retentionPolicy(config: Config): RetentionPolicy {
  return { draftDays: config.RETENTION_DRAFT_DAYS, answeredTicketDays: config.RETENTION_ANSWERED_DAYS };
}
