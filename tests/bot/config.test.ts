import { describe, expect, test } from "vitest";
import { ConfigError, loadConfig } from "../../bot/config.ts";

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

  test.each([
    [{ TELEGRAM_BOT_TOKEN: "not-a-token" }, "TELEGRAM_BOT_TOKEN"],
    [{ TELEGRAM_API_ROOT: "ftp://example" }, "TELEGRAM_API_ROOT"],
    [{ TELEGRAM_ADMIN_CHAT_ID: "grup-admin" }, "TELEGRAM_ADMIN_CHAT_ID"],
    [{ TELEGRAM_ADMIN_USER_IDS: "11;22" }, "TELEGRAM_ADMIN_USER_IDS"],
    [{ TELEGRAM_WEBHOOK_URL: "http://insecure.example/hook" }, "TELEGRAM_WEBHOOK_URL"],
    [{ WHATSAPP_ENABLED: "maybe" }, "WHATSAPP_ENABLED"],
    [{ WHATSAPP_PAIRING_NUMBER: "+62 812" }, "WHATSAPP_PAIRING_NUMBER"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
  ])("a wrong value stops start-up with one line naming the setting (%o)", (env, setting) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid setting ${setting}: `));
  });
});
