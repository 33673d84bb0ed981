import { describe, expect, test } from "vitest";
import { createTypoCorrector, osaDistance } from "../../faq/typo-corrector.ts";

const corrector = createTypoCorrector(["captcha", "akreditasi", "password", "transkrip", "reset", "dapodik"]);

describe("createTypoCorrector", () => {
  test("fixes one typo in a word of 6-8 letters, swapped neighbours included", () => {
    expect(corrector.correct("pasword")?.term).toBe("password");
    expect(corrector.correct("catpcha")?.term).toBe("captcha");
    expect(corrector.correct("dapodk")?.term).toBe("dapodik");
  });

  test("fixes two typos in a longer word", () => {
    expect(corrector.correct("akreditsi")?.term).toBe("akreditasi");
    expect(corrector.correct("akreeditsi")?.term).toBe("akreditasi");
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
    expect(one.similarity).toBeGreaterThan(0.6);
    expect(one.similarity).toBeLessThan(1);
    expect(two.similarity).toBeLessThan(one.similarity);
  });

  test("optimal string alignment distance", () => {
    expect(osaDistance("captcha", "catpcha", 2)).toBe(1);
    expect(osaDistance("kitten", "sitting", 3)).toBe(3);
    expect(osaDistance("abc", "abcdef", 2)).toBe(3);
  });
});
