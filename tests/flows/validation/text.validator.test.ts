import { describe, expect, it } from "vitest";
import {
  validateAgency,
  validateLongText,
  validateName,
  validatePlace,
  validateShortAnswer,
} from "../../../flows/validation/text.validator.ts";
import {
  agencyMessages,
  longTextMessages,
  nameMessages,
  placeMessages,
  shortAnswerMessages,
} from "../../../flows/validation/validation.messages.ts";

describe("validateName", () => {
  it.each([
    ["  Siti   Nurhaliza ", "Siti Nurhaliza"],
    ["Muh. Rizky, S.Pd.", "Muh. Rizky, S.Pd."],
    ["Ni Luh Putu Ayu-Dewi", "Ni Luh Putu Ayu-Dewi"],
    ["Andi Ma’ruf", "Andi Ma'ruf"],
    ["José Ramírez", "José Ramírez"],
    ["Jose\u0301", "José"],
    ["Al", "Al"],
    ["A".repeat(100), "A".repeat(100)],
  ])("accepts %j and returns the cleaned %j", (input, cleaned) => {
    expect(validateName(input)).toEqual({ ok: true, value: cleaned });
  });

  it("refuses empty input with a 'belum diisi' message", () => {
    expect(validateName(" \n ")).toEqual({ ok: false, message: nameMessages.empty() });
    expect(nameMessages.empty()).toContain("belum diisi");
  });

  it("refuses too short and too long names", () => {
    expect(validateName("A")).toEqual({ ok: false, message: nameMessages.tooShort(2) });
    expect(validateName("A".repeat(101))).toEqual({ ok: false, message: nameMessages.tooLong(101, 100) });
  });

  it("refuses digits and symbols, naming the symbol", () => {
    expect(validateName("Budi 2")).toEqual({ ok: false, message: nameMessages.hasDigits() });
    expect(validateName("Budi_Santoso")).toEqual({
      ok: false,
      message: nameMessages.invalidCharacter('karakter "_"'),
    });
    expect(validateName("Budi @ Santoso")).toEqual({
      ok: false,
      message: nameMessages.invalidCharacter('karakter "@"'),
    });
    expect(validateName("Budi 😀")).toEqual({
      ok: false,
      message: nameMessages.invalidCharacter('karakter "😀"'),
    });
  });

  it("refuses punctuation without letters", () => {
    expect(validateName(".-")).toEqual({ ok: false, message: nameMessages.noLetters() });
  });
});

describe("validatePlace", () => {
  it.each([
    ["Surakarta", "Surakarta"],
    [" Kab.  Bandung ", "Kab. Bandung"],
    ["Kota Baru (Jambi)", "Kota Baru (Jambi)"],
    ["Pangkal Pinang/Bangka", "Pangkal Pinang/Bangka"],
    ["Kuala Lumpur, Malaysia", "Kuala Lumpur, Malaysia"],
    ["Bau-Bau", "Bau-Bau"],
    ["Ba", "Ba"],
    ["A".repeat(60), "A".repeat(60)],
  ])("accepts %j", (input, cleaned) => {
    expect(validatePlace(input)).toEqual({ ok: true, value: cleaned });
  });

  it("refuses empty, short, long, digits, symbols and letterless input", () => {
    expect(validatePlace("")).toEqual({ ok: false, message: placeMessages.empty() });
    expect(validatePlace("B")).toEqual({ ok: false, message: placeMessages.tooShort(2) });
    expect(validatePlace("A".repeat(61))).toEqual({ ok: false, message: placeMessages.tooLong(61, 60) });
    expect(validatePlace("12345")).toEqual({ ok: false, message: placeMessages.hasDigits() });
    expect(validatePlace("Bandung 2")).toEqual({ ok: false, message: placeMessages.hasDigits() });
    expect(validatePlace("Bandung!")).toEqual({
      ok: false,
      message: placeMessages.invalidCharacter('karakter "!"'),
    });
    expect(validatePlace("()")).toEqual({ ok: false, message: placeMessages.noLetters() });
  });
});

