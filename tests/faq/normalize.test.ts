import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { loadFaqData } from "../../faq/faq-data.ts";
import { normalizeMessage } from "../../faq/normalize.ts";
import { createWordDictionary } from "../../faq/word-dictionary.ts";

const { slang } = loadFaqData();
const norm = (text: string) => normalizeMessage(text, slang);

describe("normalizeMessage: slang groups (DOMAIN.md §6)", () => {
  test.each([
    ["question words", "gmn knp kpn dmn brp mksd", "bagaimana kenapa kapan dimana berapa maksud"],
    ["pronouns", "sy aq kmu gw", "saya aku kamu gue"],
    [
      "tense and negation",
      "blm udh sdh tdk gak gk msh hrs bs dpt",
      "belum sudah tidak masih harus bisa dapat",
    ],
    ["glued negation", "gabisa login", "tidak bisa login"],
    [
      "function words",
      "yg dgn utk krn tp jd lg aja dr dlm ttg klo",
      "yang dengan untuk karena tapi jadi lagi saja dari dalam tentang kalo",
    ],
    ["time", "skrg kmrn bsk td dlu", "sekarang kemarin besok tadi dulu"],
    ["misc", "tlg nmr pake ilang mw pengen bnr slh", "tolong nomor pakai hilang mau ingin benar salah"],
    [
      "domain",
      "pw aplod poto selfie ijasah transkip ektp eror lemot regis tkt",
      "password unggah foto swafoto ijazah transkrip ktp error lambat daftar tiket",
    ],
    ["domain: pppk and thk-ii", "p3k honorer k2", "pppk honorer eks thk2"],
    ["domain: e-meterai", "pake e-materai", "pakai emeterai"],
  ])("%s", (_group, input, expected) => {
    expect(norm(input)).toBe(expected);
  });

  test("thanks in its slang forms all become 'terima kasih'", () => {
    for (const text of ["makasih", "mksh", "trims", "terimakasih"]) expect(norm(text)).toBe("terima kasih");
  });

  test("multi-word forms collapse to one canonical token", () => {
    expect(norm("kartu keluarga saya")).toBe("kk saya");
    expect(norm("lupa kata sandi")).toBe("lupa password");
    expect(norm("eks THK-II")).toBe("eks thk2");
    expect(norm("thk 2")).toBe("eks thk2");
    expect(norm("nilai passing grade")).toBe("nilai pg");
    expect(norm("pas foto merah")).toBe("pasfoto merah");
  });
});

describe("normalizeMessage: regional, English and affixed slang", () => {
  test.each([
    ["piye iki nik ku ora ketemu", "bagaimana ini nik ku tidak ditemukan"],
    ["kumaha carana login", "bagaimana caranya login"],
    ["sa pu nik tra muncul", "saya punya nik tidak muncul"],
    ["kek mana daftar akun", "bagaimana daftar akun"],
    ["forgot my password", "lupa saya password"],
    ["keupload", "terunggah"],
    ["pwnya lupa", "password lupa"],
  ])("%j", (input, expected) => {
    expect(norm(input)).toBe(expected);
  });
});

describe("normalizeMessage: with the data's dictionary", () => {
  const data = loadFaqData();
  const dictionary = createWordDictionary(data.faq.flatMap((e) => [e.question, e.answer, ...e.phrasings]));
  const normWith = (text: string) => normalizeMessage(text, slang, dictionary);

  test("splits glued words into known words, never a known word", () => {
    expect(normWith("statustiket")).toBe("status tiket");
    expect(normWith("lupapassword")).toBe("lupa password");
    expect(normWith("kartuujian")).toBe("kartu ujian");
    expect(normWith("pendaftaran perguruan")).toBe("pendaftaran perguruan");
  });

  test("reads -ku as 'saya' and Jakarta -in as -kan", () => {
    expect(normWith("tiketku")).toBe("tiket saya");
    expect(normWith("resetin")).toBe("reset");
  });

  test("a 2 glued to a word repeats it", () => {
    expect(normWith("muncul2 error2")).toBe("muncul error");
    expect(normWith("s2 thk2 p3k")).toBe("s2 eks thk2 pppk");
  });
});

