import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openDatabase } from "../../db/index.ts";
import { type BotProcess, startBotProcess } from "../support/bot-process.ts";
import { complaintFormSteps } from "../support/complaint-form.ts";
import { newTestDatabase, type TestDatabase } from "../support/test-database.ts";
import { type FakeBotApi, type RecordedCall, startFakeBotApi } from "./fake-bot-api.ts";
import { ADMIN_CHAT_ID } from "./telegram-harness.ts";
import { textMessage } from "./telegram-updates.ts";

// The real process (node + tsx running main.ts, as `npm start` does) against the local Bot API server,
// SIGKILLed again and again while applicants fill in a form and an admin works their tickets: right after
// it fetched updates, right after a send, and at random moments. Each time it is started again on the
// same database. Nothing may be lost: every message gets its reply, every form ends in one ticket, the
// notifications arrive in order, and a message is repeated at most once per kill (the only repeat there
// can be is a send the process died before marking).

const APPLICANTS = 5;
const KILLS = 10;
const STEP_TIMEOUT_MS = 40_000;
const ADMIN = { id: 777, first_name: "Ani" };

let fake: FakeBotApi;
let dir: string;

beforeAll(async () => {
  fake = await startFakeBotApi();
  fake.setMember(ADMIN_CHAT_ID, ADMIN.id, "administrator");
  dir = mkdtempSync(join(tmpdir(), "asn-crash-"));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A small seeded generator, so a failing run can be told apart and its seed read in the report. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isOk = (call: RecordedCall) =>
  typeof call.result === "object" && call.result !== null && "message_id" in call.result;
const sentTo = (chatId: number) => (call: RecordedCall) =>
  call.method === "sendMessage" && String(call.params.chat_id) === String(chatId) && isOk(call);

/**
 * Resolves once a call made after index `from` satisfies `predicate`. Only calls made after it: a killed
 * process's long poll is answered after the kill, and must not pass for the next process being up.
 */
function waitFor(predicate: (call: RecordedCall) => boolean, from: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (fake.calls.slice(from).some(predicate)) return resolve();
    const timer = setTimeout(() => {
      stop();
      reject(new Error("timed out waiting for the bot"));
    }, timeoutMs);
    const stop = fake.onAnswered((call) => {
      if (fake.calls.indexOf(call) < from || !predicate(call)) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

function startBot(database: TestDatabase): BotProcess {
  return startBotProcess({
    apiRoot: fake.apiRoot,
    env: {
      ...database.env,
      LOG_LEVEL: "warn",
      SHUTDOWN_DEADLINE_SECONDS: "5",
      // One message in flight at a time: a kill can then repeat at most one (with N, at most N).
      TELEGRAM_SEND_CONCURRENCY: "1",
      // The same instance restarted (as under systemd): it takes its polling lease back at once, instead
      // of standing by until the lease of the process it replaces has expired.
      INSTANCE_ID: "crash-test-bot",
    },
  });
}

const NOTICE = {
  Diterima: /sudah <b>diterima<\/b>/,
  Proses: /sedang <b>diproses<\/b>/,
  Jawaban: /sudah dijawab/,
};

test("SIGKILLed at random moments and restarted, the bot loses no reply, opens each ticket once and keeps notices in order", {
  timeout: 150_000,
}, async () => {
  const seed = Date.now() % 1_000_000;
  const random = seeded(seed);
  const database = await newTestDatabase({ sqlitePath: join(dir, "helpdesk.db") });
  let bot = startBot(database);
  const killsByKind: Record<string, number> = { afterFetch: 0, afterSend: 0, random: 0 };
  let kills = 0;

  // Calls recorded before the current process started belong to a dead one.
  let currentStart = 0;
  async function restart(): Promise<void> {
    bot.kill("SIGKILL");
    await bot.exited;
    kills += 1;
    currentStart = fake.calls.length;
    bot = startBot(database);
  }

  // The killer: waits for the new process to be polling, then for its moment, then kills it.
  const killer = (async () => {
    const kinds = ["afterFetch", "afterSend", "random"] as const;
    for (let round = 0; round < KILLS; round += 1) {
      const started = fake.calls.length;
      await waitFor((c) => c.method === "getUpdates", started, STEP_TIMEOUT_MS);
      const kind = kinds[round % kinds.length]!;
      const moment =
        kind === "afterFetch"
          ? (c: RecordedCall) => c.method === "getUpdates" && Array.isArray(c.result) && c.result.length > 0
          : kind === "afterSend"
            ? (c: RecordedCall) => c.method === "sendMessage" && isOk(c)
            : undefined;
      let hit = kind;
      if (moment) {
        // No such moment soon (everyone is waiting): a random moment instead.
        await waitFor(moment, fake.calls.length, 3_000).catch(() => {
          hit = "random";
        });
      }
      if (hit === "random") await new Promise((r) => setTimeout(r, Math.floor(random() * 1_500)));
      killsByKind[hit] = (killsByKind[hit] ?? 0) + 1;
      await restart();
    }
  })();

  async function say(user: { id: number; first_name: string }, chatId: number | undefined, text: string) {
    const mark = fake.calls.length;
    fake.pushUpdate(textMessage({ user, ...(chatId === undefined ? {} : { chatId }) }, text));
    return mark;
  }

  async function fillForm(index: number): Promise<void> {
    const user = { id: 9001 + index, first_name: `Pelamar${index}` };
    const steps = complaintFormSteps(index);
    for (const [text, reply] of steps) {
      const mark = await say(user, undefined, text);
      await waitFor((c) => sentTo(user.id)(c) && reply.test(String(c.params.text)), mark, STEP_TIMEOUT_MS);
    }
  }

  async function workTickets(): Promise<string[]> {
    // The numbers as the applicants were told them.
    const numbers = Array.from({ length: APPLICANTS }, (_, i) => {
      const told = fake.calls
        .filter(sentTo(9001 + i))
        .map((c) => /nomor tiket <b>([0-9A-Z-]+)<\/b>/.exec(String(c.params.text))?.[1])
        .find((n) => n !== undefined);
      if (!told) throw new Error(`applicant ${i} was not told a ticket number`);
      return told;
    });
    for (const number of numbers) {
      for (const command of [
        `/terima ${number}`,
        `/proses ${number}`,
        `/jawab ${number} Sudah kami perbaiki.`,
      ]) {
        const mark = await say(ADMIN, ADMIN_CHAT_ID, command);
        // The admin gets an answer naming the ticket (after a kill it may say the step was already done).
        await waitFor(
          (c) =>
            sentTo(ADMIN_CHAT_ID)(c) &&
            String(c.params.text).includes(number) &&
            !/Tiket baru/.test(String(c.params.text)),
          mark,
          STEP_TIMEOUT_MS,
        );
      }
    }
    return numbers;
  }

  let numbers: string[] = [];
  try {
    await Promise.all(Array.from({ length: APPLICANTS }, (_, i) => fillForm(i)));
    numbers = await workTickets();
    // Every notice reaches its applicant (a positive signal before counting anything).
    for (let i = 0; i < APPLICANTS; i += 1) {
      await waitFor(
        (c) => sentTo(9001 + i)(c) && NOTICE.Jawaban.test(String(c.params.text)),
        0,
        STEP_TIMEOUT_MS,
      );
    }
  } finally {
    // The kills go on to their number even when the applicants are done (then at random moments).
    await killer;
  }
  // After the last restart, the bot is up (this process polls) and has nothing left to send.
  await waitFor((c) => c.method === "getUpdates", currentStart, STEP_TIMEOUT_MS);

  // A graceful stop: exit code 0 once everything is sent.
  bot.kill("SIGTERM");
  expect(await bot.exited, bot.stderr()).toBe(0);

  const db = await openDatabase(database.location, database.keys);
  try {
    const tickets = await db.db.selectFrom("tickets").selectAll().orderBy("seq").execute();
    expect(tickets).toHaveLength(APPLICANTS);
    expect([...numbers].sort()).toEqual(tickets.map((t) => t.number).sort());
    for (let i = 0; i < APPLICANTS; i += 1) {
      const own = tickets.filter((t) => t.chat_id === String(9001 + i));
      expect(own, `applicant ${i}`).toHaveLength(1);
      // The data is the applicant's, not a repeated line stored as the wrong field.
      expect(own[0]!.applicant_name).toBe(`Pelamar Nomor ${"ABCDE"[i]}`);
      expect(own[0]!.status).toBe("Jawaban");
    }
    const unsent = await db.db.selectFrom("outbox").select("seq").where("status", "!=", "sent").execute();
    expect(unsent).toEqual([]);

    // Repeats: sends Telegram accepted beyond the messages the outbox holds for the chat.
    let repeats = 0;
    for (let i = 0; i < APPLICANTS; i += 1) {
      const chatId = 9001 + i;
      const rows = await db.db
        .selectFrom("outbox")
        .select("seq")
        .where("chat_id", "=", String(chatId))
        .execute();
      const sends = fake.calls.filter(sentTo(chatId));
      expect(sends.length).toBeGreaterThanOrEqual(rows.length);
      repeats += sends.length - rows.length;
      // The notices in order (a repeat may double one, never swap two).
      const notices = sends
        .map((c) => String(c.params.text))
        .map((text) => (Object.keys(NOTICE) as Array<keyof typeof NOTICE>).find((k) => NOTICE[k].test(text)))
        .filter((k) => k !== undefined)
        .filter((k, index, all) => index === 0 || all[index - 1] !== k);
      expect(notices, `applicant ${i}`).toEqual(["Diterima", "Proses", "Jawaban"]);
    }
    const cards = fake.calls.filter(
      (c) => sentTo(ADMIN_CHAT_ID)(c) && /Tiket baru/.test(String(c.params.text)),
    );
    for (const ticket of tickets) {
      expect(
        cards.filter((c) => String(c.params.text).includes(ticket.number)).length,
      ).toBeGreaterThanOrEqual(1);
    }
    repeats += cards.length - tickets.length;
    console.info(
      `crash test (seed ${seed}): ${kills} kills ${JSON.stringify(killsByKind)}, ${repeats} repeated messages, ` +
        `${cards.length} cards for ${tickets.length} tickets`,
    );
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(repeats).toBeLessThanOrEqual(kills);
  } finally {
    await db.close();
  }
});
