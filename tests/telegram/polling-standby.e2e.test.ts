import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { getHealth, healthBecomes } from "../bot/monitoring/scrape.ts";
import { type BotProcess, startBotProcess } from "../support/bot-process.ts";
import { newTestDatabase, type TestDatabase } from "../support/test-database.ts";
import { isMessageTo, succeeded } from "./chat-driver.ts";
import { type FakeBotApi, type RecordedCall, startFakeBotApi } from "./fake-bot-api.ts";
import { TOKEN } from "./telegram-harness.ts";
import { textMessage } from "./telegram-updates.ts";

// Two real bot processes in long-polling mode on one database, against the local Bot API server (which ends
// a waiting getUpdates with 409 when another arrives, as Telegram does). Exactly one polls; the other stands
// by, says so in its log and on /healthz, and takes over when the poller is SIGKILLed. Each process gets its
// own spelling of the token, so the server can tell whose call it was.

const WAIT_MS = 60_000;
const SITI = { id: 61_001, first_name: "Siti" };
const BUDI = { id: 61_002, first_name: "Budi" };
let fake: FakeBotApi;
let dir: string;

beforeAll(async () => {
  fake = await startFakeBotApi();
  dir = mkdtempSync(join(tmpdir(), "asn-standby-"));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function startInstance(name: string, database: TestDatabase): BotProcess {
  return startBotProcess({
    apiRoot: fake.apiRoot,
    env: {
      ...database.env,
      TELEGRAM_BOT_TOKEN: `${TOKEN}-${name}`,
      INSTANCE_ID: `bot-${name}`,
      // Short, so the takeover after the kill comes soon; the test waits for it, never for a time.
      INSTANCE_LEASE_SECONDS: "3",
      HTTP_PORT: "0",
      LOG_LEVEL: "info",
      SHUTDOWN_DEADLINE_SECONDS: "2",
    },
  });
}

const by = (name: string) => (call: RecordedCall) => call.token === `${TOKEN}-${name}`;
const conflicts = () =>
  fake.callsOf("getUpdates").filter((c) => (c.result as { error_code?: number })?.error_code === 409);

test("of two polling instances exactly one polls; the other stands by and takes over when the poller is killed", {
  timeout: 180_000,
}, async () => {
  const database = await newTestDatabase({ sqlitePath: join(dir, "helpdesk.db") });
  const a = startInstance("a", database);
  await a.waitForLog(/"msg":"Telegram long polling: lease taken"/, WAIT_MS);
  await fake.waitForCall((c) => c.method === "getUpdates" && by("a")(c), { timeoutMs: WAIT_MS });

  const b = startInstance("b", database);
  const standby = await b.waitForLog(
    /"holder":"bot-a".*"msg":"Telegram long polling: standing by while another instance holds the lease"/,
    WAIT_MS,
  );
  expect(standby).toBeDefined();
  const bPort = await b.opsPort(WAIT_MS);
  const health = await healthBecomes(bPort, 200, WAIT_MS);
  expect(health.checks.telegram).toMatchObject({
    ok: true,
    state: "standby",
    detail: "standby: instance bot-a polls Telegram",
  });
  const aHealth = await healthBecomes(await a.opsPort(WAIT_MS), 200, WAIT_MS);
  expect(aHealth.checks.telegram).toMatchObject({ ok: true, state: "polling" });

  // The poller answers; the other has not polled at all, and nobody met a 409.
  let mark = fake.calls.length;
  fake.pushUpdate(textMessage({ user: SITI }, "/start"));
  await fake.waitForCall(succeeded(isMessageTo(SITI.id, /pilih jenis masalah/)), {
    after: mark,
    timeoutMs: WAIT_MS,
  });
  expect(fake.callsOf("getUpdates").filter(by("b"))).toEqual([]);
  expect(conflicts()).toEqual([]);
  // Said once, not at every try of the lease.
  expect(b.stderr().match(/standing by while another instance holds the lease/g)).toHaveLength(1);

  // The poller dies without a word: the other takes over once its lease has run out.
  a.kill("SIGKILL");
  await a.exited;
  await b.waitForLog(/"msg":"Telegram long polling: took over the lease"/, WAIT_MS);
  mark = fake.calls.length;
  fake.pushUpdate(textMessage({ user: BUDI }, "/start"));
  const reply = await fake.waitForCall(succeeded(isMessageTo(BUDI.id, /pilih jenis masalah/)), {
    after: mark,
    timeoutMs: WAIT_MS,
  });
  expect(by("b")(reply)).toBe(true);
  expect(fake.callsOf("getUpdates").filter(by("b")).length).toBeGreaterThan(0);
  expect(conflicts()).toEqual([]);
  const after = await getHealth(bPort);
  expect(after.body.checks.telegram).toMatchObject({ ok: true, state: "polling" });

  b.kill("SIGTERM");
  expect(await b.exited, b.stderr()).toBe(0);
});
