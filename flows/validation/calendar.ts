/** A calendar date without time or time zone; month is 1..12. */
export type CalendarDate = { year: number; month: number; day: number };

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  const days = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return days[month - 1] ?? 0;
}

export function isRealDate({ year, month, day }: CalendarDate): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * The calendar day of `today` in the process time zone (production should run with TZ=Asia/Jakarta),
 * so "today" means the applicant's today, not UTC's.
 */
export function calendarDateOf(today: Date): CalendarDate {
  return { year: today.getFullYear(), month: today.getMonth() + 1, day: today.getDate() };
}

/** Negative when a is before b, 0 when equal, positive when after. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Full years between birth and on (the usual "age on a day" rule). */
export function yearsBetween(birth: CalendarDate, on: CalendarDate): number {
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

/** Two-digit years: 20YY unless that year is still to come, then 19YY. */
export function expandTwoDigitYear(twoDigits: number, currentYear: number): number {
  const in2000s = 2000 + twoDigits;
  return in2000s <= currentYear ? in2000s : 1900 + twoDigits;
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

/** ISO "YYYY-MM-DD". */
export function toIsoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

/** Display form used in messages, e.g. "17-08-1995". */
export function toDisplayDate({ year, month, day }: CalendarDate): string {
  return `${pad2(day)}-${pad2(month)}-${String(year).padStart(4, "0")}`;
}

/** Parses a strict ISO "YYYY-MM-DD" produced by this module; undefined when malformed or not a real date. */
export function fromIsoDate(iso: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isRealDate(date) ? date : undefined;
}