describe("normalizeMessage: collisions", () => {
  test("kk is Kartu Keluarga near digits or 'no', an honorific at the edge of a greeting", () => {
    expect(norm("no kk 3201")).toBe("nomor kk 3201");
    expect(norm("nik dan kk sy")).toBe("nik dan kk saya");
    expect(norm("kk saya tidak ditemukan")).toBe("kk saya tidak ditemukan");
    expect(norm("makasih kk")).toBe("terima kasih");
    expect(norm("halo kk mau tanya")).toBe("halo mau tanya");
  });

  test("bkn is BKN in capitals or next to sscasn/helpdesk, otherwise 'bukan'", () => {
    expect(norm("BKN pusat")).toBe("bkn pusat");
    expect(norm("helpdesk bkn")).toBe("helpdesk bkn");
    expect(norm("bkn aku yg bikin")).toBe("bukan aku yang bikin");
  });

  test("pg is passing grade near guru/pppk, otherwise 'pagi'", () => {
    expect(norm("lulusan pg guru")).toBe("lulusan pg guru");
    expect(norm("selamat pg")).toBe("salam");
  });

  test("pass is password, except in 'pass foto'", () => {
    expect(norm("lupa pass")).toBe("lupa password");
    expect(norm("pass foto")).toBe("pasfoto");
  });

  test("dah means sudah, nda/ndak mean tidak, akn stays akan (not akun)", () => {
    expect(norm("dah daftar")).toBe("sudah daftar");
    expect(norm("nda bisa ndak bisa")).toBe("tidak bisa tidak bisa");
    expect(norm("akn daftar")).toBe("akan daftar");
  });
});

describe("normalizeMessage: surface clean-up", () => {
  test("lower-cases and strips punctuation and emoji", () => {
    expect(norm("Halo!!! NIK saya??? 😭🙏")).toBe("halo nik saya");
    expect(norm("no.hp/wa: 0812-3456")).toBe("nomor hp whatsapp 0812 3456");
  });

  test("collapses stretched letters, keeping real double letters", () => {
    expect(norm("tolonggg")).toBe("tolong");
    expect(norm("lupaaaa pwww")).toBe("lupa password");
    expect(norm("maaaaf")).toBe("maaf");
    expect(norm("gakk bisaa")).toBe("tidak bisa");
    expect(norm("lupaa dong")).toBe("lupa");
    expect(norm("saat kk")).toBe("saat");
    expect(norm("pppk")).toBe("pppk");
    expect(norm("sscasn")).toBe("sscasn");
  });

  test("splits numbers glued to words but keeps codes", () => {
    expect(norm("nik3201234567890001")).toBe("nik 3201234567890001");
    expect(norm("200kb")).toBe("200 kb");
    expect(norm("s1 p3k thk2")).toBe("s1 pppk eks thk2");
    expect(norm("tiket 8H2KQ")).toBe("tiket 8h2kq");
    expect(norm("tiket TK12345")).toBe("tiket tk12345");
  });

  test("strips honorifics and fillers, keeps tolong as a help cue", () => {
    expect(norm("min kak gan sis bro pak bu mas mbak")).toBe("");
    expect(norm("tolong dong min nik sy")).toBe("tolong nik saya");
  });

  test("keeps digits", () => {
    expect(norm("NIK: 3201 2345 6789 0001")).toBe("nik 3201 2345 6789 0001");
  });

  test("always yields lower-case tokens separated by single spaces", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const out = norm(text);
        expect(out).toBe(out.toLowerCase());
        expect(out).not.toMatch(/^\s|\s$|\s{2}/);
        expect(out).not.toMatch(/[.,!?;:#@()"'-]/);
      }),
    );
  });
});
