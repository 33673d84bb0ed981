import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../../bot/app.ts";
import { loadConfig } from "../../../bot/config.ts";
import { createLogger } from "../../../bot/logging/logger.ts";
import { TELEGRAM_ADMIN_CHANNEL } from "../../../bot/telegram/telegram-context.ts";
import { OUTBOX_PRIORITY } from "../../../db/index.ts";
import { startBotProcess } from "../../support/bot-process.ts";
import { newTestDatabase } from "../../support/test-database.ts";
import { isMessageTo, succeeded } from "../../telegram/chat-driver.ts";
import { type FakeBotApi, startFakeBotApi } from "../../telegram/fake-bot-api.ts";
import { ADMIN_CHAT_ID } from "../../telegram/telegram-harness.ts";
import { textMessage } from "../../telegram/telegram-updates.ts";
import { openTicketFor } from "../../telegram/ticket-fixture.ts";
import { getHealth, healthBecomes, scrape, scrapeUntil } from "./scrape.ts";

// The real process (node + tsx running main.ts, as `npm start` does) with HTTP_PORT=0, talking to the local
// Bot API server: a conversation moves the counters on /metrics, and /healthz follows Telegram going away
// and coming back, all read over HTTP as a load balancer and Prometheus would.

const SITI = { id: 48_213, first_name: "Siti" };
const WAIT_MS = 20_000;
let fake: FakeBotApi;
let dir: string;