describe("validateAgency", () => {
  it("accepts names with digits and cleans spaces", () => {
    expect(validateAgency("  SMA  Negeri 1 Sleman ")).toEqual({ ok: true, value: "SMA Negeri 1 Sleman" });
    expect(validateAgency("BKN")).toEqual({ ok: true, value: "BKN" });
    expect(validateAgency("A".repeat(150)).ok).toBe(true);
  });

  it("refuses empty, too short, too long and letterless input", () => {
    expect(validateAgency(" ")).toEqual({ ok: false, message: agencyMessages.empty() });
    expect(validateAgency("PU")).toEqual({ ok: false, message: agencyMessages.tooShort(3) });
    expect(validateAgency("A".repeat(151))).toEqual({ ok: false, message: agencyMessages.tooLong(151, 150) });
    expect(validateAgency("123")).toEqual({ ok: false, message: agencyMessages.noLetters() });
  });
});

describe("validateLongText", () => {
  const options = { maxLength: 500, fieldLabel: "Kronologi" };

  it("accepts exactly 500 characters and keeps line breaks", () => {
    expect(validateLongText("a".repeat(500), options)).toEqual({ ok: true, value: "a".repeat(500) });
    expect(validateLongText("  baris 1\r\nbaris 2  ", options)).toEqual({
      ok: true,
      value: "baris 1\nbaris 2",
    });
  });

  it("counts an emoji or accented letter as one character", () => {
    expect(validateLongText(`${"é".repeat(499)}😀`, options).ok).toBe(true);
  });

  it("refuses 501 characters, saying the count and the limit", () => {
    const result = validateLongText("a".repeat(501), options);
    expect(result).toEqual({ ok: false, message: longTextMessages.tooLong("Kronologi", "501", "500", "1") });
    expect(result.ok || result.message).toContain("Teks Anda 501 karakter, maksimal 500");
  });

  it("formats large counts with the Indonesian thousands separator", () => {
    const result = validateLongText("x".repeat(10_000), options);
    expect(result.ok || result.message).toContain("Teks Anda 10.000 karakter, maksimal 500 karakter");
    expect(result.ok || result.message).toContain("9.500");
  });

  it("defaults to 500 and honours another limit", () => {
    expect(validateLongText("a".repeat(501), { fieldLabel: "Isi pengaduan" }).ok).toBe(false);
    expect(validateLongText("a".repeat(2000), { maxLength: 2000, fieldLabel: "Isi" }).ok).toBe(true);
    const result = validateLongText("a".repeat(2001), { maxLength: 2000, fieldLabel: "Isi" });
    expect(result.ok || result.message).toContain("maksimal 2.000");
  });

  it("refuses whitespace-only input as not filled in", () => {
    expect(validateLongText(" \n\t ", options)).toEqual({
      ok: false,
      message: longTextMessages.empty("Kronologi", "500"),
    });
    expect(longTextMessages.empty("Kronologi", "500")).toContain("Kronologi belum diisi");
  });
});

describe("validateShortAnswer", () => {
  it("accepts 1..200 characters, trimmed but otherwise as typed", () => {
    expect(validateShortAnswer(" x ", "Jawaban pengaman")).toEqual({ ok: true, value: "x" });
    expect(validateShortAnswer("Kucing  Oren", "Jawaban pengaman")).toEqual({
      ok: true,
      value: "Kucing  Oren",
    });
    expect(validateShortAnswer("a".repeat(200), "Jawaban pengaman").ok).toBe(true);
  });

  it("refuses empty and over-long answers, naming the field", () => {
    expect(validateShortAnswer("  ", "Jawaban pengaman")).toEqual({
      ok: false,
      message: shortAnswerMessages.empty("Jawaban pengaman"),
    });
    expect(shortAnswerMessages.empty("Jawaban pengaman")).toContain("Jawaban pengaman belum diisi");
    expect(validateShortAnswer("a".repeat(201), "Data yang berbeda")).toEqual({
      ok: false,
      message: shortAnswerMessages.tooLong("Data yang berbeda", 201, 200),
    });
  });
});
