// Formatting by hand keeps output identical on Node builds without full ICU data.

/** Indonesian number format: "10.000", "3,1". */
export function formatNumberId(value: number, fractionDigits = 0): string {
  const fixed = value.toFixed(fractionDigits);
  const [whole = "0", fraction] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const trimmed = fraction?.replace(/0+$/, "");
  return trimmed ? `${grouped},${trimmed}` : grouped;
}

const KB = 1024;
const MB = 1024 * 1024;

/**
 * Human size with one decimal, such as "3,1 MB" or "200 KB". Rounding "up" lets a file just over a limit
 * read as more than the limit instead of equal to it.
 */
export function formatBytes(bytes: number, rounding: "nearest" | "up" = "nearest"): string {
  const round = (n: number) => (rounding === "up" ? Math.ceil(n * 10 - 1e-9) : Math.round(n * 10)) / 10;
  if (bytes < KB) return `${formatNumberId(bytes)} byte`;
  if (bytes < MB) return `${formatNumberId(round(bytes / KB), 1)} KB`;
  return `${formatNumberId(round(bytes / MB), 1)} MB`;
}
