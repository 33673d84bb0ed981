import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase } from "../../db/index.ts";
import { type BotProcess, freePort, startBotProcess } from "../support/bot-process.ts";
import { complaintFormSteps } from "../support/complaint-form.ts";
import { newTestDatabase, onPostgres, type TestDatabase } from "../support/test-database.ts";
import { type FakeBotApi, type RecordedCall, startFakeBotApi } from "./fake-bot-api.ts";
import { ADMIN_CHAT_ID, TOKEN } from "./telegram-harness.ts";
import { textMessage } from "./telegram-updates.ts";

// Two real bot processes in webhook mode on one PostgreSQL database, as several instances run behind a
// reverse proxy. Updates of the same chats are sent to both, alternating the process at every update:
// every form still ends in exactly one ticket, each chat gets its answers in order, and each message
// (reply, card, notification) is delivered once. Then the process holding a send in flight is SIGKILLed,
// and the other one delivers that message once its holder's claim has expired, and carries on with the chat.
// Each process has its own spelling of the bot token, so the Bot API server can tell whose call it was.

const SECRET = "two-instances-secret";
const WAIT_MS = 60_000;
const APPLICANTS = 4;
const ADMIN = { id: 777, first_name: "Ani" };
const NAMES = ["a", "b"] as const;
type Name = (typeof NAMES)[number];

let fake: FakeBotApi;
beforeAll(async () => {
  fake = await startFakeBotApi();
  fake.setMember(ADMIN_CHAT_ID, ADMIN.id, "administrator");
});
afterAll(async () => {
  await fake?.close();
});

interface Instance {
  name: Name;
  port: number;
  process: BotProcess;
}

async function startInstance(name: Name, database: TestDatabase): Promise<Instance> {
  const port = await freePort();
  const process = startBotProcess({
    apiRoot: fake.apiRoot,
    env: {
      ...database.env,
      TELEGRAM_BOT_TOKEN: `${TOKEN}-${name}`,
      TELEGRAM_WEBHOOK_URL: "https://helpdesk.example.go.id/telegram",
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_WEBHOOK_PORT: String(port),
      INSTANCE_ID: `bot-${name}`,
      // Short, so the claims of the killed process expire soon; the test waits for that, never for a time.
      INSTANCE_LEASE_SECONDS: "3",
      LOG_LEVEL: "info",
      SHUTDOWN_DEADLINE_SECONDS: "2",
    },
  });
  await process.waitForLog(/"msg":"Telegram webhook server listening"/, WAIT_MS);
  return { name, port, process };
}

let nextUpdateId = 1;

