import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { engineMessages } from "../../../bot/engine/engine.messages.ts";
import { createHelpdeskService } from "../../../bot/helpdesk/helpdesk.service.ts";
import { conversationKey, findTicket, listDueOutbox } from "../../../db/index.ts";
import {
  ADMIN_INBOX,
  CHANNEL,
  choice,
  type EngineHarness,
  file,
  jpegBytes,
  openEngine,
  pdfBytes,
  VALID_KK,
  VALID_NIK,
} from "./engine-harness.ts";

let engine: EngineHarness;
beforeEach(async () => {
  engine = await openEngine();
});
afterEach(() => engine.close());

async function fillDapodikForm(chatId = "chat-1"): Promise<string> {
  await engine.send(choice("kategori:cek_dapodik"), { chatId });
  for (const answer of ["Siti Rahmawati", VALID_NIK, VALID_KK, "Kabupaten Bogor", "17 Agustus 1995"]) {
    await engine.say(answer, chatId);
  }
  await engine.send(file(jpegBytes(), "ktp.jpg"), { chatId });
  expect(
    await engine.send(file(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), "x.png"), { chatId }),
  ).not.toHaveLength(0);
  const summary = await engine.send(file(pdfBytes(), "ijazah.pdf"), { chatId });
  expect(summary.map((r) => r.text).join("\n")).toContain("Mohon periksa kembali data Anda");
  const done = await engine.say("kirim", chatId);
  const number = /nomor tiket \*([0-9A-Z-]{14})\*/.exec(done)?.[1];
  expect(number, done).toBeDefined();
  return number!;
}

describe("a full form through the engine", () => {
  test("ends in a ticket with both files attached and announces it to the admin inbox", async () => {
    const number = await fillDapodikForm();
    const ticket = await findTicket(engine.db, number);
    expect(ticket).toMatchObject({
      category: "cek_dapodik",
      nik: VALID_NIK,
      kk: VALID_KK,
      status: "Pertanyaan",
    });
    const files = await engine.db
      .selectFrom("attachments")
      .select(["field", "mime", "ticket_number", "conversation_key"])
      .execute();
    expect(files.map((f) => [f.field, f.mime, f.ticket_number, f.conversation_key]).sort()).toEqual([
      ["scan_ijazah", "application/pdf", number, null],
      ["scan_ktp", "image/jpeg", number, null],
    ]);
    const inbox = await listDueOutbox(engine.db, { channel: ADMIN_INBOX.channel, nowIso: "9999", limit: 10 });
    expect(inbox.map((m) => m.payload)).toEqual([{ kind: "new_ticket", ticketNumber: number }]);
    expect(await engine.db.selectFrom("conversations").selectAll().execute()).toHaveLength(0);
  });

  test("status: the own chat sees the answer; another chat only with the ticket's NIK", async () => {
    const number = await fillDapodikForm();
    const helpdesk = createHelpdeskService({ db: engine.db });
    expect(
      (await helpdesk.answer(number, { id: "1", name: "Ani" }, "Data Dapodik Anda sudah valid.")).ok,
    ).toBe(true);

    const own = await engine.say(`status ${number}`);
    expect(own).toContain("Status: *Jawaban*");
    expect(own).toContain("Data Dapodik Anda sudah valid.");

    const elsewhere = await engine.say(`status ${number.toLowerCase()}`, "chat-2");
    expect(elsewhere).toContain("Status: *Jawaban*");
    expect(elsewhere).not.toContain("Data Dapodik Anda sudah valid.");
    expect(elsewhere).toContain(engineMessages.answerHiddenElsewhere);

    const withNik = await engine.say(
      `status ${number} ${VALID_NIK.slice(0, 8)} ${VALID_NIK.slice(8)}`,
      "chat-2",
    );
    expect(withNik).toContain("Data Dapodik Anda sudah valid.");
    expect(withNik).not.toContain(VALID_NIK);

    const wrongNik = await engine.say(`status ${number} 3201011708950001`, "chat-3");
    expect(wrongNik).not.toContain("Data Dapodik Anda sudah valid.");
  });

  test("cancelling deletes the files already sent for the unfinished form", async () => {
    await engine.send(choice("kategori:cek_dapodik"));
    for (const answer of ["Siti Rahmawati", VALID_NIK, VALID_KK, "Kabupaten Bogor", "17 Agustus 1995"]) {
      await engine.say(answer);
    }
    await engine.send(file(jpegBytes(), "ktp.jpg"));
    const pending = () =>
      engine.db
        .selectFrom("attachments")
        .select("id")
        .where("conversation_key", "=", conversationKey(CHANNEL, "chat-1"))
        .execute();
    expect(await pending()).toHaveLength(1);
    expect(await engine.say("batal")).toContain(engineMessages.cancelled);
    expect(await pending()).toHaveLength(0);
    expect(await engine.db.selectFrom("attachments").selectAll().execute()).toHaveLength(0);
  });
});
