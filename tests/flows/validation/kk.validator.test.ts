import { describe, expect, it } from "vitest";
import { validateKk } from "../../../flows/validation/kk.validator.ts";
import { idNumberMessages, kkMessages } from "../../../flows/validation/validation.messages.ts";
import { buildKk, buildNik } from "./id-number.fixtures.ts";

const today = new Date(2025, 5, 15); // 15 June 2025

const messageOf = (input: string, nik?: string) => {
  const result = validateKk(input, nik, today);
  if (result.ok) throw new Error(`expected ${input} to be refused`);
  return result.message;
};

describe("validateKk", () => {
  it("accepts a valid KK and returns the normalised digits", () => {
    expect(validateKk("3201-0515-0320-0007", undefined, today)).toEqual({
      ok: true,
      value: "3201051503200007",
    });
    expect(validateKk("3201 0515 0320 0007", buildNik(), today)).toEqual({
      ok: true,
      value: "3201051503200007",
    });
  });

  it("refuses empty, letters and wrong length like the NIK does, but speaks of Nomor KK", () => {
    expect(messageOf(" ")).toBe(idNumberMessages.empty("kk"));
    expect(messageOf("32010515032O0007")).toBe(idNumberMessages.notDigits("kk", 'karakter "O"', "0"));
    expect(messageOf("320105150320000")).toBe(idNumberMessages.wrongLength("kk", 15));
    expect(messageOf("320105150320000")).toContain("Nomor KK");
  });

  it("checks the province (96 valid, 97 and 10 not) and kabupaten/kota 00", () => {
    expect(validateKk(buildKk("960105"), undefined, today).ok).toBe(true);
    expect(messageOf(buildKk("970105"))).toBe(idNumberMessages.unknownProvince("kk", "97"));
    expect(messageOf(buildKk("100105"))).toBe(idNumberMessages.unknownProvince("kk", "10"));
    expect(messageOf(buildKk("320005"))).toBe(idNumberMessages.zeroRegency("kk"));
  });

  it("refuses serial 0000", () => {
    expect(messageOf(buildKk("320105", "150320", "0000"))).toBe(idNumberMessages.zeroSerial("kk"));
  });

  it("refuses a KK equal to the NIK, explaining where the KK number is", () => {
    const nik = buildNik({ day: 15, month: 3, yearTwoDigits: 20 });
    const message = messageOf(nik, nik);
    expect(message).toBe(kkMessages.sameAsNik());
    expect(message).toContain("Nomor KK tidak boleh sama dengan NIK");
    expect(message).toContain("Kartu Keluarga");
  });

  it("compares with the NIK after normalising both", () => {
    const nik = buildNik();
    expect(messageOf(nik.replace(/(\d{4})/g, "$1 "), nik.replace(/(\d{4})/g, "$1."))).toBe(
      kkMessages.sameAsNik(),
    );
  });

  it("explains the mix-up even when the NIK is a woman's (day + 40 is no valid KK date)", () => {
    const nik = buildNik({ female: true });
    expect(messageOf(nik, nik)).toBe(kkMessages.sameAsNik());
    expect(messageOf(nik)).toBe(kkMessages.invalidIssueDate(nik.slice(6, 12)));
  });

  it.each(["570895", "310220", "290223", "001020", "151320", "150020"])(
    "refuses unreal date %s",
    (ddmmyy) => {
      expect(messageOf(buildKk("320105", ddmmyy))).toBe(kkMessages.invalidIssueDate(ddmmyy));
    },
  );

  it("accepts 29 Feb in a leap year and old KKs from the 1900s", () => {
    expect(validateKk(buildKk("320105", "290224"), undefined, today).ok).toBe(true);
    expect(validateKk(buildKk("320105", "010198"), undefined, today).ok).toBe(true); // 1998
    expect(validateKk(buildKk("320105", "010130"), undefined, today).ok).toBe(true); // 2030 is future -> 1930
  });

  it("refuses a registration date later this year, accepts today", () => {
    expect(messageOf(buildKk("320105", "160625"))).toBe(kkMessages.futureIssueDate("16-06-2025"));
    expect(validateKk(buildKk("320105", "150625"), undefined, today).ok).toBe(true);
  });
});
