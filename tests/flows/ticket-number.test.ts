import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  findTicketNumber,
  generateTicketNumber,
  parseTicketNumber,
  scanTicketNumber,
  ticketNumberNeighbours,
} from "../../flows/ticket-number.ts";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

describe("ticket numbers", () => {
  test("look like XXXX-XXXX-XXXX in Crockford base32 and parse back", () => {
    for (let i = 0; i < 200; i++) {
      const number = generateTicketNumber();
      expect(number).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(parseTicketNumber(number)).toEqual({ ok: true, number });
    }
  });

  test("carry at least 40 random bits: no repeats in 20,000 draws, every character used", () => {
    const seen = new Set<string>();
    const characters = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const number = generateTicketNumber();
      seen.add(number);
      for (const c of number.replaceAll("-", "").slice(0, 11)) characters.add(c);
    }
    expect(seen.size).toBe(20_000);
    expect(characters.size).toBe(32);
  });

  test("are read case-insensitively, with spaces or no dashes, and with O/I/L for 0/1", () => {
    const number = generateTicketNumber();
    const raw = number.replaceAll("-", "");
    expect(parseTicketNumber(raw.toLowerCase())).toEqual({ ok: true, number });
    expect(parseTicketNumber(` ${raw.slice(0, 4)} ${raw.slice(4, 8)} ${raw.slice(8)} `)).toEqual({
      ok: true,
      number,
    });
    const withZero = `0000${raw.slice(4, 11)}`;
    const valid = parseTicketNumber(withZero + findCheck(withZero));
    expect(valid.ok).toBe(true);
    expect(parseTicketNumber(`OOOO${raw.slice(4, 11)}${findCheck(withZero)}`)).toEqual(valid);
  });

  test("catch every single mistyped character before any lookup", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 31 }), (position, shift) => {
        const raw = generateTicketNumber().replaceAll("-", "");
        const wrong = ALPHABET[(ALPHABET.indexOf(raw[position]!) + shift) % 32]!;
        const typo = raw.slice(0, position) + wrong + raw.slice(position + 1);
        expect(parseTicketNumber(typo)).toEqual({ ok: false, reason: "check" });
      }),
    );
  });

  test("refuse wrong lengths and characters outside the alphabet", () => {
    expect(parseTicketNumber("ABCD-EFGH")).toEqual({ ok: false, reason: "format" });
    expect(parseTicketNumber("ABCD-EFGH-JKMNP")).toEqual({ ok: false, reason: "format" });
    expect(parseTicketNumber("ABCD-EFGH-JKU#")).toEqual({ ok: false, reason: "format" });
    expect(parseTicketNumber("")).toEqual({ ok: false, reason: "format" });
  });

  test("are found inside a sentence only when valid", () => {
    const number = generateTicketNumber();
    expect(findTicketNumber(`min status tiket ${number.toLowerCase()} gmn ya`)).toBe(number);
    expect(findTicketNumber("nik saya 3201015708950001")).toBeUndefined();
    expect(findTicketNumber("tidak ada nomor")).toBeUndefined();
  });

  test("a same-shaped code with a bad check character is a typo; the neighbours include the real number", () => {
    // Fixed, so that the typo always mixes letters and digits (random numbers rarely lack digits).
    const raw = `K7QM2HXD9RW${findCheck("K7QM2HXD9RW")}`;
    const number = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
    const wrong = ALPHABET[(ALPHABET.indexOf(raw[3]!) + 1) % 32]!;
    const typo = `${raw.slice(0, 3)}${wrong}${raw.slice(4)}`;
    const found = scanTicketNumber(`tiket ${typo.toLowerCase()} ya`);
    expect(found).toMatchObject({ kind: "typo", at: { index: 6, length: 12 } });
    expect(found?.kind === "typo" && found.typed).toBe(
      `${typo.slice(0, 4)}-${typo.slice(4, 8)}-${typo.slice(8)}`,
    );
    expect(ticketNumberNeighbours(typo)).toContain(number);
    expect(scanTicketNumber("saya lupa akun")).toBeUndefined();
    expect(scanTicketNumber("hp 0812-3456-7890")).toBeUndefined();
    expect(scanTicketNumber(`ada ${typo} dan ${number}`)).toMatchObject({ kind: "valid", number });
  });
});

/** The check character that makes `body` valid, found by trying all 32. */
function findCheck(body: string): string {
  for (const c of ALPHABET) if (parseTicketNumber(body + c).ok) return c;
  throw new Error("no check character");
}
