import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type Db, insertTicket, type OpenedDatabase } from "../../db/index.ts";
import {
  findPostedTicket,
  findTelegramTicketMessage,
  recordTelegramTicketMessage,
} from "../../db/telegram-ticket-message.repository.ts";
import { openTestDatabase, sampleTicket } from "./test-database.ts";

let opened: OpenedDatabase;
let db: Db;
let number: string;

beforeEach(async () => {
  opened = await openTestDatabase();
  db = opened.db;
  number = (await insertTicket(db, sampleTicket())).number;
});
afterEach(() => opened.close());

describe("telegram ticket messages", () => {
  test("a recorded message is found by chat and message id, and only in its chat", async () => {
    await recordTelegramTicketMessage(db, {
      chatId: "-100",
      messageId: 10,
      ticketNumber: number,
      kind: "card",
    });
    expect(await findTelegramTicketMessage(db, "-100", 10)).toEqual({
      chatId: "-100",
      messageId: 10,
      ticketNumber: number,
      kind: "card",
      attachmentId: null,
    });
    expect(await findTelegramTicketMessage(db, "-200", 10)).toBeUndefined();
    expect(await findTelegramTicketMessage(db, "-100", 11)).toBeUndefined();
  });

  test("recording the same message twice keeps the first", async () => {
    await recordTelegramTicketMessage(db, {
      chatId: "-100",
      messageId: 10,
      ticketNumber: number,
      kind: "card",
    });
    await recordTelegramTicketMessage(db, {
      chatId: "-100",
      messageId: 10,
      ticketNumber: number,
      kind: "answer_prompt",
    });
    expect((await findTelegramTicketMessage(db, "-100", 10))?.kind).toBe("card");
  });

  test("what of a ticket is already posted: the first card and the files sent", async () => {
    expect(await findPostedTicket(db, "-100", number)).toEqual({
      cardMessageId: undefined,
      sentAttachmentIds: new Set(),
    });
    await recordTelegramTicketMessage(db, {
      chatId: "-100",
      messageId: 20,
      ticketNumber: number,
      kind: "card",
    });
    await recordTelegramTicketMessage(db, {
      chatId: "-100",
      messageId: 21,
      ticketNumber: number,
      kind: "card",
    });
    await recordTelegramTicketMessage(db, {
      chatId: "-100",
      messageId: 22,
      ticketNumber: number,
      kind: "file",
      attachmentId: "att-1",
    });
    await recordTelegramTicketMessage(db, {
      chatId: "-100",
      messageId: 23,
      ticketNumber: number,
      kind: "answer_prompt",
    });
    await recordTelegramTicketMessage(db, {
      chatId: "-999",
      messageId: 5,
      ticketNumber: number,
      kind: "card",
    });
    expect(await findPostedTicket(db, "-100", number)).toEqual({
      cardMessageId: 20,
      sentAttachmentIds: new Set(["att-1"]),
    });
  });

  test("a message can only stand for an existing ticket, and only as a known kind", async () => {
    await expect(
      recordTelegramTicketMessage(db, { chatId: "-100", messageId: 30, ticketNumber: "NOPE", kind: "card" }),
    ).rejects.toThrow(/foreign key constraint/i);
    await expect(
      recordTelegramTicketMessage(db, {
        chatId: "-100",
        messageId: 31,
        ticketNumber: number,
        kind: "sticker" as "card",
      }),
    ).rejects.toThrow(/check constraint/i);
  });
});
