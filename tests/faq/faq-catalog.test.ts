import { describe, expect, test } from "vitest";
import { createFaqCatalog } from "../../faq/faq-catalog.ts";
import { loadFaqData } from "../../faq/faq-data.ts";
import { newFaqId } from "../../faq/faq-id.ts";

const data = loadFaqData();

describe("createFaqCatalog", () => {
  test("a phrasing added at runtime routes at once", () => {
    const catalog = createFaqCatalog(data);
    const text = "kapan kartu kuning ak1 bisa dipakai";
    // Before: at most a weak suggestion (it shares "kartu"), never the answer.
    expect(
      catalog.route(text).intent === "faq" && catalog.route(text).faq[0]?.id === "cetak-kartu-ujian",
    ).toBe(false);
    expect(catalog.addPhrasing("cetak-kartu-ujian", "kartu kuning ak1 dipakai untuk apa")).toBe(true);
    expect(catalog.route(text).faq[0]?.id).toBe("cetak-kartu-ujian");
    expect(catalog.entry("cetak-kartu-ujian")?.phrasings).toContain("kartu kuning ak1 dipakai untuk apa");
    // The shipped data is not changed under the caller's feet.
    expect(data.faq.find((e) => e.id === "cetak-kartu-ujian")?.phrasings).not.toContain(
      "kartu kuning ak1 dipakai untuk apa",
    );
  });

  test("an entry added at runtime is found by its question", () => {
    const catalog = createFaqCatalog(data);
    catalog.addEntry({
      id: "seragam-tes",
      question: "Pakaian apa yang dipakai saat tes kompetensi?",
      answer: "Ikuti ketentuan pakaian di pengumuman instansi dan Kartu Peserta Ujian Anda.",
      phase: "skd",
      phrasings: [],
    });
    const route = catalog.route("pakaian tes kompetensi pakai apa ya");
    expect(route.intent).toBe("faq");
    expect(route.faq[0]?.id).toBe("seragam-tes");
    expect(() => catalog.addEntry({ ...catalog.entry("seragam-tes")! })).toThrow(/already exists/);
  });

  test("stored additions apply with one rebuild; phrasings of unknown entries come back", () => {
    const catalog = createFaqCatalog(data);
    const skipped = catalog.addAll({
      entries: [
        {
          id: "x-baru",
          question: "Pertanyaan baru admin?",
          answer: "Jawaban baru yang cukup panjang.",
          phase: "umum",
          phrasings: [],
        },
      ],
      phrasings: [
        { faqId: "x-baru", phrasing: "tanya hal baru dari admin" },
        { faqId: "tidak-ada", phrasing: "apa saja" },
      ],
    });
    expect(skipped).toEqual([{ faqId: "tidak-ada", phrasing: "apa saja" }]);
    expect(catalog.entry("x-baru")?.phrasings).toEqual(["tanya hal baru dari admin"]);
    expect(catalog.addPhrasing("tidak-ada", "apa saja")).toBe(false);
  });
});

describe("newFaqId", () => {
  test("makes a kebab-case id from the question, numbered when taken", () => {
    expect(newFaqId("Kapan pengumuman SKB 2025?", () => false)).toBe("kapan-pengumuman-skb-2025");
    const taken = new Set(["kapan-pengumuman-skb", "kapan-pengumuman-skb-2"]);
    expect(newFaqId("Kapan pengumuman SKB?", (id) => taken.has(id))).toBe("kapan-pengumuman-skb-3");
    expect(newFaqId("???", () => false)).toBe("faq");
    expect(newFaqId("satu dua tiga empat lima enam tujuh delapan", () => false)).toBe(
      "satu-dua-tiga-empat-lima-enam",
    );
  });
});
