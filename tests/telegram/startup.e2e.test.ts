import { afterEach, describe, expect, test } from "vitest";
import { createApp } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { createLogger } from "../../bot/logging/logger.ts";
import { startTelegram, TelegramTokenError } from "../../bot/telegram/start-telegram.ts";
import { newTestDatabase } from "../support/test-database.ts";
import { chatDriver } from "./chat-driver.ts";
import { type FakeBotApi, startFakeBotApi } from "./fake-bot-api.ts";
import { FAST, type Harness, startHarness, TOKEN } from "./telegram-harness.ts";
import { textMessage } from "./telegram-updates.ts";

const SITI = { id: 501, first_name: "Siti" };
let harness: Harness | undefined;
let fake: FakeBotApi | undefined;

afterEach(async () => {
  await harness?.dispose();
  await fake?.close();
  harness = undefined;
  fake = undefined;
});

describe("starting the Telegram channel", () => {
  test("Telegram unreachable at start-up: logged and retried in the background, the bot still comes up", async () => {
    fake = await startFakeBotApi();
    fake.dropNext("getMe", 2);
    fake.dropNext("setMyCommands", 2);
    harness = await startHarness({ reuse: { fake, databasePath: ":memory:" } });
    await chatDriver(fake).expectReply(textMessage({ user: SITI }, "/start"), SITI.id, /pilih jenis masalah/);
    await fake.waitForCall(
      () => fake!.callsOf("setMyCommands").filter((c) => c.result === true).length === 2,
      { timeoutMs: 3_000 },
    );
    expect(fake.callsOf("getMe").length).toBeGreaterThanOrEqual(3);
    expect(fake.callsOf("setMyCommands").length).toBeGreaterThanOrEqual(4);
  });

  test("a token Telegram rejects stops start-up with a clear error", async () => {
    fake = await startFakeBotApi();
    fake.failNext("getMe", { error_code: 401, description: "Unauthorized" });
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      ...(await newTestDatabase()).env,
    });
    const logger = createLogger("silent");
    const app = await createApp(config, logger);
    try {
      await expect(startTelegram({ app, config, logger, tuning: FAST })).rejects.toBeInstanceOf(
        TelegramTokenError,
      );
    } finally {
      await app.close();
    }
  });
});
