import { describeCharacter, withoutInvisible } from "./invisible.ts";
import { provinceName } from "./provinces.ts";
import { type IdNumberKind, idNumberMessages } from "./validation.messages.ts";
import { invalid, type Validation, valid } from "./validation-result.ts";

/**
 * Removes the separators people type or paste into NIK/KK numbers (whitespace, dots, dashes).
 * Anything else is kept on purpose so a stray letter is reported instead of silently dropped.
 */
export function normalizeIdNumber(input: string): string {
  // Invisible characters come with copied text; they are separators nobody meant to type.
  return withoutInvisible(input).replace(/[\s.\-\u2010-\u2015\u2212]/gu, "");
}

const LOOK_ALIKE: Record<string, "0" | "1"> = { O: "0", o: "0", I: "1", l: "1" };

/** The checks NIK and KK share: 16 digits, a known province, a real kabupaten/kota, a serial. */
export function checkIdNumberShape(input: string, kind: IdNumberKind): Validation<string> {
  const digits = normalizeIdNumber(input);
  if (digits === "") return invalid(idNumberMessages.empty(kind));
  const stray = /\D/u.exec(digits);
  if (stray) {
    return invalid(idNumberMessages.notDigits(kind, describeCharacter(stray[0]), LOOK_ALIKE[stray[0]]));
  }
  if (digits.length !== 16) return invalid(idNumberMessages.wrongLength(kind, digits.length));
  const province = digits.slice(0, 2);
  if (provinceName(province) === undefined) return invalid(idNumberMessages.unknownProvince(kind, province));
  if (digits.slice(2, 4) === "00") return invalid(idNumberMessages.zeroRegency(kind));
  if (digits.slice(12) === "0000") return invalid(idNumberMessages.zeroSerial(kind));
  return valid(digits);
}
