import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeIdNumber, validateNik } from "../../../flows/validation/nik.validator.ts";
import { idNumberMessages, nikMessages } from "../../../flows/validation/validation.messages.ts";
import { buildNik, validNikArbitrary } from "./id-number.fixtures.ts";

const messageOf = (input: string) => {
  const result = validateNik(input);
  if (result.ok) throw new Error(`expected ${input} to be refused`);
  return result.message;
};

describe("normalizeIdNumber", () => {
  it("removes spaces, dots and dashes only", () => {
    expect(normalizeIdNumber(" 3201.0517-0895 0001 ")).toBe("3201051708950001");
    expect(normalizeIdNumber("3201\t05\u00a017–08 95")).toBe("320105170895");
    expect(normalizeIdNumber("32O1#05")).toBe("32O1#05");
  });
});

describe("validateNik", () => {
  it("accepts a valid male NIK and reads its fields", () => {
    expect(validateNik("3201051708950001")).toEqual({
      ok: true,
      value: {
        nik: "3201051708950001",
        provinceCode: "32",
        provinceName: "Jawa Barat",
        gender: "L",
        birthDay: 17,
        birthMonth: 8,
        birthYearTwoDigits: 95,
      },
    });
  });

  it("reads a woman's day as day + 40", () => {
    const result = validateNik(buildNik({ day: 17, female: true }));
    expect(result.ok && result.value).toMatchObject({ gender: "P", birthDay: 17 });
    expect(validateNik(buildNik({ day: 1, female: true })).ok).toBe(true);
    expect(validateNik(buildNik({ day: 31, month: 1, female: true })).ok).toBe(true);
  });

  it.each([
    ["3201 0517 0895 0001"],
    ["3201.0517.0895.0001"],
    ["3201-0517-0895-0001"],
    ["  3201051708950001\n"],
  ])("accepts separators in %j", (input) => {
    expect(validateNik(input)).toMatchObject({ ok: true, value: { nik: "3201051708950001" } });
  });

  it("refuses an empty answer", () => {
    expect(messageOf("   ")).toBe(idNumberMessages.empty("nik"));
    expect(messageOf("")).toContain("belum diisi");
  });

  it.each([
    ["320105170895001", 15],
    ["32010517089500011", 17],
    ["3201", 4],
  ])("says how many digits were sent: %s", (input, count) => {
    const message = messageOf(input);
    expect(message).toBe(idNumberMessages.wrongLength("nik", count));
    expect(message).toContain(`${count} digit`);
    expect(message).toContain("16 digit");
  });

  it("says only digits are allowed when letters are sent, naming the character", () => {
    const message = messageOf("32O1051708950001");
    expect(message).toBe(idNumberMessages.notDigits("nik", 'karakter "O"', "0"));
    expect(message).toContain("hanya boleh berisi angka");
    expect(messageOf("NIK 3201051708950001")).toBe(idNumberMessages.notDigits("nik", 'karakter "N"'));
  });

  it.each(["11", "19", "21", "31", "36", "51", "53", "61", "65", "71", "76", "81", "82", "91", "94", "96"])(
    "accepts province boundary %s",
    (province) => {
      expect(validateNik(buildNik({ province })).ok).toBe(true);
    },
  );

  it.each(["10", "20", "22", "37", "50", "54", "60", "66", "70", "77", "80", "83", "90", "97", "99", "00"])(
    "refuses unknown province %s",
    (province) => {
      expect(messageOf(buildNik({ province }))).toBe(idNumberMessages.unknownProvince("nik", province));
    },
  );

  it("refuses kabupaten/kota 00", () => {
    expect(messageOf(buildNik({ regency: "00" }))).toBe(idNumberMessages.zeroRegency("nik"));
  });

  it.each(["00", "13", "99"])("refuses month %s", (month) => {
    const nik = `320105${"17"}${month}950001`;
    expect(messageOf(nik)).toBe(nikMessages.invalidMonth(month));
  });

  it.each(["00", "32", "35", "40", "72", "80", "99"])("refuses encoded day %s", (day) => {
    expect(messageOf(`320105${day}08950001`)).toBe(nikMessages.invalidDay(day));
  });

  it.each([
    [31, 2, false],
    [30, 2, false],
    [31, 4, false],
    [31, 11, true],
  ])("refuses day %i in month %i (female: %s)", (day, month, female) => {
    expect(messageOf(buildNik({ day, month, female }))).toMatch(/tidak ada di kalender/);
  });

  it("names the impossible day in Indonesian", () => {
    expect(messageOf(buildNik({ day: 31, month: 2 }))).toBe(nikMessages.dayNotInMonth(31, "Februari"));
  });

  it("allows 29 February when 19YY or 20YY is a leap year", () => {
    expect(validateNik(buildNik({ day: 29, month: 2, yearTwoDigits: 96 })).ok).toBe(true);
    expect(validateNik(buildNik({ day: 29, month: 2, yearTwoDigits: 0 })).ok).toBe(true); // 2000
    expect(validateNik(buildNik({ day: 29, month: 2, yearTwoDigits: 4, female: true })).ok).toBe(true);
    expect(messageOf(buildNik({ day: 29, month: 2, yearTwoDigits: 95 }))).toBe(
      nikMessages.dayNotInMonth(29, "Februari"),
    );
  });

  it("refuses serial 0000 but accepts 0001 and 9999", () => {
    expect(messageOf(buildNik({ serial: "0000" }))).toBe(idNumberMessages.zeroSerial("nik"));
    expect(validateNik(buildNik({ serial: "0001" })).ok).toBe(true);
    expect(validateNik(buildNik({ serial: "9999" })).ok).toBe(true);
  });

  it("gives every failure its own message", () => {
    const failures = [
      "",
      "320105170895000",
      "32O1051708950001",
      buildNik({ province: "97" }),
      buildNik({ regency: "00" }),
      "3201051713950001",
      "3201053508950001",
      buildNik({ day: 31, month: 2 }),
      buildNik({ serial: "0000" }),
    ].map(messageOf);
    expect(new Set(failures).size).toBe(failures.length);
  });

  it("property: any generated valid NIK is accepted and round-trips its fields", () => {
    fc.assert(
      fc.property(validNikArbitrary, ({ nik, parts }) => {
        const result = validateNik(nik);
        expect(result).toMatchObject({
          ok: true,
          value: {
            nik,
            provinceCode: parts.province,
            gender: parts.female ? "P" : "L",
            birthDay: parts.day,
            birthMonth: parts.month,
            birthYearTwoDigits: parts.yearTwoDigits,
          },
        });
      }),
    );
  });

  it("property: separators sprinkled into a valid NIK do not matter", () => {
    fc.assert(
      fc.property(
        validNikArbitrary,
        fc.array(fc.constantFrom(" ", ".", "-"), { minLength: 16, maxLength: 16 }),
        ({ nik }, separators) => {
          const spaced = [...nik].map((digit, i) => digit + (separators[i] ?? "")).join("");
          expect(validateNik(spaced)).toMatchObject({ ok: true, value: { nik } });
        },
      ),
    );
  });

  it("property: a digit string of any length other than 16 is refused with its length", () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 40 })
          .filter((s) => s.length !== 16),
        (digits) => {
          expect(validateNik(digits)).toEqual({
            ok: false,
            message: idNumberMessages.wrongLength("nik", digits.length),
          });
        },
      ),
    );
  });
});
