import { afterEach, expect, test } from "vitest";
import { createLogger } from "../../../bot/logging/logger.ts";
import { type Operations, startOperations } from "../../../bot/monitoring/operations.ts";
import { whatsappHealth } from "../../../bot/whatsapp/whatsapp-health.ts";
import { WHATSAPP_CHANNEL } from "../../../bot/whatsapp/whatsapp-sender.ts";
import { enqueueOutbox } from "../../../db/index.ts";
import { APPLICANT, type Harness, startHarness } from "../../whatsapp/whatsapp-harness.ts";
import { healthBecomes, moved, scrape, scrapeUntil } from "./scrape.ts";

// The WhatsApp channel on its socket double with the operations endpoint over real HTTP: the connection
// dropping and coming back, messages piling up in the outbox while it is down, WhatsApp's 429, and a
// database that can no longer be written, each seen on /healthz and /metrics.

let harness: Harness | undefined;
let operations: Operations | undefined;

afterEach(async () => {
  await operations?.close();
  await harness?.close().catch(() => undefined);
  harness = undefined;
  operations = undefined;
});

async function start(): Promise<{ harness: Harness; port: number }> {
  harness = await startHarness();
  operations = await startOperations(
    { HTTP_PORT: 0, HTTP_HOST: "127.0.0.1", HEALTH_MAX_OUTBOX_AGE_SECONDS: 1 },
    harness.app.db,
    createLogger("silent"),
  );
  operations.addChannel({
    name: WHATSAPP_CHANNEL,
    outboxChannels: [WHATSAPP_CHANNEL],
    health: () => whatsappHealth(harness!.whatsapp.status()),
  });
  operations.setPhase("running");
  return { harness, port: operations.port! };
}

test("WhatsApp going down turns /healthz 503 (then the outbox backlog too) and 200 again once it is back", async () => {
  const { harness, port } = await start();
  await healthBecomes(port, 200);
  const before = await scrape(port);
  const channel = { channel: WHATSAPP_CHANNEL };
  expect(await harness.say("menu")).not.toEqual([]);
  let metrics = await scrapeUntil(
    port,
    (m) => moved(before, m, "helpdesk_reply_latency_seconds_count", channel) === 1,
  );
  expect(moved(before, metrics, "helpdesk_messages_received_total", channel)).toBe(1);
  expect(moved(before, metrics, "helpdesk_messages_sent_total", channel)).toBe(1);
  expect(metrics.value("helpdesk_whatsapp_connection_state", { state: "open" })).toBe(1);
  expect(metrics.value("helpdesk_channel_connected", { channel: WHATSAPP_CHANNEL })).toBe(1);
  expect(metrics.text).not.toMatch(/6281234567890/);

  await harness.sockets.latest.close(428, "Connection Terminated");
  const down = await healthBecomes(port, 503);
  expect(down.checks.whatsapp).toMatchObject({ ok: false, detail: expect.stringMatching(/^connection /) });
  metrics = await scrapeUntil(
    port,
    (m) => m.value("helpdesk_channel_connected", { channel: WHATSAPP_CHANNEL }) === 0,
  );
  expect(metrics.value("helpdesk_whatsapp_connection_state", { state: "open" })).toBeUndefined();

  // A notification queued while WhatsApp is away waits; past the allowed age the outbox is a problem too.
  await enqueueOutbox(harness.app.db, {
    channel: WHATSAPP_CHANNEL,
    chatId: APPLICANT,
    text: "Tiket Anda diproses.",
  });
  metrics = await scrapeUntil(
    port,
    (m) =>
      (m.value("helpdesk_outbox_oldest_age_seconds", { channel: WHATSAPP_CHANNEL, kind: "notification" }) ??
        0) > 1,
  );
  expect(metrics.value("helpdesk_outbox_pending", { channel: WHATSAPP_CHANNEL, kind: "notification" })).toBe(
    1,
  );
  const late = await healthBecomes(port, 503);
  await expect
    .poll(async () => (await healthBecomes(port, 503)).problems.join("\n"), { timeout: 10_000 })
    .toMatch(/^outbox: 1 pending, the oldest waiting \d+ s \(limit 1 s\)$/m);
  expect(late.checks.database).toMatchObject({ ok: true });

  // Back online: the notification goes out and every check passes again.
  await harness.sockets.latest.open();
  const up = await healthBecomes(port, 200);
  expect(up.problems).toEqual([]);
  expect(harness.sockets.latest.textsTo(APPLICANT)).toContain("Tiket Anda diproses.");
  metrics = await scrapeUntil(
    port,
    (m) => m.value("helpdesk_whatsapp_connection_state", { state: "open" }) === 1,
  );
  expect(metrics.value("helpdesk_outbox_pending", { channel: WHATSAPP_CHANNEL })).toBeUndefined();
});

test("WhatsApp's rate-overlimit is counted as a 429 and the reply still goes out", async () => {
  const { harness, port } = await start();
  const before = await scrape(port);
  const channel = { channel: WHATSAPP_CHANNEL };
  harness.sockets.latest.overLimitSends = 1;
  await harness.say("menu");
  const metrics = await scrapeUntil(
    port,
    (m) => moved(before, m, "helpdesk_messages_sent_total", channel) === 1,
  );
  const rateLimited = { ...channel, method: "sendMessage" };
  expect(moved(before, metrics, "helpdesk_rate_limited_total", rateLimited)).toBe(1);
  expect(moved(before, metrics, "helpdesk_send_failures_total", { ...channel, outcome: "retry" })).toBe(1);
  expect(harness.sockets.latest.textsTo(APPLICANT)).toHaveLength(1);
});

test("a database that cannot be written turns /healthz 503 and says so", async () => {
  const { harness, port } = await start();
  await healthBecomes(port, 200);
  await harness.whatsapp.stop();
  await harness.app.close();
  const body = await healthBecomes(port, 503);
  expect(body.checks.database).toMatchObject({ ok: false, detail: expect.stringMatching(/^not writable: /) });
  expect(body.problems).toContainEqual(expect.stringMatching(/^database: not writable: /));
  // The scrape still answers: what cannot be read is left out, the counters remain.
  const metrics = await scrapeUntil(port, () => true);
  expect(metrics.value("helpdesk_tickets")).toBeUndefined();
  expect(metrics.text).toMatch(/^# TYPE helpdesk_messages_received_total counter$/m);
});
