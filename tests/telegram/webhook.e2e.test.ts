import { afterEach, describe, expect, test } from "vitest";
import { freePort } from "../support/bot-process.ts";
import { jpegBytes } from "../support/file-bytes.ts";
import { isMessageTo, succeeded } from "./chat-driver.ts";
import { type Harness, startHarness } from "./telegram-harness.ts";
import { photoMessage, textMessage } from "./telegram-updates.ts";

const SITI = { id: 501, first_name: "Siti" };
const SECRET = "webhook-secret_123";
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

function post(port: number, update: Record<string, unknown>, secret: string | undefined) {
  return fetch(`http://127.0.0.1:${port}/telegram`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret === undefined ? {} : { "x-telegram-bot-api-secret-token": secret }),
    },
    body: JSON.stringify(update),
  });
}

describe("webhook mode", () => {
  test("registers the webhook with its secret, refuses requests without it, and answers once the message is recorded", async () => {
    const port = await freePort();
    harness = await startHarness({
      env: {
        TELEGRAM_WEBHOOK_URL: "https://helpdesk.example.go.id/telegram",
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        TELEGRAM_WEBHOOK_PORT: String(port),
      },
      tuning: { webhookHost: "127.0.0.1" },
    });
    const { fake } = harness;
    const registered = await fake.waitForCall((c) => c.method === "setWebhook");
    expect(registered.params).toMatchObject({
      url: "https://helpdesk.example.go.id/telegram",
      secret_token: SECRET,
      allowed_updates: ["message", "edited_message", "callback_query", "my_chat_member", "chat_member"],
    });
    expect(fake.callsOf("getUpdates")).toEqual([]);

    const forged = await post(port, { update_id: 1, ...textMessage({ user: SITI }, "/start") }, "wrong");
    expect(forged.status).toBe(401);
    const unsigned = await post(port, { update_id: 2, ...textMessage({ user: SITI }, "/start") }, undefined);
    expect(unsigned.status).toBe(401);
    expect(fake.textsTo(SITI.id)).toEqual([]);

    // Telegram is slow to accept the replies: the webhook does not wait for that (sending is the outbox's
    // step), but it answers only once the message and its replies are recorded, so a crash loses nothing.
    fake.slowNext("sendMessage", 600);
    const accepted = await post(port, { update_id: 3, ...textMessage({ user: SITI }, "/start") }, SECRET);
    expect(accepted.status).toBe(200);
    const recorded = await harness.app.db
      .selectFrom("outbox")
      .select(["text", "source_message_id"])
      .where("chat_id", "=", String(SITI.id))
      .orderBy("chat_seq")
      .execute();
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded[0]!.text).toMatch(/selamat datang/i);
    await fake.waitForCall(succeeded(isMessageTo(SITI.id, /pilih jenis masalah/)));
    expect(fake.textsTo(SITI.id)[0]).toMatch(/selamat datang/);
  });

  test("an update not handled in time is answered 500, and Telegram's redelivery is answered once", async () => {
    const port = await freePort();
    harness = await startHarness({
      env: {
        TELEGRAM_WEBHOOK_URL: "https://helpdesk.example.go.id/telegram",
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        TELEGRAM_WEBHOOK_PORT: String(port),
      },
      tuning: { webhookHost: "127.0.0.1", webhookAnswerWithinMs: 200 },
    });
    const { fake } = harness;
    await fake.waitForCall((c) => c.method === "setWebhook");
    // Telegram's file server is slow: the download outlasts the time the webhook may take.
    const fileId = fake.addFile(jpegBytes(20_000));
    fake.slowNext("getFile", 1_000);
    const update = { update_id: 10, ...photoMessage({ user: SITI }, [{ fileId, width: 800, height: 600 }]) };
    const first = await post(port, update, SECRET);
    expect(first.status).toBe(500);

    // The work goes on and its reply is recorded; Telegram then delivers the update again.
    const outboxOf = () =>
      harness!.app.db.selectFrom("outbox").select("seq").where("chat_id", "=", String(SITI.id)).execute();
    await expect
      .poll(async () => (await outboxOf()).length, { message: "the slow update was never handled" })
      .toBeGreaterThan(0);
    const recorded = (await outboxOf()).length;
    const again = await post(port, update, SECRET);
    expect(again.status).toBe(200);
    // Recognised: no second set of replies.
    expect((await outboxOf()).length).toBe(recorded);
  });
});
