import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ADMIN_COMMAND_NAMES } from "../../../bot/helpdesk/admin-command.parser.ts";
import { runAdminCommand } from "../../../bot/helpdesk/admin-command.runner.ts";
import { createHelpdeskService, type HelpdeskService } from "../../../bot/helpdesk/helpdesk.service.ts";
import { insertTicket, type OpenedDatabase } from "../../../db/index.ts";
import { generateTicketNumber } from "../../../flows/ticket-number.ts";
import { openTestDatabase, sampleTicket } from "../../db/test-database.ts";

const ADMIN = { id: "1", name: "Ani" };
let database: OpenedDatabase;
let service: HelpdeskService;
let number: string;

beforeAll(async () => {
  database = await openTestDatabase();
  service = createHelpdeskService({ db: database.db });
  number = (await insertTicket(database.db, sampleTicket({ number: generateTicketNumber() }))).number;
});
afterAll(() => database.close());

const word = fc.oneof(
  fc.constantFrom(...Object.keys(ADMIN_COMMAND_NAMES), "constructor", "__proto__", "toString", "valueOf"),
  fc.string({ maxLength: 12 }),
);
const argument = fc.oneof(
  fc.constant(() => number),
  fc.constantFrom("", "\u200B", "👍", "Pertanyaan", "Jawaban", "2", "-1", "99999999999999999999", "<b>x</b>"),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);

describe("admin command lines", () => {
  test("any line gets a non-empty reply and never throws", async () => {
    await fc.assert(
      fc.asyncProperty(word, fc.array(argument, { maxLength: 4 }), async (name, args) => {
        const line = `/${name} ${args.map((a) => (typeof a === "function" ? a() : a)).join(" ")}`;
        const reply = await runAdminCommand(service, ADMIN, line);
        expect(reply.trim()).not.toBe("");
        expect(reply).not.toMatch(/undefined|\[object Object\]|NaN/);
      }),
      { numRuns: 300 },
    );
  });
});