beforeAll(async () => {
  fake = await startFakeBotApi();
  dir = mkdtempSync(join(tmpdir(), "asn-ops-"));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function startBot(env: Record<string, string>) {
  const bot = startBotProcess({
    apiRoot: fake.apiRoot,
    env: { HTTP_PORT: "0", LOG_LEVEL: "info", SHUTDOWN_DEADLINE_SECONDS: "2", ...env },
  });
  return {
    ...bot,
    // Asked for only where the test needs it: a wait nobody awaits would fail the run when it times out.
    get port() {
      return bot.opsPort(WAIT_MS);
    },
  };
}

test("a conversation moves the counters on /metrics; /healthz goes 503 while Telegram is unreachable and 200 again", {
  timeout: 60_000,
}, async () => {
  const database = await newTestDatabase({ sqlitePath: join(dir, "helpdesk.db") });
  // A ticket already on file, opened through the real engine, for the tickets gauge.
  const seeded = await createApp(loadConfig(database.env), createLogger("silent"), {
    adminInbox: {
      channel: TELEGRAM_ADMIN_CHANNEL,
      chatId: String(ADMIN_CHAT_ID),
      priority: OUTBOX_PRIORITY.admin,
    },
  });
  await openTicketFor(seeded, 90_001);
  await seeded.close();

  const bot = startBot(database.env);
  try {
    const port = await bot.port;
    await healthBecomes(port, 200);

    // One reply meets a 429 first; an unanswerable question is an FAQ miss.
    fake.failNext(
      "sendMessage",
      { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } },
      { when: (params) => String(params.chat_id) === String(SITI.id) },
    );
    let after = fake.calls.length;
    fake.pushUpdate(textMessage({ user: SITI }, "/start"));
    await fake.waitForCall(succeeded(isMessageTo(SITI.id, /pilih jenis masalah/)), {
      after,
      timeoutMs: WAIT_MS,
    });
    after = fake.calls.length;
    fake.pushUpdate(textMessage({ user: SITI }, "zxqv plorg wumble"));
    await fake.waitForCall(succeeded(isMessageTo(SITI.id, /./)), { after, timeoutMs: WAIT_MS });

    const metrics = await scrapeUntil(
      port,
      (m) =>
        m.value("helpdesk_reply_latency_seconds_count", { channel: "telegram" }) === 2 &&
        m.value("helpdesk_messages_sent_total", { channel: "telegram-admin" }) === 1,
    );
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metrics.value("helpdesk_messages_received_total", { channel: "telegram" })).toBe(2);
    expect(metrics.value("helpdesk_messages_sent_total", { channel: "telegram" })).toBeGreaterThanOrEqual(2);
    // The card of the seeded ticket went to the admin group from the outbox.
    expect(metrics.value("helpdesk_messages_sent_total", { channel: "telegram-admin" })).toBe(1);
    expect(metrics.value("helpdesk_reply_latency_seconds_count", { channel: "telegram" })).toBe(2);
    // The 429 held the first reply for its retry_after (1 s).
    expect(metrics.value("helpdesk_reply_latency_seconds_bucket", { channel: "telegram", le: "0.5" })).toBe(
      1,
    );
    expect(metrics.value("helpdesk_rate_limited_total", { channel: "telegram", method: "sendMessage" })).toBe(
      1,
    );
    expect(metrics.value("helpdesk_send_failures_total", { channel: "telegram", outcome: "retry" })).toBe(1);
    expect(metrics.value("helpdesk_faq_misses_total", { channel: "telegram", kind: "unanswered" })).toBe(1);
    expect(metrics.value("helpdesk_tickets", { status: "Pertanyaan", category: "cek_dapodik" })).toBe(1);
    // Read at scrape time (the in-process test checks its values while WhatsApp is down).
    expect(metrics.text).toMatch(/^# TYPE helpdesk_outbox_pending gauge$/m);
    expect(metrics.text).toMatch(/^# TYPE helpdesk_outbox_oldest_age_seconds gauge$/m);
    expect(metrics.value("helpdesk_channel_connected", { channel: "telegram" })).toBe(1);
    expect(metrics.value("process_cpu_seconds_total")).toBeGreaterThan(0);
    // No chat or user id, no name: labels carry fixed words only.
    expect(metrics.text).not.toMatch(new RegExp(`${SITI.id}|90001|Siti|${ADMIN_CHAT_ID}`));

    // Telegram unreachable: the next two getUpdates lose their connection (an update ends the long poll).
    const polls = () => fake.calls.filter((call) => call.method === "getUpdates").length;
    const pollsBefore = polls();
    fake.dropNext("getUpdates", 2);
    fake.pushUpdate(textMessage({ user: SITI }, "menu"));
    const down = await healthBecomes(port, 503);
    expect(down.status).toBe("unhealthy");
    expect(down.checks.telegram).toMatchObject({ ok: false, detail: expect.stringMatching(/^getUpdates: /) });
    expect(down.checks.database).toMatchObject({ ok: true });
    expect(down.problems).toEqual([expect.stringMatching(/^telegram: getUpdates: /)]);
    // Polling retries by itself; the next answer from Telegram makes the instance healthy again. Once both
    // dropped polls are behind it (a reply answered in between would show it healthy for a moment only).
    await expect.poll(polls).toBeGreaterThanOrEqual(pollsBefore + 3);
    const up = await healthBecomes(port, 200);
    expect(up.checks.outbox).toMatchObject({ ok: true });
    expect((await scrape(port)).value("helpdesk_channel_connected", { channel: "telegram" })).toBe(1);

    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
  } finally {
    bot.child.kill("SIGKILL");
  }
});

test("HTTP_PORT unset: no operations endpoint is started", async () => {
  const bot = startBot({
    ...(await newTestDatabase({ sqlitePath: join(dir, "off.db") })).env,
    HTTP_PORT: "",
  });
  try {
    // The endpoint would have said so before the channels start, in the same stream as this line.
    await expect.poll(bot.stderr, { timeout: WAIT_MS }).toMatch(/"msg":"helpdesk started"/);
    expect(bot.stderr()).not.toMatch(/operations endpoint/);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
  } finally {
    bot.child.kill("SIGKILL");
  }
});

test("the endpoint answers only GET /healthz and /metrics", async () => {
  const bot = startBot((await newTestDatabase({ sqlitePath: join(dir, "paths.db") })).env);
  try {
    const port = await bot.port;
    expect((await getHealth(port)).status).toBeOneOf([200, 503]);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: "POST" })).status).toBe(405);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
  } finally {
    bot.child.kill("SIGKILL");
  }
});
