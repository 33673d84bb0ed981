import { describe, expect, test } from "vitest";
import { MAX_MESSAGE_LENGTH, splitText, toTelegramHtml } from "../../bot/telegram/telegram-text.ts";

describe("rendering the engine's text as Telegram HTML", () => {
  test("*bold* becomes <b>, and everything an applicant could type is escaped", () => {
    expect(toTelegramHtml("Tulis *NIK* Anda")).toBe("Tulis <b>NIK</b> Anda");
    expect(toTelegramHtml("Nama: <b>Budi</b> & <script>")).toBe(
      "Nama: &lt;b&gt;Budi&lt;/b&gt; &amp; &lt;script&gt;",
    );
    expect(toTelegramHtml("*<i>x</i>*")).toBe("<b>&lt;i&gt;x&lt;/i&gt;</b>");
  });

  test("masked numbers and stray asterisks stay as they are", () => {
    expect(toTelegramHtml("NIK: ************0001\nKK: ************0003")).toBe(
      "NIK: ************0001\nKK: ************0003",
    );
    expect(toTelegramHtml("2 * 3 = 6, * bukan tebal *")).toBe("2 * 3 = 6, * bukan tebal *");
    expect(toTelegramHtml("*awal\nakhir*")).toBe("*awal\nakhir*");
  });

  test("tags always come in pairs, whatever the asterisks", () => {
    for (const text of ["***", "*a*b*c*", "a* *b", "**x**", "*a**b*", "* a *b* c*"]) {
      const html = toTelegramHtml(text);
      expect(html.split("<b>").length).toBe(html.split("</b>").length);
    }
  });
});

describe("splitting long texts", () => {
  test("a short text stays whole", () => {
    expect(splitText("halo")).toEqual(["halo"]);
  });

  test("a long text is cut at line breaks into pieces Telegram accepts, losing nothing", () => {
    const lines = Array.from({ length: 400 }, (_, i) => `Baris ${i} ${"x".repeat(20)}`);
    const text = lines.join("\n");
    const pieces = splitText(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(pieces.join("\n")).toBe(text);
    expect(pieces[1]!.startsWith("Baris")).toBe(true);
  });

  test("a single endless line is cut hard", () => {
    const pieces = splitText("y".repeat(9_000));
    expect(pieces.map((p) => p.length)).toEqual([4_000, 4_000, 1_000]);
  });
});
