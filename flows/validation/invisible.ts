// Characters that print as nothing: format controls (zero-width space/joiner, direction marks, BOM),
// other controls, and blank "letters" (Hangul fillers, Braille blank) used to fake an empty answer.
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Co}\p{Cn}\u115F\u1160\u3164\uFFA0\u2800]/u;
const INVISIBLE_ALL = /[\p{Cf}\p{Cc}\p{Co}\p{Cn}\u115F\u1160\u3164\uFFA0\u2800]/gu;
// Line breaks and tabs are controls too, but visible in effect; the emoji joiner (U+200D) keeps a family
// emoji one picture; variation selectors are marks, not controls, so they stay anyway.
const KEPT = new Set(["\n", "\t", "\u200D"]);

export const isInvisible = (character: string): boolean => INVISIBLE.test(character) && !KEPT.has(character);

/** Drops characters nobody can see (pasted from other apps or typed to fake an answer). */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE_ALL, (c) => (KEPT.has(c) ? c : ""));
}

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether a text says anything in words or numbers (not only emoji, punctuation or invisible characters). */
export function hasLetterOrDigit(text: string): boolean {
  return HAS_LETTER_OR_DIGIT.test(withoutInvisible(text));
}

/** How to name a refused character in a reply: quoted when visible, by its code when it cannot be seen. */
export function describeCharacter(character: string): string {
  if (isInvisible(character) || /\s/u.test(character)) {
    const code = character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    return `karakter tak terlihat (U+${code})`;
  }
  return `karakter "${character}"`;
}
