/** Keeps the last four characters of an identifier (chat id, phone, NIK) for logs: enough to correlate, not to identify. */
export function maskId(value: string): string {
  if (value.length <= 4) return "****";
  return `${"*".repeat(Math.min(value.length - 4, 12))}${value.slice(-4)}`;
}
