import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { runAdminCommand } from "../../../bot/helpdesk/admin-command.runner.ts";
import { createHelpdeskService } from "../../../bot/helpdesk/helpdesk.service.ts";
import {
  countFirstAnswerFeedback,
  findTicket,
  listDueOutbox,
  listTicketAdditions,
  listTicketHistory,
  loadConversation,
} from "../../../db/index.ts";
import {
  ADMIN_INBOX,
  CHANNEL,
  choice,
  choicesOf,
  type EngineHarness,
  openEngine,
  VALID_KK,
  VALID_NIK,
} from "./engine-harness.ts";

const dir = mkdtempSync(join(tmpdir(), "asn-followup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ANI = { id: "9", name: "Ani" };
let engine: EngineHarness;
afterEach(() => engine.close());

/** A complaint to an agency (no files): the shortest form that ends in a ticket. */
async function complain(chatId = "chat-1", nik = VALID_NIK): Promise<string> {
  await engine.send(choice("kategori:pengaduan_instansi"), { chatId });
  for (const answer of [
    "Siti Rahmawati",
    nik,
    VALID_KK,
    "Kabupaten Bogor",
    "17 Agustus 1995",
    "Badan Kepegawaian Negara",
  ]) {
    await engine.say(answer, chatId);
  }
  await engine.say("Formasi yang saya lamar tidak muncul di portal.", chatId);
  const done = await engine.say("kirim", chatId);
  const number = /nomor tiket \*([0-9A-Z-]{14})\*/.exec(done)?.[1];
  expect(number, done).toBeDefined();
  return number!;
}

const applicantOutbox = async (chatId = "chat-1") =>
  (await listDueOutbox(engine.db, { channel: CHANNEL, nowIso: "9999", limit: 50 })).filter(
    (m) => m.chatId === chatId,
  );
const adminOutbox = () =>
  listDueOutbox(engine.db, { channel: ADMIN_INBOX.channel, nowIso: "9999", limit: 50 });

describe("feedback on an answer", () => {
  test("Masih bermasalah after a restart: the text reopens the ticket in Proses, the admins are told, the next answer asks again", async () => {
    const path = join(dir, "reopen.db");
    engine = await openEngine({ path });
    const number = await complain();
    let helpdesk = createHelpdeskService({ db: engine.db });
    expect((await helpdesk.answer(number, ANI, "Formasi sudah dibuka kembali.")).ok).toBe(true);

    // The answer goes out with the question and its two choices, through the outbox.
    const notice = (await applicantOutbox()).at(-1)!;
    expect(notice.text).toContain("Formasi sudah dibuka kembali.");
    expect(notice.text).toContain("Apakah masalah Anda sudah selesai?");
    expect(notice.payload).toEqual({
      choices: [
        { value: `selesai:${number}`, label: "Ya" },
        { value: `masih:${number}`, label: "Masih bermasalah" },
      ],
    });
    expect((await loadConversation(engine.db, CHANNEL, "chat-1"))?.snapshot).toEqual({
      stage: "ticket_feedback",
      ticketNumber: number,
    });

    // A restart between the notification and the reply: the typed "2" is still read as the verdict.
    await engine.close();
    engine = await openEngine({ path });
    expect(await engine.say("2")).toContain("apa yang masih bermasalah");
    await engine.close();
    engine = await openEngine({ path });
    expect(await engine.say("Formasinya masih belum muncul di akun saya.")).toContain("kami buka kembali");
    helpdesk = createHelpdeskService({ db: engine.db });

    const ticket = await findTicket(engine.db, number);
    expect(ticket?.status).toBe("Proses");
    const history = await listTicketHistory(engine.db, number);
    expect(history.at(-1)).toMatchObject({
      fromStatus: "Jawaban",
      toStatus: "Proses",
      actor: { kind: "applicant" },
      note: "Formasinya masih belum muncul di akun saya.",
    });
    const inbox = await adminOutbox();
    expect(inbox.at(-1)?.payload).toEqual({ kind: "ticket_reopened", ticketNumber: number });
    expect(inbox.at(-1)?.text).toContain("Formasinya masih belum muncul di akun saya.");
    const detail = await runAdminCommand(helpdesk, ANI, `lihat ${number}`);
    expect(detail).toContain("Jawaban → Proses (pelapor): Formasinya masih belum muncul di akun saya.");
    expect(detail).toContain("Tanggapan pelapor: jawaban 1: masih bermasalah");

    // Answered again: a second round, and this time the button says it is solved.
    expect((await helpdesk.answer(number, ANI, "Silakan coba lagi sekarang.")).ok).toBe(true);
    expect(await engine.send(choice(`selesai:${number}`)).then((r) => r[0]!.text)).toContain("Terima kasih");
    expect(await engine.send(choice(`selesai:${number}`)).then((r) => r[0]!.text)).toContain(
      "sudah kami terima",
    );
    // The first answer did not solve it: 0 of 1.
    expect(await countFirstAnswerFeedback(engine.db)).toEqual({ solved: 0, unsolved: 1, pending: 0 });
    expect(await runAdminCommand(helpdesk, ANI, "statistik")).toContain(
      "Selesai pada jawaban pertama: 0 dari 1 tanggapan (0%)",
    );
    expect(await runAdminCommand(helpdesk, ANI, `lihat ${number}`)).toContain(
      "Tanggapan pelapor: jawaban 1: masih bermasalah; jawaban 2: selesai",
    );
  });

  test('"ya" typed after the question counts as solved at the first answer', async () => {
    engine = await openEngine();
    const number = await complain();
    const helpdesk = createHelpdeskService({ db: engine.db });
    await helpdesk.answer(number, ANI, "Sudah kami perbaiki.");
    expect(await engine.say("ya")).toContain("sudah selesai");
    expect(await countFirstAnswerFeedback(engine.db)).toEqual({ solved: 1, unsolved: 0, pending: 0 });
    // Said once: "ya" afterwards is an ordinary message again.
    expect(await engine.say("ya")).not.toContain("Terima kasih atas tanggapan");
    expect(await runAdminCommand(helpdesk, ANI, "statistik")).toContain("1 dari 1 tanggapan (100%)");
  });

  test("a button pressed in the middle of a form keeps the form; Masih bermasalah resumes it after the text", async () => {
    engine = await openEngine();
    const number = await complain();
    await createHelpdeskService({ db: engine.db }).answer(number, ANI, "Sudah kami perbaiki.");
    await engine.send(choice("kategori:reset_password"));
    await engine.say("Siti Rahmawati");
    const reply = await engine.send(choice(`masih:${number}`));
    expect(reply.map((r) => r.text).join("\n")).toContain("apa yang masih bermasalah");
    // "batal" here drops the reopening, not the form.
    const cancelled = await engine.say("batal");
    expect(cancelled).toContain("tidak dibuka kembali");
    expect(cancelled).toContain("Tulis *NIK* Anda");
    await engine.send(choice(`masih:${number}`));
    const reopened = await engine.say("x".repeat(501));
    expect(reopened).toMatch(/maksimal 500/);
    const done = await engine.say("Masih gagal login.");
    expect(done).toContain("kami buka kembali");
    expect(done).toContain("Tulis *NIK* Anda");
    expect((await findTicket(engine.db, number))?.status).toBe("Proses");
  });

  test("another chat's button, or one for a ticket not answered, changes nothing", async () => {
    engine = await openEngine();
    const number = await complain();
    expect((await engine.send(choice(`selesai:${number}`)))[0]!.text).toContain("sudah kami terima");
    await createHelpdeskService({ db: engine.db }).answer(number, ANI, "Sudah kami perbaiki.");
    const stranger = await engine.send(choice(`masih:${number}`), { chatId: "chat-2" });
    expect(stranger[0]!.text).toContain("tidak ditemukan di percakapan ini");
    expect((await findTicket(engine.db, number))?.status).toBe("Jawaban");
    expect(await countFirstAnswerFeedback(engine.db)).toEqual({ solved: 0, unsolved: 0, pending: 1 });
  });
});

describe("no second ticket for an open problem", () => {
  test("the same NIK and category: told at the NIK step, information added to the open ticket instead", async () => {
    engine = await openEngine();
    const number = await complain();
    await engine.send(choice("kategori:pengaduan_instansi"));
    await engine.say("Siti Rahmawati");
    const offer = await engine.send({ kind: "text", text: VALID_NIK });
    expect(offer[0]!.text).toContain(`tiket *${number}*`);
    expect(offer[0]!.text).toContain("status *Pertanyaan*");
    expect(choicesOf(offer)).toEqual(["tambah_info", "tidak_tambah"]);

    expect(await engine.say("1")).toContain("informasi tambahan");
    expect(await engine.say("Nomor peserta saya 12345.")).toContain(`tambahkan ke tiket *${number}*`);
    expect((await listTicketAdditions(engine.db, number)).map((a) => a.text)).toEqual([
      "Nomor peserta saya 12345.",
    ]);
    // Stored encrypted, like the form answers.
    const raw = await engine.db.selectFrom("ticket_additions").select("text").executeTakeFirstOrThrow();
    expect(raw.text).not.toContain("Nomor peserta");
    const tickets = await engine.db.selectFrom("tickets").select("number").execute();
    expect(tickets).toHaveLength(1);
    expect((await adminOutbox()).at(-1)).toMatchObject({
      payload: { kind: "ticket_addition", ticketNumber: number },
    });
    const detail = await runAdminCommand(createHelpdeskService({ db: engine.db }), ANI, `lihat ${number}`);
    expect(detail).toContain("Informasi tambahan dari pelapor:");
    expect(detail).toContain("Nomor peserta saya 12345.");
  });

  test("from another chat the number is not revealed; another category or an answered ticket opens a new one", async () => {
    engine = await openEngine();
    const number = await complain();
    await engine.send(choice("kategori:pengaduan_instansi"), { chatId: "chat-2" });
    await engine.say("Budi", "chat-2");
    const offer = await engine.say(VALID_NIK, "chat-2");
    expect(offer).toContain("yang dibuat melalui percakapan lain");
    expect(offer).not.toContain(number);
    expect(await engine.say("tidak", "chat-2")).not.toContain(number);

    await engine.send(choice("kategori:data_tidak_sesuai"));
    await engine.say("Siti Rahmawati");
    expect(await engine.say(VALID_NIK)).toContain("Nomor Kartu Keluarga");

    await createHelpdeskService({ db: engine.db }).answer(number, ANI, "Selesai.");
    const second = await complain("chat-3");
    expect(second).not.toBe(number);
  });
});
