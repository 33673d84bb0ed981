import { fromIsoDate, toDisplayDate } from "./calendar.ts";
import type { NikInfo } from "./nik.validator.ts";

export type NikBirthDateComparison =
  | { matches: true }
  | { matches: false; nikDate: string; givenDate: string };

/**
 * Compares the birth date encoded in a NIK with the one the applicant typed (ISO YYYY-MM-DD).
 * A mismatch is a warning, not an error: a NIK never changes when a birth date is later corrected.
 * Dates come back as "17-08-1995" for display.
 */
export function compareNikWithBirthDate(nik: NikInfo, isoBirthDate: string): NikBirthDateComparison {
  // Tolerate a raw encoded day as well (women: day + 40), although validateNik already removes it.
  const nikDay = nik.birthDay > 40 ? nik.birthDay - 40 : nik.birthDay;
  const given = fromIsoDate(isoBirthDate);
  if (
    given &&
    given.day === nikDay &&
    given.month === nik.birthMonth &&
    given.year % 100 === nik.birthYearTwoDigits
  ) {
    return { matches: true };
  }
  // The NIK holds only two year digits: show the century closest to the given year.
  const givenYear = given?.year ?? 2000;
  const candidates = [1900, 2000].map((century) => century + nik.birthYearTwoDigits);
  const nikYear = candidates.reduce((best, year) =>
    Math.abs(year - givenYear) < Math.abs(best - givenYear) ? year : best,
  );
  return {
    matches: false,
    nikDate: toDisplayDate({ year: nikYear, month: nik.birthMonth, day: nikDay }),
    givenDate: given ? toDisplayDate(given) : isoBirthDate,
  };
}
