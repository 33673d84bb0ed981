import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { FaqDataError, loadFaqData, parseFaqEntries, parseIntents, parseSlang } from "../../faq/faq-data.ts";

const data = loadFaqData();
const parseEntries = (raw: unknown) => parseFaqEntries(raw, data.categoryIds);
const dataDir = new URL("../../faq/data/", import.meta.url);
const rawFaq = (): Record<string, unknown>[] =>
  JSON.parse(readFileSync(new URL("faq.json", dataDir), "utf8"));

describe("loadFaqData", () => {
  test("loads at least 45 FAQ entries with unique kebab-case ids", () => {
    expect(data.faq.length).toBeGreaterThanOrEqual(45);
    const ids = data.faq.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("every category has a menu title and 10-40 examples, and at least one FAQ entry points to it", () => {
    for (const id of data.categoryIds) {
      const intent = data.intents[id]!;
      expect(intent.title.length).toBeGreaterThan(3);
      expect(intent.examples.length).toBeGreaterThanOrEqual(10);
      expect(intent.examples.length).toBeLessThanOrEqual(40);
      expect(data.faq.some((entry) => entry.categoryId === id)).toBe(true);
    }
  });

  test("covers the required facts: URLs, HALO DUKCAPIL, file limits and the dated timeline", () => {
    const answers = data.faq.map((entry) => entry.answer).join("\n");
    for (const fact of [
      "daftar-sscasn.bkn.go.id",
      "helpdesk-sscasn.bkn.go.id",
      "1500537",
      "0811-800-5373",
      "callcenter.dukcapil@gmail.com",
      "#NIK #Nama_Lengkap #Nomor_Kartu_Keluarga #Nomor_Telp #Permasalahan",
      "200 KB",
      "800 KB",
      "CPNS 2024",
    ]) {
      expect(answers).toContain(fact);
    }
  });

  test("every entry has 5-15 phrasings and a short plain-text answer", () => {
    for (const entry of data.faq) {
      expect(entry.phrasings.length, entry.id).toBeGreaterThanOrEqual(5);
      expect(entry.phrasings.length, entry.id).toBeLessThanOrEqual(15);
      expect(entry.answer.length, entry.id).toBeLessThanOrEqual(700);
      // Plain text: no HTML or Markdown markup (the #Nama_Lengkap format legitimately has underscores).
      expect(entry.answer, entry.id).not.toMatch(/<\/?[a-z]|\*\*|`|\]\(/i);
    }
  });

  test("every selection phase has at least one entry, so any stage of the process can be named", () => {
    const phases = new Set(data.faq.map((entry) => entry.phase));
    for (const phase of ["pendaftaran", "seleksi_administrasi", "sanggah", "skd", "skb", "pemberkasan"]) {
      expect(phases.has(phase as never), phase).toBe(true);
    }
  });

  test("the slang map has every group of DOMAIN.md §6 and the honorifics", () => {
    expect(Object.keys(data.slang.groups).sort()).toEqual(
      ["domain", "english", "function", "misc", "negation", "pronoun", "question", "regional", "time"].sort(),
    );
    expect(data.slang.honorifics).toEqual(
      expect.arrayContaining(["kak", "gan", "sis", "bro", "pak", "bu", "min"]),
    );
  });
});

describe("validation", () => {
  test("rejects a broken entry, naming the file, the entry and the field", () => {
    const broken = rawFaq();
    broken[3] = { ...broken[3], phase: "ujian", answer: "" };
    expect(() => parseEntries(broken)).toThrow(FaqDataError);
    expect(() => parseEntries(broken)).toThrow(
      /^faq\.json: entry 3 \("akun-tahun-lalu"\): answer: .*phase: /,
    );
  });

  test("rejects an unknown category id and a non-official link", () => {
    const entries = rawFaq();
    expect(() => parseEntries([{ ...entries[0], categoryId: "reset_pw" }])).toThrow(/entry 0 .*categoryId/);
    expect(() => parseEntries([{ ...entries[0], link: "https://sscasn-bkn.com" }])).toThrow(/link/);
  });

  test("rejects duplicate ids and dangling related ids", () => {
    const entries = rawFaq();
    expect(() => parseEntries([entries[0], entries[0]])).toThrow(/duplicate id "apa-itu-sscasn"/);
    expect(() => parseEntries([{ ...entries[0], related: ["tidak-ada"] }])).toThrow(
      /entry "apa-itu-sscasn": related id "tidak-ada" does not exist/,
    );
  });

  test("rejects intents missing a category and slang with a malformed key", () => {
    const { cek_status: _dropped, ...intents } = data.intents;
    expect(() => parseIntents(intents, data.categoryIds)).toThrow(/^intents\.json: cek_status/);
    expect(() => parseIntents({ ...intents, "Cek-Status": data.intents.cek_status })).toThrow(
      /^intents\.json: Cek-Status: /,
    );
    const slang = { ...data.slang, phrases: { "Kartu-Keluarga": "kk" } };
    expect(() => parseSlang(slang)).toThrow(/^slang\.json: phrases/);
  });

  test("a data directory with invalid JSON fails with the file name", () => {
    const dir = mkdtempSync(join(tmpdir(), "faq-data-"));
    for (const name of ["faq.json", "intents.json", "slang.json"]) {
      writeFileSync(join(dir, name), readFileSync(new URL(name, dataDir)));
    }
    writeFileSync(join(dir, "intents.json"), "{ not json");
    expect(() => loadFaqData({ dataDir: pathToFileURL(`${dir}/`) })).toThrow(/^intents\.json: invalid JSON/);
  });
});

describe("categories", () => {
  test("without a list from the caller, they are the ones intents.json has examples for", () => {
    expect(data.categoryIds).toEqual(Object.keys(data.intents));
    expect(data.categoryIds).toContain("reset_password");
  });

  test("given by the caller, they are kept in the caller's order", () => {
    const reversed = [...data.categoryIds].reverse();
    expect(loadFaqData({ categoryIds: reversed }).categoryIds).toEqual(reversed);
  });

  test("intents.json must have examples for exactly the caller's categories", () => {
    expect(() => loadFaqData({ categoryIds: [...data.categoryIds, "cek_formasi"] })).toThrow(
      /^intents\.json: cek_formasi/,
    );
    expect(() => loadFaqData({ categoryIds: data.categoryIds.filter((id) => id !== "cek_status") })).toThrow(
      /^intents\.json: \(root\): Unrecognized key: "cek_status"/,
    );
  });

  test("a FAQ entry may only point to one of the caller's categories", () => {
    const withoutReset = data.categoryIds.filter((id) => id !== "reset_password");
    expect(() => parseFaqEntries(rawFaq(), withoutReset)).toThrow(/categoryId/);
  });
});