/** Posts one update as Telegram does; resolves once the instance answered 200 (the update is recorded). */
async function post(instance: Instance, update: Record<string, unknown>): Promise<void> {
  const updateId = nextUpdateId++;
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`http://127.0.0.1:${instance.port}/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify({ update_id: updateId, ...update }),
    });
    if (response.status === 200) return;
    // Telegram delivers an update again after a 500 (not handled in time on a loaded machine).
    if (response.status !== 500 || attempt >= 5) {
      throw new Error(`instance ${instance.name} answered ${response.status} to update ${updateId}`);
    }
  }
}

const delivered = (call: RecordedCall) =>
  (call.method === "sendMessage" || call.method === "sendDocument") &&
  typeof call.result === "object" &&
  call.result !== null &&
  "message_id" in call.result;
const deliveredTo = (chatId: number) => (call: RecordedCall) =>
  delivered(call) && String(call.params.chat_id) === String(chatId);
const textOf = (call: RecordedCall) => String(call.params.text ?? call.params.caption ?? "");
const by = (name: Name) => (call: RecordedCall) => call.token === `${TOKEN}-${name}`;

const NOTICE = {
  Diterima: /sudah <b>diterima<\/b>/,
  Proses: /sedang <b>diproses<\/b>/,
  Jawaban: /sudah dijawab/,
};

/** Every pattern matches a delivered text, each after the previous one's. */
function inOrder(texts: readonly string[], patterns: readonly RegExp[]): boolean {
  let at = 0;
  for (const pattern of patterns) {
    while (at < texts.length && !pattern.test(texts[at]!)) at += 1;
    if (at === texts.length) return false;
    at += 1;
  }
  return true;
}

describe.runIf(onPostgres)("two instances on one PostgreSQL database", () => {
  test("interleaved updates of the same chats: one ticket per form, answers in order, each message once; a SIGKILLed instance's chats go on", {
    timeout: 300_000,
  }, async () => {
    const database = await newTestDatabase();
    const instances = [await startInstance("a", database), await startInstance("b", database)];
    const db = await openDatabase(database.location, database.keys);
    try {
      const user = (index: number) => ({ id: 9101 + index, first_name: `Pelamar${index}` });
      const pendingOutbox = async () =>
        (await db.db.selectFrom("outbox").select("seq").where("status", "=", "pending").execute()).length;

      // 1. The forms, every chat at once, each update to the other instance than the one before. The next
      // answer goes in as soon as the last one is recorded, so the replies of consecutive turns are queued
      // by different instances and race to be sent.
      // (Flood control counts per instance: 5 answers each in a few seconds stay under its 8 in 5 s.)
      await Promise.all(
        Array.from({ length: APPLICANTS }, async (_, index) => {
          for (const [step, [text]] of complaintFormSteps(index).entries()) {
            await post(instances[(index + step) % 2]!, textMessage({ user: user(index) }, text));
          }
        }),
      );
      for (let index = 0; index < APPLICANTS; index += 1) {
        await fake.waitForCall((c) => deliveredTo(user(index).id)(c) && /nomor tiket/.test(textOf(c)), {
          timeoutMs: WAIT_MS,
        });
      }
      const tickets = await db.db
        .selectFrom("tickets")
        .select(["number", "chat_id", "applicant_name"])
        .execute();
      expect(tickets).toHaveLength(APPLICANTS);
      for (let index = 0; index < APPLICANTS; index += 1) {
        const own = tickets.filter((t) => t.chat_id === String(user(index).id));
        expect(own, `applicant ${index}`).toHaveLength(1);
        expect(own[0]!.applicant_name).toBe(`Pelamar Nomor ${"ABCD"[index]}`);
      }

      // 2. The admin works the tickets, each command to the other instance than the one before.
      const admin = (text: string, at: number) =>
        post(instances[at % 2]!, textMessage({ user: ADMIN, chatId: ADMIN_CHAT_ID }, text));
      let command = 0;
      for (const ticket of tickets) {
        await admin(`/terima ${ticket.number}`, command++);
        await admin(`/proses ${ticket.number}`, command++);
        await admin(`/jawab ${ticket.number} Sudah kami perbaiki.`, command++);
      }
      for (let index = 0; index < APPLICANTS; index += 1) {
        await fake.waitForCall((c) => deliveredTo(user(index).id)(c) && NOTICE.Jawaban.test(textOf(c)), {
          timeoutMs: WAIT_MS,
        });
      }
      await expect.poll(pendingOutbox, { timeout: WAIT_MS, interval: 100 }).toBe(0);

      // Each message delivered once, in its chat's order; both instances did their share of the sending.
      for (let index = 0; index < APPLICANTS; index += 1) {
        const chatId = user(index).id;
        const queued = await db.db
          .selectFrom("outbox")
          .select("seq")
          .where("chat_id", "=", String(chatId))
          .execute();
        const sends = fake.calls.filter(deliveredTo(chatId));
        expect(sends.length, `applicant ${index}: sends against queued messages`).toBe(queued.length);
        const texts = sends.map(textOf);
        expect(
          inOrder(
            texts,
            complaintFormSteps(index).map(([, reply]) => reply),
          ),
          texts.join("\n---\n"),
        ).toBe(true);
        const notices = texts.filter((text) => Object.values(NOTICE).some((n) => n.test(text)));
        expect(notices, `applicant ${index}`).toHaveLength(3);
        expect(inOrder(notices, [NOTICE.Diterima, NOTICE.Proses, NOTICE.Jawaban])).toBe(true);
      }
      const cards = fake.calls.filter((c) => deliveredTo(ADMIN_CHAT_ID)(c) && /Tiket baru/.test(textOf(c)));
      expect(cards).toHaveLength(APPLICANTS);
      for (const name of NAMES) expect(fake.calls.filter(delivered).some(by(name)), name).toBe(true);

      // 3. A send in flight when its instance is SIGKILLed: the held message is sent by the other one once
      // the dead one's claim has expired, and the chat carries on with it.
      const chat = user(APPLICANTS);
      const steps = complaintFormSteps(APPLICANTS % 4);
      fake.holdNext("sendMessage", (c) => String(c.params.chat_id) === String(chat.id));
      await post(instances[0]!, textMessage({ user: chat }, steps[0]![0]));
      const heldCall = await fake.waitForCall(
        (c) => c.method === "sendMessage" && String(c.params.chat_id) === String(chat.id),
        { timeoutMs: WAIT_MS },
      );
      const victim = instances.find((instance) => by(instance.name)(heldCall))!;
      const survivor = instances.find((instance) => instance !== victim)!;
      // The message in flight is claimed by the instance sending it, until a time it keeps renewing.
      const claim = await db.db
        .selectFrom("outbox")
        .select(["claimed_by", "lease_until"])
        .where("chat_id", "=", String(chat.id))
        .where("status", "=", "pending")
        .orderBy("chat_seq")
        .executeTakeFirstOrThrow();
      expect(claim.claimed_by).toBe(`bot-${victim.name}`);
      victim.process.kill("SIGKILL");
      await victim.process.exited;
      const redelivered = await fake.waitForCall(
        (c) => deliveredTo(chat.id)(c) && textOf(c) === textOf(heldCall),
        { timeoutMs: WAIT_MS },
      );
      expect(by(survivor.name)(redelivered)).toBe(true);
      // Not taken from a live claim: the survivor sent it only after the dead one's claim had lapsed (one
      // clock: the processes, PostgreSQL and the Bot API server run on this machine).
      expect(redelivered.at).toBeGreaterThanOrEqual(Date.parse(claim.lease_until!));
      for (const [text, reply] of steps.slice(1, 4)) {
        const mark = fake.calls.length;
        await post(survivor, textMessage({ user: chat }, text));
        await fake.waitForCall((c) => deliveredTo(chat.id)(c) && reply.test(textOf(c)), {
          after: mark,
          timeoutMs: WAIT_MS,
        });
      }
      await expect.poll(pendingOutbox, { timeout: WAIT_MS, interval: 100 }).toBe(0);
      const sends = fake.calls.filter(deliveredTo(chat.id));
      const queued = await db.db
        .selectFrom("outbox")
        .select("seq")
        .where("chat_id", "=", String(chat.id))
        .execute();
      // The held send was never answered, so the survivor's is its only delivery.
      expect(sends.length).toBe(queued.length);
      expect(
        inOrder(
          sends.map(textOf),
          steps.slice(0, 4).map(([, reply]) => reply),
        ),
      ).toBe(true);

      survivor.process.kill("SIGTERM");
      expect(await survivor.process.exited, survivor.process.stderr()).toBe(0);
    } finally {
      await db.close();
    }
  });
});
