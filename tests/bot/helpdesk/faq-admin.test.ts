import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { pino } from "pino";
import { afterAll, describe, expect, test } from "vitest";
import { createConsoleAdapter } from "../../../bot/console/console.adapter.ts";
import { createConversationEngine } from "../../../bot/engine/conversation-engine.ts";
import { createFaqRouting } from "../../../bot/engine/faq-routing.ts";
import { parseAdminCommand } from "../../../bot/helpdesk/admin-command.parser.ts";
import { runAdminCommand } from "../../../bot/helpdesk/admin-command.runner.ts";
import { createHelpdeskService } from "../../../bot/helpdesk/helpdesk.service.ts";
import { createOutboxDispatcher } from "../../../bot/outbox/outbox-dispatcher.ts";
import { loadFaqData } from "../../../faq/faq-data.ts";
import { openEngine } from "../engine/engine-harness.ts";

const ADMIN = { id: "101", name: "Ani" };
const data = loadFaqData();
const dir = mkdtempSync(join(tmpdir(), "asn-faq-admin-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An engine and a helpdesk service sharing one live FAQ router, as the app wires them. */
async function openSetup(path?: string) {
  const routing = createFaqRouting(data);
  const engine = await openEngine({ path, routing });
  const helpdesk = createHelpdeskService({ db: engine.db, routing });
  return { engine, helpdesk, routing, admin: (line: string) => runAdminCommand(helpdesk, ADMIN, line) };
}

describe("parseAdminCommand: FAQ commands", () => {
  test("faqgap takes an optional number of days", () => {
    expect(parseAdminCommand("/faqgap")).toEqual({ ok: true, command: { name: "faqgap", days: 30 } });
    expect(parseAdminCommand("/faqgap@HelpdeskBot 7")).toEqual({
      ok: true,
      command: { name: "faqgap", days: 7 },
    });
    expect(parseAdminCommand("faqgap kemarin")).toEqual({ ok: false, usage: "faqgap" });
  });

  test("faqtambah adds a phrasing, or with 'baru' a question | answer [| phase]", () => {
    expect(parseAdminCommand("/faqtambah Lupa-Password  pw sscasn ilang")).toEqual({
      ok: true,
      command: { name: "faqtambah", faqId: "lupa-password", phrasing: "pw sscasn ilang" },
    });
    expect(parseAdminCommand("/faqtambah baru Kapan SKB? | SKB dijadwalkan oleh instansi. | skb")).toEqual({
      ok: true,
      command: {
        name: "faqbaru",
        question: "Kapan SKB?",
        answer: "SKB dijadwalkan oleh instansi.",
        phase: "skb",
      },
    });
    expect(
      parseAdminCommand("/faqadd baru Apa itu SKB? | Seleksi kompetensi bidang dari instansi"),
    ).toMatchObject({
      ok: true,
      command: { name: "faqbaru", phase: undefined },
    });
    expect(parseAdminCommand("/faqtambah baru tanpa jawaban")).toEqual({ ok: false, usage: "faqtambah" });
    expect(parseAdminCommand("/faqtambah lupa-password")).toEqual({ ok: false, usage: "faqtambah" });
  });
});

describe("/faqgap and /faqtambah", () => {
  test("/faqgap lists the most frequent missed questions, grouped, with the closest entry", async () => {
    const { engine, admin } = await openSetup();
    expect(await admin("/faqgap")).toBe("Tidak ada pertanyaan yang terlewat dalam 30 hari terakhir.");
    for (const chat of ["a", "b", "c"])
      await engine.say(chat === "b" ? "Info loker BUMN dong!!" : "info loker bumn dong", chat);
    await engine.say("resep rendang padang", "d");
    await engine.say("kalau nik gak ditemukan waktu daftar gimana?", "e");
    await engine.say("tidak", "e");

    const report = await admin("/faqgap");
    const lines = report.split("\n");
    expect(lines[0]).toBe("Pertanyaan yang paling sering tidak terjawab (30 hari terakhir):");
    expect(lines[1]).toBe('1. 3× "info loker bumn"');
    expect(report).toContain(
      '"kalau nik tidak ditemukan waktu daftar bagaimana", 1× tidak membantu (nik-kk-tidak-ditemukan)',
    );
    expect(report).toContain('1× "resep rendang padang"');
    expect(report).toContain("mirip: ");
    await engine.close();
  });

  test("a phrasing added with /faqtambah is used at once and after a restart", async () => {
    const path = join(dir, "learn.db");
    const question = "kartu kuning ak1 buat apa";
    const first = await openSetup(path);
    // Before: at most a weak suggestion (it shares "kartu"), never the answer.
    expect(first.routing.route(question).faq[0]?.id).not.toBe("cetak-kartu-ujian");

    expect(await first.admin(`/faqtambah cetak-kartu-ujian ${question}`)).toBe(
      "Frasa ditambahkan ke cetak-kartu-ujian dan langsung dipakai.",
    );
    expect(await first.engine.say(question)).toContain("Cetak Kartu Peserta Ujian");
    expect(await first.admin(`/faqtambah cetak-kartu-ujian ${question}`)).toBe(
      "Frasa itu sudah ada untuk pertanyaan tersebut.",
    );
    await first.engine.close();

    // A new process: the shipped FAQ plus what is stored, loaded by the first message.
    const second = await openSetup(path);
    expect(await second.engine.say(question, "other-chat")).toContain("Cetak Kartu Peserta Ujian");
    await second.engine.close();
  });

  test("a new entry added with /faqtambah baru is answered at once, with its phase", async () => {
    const { engine, admin } = await openSetup();
    const reply = await admin(
      "/faqtambah baru Apakah peserta SKB boleh membawa kalkulator? | Tidak. Barang yang boleh dibawa diatur dalam pengumuman instansi. | skb",
    );
    expect(reply).toContain("id apakah-peserta-skb-boleh-membawa-kalkulator");
    const answer = await engine.say("boleh bawa kalkulator waktu skb?");
    expect(answer).toContain("*Tahap: SKB*");
    expect(answer).toContain("Barang yang boleh dibawa");
    expect(
      await admin("/faqtambah apakah-peserta-skb-boleh-membawa-kalkulator kalkulator pas tes skb"),
    ).toContain("Frasa ditambahkan");
    await engine.close();
  });

  test("explains what is wrong with an addition", async () => {
    const { engine, admin } = await openSetup();
    expect(await admin("/faqtambah tidak-ada-id frasa apa saja")).toContain("Id FAQ tidak dikenal");
    expect(await admin("/faqtambah lupa-password ab")).toBe("Frasa harus 3-200 karakter.");
    expect(await admin("/faqtambah baru Apa itu X? | Terlalu pendek")).toBe("Jawaban harus 20-700 karakter.");
    expect(
      await admin("/faqtambah baru Apa itu X? | Jawaban yang cukup panjang untuk disimpan. | ujian akhir"),
    ).toContain("Tahap tidak dikenal");
    expect(await admin("/faqtambah")).toContain("Format: /faqtambah");
    expect(await admin("/bantuan")).toContain("/faqgap");
    await engine.close();
  });

  test("without the live router only /faqgap works", async () => {
    const engine = await openEngine();
    const helpdesk = createHelpdeskService({ db: engine.db });
    expect(await runAdminCommand(helpdesk, ADMIN, "/faqgap")).toContain("Tidak ada pertanyaan");
    expect(await runAdminCommand(helpdesk, ADMIN, "/faqtambah lupa-password pw ilang")).toContain(
      "tidak tersedia",
    );
    await engine.close();
  });

  test("the console runs them as /admin lines", async () => {
    const routing = createFaqRouting(data);
    const harness = await openEngine({ routing });
    const engine = createConversationEngine({ db: harness.db, routing, logger: pino({ level: "silent" }) });
    const helpdesk = createHelpdeskService({ db: harness.db, routing });
    const outbox = createOutboxDispatcher({
      db: harness.db,
      channel: "console",
      logger: pino({ level: "silent" }),
      send: async () => {},
    });
    const input = new PassThrough();
    const output = new PassThrough();
    let transcript = "";
    output.on("data", (chunk) => {
      transcript += chunk;
    });
    const chat = createConsoleAdapter({ engine, helpdesk, outbox, input, output, echo: false });
    const done = chat.run();
    input.end(
      [
        "resep rendang padang yang enak",
        "/admin faqgap",
        "/admin faqtambah batas-usia resep rendang padang yang enak",
        "",
      ].join("\n"),
    );
    await done;
    expect(transcript).toContain("[admin] Pertanyaan yang paling sering tidak terjawab");
    expect(transcript).toContain("Frasa ditambahkan ke batas-usia");
    await harness.close();
  });
});
