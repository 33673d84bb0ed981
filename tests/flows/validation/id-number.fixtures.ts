import fc from "fast-check";
import { PROVINCES } from "../../../flows/validation/provinces.ts";

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

export type NikParts = {
  province?: string;
  regency?: string;
  district?: string;
  day?: number;
  month?: number;
  yearTwoDigits?: number;
  female?: boolean;
  serial?: string;
};

/** Builds a NIK from readable parts; defaults give a valid male NIK from Jawa Barat born 17-08-95. */
export function buildNik(parts: NikParts = {}): string {
  const {
    province = "32",
    regency = "01",
    district = "05",
    day = 17,
    month = 8,
    yearTwoDigits = 95,
    female = false,
    serial = "0001",
  } = parts;
  return `${province}${regency}${district}${pad(female ? day + 40 : day)}${pad(month)}${pad(yearTwoDigits)}${serial}`;
}

/** Builds a KK number: area code, DDMMYY registration date (no +40), serial. */
export function buildKk(area = "320105", ddmmyy = "150320", serial = "0007"): string {
  return `${area}${ddmmyy}${serial}`;
}

const daysIn = (month: number, yearTwoDigits: number) =>
  [31, yearTwoDigits % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;

/** Any structurally valid NIK together with the parts it was built from. */
export const validNikArbitrary = fc
  .record({
    province: fc.constantFrom(...Object.keys(PROVINCES)),
    regency: fc.integer({ min: 1, max: 99 }).map((n) => pad(n)),
    district: fc.integer({ min: 0, max: 99 }).map((n) => pad(n)),
    month: fc.integer({ min: 1, max: 12 }),
    yearTwoDigits: fc.integer({ min: 0, max: 99 }),
    female: fc.boolean(),
    serial: fc.integer({ min: 1, max: 9999 }).map((n) => pad(n, 4)),
    dayFraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  })
  .map(({ dayFraction, ...rest }) => {
    const day = 1 + Math.floor(dayFraction * daysIn(rest.month, rest.yearTwoDigits));
    const parts = { ...rest, day };
    return { nik: buildNik(parts), parts };
  });
