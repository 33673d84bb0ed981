import { performance } from "node:perf_hooks";
import { describe, expect, test } from "vitest";
import { loadFaqData } from "../../faq/faq-data.ts";
import { createFaqSearch } from "../../faq/faq-search.ts";

const data = loadFaqData();
const search = createFaqSearch(data.faq, data.slang);

describe("createFaqSearch", () => {
  test("finds each entry first for its own question and phrasings", () => {
    const misses: string[] = [];
    for (const entry of data.faq) {
      for (const text of [entry.question, ...entry.phrasings]) {
        if (search.search(text)[0]?.id !== entry.id) misses.push(`${entry.id}: ${text}`);
      }
    }
    expect(misses).toEqual([]);
  });

  test("answers chat-style questions with typos and slang", () => {
    expect(search.search("ukuran poto ktp brp kb?")[0]?.id).toBe("ukuran-format-dokumen");
    expect(search.search("gmn cara reset pw?")[0]?.id).toBe("lupa-password");
    expect(search.search("pasword sscasn lupaa")[0]?.id).toBe("lupa-password");
    expect(search.search("no wa halo dukcapil")[0]?.id).toBe("kontak-halo-dukcapil");
  });

  test("scores lie in 0..1, best first, and respect the limit", () => {
    const results = search.search("nik tidak ditemukan dukcapil", 5);
    expect(results.length).toBeLessThanOrEqual(5);
    expect(results.length).toBeGreaterThan(1);
    for (const match of results) {
      expect(match.score).toBeGreaterThan(0);
      expect(match.score).toBeLessThanOrEqual(1);
    }
    expect(results.map((match) => match.score)).toEqual(
      [...results.map((match) => match.score)].sort((a, b) => b - a),
    );
    expect(search.search("nik tidak ditemukan dukcapil")).toHaveLength(3);
  });

  test("returns nothing for greetings, empty text and gibberish", () => {
    expect(search.search("halo kak")).toEqual([]);
    expect(search.search("")).toEqual([]);
    expect(search.search("🙏🙏")).toEqual([]);
    expect(search.search("zxqv wqpl")).toEqual([]);
  });

  test("a typical search is fast (logged, not asserted)", () => {
    const messages = [
      "min nik sy g ketemu pas daftar gmn ya",
      "ukuran poto ktp brp kb?",
      "kak sya lupa pw akun sscasn",
      "jadwal skd kapan",
    ];
    for (const text of messages) search.search(text); // warm-up (JIT, typo cache)
    const rounds = 500;
    const start = performance.now();
    for (let i = 0; i < rounds; i++) search.search(messages[i % messages.length]!);
    const perSearchMs = (performance.now() - start) / rounds;
    console.log(`faq search: ${perSearchMs.toFixed(4)} ms per message (${data.faq.length} entries)`);
    expect(perSearchMs).toBeGreaterThan(0);
  });
});
