import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { MORE_TICKETS } from "../../../bot/engine/conversation-turn.ts";
import { changeTicketStatus, insertTicket } from "../../../db/index.ts";
import { generateTicketNumber } from "../../../flows/ticket-number.ts";
import {
  CHANNEL,
  choice,
  choicesOf,
  type EngineHarness,
  openEngine,
  VALID_KK,
  VALID_NIK,
} from "./engine-harness.ts";

let engine: EngineHarness;
beforeEach(async () => {
  engine = await openEngine();
});
afterEach(() => engine.close());

/** Seven tickets of chat-1 created a day apart: the first three answered, the newest four open. */
async function sevenTickets(): Promise<{ open: string[]; answered: string[] }> {
  const numbers: string[] = [];
  for (let day = 1; day <= 7; day++) {
    const number = generateTicketNumber();
    numbers.push(number);
    await insertTicket(engine.db, {
      number,
      category: "cek_dapodik",
      channel: CHANNEL,
      chatId: "chat-1",
      userId: "user-chat-1",
      applicantName: "Siti",
      nik: VALID_NIK,
      kk: VALID_KK,
      answers: {},
      createdAt: `2026-11-0${day}T08:00:00.000Z`,
    });
  }
  for (const number of numbers.slice(0, 3)) {
    const changed = await changeTicketStatus(engine.db, {
      number,
      allowedFrom: ["Pertanyaan"],
      to: "Jawaban",
      actor: { kind: "admin", id: "a1", name: "Ani" },
      answerText: "Sudah beres.",
    });
    expect(changed.ok).toBe(true);
  }
  // Newest first within each group.
  return { open: numbers.slice(3).reverse(), answered: numbers.slice(0, 3).reverse() };
}

describe('"status" reaches every ticket of the chat', () => {
  test("lists open tickets first, five at a time, with Tiket lainnya until the last page", async () => {
    const { open, answered } = await sevenTickets();
    const first = await engine.send({ kind: "text", text: "status" });
    expect(choicesOf(first)).toEqual([...open, answered[0], MORE_TICKETS]);
    expect(first.at(-1)!.text).toContain("halaman 1 dari 2");

    const second = await engine.send(choice(MORE_TICKETS));
    expect(choicesOf(second)).toEqual(answered.slice(1));
    expect(second.at(-1)!.text).toContain("halaman 2 dari 2");

    // A ticket from the second page answers with its status (and the answer: it is this chat's ticket).
    const picked = await engine.send(choice(answered[2]!));
    const text = picked.map((r) => r.text).join("\n");
    expect(text).toContain(answered[2]);
    expect(text).toContain("Sudah beres.");
  });

  test('typed "lainnya" turns the page too', async () => {
    const { answered } = await sevenTickets();
    await engine.say("cek status");
    const second = await engine.send({ kind: "text", text: "lainnya" });
    expect(choicesOf(second)).toEqual(answered.slice(1));
  });

  test("inside a form, status lists every ticket (open first) and keeps the form", async () => {
    const { open, answered } = await sevenTickets();
    await engine.send(choice("kategori:pengaduan_instansi"));
    await engine.say("Siti Rahmawati");
    const reply = await engine.say("status");
    const order = [...open, ...answered].map((number) => reply.indexOf(number));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(reply).toContain("Tulis *NIK* Anda");
  });
});

describe("the step counter through the engine", () => {
  test("reset password never shows 6 of 6 before more steps, and never counts back", async () => {
    await engine.send(choice("kategori:reset_password"));
    const seen: string[] = [];
    for (const answer of [
      "Siti Rahmawati",
      VALID_NIK,
      VALID_KK,
      "Kabupaten Bogor",
      "17 Agustus 1995",
      "tidak",
      "tidak",
    ]) {
      seen.push(
        /Langkah (\d+) dari (\d+)/
          .exec(await engine.say(answer))
          ?.slice(1)
          .join("/") ?? "-",
      );
    }
    expect(seen).toEqual(["2/8", "3/8", "4/8", "5/8", "6/8", "7/9", "8/9"]);
  });
});
