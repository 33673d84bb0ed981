import { afterEach, describe, expect, test } from "vitest";
import type { Db, OutboxMessage } from "../../db/index.ts";
import { toOutboxMessage } from "../../db/index.ts";
import { isTelegramChatBlocked } from "../../db/telegram-blocked-chat.repository.ts";
import { chatDriver, isMessageTo, succeeded } from "./chat-driver.ts";
import { ADMIN_CHAT_ID, type Harness, startHarness } from "./telegram-harness.ts";
import { blockedByUser, textMessage } from "./telegram-updates.ts";
import { openTicketFor } from "./ticket-fixture.ts";

const APPLICANT = { id: 501, first_name: "Siti" };
const ANI = { id: 601, first_name: "Ani" };
const ADMIN = { id: String(ANI.id), name: "Ani" };

const harnesses: Harness[] = [];

afterEach(async () => {
  for (const h of harnesses.splice(0).reverse()) await h.dispose();
});

async function applicantOutbox(db: Db): Promise<OutboxMessage[]> {
  const rows = await db
    .selectFrom("outbox")
    .selectAll()
    .where("channel", "=", "telegram")
    .orderBy("seq")
    .execute();
  return rows.map(toOutboxMessage);
}

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("notifications to applicants", () => {
  test("a 429 is waited out for retry_after seconds, then the notice is delivered", async () => {
    const h = await startHarness();
    harnesses.push(h);
    const number = await openTicketFor(h.app, APPLICANT.id);
    h.fake.failNext(
      "sendMessage",
      { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } },
      { when: (params) => String(params.chat_id) === String(APPLICANT.id) },
    );
    await h.app.helpdesk.accept(number, ADMIN);

    await h.fake.waitForCall(succeeded(isMessageTo(APPLICANT.id, /sudah <b>diterima<\/b>/)), {
      timeoutMs: 8_000,
    });
    const attempts = h.fake
      .callsOf("sendMessage")
      .filter((c) => String(c.params.chat_id) === String(APPLICANT.id));
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1_000);
    // The wait happened inside the call (auto-retry), so the outbox saw one successful attempt.
    await until(async () => (await applicantOutbox(h.app.db))[0]?.status === "sent");
    expect((await applicantOutbox(h.app.db))[0]).toMatchObject({
      status: "sent",
      attempts: 1,
      lastError: null,
    });
  });

  test("a user who blocked the bot is recorded, not retried, and reachable again after writing", async () => {
    const h = await startHarness();
    harnesses.push(h);
    const number = await openTicketFor(h.app, APPLICANT.id);
    h.fake.block(APPLICANT.id);
    await h.app.helpdesk.accept(number, ADMIN);
    await until(async () => (await applicantOutbox(h.app.db))[0]?.status === "blocked");
    expect(await isTelegramChatBlocked(h.app.db, String(APPLICANT.id))).toBe(true);

    // Later notices are given up at once, without another call to Telegram.
    const callsBefore = h.fake.callsOf("sendMessage").length;
    await h.app.helpdesk.process(number, ADMIN);
    await until(async () => (await applicantOutbox(h.app.db))[1]?.status === "blocked");
    expect(h.fake.callsOf("sendMessage")).toHaveLength(callsBefore);
    expect((await applicantOutbox(h.app.db)).map((m) => m.attempts)).toEqual([1, 1]);

    // Unblocking (Telegram reports it) and writing again make the chat reachable.
    h.fake.unblock(APPLICANT.id);
    h.fake.pushUpdate(blockedByUser(APPLICANT, "kicked"));
    h.fake.pushUpdate(blockedByUser(APPLICANT, "member"));
    await chatDriver(h.fake).expectReply(
      textMessage({ user: APPLICANT }, `status ${number}`),
      APPLICANT.id,
      new RegExp(number),
    );
    expect(await isTelegramChatBlocked(h.app.db, String(APPLICANT.id))).toBe(false);
    await h.app.helpdesk.answer(number, ADMIN, "Sudah selesai.");
    await h.fake.waitForCall(isMessageTo(APPLICANT.id, /Sudah selesai\./));
  });

  test("a notice queued just before a restart is delivered after it, from the database", async () => {
    // First run: the outbox is polled only once an hour, so nothing queued now is sent in this run.
    const first = await startHarness({ tuning: { outboxPollIntervalMs: 3_600_000 } });
    harnesses.push(first);
    first.fake.setMember(ADMIN_CHAT_ID, ANI.id, "administrator");
    const number = await openTicketFor(first.app, APPLICANT.id);
    await chatDriver(first.fake).expectReply(
      textMessage({ user: ANI, chatId: ADMIN_CHAT_ID }, `/terima ${number}`),
      ADMIN_CHAT_ID,
      /sekarang berstatus <b>Diterima<\/b>/,
    );
    expect((await applicantOutbox(first.app.db)).map((m) => m.status)).toEqual(["pending"]);
    expect(first.fake.textsTo(APPLICANT.id)).toEqual([]);
    await first.shutdown();

    // Second run on the same database file: the dispatcher finds the row and delivers it.
    const second = await startHarness({ reuse: { fake: first.fake, databasePath: first.databasePath } });
    harnesses.push(second);
    await second.fake.waitForCall(
      isMessageTo(APPLICANT.id, new RegExp(`${number}</b> sudah <b>diterima</b>`)),
    );
    await until(async () => (await applicantOutbox(second.app.db))[0]?.status === "sent");
    expect(second.fake.textsTo(APPLICANT.id)).toHaveLength(1);
  });
});
