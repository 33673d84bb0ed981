import {
  type CalendarDate,
  calendarDateOf,
  compareDates,
  expandTwoDigitYear,
  fromIsoDate,
  isRealDate,
  toDisplayDate,
  toIsoDate,
  yearsBetween,
} from "./calendar.ts";
import { monthFromWord, monthNameId } from "./month-names.ts";
import { dateMessages } from "./validation.messages.ts";
import { invalid, type Validation, valid } from "./validation-result.ts";

/** Dates before this year are taken as typing mistakes. */
export const MIN_YEAR = 1900;
/** Below this age nobody can be an applicant, so the birth date is surely mistyped. */
export const MIN_APPLICANT_AGE = 15;

const NUMBER = /^\d+$/u;
const WORD = /^\p{L}+$/u;

type Fields = { day: string; month: string | number; year: string };
type Parsed = { ok: true; fields: Fields } | { ok: false; message: string };

/**
 * Reads a date the way applicants type it: day-month-year with "-", "/", "." or spaces, a month number or an
 * Indonesian/English month name (full or short), "1995-08-17", or "August 17, 1995". Returns ISO YYYY-MM-DD.
 * Refuses dates that do not exist, lie in the future, or fall before 1900.
 */
export function parseDate(input: string, today: Date): Validation<string> {
  const tokens = input
    .trim()
    .split(/[\s\-\u2010-\u2015/.,]+/u)
    .filter((token) => token !== "");
  if (tokens.length === 0) return invalid(dateMessages.empty());

  const parsed = splitFields(tokens);
  if (!parsed.ok) return invalid(parsed.message);
  const { day, month, year } = parsed.fields;
  if (day.length > 2 || (typeof month === "string" && month.length > 2)) {
    return invalid(dateMessages.unrecognized());
  }
  if (year.length !== 2 && year.length !== 4) return invalid(dateMessages.unrecognized());

  const now = calendarDateOf(today);
  const date: CalendarDate = {
    day: Number(day),
    month: Number(month),
    year: year.length === 2 ? expandTwoDigitYear(Number(year), now.year) : Number(year),
  };
  if (date.month < 1 || date.month > 12) return invalid(dateMessages.monthOutOfRange(date.month));
  if (!isRealDate(date))
    return invalid(dateMessages.notOnCalendar(date.day, monthNameId(date.month), date.year));
  if (date.year < MIN_YEAR) return invalid(dateMessages.beforeMinYear(date.year, MIN_YEAR));
  if (compareDates(date, now) > 0) return invalid(dateMessages.inFuture(toDisplayDate(date)));
  return valid(toIsoDate(date));
}

/** A birth date: parseDate plus "old enough to be an applicant". */
export function validateBirthDate(input: string, today: Date): Validation<string> {
  const parsed = parseDate(input, today);
  if (!parsed.ok) return parsed;
  const birth = fromIsoDate(parsed.value);
  if (birth && yearsBetween(birth, calendarDateOf(today)) < MIN_APPLICANT_AGE) {
    return invalid(dateMessages.tooYoung(toDisplayDate(birth), MIN_APPLICANT_AGE));
  }
  return parsed;
}

/** Decides which token is day, month and year. */
function splitFields(tokens: readonly string[]): Parsed {
  const [first, second, third] = tokens;
  if (tokens.length !== 3 || first === undefined || second === undefined || third === undefined) {
    return { ok: false, message: dateMessages.unrecognized() };
  }
  if (NUMBER.test(first) && NUMBER.test(second) && NUMBER.test(third)) {
    // A four-digit first number can only be a year: ISO order.
    return first.length === 4
      ? { ok: true, fields: { year: first, month: second, day: third } }
      : { ok: true, fields: { day: first, month: second, year: third } };
  }
  if (NUMBER.test(first) && WORD.test(second) && NUMBER.test(third)) {
    return withMonthWord(second, { day: first, year: third });
  }
  // English order: "August 17, 1995".
  if (WORD.test(first) && NUMBER.test(second) && NUMBER.test(third)) {
    return withMonthWord(first, { day: second, year: third });
  }
  return { ok: false, message: dateMessages.unrecognized() };
}

function withMonthWord(word: string, rest: { day: string; year: string }): Parsed {
  const month = monthFromWord(word);
  if (month === undefined) return { ok: false, message: dateMessages.unknownMonthName(word) };
  return { ok: true, fields: { ...rest, month } };
}
