import { describe, expect, test } from "vitest";
import { ConfigError, databaseLocation, loadConfig } from "../../bot/config.ts";

describe("configuration", () => {
  test("defaults start the console chat with a local database", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATABASE_PATH: "data/helpdesk.db",
      TELEGRAM_API_ROOT: "https://api.telegram.org",
      WHATSAPP_ENABLED: false,
    });
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  test("DATABASE_URL switches to PostgreSQL; without it the SQLite file at DATABASE_PATH is used", () => {
    expect(databaseLocation(loadConfig({}))).toBe("data/helpdesk.db");
    expect(databaseLocation(loadConfig({ DATABASE_URL: "" }))).toBe("data/helpdesk.db");
    const url = "postgres://helpdesk:secret@db.internal:5432/helpdesk";
    expect(databaseLocation(loadConfig({ DATABASE_URL: url, DATABASE_PATH: "x.db" }))).toBe(url);
    expect(() => loadConfig({ DATABASE_URL: "mysql://db/helpdesk" })).toThrow(
      /Invalid setting DATABASE_URL: must be a PostgreSQL URL/,
    );
  });

  test("empty values count as unset", () => {
    expect(
      loadConfig({ TELEGRAM_BOT_TOKEN: "", TELEGRAM_ADMIN_CHAT_ID: " " }).TELEGRAM_BOT_TOKEN,
    ).toBeUndefined();
  });

  test("parses lists, flags and numbers", () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: "123456:ABC-def_ghi",
      TELEGRAM_ADMIN_CHAT_ID: "-1001234567890",
      TELEGRAM_ADMIN_USER_IDS: "11, 22,33",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081",
      WHATSAPP_ENABLED: "true",
      TELEGRAM_WEBHOOK_PORT: "3000",
    });
    expect(config.TELEGRAM_ADMIN_USER_IDS).toEqual(["11", "22", "33"]);
    expect(config.WHATSAPP_ENABLED).toBe(true);
    expect(config.TELEGRAM_WEBHOOK_PORT).toBe(3000);
  });

  test("data key and retention settings: base64 or hex keys, previous keys for rotation, days", () => {
    const base64 = Buffer.alloc(32, 7).toString("base64");
    const config = loadConfig({
      DATA_KEY: base64,
      DATA_KEY_PREVIOUS: `${"ab".repeat(32)}, ${Buffer.alloc(32, 9).toString("base64")}`,
      RETENTION_DRAFT_DAYS: "14",
    });
    expect(config.DATA_KEY).toEqual(Buffer.alloc(32, 7));
    expect(config.DATA_KEY_PREVIOUS).toEqual([Buffer.alloc(32, 0xab), Buffer.alloc(32, 9)]);
    expect(config.RETENTION_DRAFT_DAYS).toBe(14);
    expect(loadConfig({}).RETENTION_ANSWERED_DAYS).toBe(90);
    expect(loadConfig({}).RETENTION_DRAFT_DAYS).toBe(7);
  });

  test("the operations endpoint: off unless HTTP_PORT is set, on loopback by default, never the webhook's port", () => {
    expect(loadConfig({}).HTTP_PORT).toBeUndefined();
    expect(loadConfig({ HTTP_PORT: "" }).HTTP_PORT).toBeUndefined();
    expect(loadConfig({ HTTP_PORT: "9464" })).toMatchObject({
      HTTP_PORT: 9464,
      HTTP_HOST: "127.0.0.1",
      HEALTH_MAX_OUTBOX_AGE_SECONDS: 900,
    });
    expect(loadConfig({ HTTP_PORT: "0", HTTP_HOST: "0.0.0.0" })).toMatchObject({
      HTTP_PORT: 0,
      HTTP_HOST: "0.0.0.0",
    });
    // Without a webhook the Telegram port is not in use, so the same number is fine.
    expect(loadConfig({ HTTP_PORT: "8080" }).HTTP_PORT).toBe(8080);
    expect(() =>
      loadConfig({ HTTP_PORT: "8080", TELEGRAM_WEBHOOK_URL: "https://bot.example.go.id/telegram" }),
    ).toThrow(/^Invalid setting HTTP_PORT: must differ from TELEGRAM_WEBHOOK_PORT/);
    expect(() => loadConfig({ HTTP_PORT: "http" })).toThrow(/^Invalid setting HTTP_PORT: /);
    expect(() => loadConfig({ HEALTH_MAX_OUTBOX_AGE_SECONDS: "0" })).toThrow(
      /^Invalid setting HEALTH_MAX_OUTBOX_AGE_SECONDS: /,
    );
  });

  test("a wrong data key is reported without echoing it", () => {
    expect(() => loadConfig({ DATA_KEY: "rahasia-sekali-jangan-dicetak" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("rahasia") }),
    );
  });

  test.each([
    [{ TELEGRAM_BOT_TOKEN: "not-a-token" }, "TELEGRAM_BOT_TOKEN"],
    [{ TELEGRAM_API_ROOT: "ftp://example" }, "TELEGRAM_API_ROOT"],
    [{ TELEGRAM_ADMIN_CHAT_ID: "grup-admin" }, "TELEGRAM_ADMIN_CHAT_ID"],
    [{ TELEGRAM_ADMIN_USER_IDS: "11;22" }, "TELEGRAM_ADMIN_USER_IDS"],
    [{ TELEGRAM_WEBHOOK_URL: "http://insecure.example/hook" }, "TELEGRAM_WEBHOOK_URL"],
    [{ WHATSAPP_ENABLED: "maybe" }, "WHATSAPP_ENABLED"],
    [{ WHATSAPP_PAIRING_NUMBER: "+62 812" }, "WHATSAPP_PAIRING_NUMBER"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ DATA_KEY: "hunter2" }, "DATA_KEY"],
    [{ DATA_KEY: `${"ab".repeat(31)}` }, "DATA_KEY"],
    [{ DATA_KEY_PREVIOUS: "not-a-key" }, "DATA_KEY_PREVIOUS.0"],
    [{ DATA_KEY: "ab".repeat(32), DATA_KEY_FILE: "/etc/asn.key" }, "DATA_KEY_FILE"],
    [{ RETENTION_DRAFT_DAYS: "0" }, "RETENTION_DRAFT_DAYS"],
    [{ RETENTION_ANSWERED_DAYS: "sembilan puluh" }, "RETENTION_ANSWERED_DAYS"],
  ])("a wrong value stops start-up with one line naming the setting (%o)", (env, setting) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid setting ${setting}: `));
  });
  test("instance name and lease: a fresh default name per process, a bounded lease", () => {
    const first = loadConfig({}).INSTANCE_ID;
    const second = loadConfig({ INSTANCE_ID: " " }).INSTANCE_ID;
    // Host, process id and a random suffix: two processes on one host never share a name.
    expect(first).toMatch(new RegExp(`-${process.pid}-[0-9a-f]{6}$`));
    expect(second).not.toBe(first);
    expect(loadConfig({ INSTANCE_ID: "bot-a@host1" }).INSTANCE_ID).toBe("bot-a@host1");
    expect(() => loadConfig({ INSTANCE_ID: "bot a" })).toThrow(/Invalid setting INSTANCE_ID: may hold only/);
    expect(loadConfig({}).INSTANCE_LEASE_SECONDS).toBe(20);
    expect(loadConfig({ INSTANCE_LEASE_SECONDS: "3" }).INSTANCE_LEASE_SECONDS).toBe(3);
    expect(() => loadConfig({ INSTANCE_LEASE_SECONDS: "1" })).toThrow(/INSTANCE_LEASE_SECONDS/);
    expect(() => loadConfig({ INSTANCE_LEASE_SECONDS: "301" })).toThrow(/INSTANCE_LEASE_SECONDS/);
    expect(() => loadConfig({ INSTANCE_LEASE_SECONDS: "2.5" })).toThrow(/INSTANCE_LEASE_SECONDS/);
  });
});
