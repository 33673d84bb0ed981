import { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type App, createApp } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { createLogger } from "../../bot/logging/logger.ts";
import { postTicketCard } from "../../bot/telegram/ticket-card.ts";
import { findTelegramTicketMessage } from "../../db/telegram-ticket-message.repository.ts";
import { newTestDatabase } from "../support/test-database.ts";
import { type FakeBotApi, startFakeBotApi } from "./fake-bot-api.ts";
import { openTicketFor } from "./ticket-fixture.ts";

const GROUP = "-100777";
let fake: FakeBotApi;
let app: App;
let api: Api;

beforeEach(async () => {
  fake = await startFakeBotApi();
  api = new Api("1:T", { apiRoot: fake.apiRoot });
  app = await createApp(loadConfig((await newTestDatabase()).env), createLogger("silent"));
});
afterEach(async () => {
  await app.close();
  await fake.close();
});

describe("posting a ticket card to the admin group", () => {
  test("an attempt that failed half-way is completed by the retry, without a second card or file", async () => {
    const number = await openTicketFor(app, 501);
    fake.failNext(
      "sendDocument",
      { error_code: 502, description: "Bad Gateway" },
      { when: (p) => String(p.caption).endsWith("Scan ijazah") },
    );
    await expect(postTicketCard(api, app.db, GROUP, number)).rejects.toThrow(/Bad Gateway/);
    expect(fake.callsOf("sendMessage")).toHaveLength(1);

    await expect(postTicketCard(api, app.db, GROUP, number)).resolves.toBe(true);
    expect(fake.callsOf("sendMessage")).toHaveLength(1);
    const delivered = fake
      .callsOf("sendDocument")
      .filter((c) => (c.result as { message_id?: number }).message_id);
    expect(delivered.map((c) => c.params.caption)).toEqual([`${number}: Scan KTP`, `${number}: Scan ijazah`]);

    // The card and its files are known as the ticket's, so a reply to any of them answers it.
    const card = fake.callsOf("sendMessage")[0]!.result as { message_id: number };
    expect(await findTelegramTicketMessage(app.db, GROUP, card.message_id)).toMatchObject({
      ticketNumber: number,
      kind: "card",
    });
    const file = delivered[1]!.result as { message_id: number };
    expect(await findTelegramTicketMessage(app.db, GROUP, file.message_id)).toMatchObject({
      ticketNumber: number,
      kind: "file",
    });
  });

  test("a card for a ticket that does not exist is skipped", async () => {
    await expect(postTicketCard(api, app.db, GROUP, "K7QM-2HXD-9RWA")).resolves.toBe(false);
    expect(fake.calls).toEqual([]);
  });
});
