import { describeCharacter, hasLetterOrDigit, withoutInvisible } from "./invisible.ts";
import { formatNumberId } from "./number-format.ts";
import {
  agencyMessages,
  longTextMessages,
  nameMessages,
  placeMessages,
  shortAnswerMessages,
} from "./validation.messages.ts";
import { invalid, type Validation, valid } from "./validation-result.ts";

// Lengths count Unicode code points, which is what a person counts (an accented letter or emoji is one).
const lengthOf = (text: string): number => [...text].length;

/** Trims, joins runs of whitespace and makes typographic apostrophes plain, as typed names vary. */
function cleanLine(input: string): string {
  return withoutInvisible(input)
    .normalize("NFC")
    .replace(/[\u2018\u2019\u02BC`]/gu, "'")
    .replace(/\s+/gu, " ")
    .trim();
}

const HAS_LETTER = /\p{L}/u;
const HAS_DIGIT = /\p{Nd}/u;

type LineMessages = {
  empty(): string;
  tooShort(min: number): string;
  tooLong(count: number, max: number): string;
  hasDigits(): string;
  /** `character` is already described for the reader: 'karakter "x"' or an invisible one by its code. */
  invalidCharacter(character: string): string;
  noLetters(): string;
};

type LineRules = { min: number; max: number; allowed: RegExp; messages: LineMessages };

function validateLine(input: string, rules: LineRules): Validation<string> {
  const { min, max, allowed, messages } = rules;
  const text = cleanLine(input);
  if (text === "") return invalid(messages.empty());
  const length = lengthOf(text);
  if (length > max) return invalid(messages.tooLong(length, max));
  if (HAS_DIGIT.test(text)) return invalid(messages.hasDigits());
  const stray = [...text].find((character) => !allowed.test(character));
  if (stray !== undefined) return invalid(messages.invalidCharacter(describeCharacter(stray)));
  if (!HAS_LETTER.test(text)) return invalid(messages.noLetters());
  if (length < min) return invalid(messages.tooShort(min));
  return valid(text);
}

/** Full name as on the KTP: letters (accented too), spaces and ' . , - ; 2..100 characters. */
export function validateName(input: string): Validation<string> {
  return validateLine(input, { min: 2, max: 100, allowed: /^[\p{L}\p{M} '.,-]$/u, messages: nameMessages });
}

/** Place of birth: letters, spaces and . - ' ( ) / , ; 2..60 characters, no digits. */
export function validatePlace(input: string): Validation<string> {
  return validateLine(input, {
    min: 2,
    max: 60,
    allowed: /^[\p{L}\p{M} .'(),/-]$/u,
    messages: placeMessages,
  });
}

/** Agency (instansi) name, 3..150 characters; digits allowed ("SMA Negeri 1 ..."). */
export function validateAgency(input: string): Validation<string> {
  const text = cleanLine(input);
  if (text === "") return invalid(agencyMessages.empty());
  const length = lengthOf(text);
  if (length > 150) return invalid(agencyMessages.tooLong(length, 150));
  if (!HAS_LETTER.test(text)) return invalid(agencyMessages.noLetters());
  if (length < 3) return invalid(agencyMessages.tooShort(3));
  return valid(text);
}

export type LongTextOptions = { maxLength?: number; fieldLabel: string };

/** Free text such as a complaint or chronology: required, at most maxLength (default 500) characters. */
export function validateLongText(input: string, options: LongTextOptions): Validation<string> {
  const { maxLength = 500, fieldLabel } = options;
  // Keep line breaks (a chronology reads better with them) but drop the edges and Windows line ends.
  const text = withoutInvisible(input.replace(/\r\n?/gu, "\n")).trim();
  if (text === "") return invalid(longTextMessages.empty(fieldLabel, formatNumberId(maxLength)));
  // Only emoji or punctuation would make a ticket nobody can act on.
  if (!hasLetterOrDigit(text)) return invalid(longTextMessages.noContent(fieldLabel));
  const length = lengthOf(text);
  if (length > maxLength) {
    return invalid(
      longTextMessages.tooLong(
        fieldLabel,
        formatNumberId(length),
        formatNumberId(maxLength),
        formatNumberId(length - maxLength),
      ),
    );
  }
  return valid(text);
}

const SHORT_ANSWER_MAX = 200;

/** A short free answer (security-question answer, "which data differs"): 1..200 characters, kept as typed. */
export function validateShortAnswer(input: string, fieldLabel: string): Validation<string> {
  const text = withoutInvisible(input).trim();
  if (text === "") return invalid(shortAnswerMessages.empty(fieldLabel));
  if (!hasLetterOrDigit(text)) return invalid(shortAnswerMessages.noContent(fieldLabel));
  const length = lengthOf(text);
  if (length > SHORT_ANSWER_MAX)
    return invalid(shortAnswerMessages.tooLong(fieldLabel, length, SHORT_ANSWER_MAX));
  return valid(text);
}
