import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isInvisible } from "../../../flows/validation/invisible.ts";
import { validateKk } from "../../../flows/validation/kk.validator.ts";
import { validateNik } from "../../../flows/validation/nik.validator.ts";
import {
  validateAgency,
  validateLongText,
  validateName,
  validatePlace,
  validateShortAnswer,
} from "../../../flows/validation/text.validator.ts";

const INVISIBLES = ["\u200B", "\u200C", "\u200E", "\u202E", "\uFEFF", "\u2060", "\u3164", "\u2800", "\u0007"];
const mixed = fc
  .array(
    fc.oneof(
      fc.constantFrom(...INVISIBLES),
      fc.string({ unit: "grapheme", maxLength: 3 }),
      fc.constantFrom("O", "7", "Siti", " "),
    ),
    {
      maxLength: 25,
    },
  )
  .map((parts) => parts.join(""));

const validators: ((text: string) => { ok: boolean; message?: string })[] = [
  validateName,
  validatePlace,
  validateAgency,
  (text) => validateLongText(text, { fieldLabel: "Isi pengaduan" }),
  (text) => validateShortAnswer(text, "Jawaban"),
  validateNik,
  (text) => validateKk(text),
];

describe("validation messages", () => {
  test("never quote an invisible character, and never throw", () => {
    fc.assert(
      fc.property(mixed, (text) => {
        for (const validate of validators) {
          const result = validate(text);
          if (result.ok) continue;
          expect([...(result.message ?? "")].filter(isInvisible)).toEqual([]);
          expect(result.message?.trim()).not.toBe("");
        }
      }),
      { numRuns: 500 },
    );
  });

  test("an accepted free-text answer holds a letter or a digit", () => {
    fc.assert(
      fc.property(mixed, (text) => {
        for (const result of [
          validateLongText(text, { fieldLabel: "Isi" }),
          validateShortAnswer(text, "Jawaban"),
        ]) {
          if (result.ok) expect(result.value).toMatch(/[\p{L}\p{N}]/u);
        }
      }),
      { numRuns: 500 },
    );
  });
});
