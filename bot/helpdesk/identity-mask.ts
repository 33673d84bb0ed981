/**
 * NIK and KK as shown on admin-facing summaries (the ticket card): the province code and the last two
 * digits only. A NIK is region (6) + birth date (6) + serial (4), and the card also shows the birth date
 * and place: keeping the last four left only the district to guess. With regency, district and half the
 * serial hidden, tens of thousands of candidates remain. The full numbers are in /lihat only.
 */
export function maskIdentityNumber(value: string): string {
  const digits = value.trim();
  if (digits.length < 8) return "*".repeat(Math.max(digits.length, 4));
  return `${digits.slice(0, 2)}${"*".repeat(digits.length - 4)}${digits.slice(-2)}`;
}
