import { PassThrough } from "node:stream";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  CONSOLE_CHANNEL,
  CONSOLE_CHAT_ID,
  createConsoleAdapter,
} from "../../../bot/console/console.adapter.ts";
import { createConversationEngine } from "../../../bot/engine/conversation-engine.ts";
import { adminMessages } from "../../../bot/helpdesk/admin.messages.ts";
import { runAdminCommand } from "../../../bot/helpdesk/admin-command.runner.ts";
import { createHelpdeskService, type HelpdeskService } from "../../../bot/helpdesk/helpdesk.service.ts";
import { createOutboxDispatcher } from "../../../bot/outbox/outbox-dispatcher.ts";
import { insertTicket, listDueOutbox, listTicketHistory, type OpenedDatabase } from "../../../db/index.ts";
import { generateTicketNumber } from "../../../flows/ticket-number.ts";
import { openTestDatabase, sampleTicket } from "../../db/test-database.ts";
import { sharedFaqRouting } from "../engine/engine-harness.ts";

const ANI = { id: "101", name: "Ani" };

let database: OpenedDatabase;
let service: HelpdeskService;

beforeEach(async () => {
  database = await openTestDatabase();
  service = createHelpdeskService({ db: database.db });
});
afterEach(() => database.close());

const newTicket = () => insertTicket(database.db, sampleTicket({ number: generateTicketNumber() }));
const notifications = async () =>
  (await listDueOutbox(database.db, { channel: "telegram", nowIso: "9999", limit: 50 })).map((m) => m.text);

describe("an answer without words", () => {
  test("/jawab with only zero-width characters or emoji is refused and the ticket stays open", async () => {
    const ticket = await newTicket();
    for (const empty of ["\u200B\u200C\u200B", "\uFEFF \u2060"]) {
      expect(await runAdminCommand(service, ANI, `/jawab ${ticket.number} ${empty}`)).toBe(
        adminMessages.emptyAnswer,
      );
    }
    expect(await runAdminCommand(service, ANI, `/jawab ${ticket.number} 👍🙏`)).toBe(
      adminMessages.answerWithoutWords,
    );
    expect(await notifications()).toEqual([]);
    // The real answer afterwards goes through.
    expect(await runAdminCommand(service, ANI, `/jawab ${ticket.number} Sudah kami perbaiki.`)).toContain(
      "Jawaban",
    );
  });
});

describe("correcting an answer", () => {
  test("/ralat replaces the answer, notifies the applicant and keeps both in the history", async () => {
    const ticket = await newTicket();
    await runAdminCommand(service, ANI, `/jawab ${ticket.number} Silakan login dengan NIK.`);
    const reply = await runAdminCommand(service, ANI, `/ralat ${ticket.number} Silakan login dengan email.`);
    expect(reply).toContain("sudah diralat");

    const detail = await service.view(ticket.number);
    if (!("ticket" in detail)) throw new Error("ticket not found");
    expect(detail.ticket.answerText).toBe("Silakan login dengan email.");
    const notes = (await listTicketHistory(database.db, ticket.number)).map((h) => h.note);
    expect(notes).toContain("Silakan login dengan NIK.");
    expect(notes).toContain("Ralat: Silakan login dengan email.");
    const shown = await runAdminCommand(service, ANI, `/lihat ${ticket.number}`);
    expect(shown).toContain("Silakan login dengan NIK.");
    expect(shown).toContain("Ralat: Silakan login dengan email.");

    const sent = await notifications();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toContain("Ralat jawaban");
    expect(sent[1]).toContain("Silakan login dengan email.");
  });

  test("the English alias works; a ticket without an answer cannot be corrected", async () => {
    const ticket = await newTicket();
    expect(await runAdminCommand(service, ANI, `/correct ${ticket.number} Teks`)).toBe(
      adminMessages.notAnsweredYet({ ...ticket }),
    );
    expect(await runAdminCommand(service, ANI, "/ralat")).toBe(adminMessages.usage.correct);
    await service.answer(ticket.number, ANI, "Jawaban pertama");
    expect(await runAdminCommand(service, ANI, `/correct ${ticket.number} \u200B`)).toBe(
      adminMessages.emptyAnswer,
    );
    expect(await runAdminCommand(service, ANI, `/correct ${ticket.number} Jawaban kedua`)).toContain(
      "sudah diralat",
    );
  });
});

describe("admin command words", () => {
  test("a word naming an Object property is an unknown command, not a crash", async () => {
    for (const word of ["/constructor", "/toString x", "/__proto__"]) {
      expect(await runAdminCommand(service, ANI, word)).toBe(adminMessages.usage.unknown);
    }
  });

  test("a page number past the end (even a huge one) shows the last page instead of failing in SQLite", async () => {
    const ticket = await newTicket();
    const reply = await runAdminCommand(service, ANI, "/tiket 99999999999999999999");
    expect(reply).toContain("halaman 1/1");
    expect(reply).toContain(ticket.number);
  });
});

describe("the console's /admin form", () => {
  test("/admin ralat corrects an answer and the local applicant gets the correction notice", async () => {
    const ticket = await insertTicket(
      database.db,
      sampleTicket({ number: generateTicketNumber(), channel: CONSOLE_CHANNEL, chatId: CONSOLE_CHAT_ID }),
    );
    const engine = createConversationEngine({
      db: database.db,
      routing: sharedFaqRouting(),
      logger: pino({ level: "silent" }),
    });
    const delivered: string[] = [];
    const outbox = createOutboxDispatcher({
      db: database.db,
      channel: CONSOLE_CHANNEL,
      logger: pino({ level: "silent" }),
      send: async (message) => {
        delivered.push(message.text);
      },
    });
    const input = new PassThrough();
    const output = new PassThrough();
    let transcript = "";
    output.on("data", (chunk) => {
      transcript += chunk;
    });
    const chat = createConsoleAdapter({ engine, helpdesk: service, outbox, input, output, echo: false });
    const done = chat.run();
    input.end(
      [
        `/admin jawab ${ticket.number} Silakan login dengan NIK.`,
        `/admin ralat ${ticket.number} Silakan login dengan email.`,
        "",
      ].join("\n"),
    );
    await done;
    await outbox.stop({ flushMs: 0 });
    expect(transcript).toContain("sudah diralat");
    expect(delivered.at(-1)).toContain("Ralat jawaban");
    expect(delivered.at(-1)).toContain("Silakan login dengan email.");
  });
});
