import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type NikInfo, validateNik } from "../../../flows/validation/nik.validator.ts";
import { compareNikWithBirthDate } from "../../../flows/validation/nik-birth-date.check.ts";
import { buildNik, type NikParts, validNikArbitrary } from "./id-number.fixtures.ts";

const infoOf = (parts: NikParts): NikInfo => {
  const result = validateNik(buildNik(parts));
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

describe("compareNikWithBirthDate", () => {
  it("matches when day, month and two-digit year agree", () => {
    expect(compareNikWithBirthDate(infoOf({ day: 17, month: 8, yearTwoDigits: 95 }), "1995-08-17")).toEqual({
      matches: true,
    });
  });

  it("takes the woman's day + 40 into account", () => {
    expect(
      compareNikWithBirthDate(infoOf({ day: 5, month: 1, yearTwoDigits: 2, female: true }), "2002-01-05"),
    ).toEqual({
      matches: true,
    });
  });

  it("also copes with a raw encoded day (41..71) in hand-built NikInfo", () => {
    const raw: NikInfo = { ...infoOf({ day: 5, month: 1, yearTwoDigits: 2, female: true }), birthDay: 45 };
    expect(compareNikWithBirthDate(raw, "2002-01-05")).toEqual({ matches: true });
  });

  it("reports both dates for display when they differ", () => {
    expect(compareNikWithBirthDate(infoOf({ day: 17, month: 8, yearTwoDigits: 95 }), "1995-08-18")).toEqual({
      matches: false,
      nikDate: "17-08-1995",
      givenDate: "18-08-1995",
    });
    expect(
      compareNikWithBirthDate(infoOf({ day: 7, month: 3, yearTwoDigits: 96, female: true }), "1995-03-07"),
    ).toEqual({
      matches: false,
      nikDate: "07-03-1996",
      givenDate: "07-03-1995",
    });
  });

  it("only compares the last two year digits, and shows the NIK's century closest to the given year", () => {
    expect(compareNikWithBirthDate(infoOf({ yearTwoDigits: 0, day: 1, month: 1 }), "1900-01-01")).toEqual({
      matches: true,
    });
    expect(compareNikWithBirthDate(infoOf({ yearTwoDigits: 99, day: 1, month: 1 }), "2001-01-01")).toEqual({
      matches: false,
      nikDate: "01-01-1999",
      givenDate: "01-01-2001",
    });
    expect(compareNikWithBirthDate(infoOf({ yearTwoDigits: 1, day: 1, month: 1 }), "1999-01-01")).toEqual({
      matches: false,
      nikDate: "01-01-2001",
      givenDate: "01-01-1999",
    });
  });

  it("property: a NIK always matches its own birth date", () => {
    fc.assert(
      fc.property(validNikArbitrary, fc.constantFrom(1900, 2000), ({ nik, parts }, century) => {
        const result = validateNik(nik);
        if (!result.ok) throw new Error(result.message);
        const year = century + parts.yearTwoDigits;
        // 29 Feb of 1900 does not exist; the NIK allows it because 2000 does.
        fc.pre(!(parts.month === 2 && parts.day === 29 && year === 1900));
        const iso = `${year}-${String(parts.month).padStart(2, "0")}-${String(parts.day).padStart(2, "0")}`;
        expect(compareNikWithBirthDate(result.value, iso)).toEqual({ matches: true });
      }),
    );
  });
});
