import { describe, expect, test } from "vitest";
import { detectSmallTalk } from "../../faq/small-talk.ts";

describe("detectSmallTalk", () => {
  test.each([
    ["Halooo min", "greeting"],
    ["Assalamualaikum wr wb", "greeting"],
    ["P", "greeting"],
    ["makasih banyak ya kak", "thanks"],
    ["matur nuwun", "thanks"],
    ["okeee siap", "acknowledgement"],
    ["admin?", "human"],
    ["bisa ngobrol sama orang beneran?", "human"],
    ["anjir lemot amat botnya", "complaint"],
    ["lama bgt balesnya", "complaint"],
    ["kamu robot ya?", "bot"],
    ["tolong", "help"],
    ["wkwkwkwk", "laughter"],
  ])("%j is pure %s", (text, kind) => {
    expect(detectSmallTalk(text)).toEqual({ kind, pure: true });
  });

  test("small talk around a question is not pure", () => {
    expect(detectSmallTalk("halo min, nik saya tidak ditemukan")).toEqual({ kind: "greeting", pure: false });
    expect(detectSmallTalk("makasih, terus kapan skd?")?.pure).toBe(false);
  });

  test('a letter glued to digits is a term, not a greeting: "p1" is priority 1, not "p"', () => {
    expect(detectSmallTalk("p1 p2 p3 itu apa")).toBeUndefined();
    expect(detectSmallTalk("p")).toEqual({ kind: "greeting", pure: true });
    expect(detectSmallTalk("halo 2")).toEqual({ kind: "greeting", pure: true });
  });

  test("addressing the admin in a greeting is a greeting, not a request for a person", () => {
    expect(detectSmallTalk("pagi min")?.kind).toBe("greeting");
  });

  test("a message without small talk is undefined", () => {
    expect(detectSmallTalk("nik saya tidak ditemukan")).toBeUndefined();
    expect(detectSmallTalk("🙏🙏")).toBeUndefined();
    expect(detectSmallTalk("")).toBeUndefined();
  });
});
