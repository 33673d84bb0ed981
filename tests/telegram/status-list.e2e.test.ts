import { afterEach, expect, test } from "vitest";
import { changeTicketStatus, insertTicket } from "../../db/index.ts";
import { generateTicketNumber } from "../../flows/ticket-number.ts";
import { buttonsOf, chatDriver, messageIdOf } from "./chat-driver.ts";
import { type Harness, startHarness } from "./telegram-harness.ts";
import { callbackQuery, textMessage } from "./telegram-updates.ts";

const SITI = { id: 501, first_name: "Siti" };
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

test('"status" lists open tickets first and reaches the older ones with Tiket lainnya', async () => {
  harness = await startHarness();
  const { app, fake } = harness;
  const numbers: string[] = [];
  for (let day = 1; day <= 7; day++) {
    const number = generateTicketNumber();
    numbers.push(number);
    await insertTicket(app.db, {
      number,
      category: "pengaduan_instansi",
      channel: "telegram",
      chatId: String(SITI.id),
      userId: String(SITI.id),
      applicantName: "Siti",
      nik: "",
      kk: "",
      answers: {},
      createdAt: `2026-11-0${day}T08:00:00.000Z`,
    });
  }
  // The two newest are answered: they come after every open one.
  for (const number of numbers.slice(5)) {
    await changeTicketStatus(app.db, {
      number,
      allowedFrom: ["Pertanyaan"],
      to: "Jawaban",
      actor: { kind: "admin", id: "1" },
      answerText: "Sudah.",
    });
  }
  const chat = chatDriver(fake);
  const first = await chat.expectReply(textMessage({ user: SITI }, "status"), SITI.id, /halaman 1 dari 2/);
  const labels = buttonsOf(first).map((b) => b.text);
  expect(labels).toEqual([
    ...numbers
      .slice(0, 5)
      .reverse()
      .map((n) => `${n} (Pertanyaan)`),
    "Tiket lainnya",
  ]);
  const second = await chat.expectReply(
    callbackQuery({ user: SITI }, buttonsOf(first).at(-1)!.callback_data, { message_id: messageIdOf(first) }),
    SITI.id,
    /halaman 2 dari 2/,
  );
  expect(buttonsOf(second).map((b) => b.text)).toEqual(
    numbers
      .slice(5)
      .reverse()
      .map((n) => `${n} (Jawaban)`),
  );
});
