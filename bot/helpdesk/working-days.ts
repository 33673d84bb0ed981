// Days are counted on the helpdesk's calendar: Indonesia's western time (WIB, UTC+7, no daylight saving).
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The WIB calendar day of an instant, as days since 1970-01-01. */
export const wibDay = (at: Date) => Math.floor((at.getTime() + WIB_OFFSET_MS) / DAY_MS);

/** "2026-12-03" for a day number from wibDay. */
export const dayLabel = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

const isWeekday = (day: number) => {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

/**
 * Working days (Monday to Friday) a ticket has waited: the weekdays after the day it came in, up to and
 * including today. Opened on Friday and still open on Monday: 1. Public holidays are not known here.
 */
export function workingDaysBetween(from: Date, to: Date): number {
  const start = wibDay(from);
  const end = wibDay(to);
  let count = 0;
  for (let day = start + 1; day <= end; day++) if (isWeekday(day)) count += 1;
  return count;
}
