import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { evaluateRouter, parseEvalSet } from "../../faq/evaluation.ts";
import { loadFaqData } from "../../faq/faq-data.ts";
import { createMessageRouter } from "../../faq/message-router.ts";

const data = loadFaqData();
const router = createMessageRouter(data);
// The development set: the messages the router was first written against (the evaluation set is separate).
const labelled = parseEvalSet(
  JSON.parse(readFileSync(new URL("./labelled-messages.json", import.meta.url), "utf8")),
);

describe("createMessageRouter", () => {
  test.each([
    ["NIK saya dipakai orang lain", "nik_dipakai_orang_lain"],
    ["sy lupa pw akun sscasn", "reset_password"],
    ["mau cek status tiket ABCD", "cek_status"],
  ])("a personal problem goes to its form: %s", (text, intent) => {
    expect(router.route(text).intent).toBe(intent);
  });

  test("a question goes to the FAQ with the answered entry first", () => {
    const howToReset = router.route("gmn cara reset pw?");
    expect(howToReset.intent).toBe("faq");
    expect(howToReset.faq[0]?.id).toBe("lupa-password");
    expect(howToReset.candidates[0]).toMatchObject({ id: "lupa-password", kind: "faq" });
    const photoSize = router.route("berapa ukuran foto ktp");
    expect(photoSize.intent).toBe("faq");
    expect(photoSize.faq[0]?.id).toBe("ukuran-format-dokumen");
    expect(photoSize.faq.length).toBeLessThanOrEqual(3);
  });

  test("the same problem asked hypothetically is a question, told personally is a form", () => {
    expect(router.route("kalau nik sudah terdaftar orang lain gimana?").intent).toBe("faq");
    expect(router.route("nik saya sudah terdaftar orang lain, gimana?").intent).toBe(
      "nik_dipakai_orang_lain",
    );
  });

  test("reads regional words, English and glued words", () => {
    expect(router.route("piye iki nik ku ora ketemu").intent).toBe("nik_kk_tidak_ditemukan");
    expect(router.route("forgot password sscasn").intent).toBe("reset_password");
    expect(router.route("statustiket").intent).toBe("cek_status");
    expect(router.route("ukuranfoto ktp brp kb").faq[0]?.id).toBe("ukuran-format-dokumen");
  });

  test("a misspelt word counts through typo correction, weighted below the right spelling", () => {
    const misspelt = router.route("akreditsi prodi harus apa");
    const spelt = router.route("akreditasi prodi harus apa");
    expect(misspelt.faq[0]?.id).toBe("akreditasi");
    expect(spelt.faq[0]?.id).toBe("akreditasi");
    expect(misspelt.faq[0]!.score).toBeLessThan(spelt.faq[0]!.score);
  });

  test("two close topics ask instead of guessing; intent stays the best candidate", () => {
    const route = router.route("nik tidak masuk");
    expect(route.clarify).toBeDefined();
    expect(route.clarify!.length).toBeGreaterThanOrEqual(2);
    expect(route.clarify!.length).toBeLessThanOrEqual(3);
    expect(route.clarify).toEqual(
      expect.arrayContaining(["nik_kk_tidak_ditemukan", "nik_dipakai_orang_lain"]),
    );
    expect(route.intent).toBe(route.clarify![0]);
  });

  test.each([
    "kemarin sudah lapor nik dipakai orang lain tapi belum dibalas",
    "aduan saya soal password sudah seminggu blm ada jawaban",
    "nomor tiket saya K7QX2 gimana ya",
    "I already filed a complaint last week, no reply yet",
    "sudah 3 hari menunggu jawaban soal reset password",
    "saya sudah mengisi formulir lupa nomor thk2, kapan dihubungi",
  ])("a message about a report already filed goes to the ticket status: %j", (text) => {
    expect(router.route(text).intent).toBe("cek_status");
  });

  test("of numbered questions, the first asked is answered first", () => {
    const sizeFirst = router.route(
      "selamat pagi. 1) ukuran file ijazah maksimal berapa? 2) boleh daftar dua instansi?",
    );
    expect(sizeFirst.faq[0]?.id).toBe("ukuran-format-dokumen");
    const twoFirst = router.route("1. boleh daftar dua instansi? 2. ukuran file ijazah maksimal berapa?");
    expect(twoFirst.faq[0]?.id).toBe("daftar-lebih-dari-satu");
    expect(twoFirst.faq.map((match) => match.id)).toContain("ukuran-format-dokumen");
  });

  test.each([
    "saya sudah baca faq helpdesk tapi nik tetap tidak ditemukan",
    "sudah isi formulir pendaftaran tapi nik tidak ditemukan",
  ])("a form or the helpdesk mentioned without waiting for an answer is no follow-up: %j", (text) => {
    expect(router.route(text).intent).toBe("nik_kk_tidak_ditemukan");
  });

  test("an app's own thing named by a word foreign to the domain is off topic; with a domain word it is not", () => {
    expect(router.route("lupa password akun spotify").intent).toBe("unknown");
    expect(router.route("lupa password akun sscasn saya").intent).toBe("reset_password");
    expect(router.route("akun lawas masih bisa dipakai?").intent).toBe("faq");
  });

  test("asking how tickets work is still a question, not a follow-up", () => {
    const route = router.route("gimana cara dapat nomor tiket?");
    expect(route.intent).toBe("faq");
    expect(route.faq[0]?.id).toBe("cara-kerja-helpdesk");
  });

  test("a clear question is answered without a clarifying question", () => {
    expect(router.route("batas usia cpns berapa").clarify).toBeUndefined();
    expect(router.route("lupa password").clarify).toBeUndefined();
  });

  test.each([
    ["halo", "greeting"],
    ["makasih min", "thanks"],
    ["selamat pagi kak", "greeting"],
    ["admin?", "human"],
    ["bot goblok", "complaint"],
    ["tes", "greeting"],
  ])("small talk is unknown and says its kind: %j", (text, kind) => {
    const route = router.route(text);
    expect(route.intent).toBe("unknown");
    expect(route.smallTalk).toBe(kind);
  });

  test.each(["asdfghjkl", "resep rendang apa ya", ""])("nothing on topic is unknown: %j", (text) => {
    const route = router.route(text);
    expect(route.intent).toBe("unknown");
    expect(route.smallTalk).toBeUndefined();
  });

  test.each(["jadwal pertandingan sepakbola", "harga cabai hari ini", "akun instagram saya dibajak"])(
    "a short message half made of words the domain never uses is unknown: %j",
    (text) => {
      expect(router.route(text).intent).toBe("unknown");
    },
  );

  test("a weak match the classifier cannot place either is unknown", () => {
    // Shares "syarat", "luar negeri" with the data, nothing more.
    const route = router.route("syarat beasiswa lpdp ke luar negeri apa saja");
    expect(route.intent).toBe("unknown");
    expect(route.smallTalk).toBeUndefined();
  });

  test("a greeting with a question in it is routed by the question", () => {
    expect(router.route("halo min, nik saya dipakai orang lain").intent).toBe("nik_dipakai_orang_lain");
  });

  test("reports the category score when a category matched", () => {
    const route = router.route("lupa password");
    expect(route.categoryScore).toBeGreaterThan(0.5);
    expect(route.categoryScore).toBeLessThanOrEqual(1);
  });

  test("entries that tie are ranked by id, as a sort of every match would (only the best few are selected)", () => {
    // Three copies of every entry: each match ties with its copies.
    const faq = [0, 1, 2].flatMap((copy) =>
      data.faq.map((entry) => (copy === 0 ? entry : { ...entry, id: `${entry.id}-${copy}`, related: [] })),
    );
    const route = createMessageRouter({ ...data, faq }).route("gmn cara reset pw?");
    expect(route.faq.map((match) => match.id)).toEqual([
      "lupa-password",
      "lupa-password-1",
      "lupa-password-2",
    ]);
    expect(route.candidates[0]).toMatchObject({ id: "lupa-password", kind: "faq" });
  });

  test("the same text gives the same route (memoised) ", () => {
    expect(router.route("jadwal skd kapan")).toEqual(createMessageRouter(data).route("jadwal skd kapan"));
  });
});

describe("development set (labelled-messages.json)", () => {
  test("is spread over every category, many FAQ topics and unknowns", () => {
    expect(labelled.length).toBeGreaterThanOrEqual(120);
    for (const id of data.categoryIds) {
      expect(labelled.filter((message) => message.label === id).length, id).toBeGreaterThanOrEqual(5);
    }
    const faqIds = new Set(data.faq.map((entry) => entry.id));
    expect(
      new Set(labelled.filter((m) => faqIds.has(m.label)).map((m) => m.label)).size,
    ).toBeGreaterThanOrEqual(40);
    expect(labelled.filter((message) => message.label === "unknown").length).toBeGreaterThanOrEqual(10);
  });

  test("intent top-1 and FAQ top-3 accuracy are at least 95%", () => {
    const report = evaluateRouter(router, labelled, data);
    expect(report.intentTop1).toBeGreaterThanOrEqual(0.95);
    expect(report.faqTop3).toBeGreaterThanOrEqual(0.95);
  });
});
