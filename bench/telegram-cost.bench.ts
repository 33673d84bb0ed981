/**
 * The engine through the Telegram adapter, as a grammY bot is measured: updates fed with bot.handleUpdate,
 * Bot API calls answered in process by a grammY transformer (no HTTP), and the replies delivered by the
 * outbox dispatcher as in production (blocked-chat check, send, mark sent). A message counts as handled
 * when its replies are out. Sequential (each message and its replies awaited in turn) and concurrent
 * (every applicant's next message at once). BENCH_TELEGRAM_CHATS sets how many applicants (default 300).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { createApp } from "../bot/app.ts";
import { loadConfig } from "../bot/config.ts";
import { createLogger } from "../bot/logging/logger.ts";
import { createOutboxDispatcher } from "../bot/outbox/outbox-dispatcher.ts";
import { createRateLimiter } from "../bot/outbox/rate-limiter.ts";
import { createChoiceCodec } from "../bot/telegram/callback-data.ts";
import { createTelegramBot } from "../bot/telegram/create-telegram-bot.ts";
import { createInFlightTracker } from "../bot/telegram/in-flight.ts";
import { createApplicantSender } from "../bot/telegram/outbox-senders.ts";
import { TELEGRAM_CHANNEL } from "../bot/telegram/telegram-context.ts";
import { SCRIPT_STEPS, scriptText } from "./applicant-script.ts";
import { type Cost, measure, repeat } from "./cost.ts";

const CHATS = Number(process.env.BENCH_TELEGRAM_CHATS ?? 300);
const TOKEN = "123456:BENCH-token";
const FIRST_USER = 100_000;
const BOT_INFO = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: "Helpdesk SSCASN",
  username: "asn_helpdesk_bench_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

/** Answers every Bot API call in process, as Telegram would; tells `onSent` the chat of each message sent. */
function localBotApi(onSent: (chatId: string) => void): Transformer {
  let messageId = 1;
  return async (_previous, method, payload) => {
    if (method === "sendMessage") {
      const params = payload as { chat_id: number | string; text: string };
      onSent(String(params.chat_id));
      const chat = { id: Number(params.chat_id), type: "private", first_name: "Pelamar" };
      const result = {
        message_id: messageId++,
        date: Math.floor(Date.now() / 1000),
        chat,
        text: params.text,
      };
      return { ok: true, result } as never;
    }
    return { ok: true, result: true } as never;
  };
}

async function telegramRound(concurrent: boolean): Promise<Cost> {
  const dir = mkdtempSync(join(tmpdir(), "asn-bench-tg-"));
  const logger = createLogger("silent");
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: TOKEN,
    DATABASE_PATH: join(dir, "helpdesk.db"),
    DATA_KEY: Buffer.alloc(32, 7).toString("base64"),
  });
  const app = await createApp(config, logger);

  // The first reply to each chat resolves that chat's waiter: the latency an applicant sees.
  const waiting = new Map<string, () => void>();
  const api = localBotApi((chatId) => {
    const resolve = waiting.get(chatId);
    waiting.delete(chatId);
    resolve?.();
  });
  const codec = createChoiceCodec();
  const bot = createTelegramBot(TOKEN, {
    engine: app.engine,
    helpdesk: app.helpdesk,
    db: app.db,
    logger,
    botInfo: BOT_INFO,
    // Production limits would drop a benchmark's messages; being under the limit costs the same.
    floodControl: { limit: 1_000, timeFrameMs: 5_000, warnEveryMs: 60_000 },
    inFlight: createInFlightTracker(),
    codec,
  });
  bot.api.config.use(api);
  const sendApi = new Api(TOKEN);
  sendApi.config.use(api);
  const dispatcher = createOutboxDispatcher({
    db: app.db,
    channel: TELEGRAM_CHANNEL,
    send: createApplicantSender({ api: sendApi, db: app.db, logger, codec }),
    logger,
    // Telegram's 30/s would make this a benchmark of waiting; the limiter's own work is still done.
    limiter: createRateLimiter({ global: { perSecond: 1e9, burst: 1e9 }, maxInFlight: 8 }),
    maxConcurrent: 8,
  });
  dispatcher.start();

  let updateId = 1;
  const update = (chat: number, step: number) => {
    const user = { id: FIRST_USER + chat, is_bot: false, first_name: `Pelamar${chat}` };
    return {
      update_id: updateId++,
      message: {
        message_id: step + 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: user.id, type: "private" as const, first_name: user.first_name },
        from: user,
        text: scriptText(chat, step),
      },
    };
  };
  const send = async (chat: number, step: number, record?: (ms: number) => void) => {
    const sent = performance.now();
    const replied = new Promise<void>((resolve) => waiting.set(String(FIRST_USER + chat), resolve));
    await bot.handleUpdate(update(chat, step));
    await replied;
    record?.(performance.now() - sent);
  };

  for (let step = 0; step < SCRIPT_STEPS; step++) await send(CHATS, step);
  await dispatcher.dispatchDue();

  const cost = await measure(async (record) => {
    for (let step = 0; step < SCRIPT_STEPS; step++) {
      if (concurrent) {
        await Promise.all(Array.from({ length: CHATS }, (_, chat) => send(chat, step, record)));
      } else {
        for (let chat = 0; chat < CHATS; chat++) await send(chat, step, record);
      }
      // Every reply of the step is out (and marked sent) before the next step.
      await dispatcher.dispatchDue();
    }
  });
  await dispatcher.stop();
  const tickets = await app.db
    .selectFrom("tickets")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  if (Number(tickets.n) !== CHATS + 1)
    throw new Error(`telegram bench: ${tickets.n} tickets for ${CHATS + 1} forms`);
  return cost;
}

export async function runTelegramCost(): Promise<{ sequential: Cost; concurrent: Cost }> {
  const sequential = await repeat(() => telegramRound(false));
  const concurrent = await repeat(() => telegramRound(true));
  return { sequential, concurrent };
}
