import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { runAdminCommand } from "../../../bot/helpdesk/admin-command.runner.ts";
import { createHelpdeskService, type HelpdeskService } from "../../../bot/helpdesk/helpdesk.service.ts";
import {
  type Db,
  insertTicket,
  listDueOutbox,
  listTicketHistory,
  type OpenedDatabase,
} from "../../../db/index.ts";
import { generateTicketNumber } from "../../../flows/ticket-number.ts";
import { openTestDatabase, sampleTicket } from "../../db/test-database.ts";

const ANI = { id: "101", name: "Ani" };
const BUDI = { id: "202", name: "Budi" };

let database: OpenedDatabase;
let db: Db;
let service: HelpdeskService;

beforeEach(async () => {
  database = await openTestDatabase();
  db = database.db;
  service = createHelpdeskService({ db, now: () => new Date("2026-11-29T12:00:00Z") });
});
afterEach(() => database.close());

async function newTicket(overrides: Parameters<typeof sampleTicket>[0] = {}) {
  return insertTicket(db, sampleTicket({ number: generateTicketNumber(), ...overrides }));
}

describe("helpdesk service", () => {
  test("moves a ticket forward, records the admin and queues one notification per change", async () => {
    const ticket = await newTicket();
    expect((await service.accept(ticket.number, ANI)).ok).toBe(true);
    expect((await service.process(ticket.number, ANI)).ok).toBe(true);
    const answered = await service.answer(ticket.number, ANI, "  Password Anda sudah kami reset.  ");
    expect(answered).toMatchObject({
      ok: true,
      ticket: { status: "Jawaban", answerText: "Password Anda sudah kami reset." },
    });

    const history = await listTicketHistory(db, ticket.number);
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.actor.name])).toEqual([
      [null, "Pertanyaan", ticket.applicantName],
      ["Pertanyaan", "Diterima", "Ani"],
      ["Diterima", "Proses", "Ani"],
      ["Proses", "Jawaban", "Ani"],
    ]);
    const outbox = await listDueOutbox(db, { nowIso: "2100-01-01T00:00:00Z", limit: 10 });
    expect(outbox.map((m) => [m.channel, m.chatId])).toEqual(Array(3).fill([ticket.channel, ticket.chatId]));
    expect(outbox.at(-1)!.text).toContain("Password Anda sudah kami reset.");
    for (const message of outbox) {
      expect(message.text).not.toContain(ticket.nik);
      expect(message.text).not.toContain(ticket.kk);
    }
  });

  test("lets an admin answer straight from Pertanyaan, but never answers twice", async () => {
    const ticket = await newTicket();
    expect((await service.answer(ticket.number, ANI, "Jawaban pertama")).ok).toBe(true);
    const again = await service.answer(ticket.number, BUDI, "Jawaban kedua");
    expect(again).toMatchObject({
      ok: false,
      reason: "conflict",
      ticket: { handledByName: "Ani", answerText: "Jawaban pertama" },
    });
  });

  test("two admins racing for the same ticket: one wins, the other is told who", async () => {
    const ticket = await newTicket();
    const [first, second] = await Promise.all([
      service.accept(ticket.number, ANI),
      service.accept(ticket.number, BUDI),
    ]);
    const results = [first, second];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok)!;
    expect(loser).toMatchObject({ reason: "conflict", ticket: { status: "Diterima" } });
    const text = await runAdminCommand(service, BUDI, `terima ${ticket.number}`);
    expect(text).toMatch(/sudah berstatus Diterima oleh (Ani|Budi)/);
  });

  test("refuses empty and too long answers, mistyped and unknown numbers", async () => {
    const ticket = await newTicket();
    expect(await service.answer(ticket.number, ANI, "   ")).toEqual({ ok: false, reason: "empty_answer" });
    expect(await service.answer(ticket.number, ANI, "x".repeat(3501))).toEqual({
      ok: false,
      reason: "answer_too_long",
      length: 3501,
    });
    const typo = `${ticket.number.slice(0, -1)}${ticket.number.endsWith("0") ? "1" : "0"}`;
    expect(await service.accept(typo, ANI)).toEqual({ ok: false, reason: "invalid_number" });
    expect(await service.accept(generateTicketNumber(), ANI)).toEqual({ ok: false, reason: "not_found" });
  });

  test("lists oldest waiting first, pages by ten, filters by status", async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 12; i++) {
      const ticket = await newTicket({ createdAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString() });
      numbers.push(ticket.number);
    }
    await service.accept(numbers[0]!, ANI);
    const first = await service.list(undefined, 1);
    expect(first).toMatchObject({ total: 12, page: 1, pages: 2 });
    expect(first.tickets.map((t) => t.number)).toEqual(numbers.slice(0, 10));
    expect((await service.list(undefined, 2)).tickets.map((t) => t.number)).toEqual(numbers.slice(10));
    expect((await service.list("Diterima", 1)).tickets.map((t) => t.number)).toEqual([numbers[0]]);
    expect((await service.list("Pertanyaan", 1)).total).toBe(11);
  });

  test("statistics count by status and category and flag tickets waiting over a day", async () => {
    await newTicket({ category: "cek_dapodik", createdAt: "2026-11-27T00:00:00.000Z" });
    await newTicket({ category: "reset_password", createdAt: "2026-11-29T11:00:00.000Z" });
    const stats = await service.statistics();
    expect(stats.waitingOverADay).toBe(1);
    const text = await runAdminCommand(service, ANI, "statistik");
    expect(text).toContain("Pertanyaan: 2");
    expect(text).toContain("Pengecekan Dapodik (PPPK Guru): 1");
    expect(text).toContain("Menunggu lebih dari 1 hari: 1");
  });
});

