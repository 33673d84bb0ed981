import { daysInMonth } from "./calendar.ts";
import { checkIdNumberShape } from "./id-number.ts";
import { monthNameId } from "./month-names.ts";
import { provinceName } from "./provinces.ts";
import { nikMessages } from "./validation.messages.ts";
import { invalid, type Validation, valid } from "./validation-result.ts";

export { normalizeIdNumber } from "./id-number.ts";

/** What a valid NIK tells about its holder. `birthDay` is the real calendar day (the +40 already removed). */
export type NikInfo = {
  nik: string;
  provinceCode: string;
  provinceName: string;
  gender: "L" | "P";
  birthDay: number;
  birthMonth: number;
  birthYearTwoDigits: number;
};

const FEMALE_DAY_OFFSET = 40;

/** Validates a NIK (PP KK CC DDMMYY SSSS) as typed by the applicant; see DOMAIN.md §4. */
export function validateNik(input: string): Validation<NikInfo> {
  const shape = checkIdNumberShape(input, "nik");
  if (!shape.ok) return shape;
  const nik = shape.value;

  const rawDay = nik.slice(6, 8);
  const rawMonth = nik.slice(8, 10);
  const month = Number(rawMonth);
  if (month < 1 || month > 12) return invalid(nikMessages.invalidMonth(rawMonth));

  const encodedDay = Number(rawDay);
  const gender = encodedDay > FEMALE_DAY_OFFSET ? "P" : "L";
  const day = gender === "P" ? encodedDay - FEMALE_DAY_OFFSET : encodedDay;
  if (day < 1 || day > 31) return invalid(nikMessages.invalidDay(rawDay));

  const yearTwoDigits = Number(nik.slice(10, 12));
  // The century is unknown, so accept the day if it exists in 19YY or 20YY (29 Feb 1900 does not, 2000 does).
  const maxDay = Math.max(daysInMonth(1900 + yearTwoDigits, month), daysInMonth(2000 + yearTwoDigits, month));
  if (day > maxDay) return invalid(nikMessages.dayNotInMonth(day, monthNameId(month)));

  const provinceCode = nik.slice(0, 2);
  return valid({
    nik,
    provinceCode,
    provinceName: provinceName(provinceCode) ?? "",
    gender,
    birthDay: day,
    birthMonth: month,
    birthYearTwoDigits: yearTwoDigits,
  });
}
