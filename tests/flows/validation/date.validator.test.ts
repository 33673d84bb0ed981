import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDate, validateBirthDate } from "../../../flows/validation/date.validator.ts";
import { dateMessages } from "../../../flows/validation/validation.messages.ts";

const today = new Date(2025, 5, 15); // 15 June 2025

const messageOf = (input: string) => {
  const result = parseDate(input, today);
  if (result.ok) throw new Error(`expected ${input} to be refused`);
  return result.message;
};

describe("parseDate", () => {
  it.each([
    "17-08-1995",
    "17/8/95",
    "17.08.1995",
    "17 8 1995",
    "17 Agustus 1995",
    "17 agustus 1995",
    "17 agt 1995",
    "17 Agt. 1995",
    "17-Ags-1995",
    "17 agu 1995",
    "17 AGUSTUS 1995",
    "1995-08-17",
    "1995/8/17",
    "17 August 1995",
    "17-Aug-95",
    "August 17, 1995",
    "  17   -  08 -   1995  ",
    "17 - 8 - 1995",
    "17–08–1995",
  ])("reads %j as 1995-08-17", (input) => {
    expect(parseDate(input, today)).toEqual({ ok: true, value: "1995-08-17" });
  });

  it.each([
    ["1 Januari 2000", "2000-01-01"],
    ["5 Pebruari 1980", "1980-02-05"],
    ["9 Mar 1990", "1990-03-09"],
    ["30 apr 1991", "1991-04-30"],
    ["2 Mei 1992", "1992-05-02"],
    ["3 May 1992", "1992-05-03"],
    ["4 Jun 1993", "1993-06-04"],
    ["5 juli 1994", "1994-07-05"],
    ["6 sept 1995", "1995-09-06"],
    ["7 Okt 1996", "1996-10-07"],
    ["8 October 1996", "1996-10-08"],
    ["9 Nopember 1997", "1997-11-09"],
    ["10 Des 1998", "1998-12-10"],
    ["11 dec 1998", "1998-12-11"],
  ])("reads month names: %j", (input, iso) => {
    expect(parseDate(input, today)).toEqual({ ok: true, value: iso });
  });

  it("expands two-digit years: 20YY unless that year is still to come", () => {
    expect(parseDate("17-08-05", today)).toEqual({ ok: true, value: "2005-08-17" });
    expect(parseDate("01-01-25", today)).toEqual({ ok: true, value: "2025-01-01" });
    expect(parseDate("17-08-26", today)).toEqual({ ok: true, value: "1926-08-17" });
    expect(parseDate("17-08-99", today)).toEqual({ ok: true, value: "1999-08-17" });
    expect(parseDate("17-08-00", today)).toEqual({ ok: true, value: "2000-08-17" });
  });

  it("refuses empty input with an example", () => {
    expect(messageOf("  ")).toBe(dateMessages.empty());
    expect(messageOf("")).toContain("17-08-1995");
  });

  it.each([
    "kemarin",
    "17",
    "17-08",
    "17081995",
    "17-08-1995-01",
    "17-008-1995",
    "17-08-995",
    "17-08-19955",
    "17agt1995",
  ])("refuses unrecognised %j with an example of the format", (input) => {
    expect(messageOf(input)).toBe(dateMessages.unrecognized());
    expect(messageOf(input)).toContain("17-08-1995");
  });

  it("names an unknown month word", () => {
    expect(messageOf("17 Agustos 1995")).toBe(dateMessages.unknownMonthName("Agustos"));
  });

  it("hints at the day-month-year order when the month is above 12", () => {
    expect(messageOf("08-17-1995")).toBe(dateMessages.monthOutOfRange(17));
    expect(messageOf("17-00-1995")).toBe(dateMessages.monthOutOfRange(0));
  });

  it.each([
    ["31-02-1995", 31, "Februari", 1995],
    ["29-02-2023", 29, "Februari", 2023],
    ["29-02-1900", 29, "Februari", 1900],
    ["31-04-1995", 31, "April", 1995],
    ["00-01-1995", 0, "Januari", 1995],
    ["32 Januari 1995", 32, "Januari", 1995],
  ])("refuses impossible %s", (input, day, month, year) => {
    expect(messageOf(input)).toBe(dateMessages.notOnCalendar(day, month, year));
  });

  it("accepts 29 February in leap years", () => {
    expect(parseDate("29-02-2000", today)).toEqual({ ok: true, value: "2000-02-29" });
    expect(parseDate("29 Feb 1996", today)).toEqual({ ok: true, value: "1996-02-29" });
  });

  it("refuses future dates and accepts today", () => {
    expect(messageOf("16-06-2025")).toBe(dateMessages.inFuture("16-06-2025"));
    expect(messageOf("01-01-2030")).toBe(dateMessages.inFuture("01-01-2030"));
    expect(parseDate("15-06-2025", today)).toEqual({ ok: true, value: "2025-06-15" });
  });

  it("refuses dates before 1900", () => {
    expect(messageOf("31-12-1899")).toBe(dateMessages.beforeMinYear(1899, 1900));
    expect(parseDate("01-01-1900", today)).toEqual({ ok: true, value: "1900-01-01" });
  });

  describe("property: every real date round-trips through each accepted format", () => {
    const pad = (n: number) => String(n).padStart(2, "0");
    const ids = [
      "Januari",
      "Februari",
      "Maret",
      "April",
      "Mei",
      "Juni",
      "Juli",
      "Agustus",
      "September",
      "Oktober",
      "November",
      "Desember",
    ];
    const en = [
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December",
    ];
    type Parts = { y: number; m: number; d: number };
    const fourDigitFormats: Record<string, (p: Parts) => string> = {
      dashes: ({ y, m, d }) => `${pad(d)}-${pad(m)}-${y}`,
      slashesUnpadded: ({ y, m, d }) => `${d}/${m}/${y}`,
      dots: ({ y, m, d }) => `${pad(d)}.${pad(m)}.${y}`,
      spaces: ({ y, m, d }) => `${d} ${m} ${y}`,
      indonesianName: ({ y, m, d }) => `${d} ${ids[m - 1]} ${y}`,
      shortName: ({ y, m, d }) => `${pad(d)}-${ids[m - 1]?.slice(0, 3)}-${y}`,
      englishName: ({ y, m, d }) => `${d} ${en[m - 1]} ${y}`,
      englishOrder: ({ y, m, d }) => `${en[m - 1]} ${d}, ${y}`,
      iso: ({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`,
    };
    const twoDigitFormats: Record<string, (p: Parts) => string> = {
      slashesShortYear: ({ y, m, d }) => `${d}/${m}/${pad(y % 100)}`,
      englishShortYear: ({ y, m, d }) => `${pad(d)}-${en[m - 1]?.slice(0, 3)}-${pad(y % 100)}`,
    };
    const dateBetween = (from: Date, to: Date) =>
      fc.date({ min: from, max: to, noInvalidDate: true }).map((date) => ({
        y: date.getUTCFullYear(),
        m: date.getUTCMonth() + 1,
        d: date.getUTCDate(),
      }));
    const iso = ({ y, m, d }: Parts) => `${y}-${pad(m)}-${pad(d)}`;

    it.each(Object.entries(fourDigitFormats))("%s", (_name, format) => {
      fc.assert(
        fc.property(dateBetween(new Date(Date.UTC(1900, 0, 1)), new Date(Date.UTC(2025, 5, 15))), (parts) => {
          expect(parseDate(format(parts), today)).toEqual({ ok: true, value: iso(parts) });
        }),
      );
    });

    // Two-digit years can only name the hundred years ending this year.
    it.each(Object.entries(twoDigitFormats))("%s", (_name, format) => {
      fc.assert(
        fc.property(dateBetween(new Date(Date.UTC(1926, 0, 1)), new Date(Date.UTC(2025, 5, 15))), (parts) => {
          expect(parseDate(format(parts), today)).toEqual({ ok: true, value: iso(parts) });
        }),
      );
    });
  });
});

describe("validateBirthDate", () => {
  it("accepts an adult's birth date", () => {
    expect(validateBirthDate("17 Agustus 1995", today)).toEqual({ ok: true, value: "1995-08-17" });
  });

  it("accepts someone who turns 15 today and refuses someone a day younger", () => {
    expect(validateBirthDate("15-06-2010", today)).toEqual({ ok: true, value: "2010-06-15" });
    const result = validateBirthDate("16-06-2010", today);
    expect(result).toEqual({ ok: false, message: dateMessages.tooYoung("16-06-2010", 15) });
    expect(result.ok || result.message).toContain("belum 15 tahun");
  });

  it("keeps parseDate's refusals", () => {
    expect(validateBirthDate("31-02-1995", today)).toEqual({
      ok: false,
      message: dateMessages.notOnCalendar(31, "Februari", 1995),
    });
    expect(validateBirthDate("01-01-2030", today).ok).toBe(false);
  });
});