describe("admin commands", () => {
  test("Indonesian names and English aliases do the same", async () => {
    const ticket = await newTicket();
    expect(await runAdminCommand(service, ANI, `/accept ${ticket.number.toLowerCase()}`)).toContain(
      "Diterima",
    );
    expect(await runAdminCommand(service, ANI, `proses ${ticket.number}`)).toContain("Proses");
    expect(
      await runAdminCommand(service, ANI, `/answer ${ticket.number} Sudah selesai, silakan login.`),
    ).toContain("Jawaban");
    expect(await runAdminCommand(service, ANI, "/tiket jawaban")).toContain(ticket.number);
    expect(await runAdminCommand(service, ANI, "list")).toContain(ticket.number);
  });

  test("view shows NIK and KK in full with the history; list and search do not", async () => {
    const ticket = await newTicket();
    const detail = await runAdminCommand(service, ANI, `lihat ${ticket.number}`);
    expect(detail).toContain(`NIK: ${ticket.nik}`);
    expect(detail).toContain(`KK: ${ticket.kk}`);
    expect(detail).toContain("Riwayat:");
    const list = await runAdminCommand(service, ANI, "tiket");
    expect(list).not.toContain(ticket.nik);
    const byNik = await runAdminCommand(service, ANI, `cari ${ticket.nik}`);
    expect(byNik).toContain(ticket.number);
    expect(byNik).not.toContain(ticket.nik);
    expect(await runAdminCommand(service, ANI, "cari siti")).toContain(ticket.number);
    expect(await runAdminCommand(service, ANI, "cari tidak-ada-orang")).toBe("Tidak ada tiket.");
  });

  test("say how to use a command given without its arguments", async () => {
    expect(await runAdminCommand(service, ANI, "jawab")).toContain("Format: /jawab");
    expect(await runAdminCommand(service, ANI, "lihat")).toContain("Format: /lihat");
    expect(await runAdminCommand(service, ANI, "tiket selesai")).toContain("Format: /tiket");
    expect(await runAdminCommand(service, ANI, "hapus semua")).toContain("Perintah tidak dikenal");
    expect(await runAdminCommand(service, ANI, "bantuan")).toContain("/jawab <no> <teks>");
  });
});
