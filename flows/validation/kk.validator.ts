import { calendarDateOf, compareDates, expandTwoDigitYear, isRealDate, toDisplayDate } from "./calendar.ts";
import { checkIdNumberShape, normalizeIdNumber } from "./id-number.ts";
import { kkMessages } from "./validation.messages.ts";
import { invalid, type Validation, valid } from "./validation-result.ts";

/**
 * Validates a Kartu Keluarga number: area code, DDMMYY registration date (no +40, unlike the NIK),
 * serial. When the applicant's NIK is given, a KK equal to it is refused (a frequent mix-up).
 * `today` only matters for the "date not in the future" rule.
 */
export function validateKk(input: string, nik?: string, today: Date = new Date()): Validation<string> {
  const shape = checkIdNumberShape(input, "kk");
  if (!shape.ok) return shape;
  const kk = shape.value;

  // Checked before the date so a pasted NIK (often with day+40) gets the helpful explanation.
  if (nik !== undefined && kk === normalizeIdNumber(nik)) return invalid(kkMessages.sameAsNik());

  const rawDate = kk.slice(6, 12);
  const now = calendarDateOf(today);
  const issued = {
    day: Number(rawDate.slice(0, 2)),
    month: Number(rawDate.slice(2, 4)),
    year: expandTwoDigitYear(Number(rawDate.slice(4, 6)), now.year),
  };
  if (!isRealDate(issued)) return invalid(kkMessages.invalidIssueDate(rawDate));
  if (compareDates(issued, now) > 0) return invalid(kkMessages.futureIssueDate(toDisplayDate(issued)));
  return valid(kk);
}
