import { describe, expect, test } from "vitest";
import { createTypoCorrector } from "../../faq/typo-corrector.ts";

const corrector = createTypoCorrector([
  "captcha",
  "akreditasi",
  "password",
  "transkrip",
  "reset",
  "dapodik",
  "kandung",
  "status",
]);

describe("createTypoCorrector (fuse.js over buckets of the vocabulary)", () => {
  test("fixes one typo in a 6-letter word: a letter missing, extra or wrong", () => {
    expect(corrector.correct("dapodk")?.term).toBe("dapodik");
    expect(corrector.correct("statuss")?.term).toBe("status");
    expect(corrector.correct("stetus")?.term).toBe("status");
  });

  test("fixes two typos from 7 letters, so a swap of neighbours too", () => {
    expect(corrector.correct("catpcha")?.term).toBe("captcha");
    expect(corrector.correct("pasword")?.term).toBe("password");
    expect(corrector.correct("akreditsi")?.term).toBe("akreditasi");
    expect(corrector.correct("akreeditsi")?.term).toBe("akreditasi");
  });

  test("a swap in a 6-letter word is two typos, more than its one", () => {
    expect(corrector.correct("sattus")).toBeNull();
  });

  test("keeps the first letter: a real word one letter from a vocabulary word is left alone", () => {
    expect(corrector.correct("bandung")).toBeNull();
    expect(corrector.correct("xassword")).toBeNull();
  });

  test("a word contained in a vocabulary word is not taken for it without counting the missing letters", () => {
    // Bitap alone finds "passwor" inside "password" without an error; the check the other way counts one.
    const shorter = corrector.correct("passwor")!;
    expect(shorter.term).toBe("password");
    expect(shorter.similarity).toBeCloseTo((1 - 1 / 8) ** 2);
  });

  test("leaves short words, codes and words too far away alone", () => {
    expect(corrector.correct("resep")).toBeNull();
    expect(corrector.correct("thk2ab")).toBeNull();
    expect(corrector.correct("pasfoto")).toBeNull();
    expect(corrector.correct("netflix")).toBeNull();
  });

  test("similarity falls with the share of the word that was wrong", () => {
    const one = corrector.correct("pasword")!;
    const two = corrector.correct("akreeditsi")!;
    expect(one.similarity).toBeCloseTo((1 - 1 / 8) ** 2);
    expect(two.similarity).toBeCloseTo((1 - 2 / 10) ** 2);
    expect(two.similarity).toBeLessThan(one.similarity);
  });

  test("answers a repeated word from its memo with the same result", () => {
    const first = corrector.correct("transkirp");
    expect(first?.term).toBe("transkrip");
    expect(corrector.correct("transkirp")).toBe(first);
  });

  test("a word longer than Bitap's 32-character pattern limit is simply not corrected", () => {
    expect(corrector.correct("p".repeat(40))).toBeNull();
  });
});
