import { afterEach, describe, expect, test } from "vitest";
import type { Db, OutboxMessage } from "../../db/index.ts";
import { OUTBOX_PRIORITY, toOutboxMessage } from "../../db/index.ts";
import { isTelegramChatBlocked } from "../../db/telegram-blocked-chat.repository.ts";
import { chatDriver, isMessageTo, succeeded } from "./chat-driver.ts";
import { ADMIN_CHAT_ID, type Harness, startHarness } from "./telegram-harness.ts";
import { blockedByUser, textMessage } from "./telegram-updates.ts";
import { openDeliveredTicketFor } from "./ticket-fixture.ts";

const APPLICANT = { id: 501, first_name: "Siti" };
const ANI = { id: 601, first_name: "Ani" };
const ADMIN = { id: String(ANI.id), name: "Ani" };

const harnesses: Harness[] = [];

afterEach(async () => {
  for (const h of harnesses.splice(0).reverse()) await h.dispose();
});

/** The notifications queued for applicants (the form's replies share the outbox). */
async function applicantOutbox(db: Db): Promise<OutboxMessage[]> {
  const rows = await db
    .selectFrom("outbox")
    .selectAll()
    .where("channel", "=", "telegram")
    .where("priority", "=", OUTBOX_PRIORITY.notification)
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
  test("a 429 holds the chat for retry_after seconds, then its notices arrive in order, once", async () => {
    const h = await startHarness();
    harnesses.push(h);
    const number = await openDeliveredTicketFor(h.app, APPLICANT.id);
    const sentBefore = h.fake.callsOf("sendMessage").length;
    h.fake.failNext(
      "sendMessage",
      { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } },
      { when: (params) => String(params.chat_id) === String(APPLICANT.id) },
    );
    await h.app.helpdesk.accept(number, ADMIN);
    // The refused notice is scheduled retry_after after the refusal, in the database.
    await until(async () => (await applicantOutbox(h.app.db))[0]?.lastError !== null);
    const refused = h.fake.calls.slice(sentBefore).find((c) => c.method === "sendMessage")!;
    const held = (await applicantOutbox(h.app.db))[0]!;
    expect(held).toMatchObject({ status: "pending", attempts: 1 });
    expect(held.lastError).toMatch(/429/);
    expect(Date.parse(held.nextAttemptAt)).toBeGreaterThanOrEqual(refused.at + 1_000);
    // A later notice of the same chat waits behind it instead of overtaking it.
    await h.app.helpdesk.process(number, ADMIN);

    await h.fake.waitForCall(succeeded(isMessageTo(APPLICANT.id, /sedang <b>diproses<\/b>/)), {
      timeoutMs: 8_000,
    });
    const notices = h.fake
      .callsOf("sendMessage")
      .slice(sentBefore)
      .filter((c) => String(c.params.chat_id) === String(APPLICANT.id))
      .map((c) => String(c.params.text));
    expect(notices).toHaveLength(3);
    expect(notices[0]).toMatch(/diterima/);
    expect(notices[1]).toMatch(/diterima/);
    expect(notices[2]).not.toMatch(/diterima/);
    await until(async () => (await applicantOutbox(h.app.db)).every((m) => m.status === "sent"));
    expect((await applicantOutbox(h.app.db)).map((m) => m.attempts)).toEqual([2, 1]);
  });

  test("a user who blocked the bot is recorded, not retried, and reachable again after writing", async () => {
    const h = await startHarness();
    harnesses.push(h);
    const number = await openDeliveredTicketFor(h.app, APPLICANT.id);
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

  test("a notice still unsent at a restart is delivered after it, from the database", async () => {
    const first = await startHarness();
    harnesses.push(first);
    first.fake.setMember(ADMIN_CHAT_ID, ANI.id, "administrator");
    const number = await openDeliveredTicketFor(first.app, APPLICANT.id);
    const formReplies = first.fake.textsTo(APPLICANT.id).length;
    // Telegram fails the notice (a 502: tried again later); the bot is stopped meanwhile.
    first.fake.failNext(
      "sendMessage",
      { error_code: 502, description: "Bad Gateway" },
      { when: (params) => String(params.chat_id) === String(APPLICANT.id) },
    );
    await chatDriver(first.fake).expectReply(
      textMessage({ user: ANI, chatId: ADMIN_CHAT_ID }, `/terima ${number}`),
      ADMIN_CHAT_ID,
      /sekarang berstatus <b>Diterima<\/b>/,
    );
    await until(async () => (await applicantOutbox(first.app.db))[0]?.lastError !== null);
    expect((await applicantOutbox(first.app.db)).map((m) => m.status)).toEqual(["pending"]);
    await first.shutdown();

    // Second run on the same database file: the dispatcher finds the row and delivers it.
    const second = await startHarness({ reuse: { fake: first.fake, databasePath: first.databasePath } });
    harnesses.push(second);
    await second.fake.waitForCall(
      isMessageTo(APPLICANT.id, new RegExp(`${number}</b> sudah <b>diterima</b>`)),
    );
    await until(async () => (await applicantOutbox(second.app.db))[0]?.status === "sent");
    // The refused try in the first run, and the one delivery after the restart.
    const tries = second.fake
      .callsOf("sendMessage")
      .filter((c) => String(c.params.chat_id) === String(APPLICANT.id))
      .slice(formReplies);
    expect(tries).toHaveLength(2);
    expect(tries.filter(succeeded(() => true))).toHaveLength(1);
  });
});
