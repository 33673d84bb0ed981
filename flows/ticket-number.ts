import { getRandomValues } from "node:crypto";

// Crockford's base32: no I, L, O or U, so a number read aloud or copied by hand is hard to get wrong.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_LENGTH = 11; // 55 random bits
const CONFUSABLES: Record<string, string> = { O: "0", I: "1", L: "1" };

/** Luhn mod N over the alphabet: catches every single wrong character and most swapped neighbours. */
function luhnSum(chars: string, doubleFirst: boolean): number {
  let sum = 0;
  let double = doubleFirst;
  for (let i = chars.length - 1; i >= 0; i--) {
    let addend = ALPHABET.indexOf(chars[i]!) * (double ? 2 : 1);
    addend = Math.floor(addend / ALPHABET.length) + (addend % ALPHABET.length);
    sum += addend;
    double = !double;
  }
  return sum;
}

function checkCharacter(body: string): string {
  const remainder = luhnSum(body, true) % ALPHABET.length;
  return ALPHABET[(ALPHABET.length - remainder) % ALPHABET.length]!;
}

const canonical = (input: string) =>
  input
    .toUpperCase()
    .replace(/[\s\-.]/g, "")
    .replace(/[OIL]/g, (c) => CONFUSABLES[c]!);

const format = (raw: string) => `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;

/** A new unguessable ticket number such as "K7QM-2HXD-9RWA". */
export function generateTicketNumber(): string {
  const bytes = getRandomValues(new Uint8Array(RANDOM_LENGTH));
  // 256 is a multiple of 32, so masking keeps every character equally likely.
  const body = Array.from(bytes, (b) => ALPHABET[b & 31]).join("");
  return format(body + checkCharacter(body));
}

export type TicketNumberParse = { ok: true; number: string } | { ok: false; reason: "format" | "check" };

/** Reads a typed ticket number: any case, with or without dashes or spaces; a typo is caught by the check character. */
export function parseTicketNumber(input: string): TicketNumberParse {
  const raw = canonical(input);
  if (raw.length !== RANDOM_LENGTH + 1 || [...raw].some((c) => !ALPHABET.includes(c))) {
    return { ok: false, reason: "format" };
  }
  if (luhnSum(raw, false) % ALPHABET.length !== 0) return { ok: false, reason: "check" };
  return { ok: true, number: format(raw) };
}

// Three groups of four, dashed, spaced or run together. Linear: fixed-length groups, no nested repeats.
const TICKET_PATTERN = /(?<![0-9a-z])[0-9a-z]{4}[-\s]?[0-9a-z]{4}[-\s]?[0-9a-z]{4}(?![0-9a-z])/gi;
const HAS_LETTER = /[a-z]/i;
const HAS_DIGIT = /[0-9]/;

/** What a text says about a ticket number: a valid one, one with a typo (same shape, bad check character), or none. */
export type TicketNumberMention = ({ kind: "valid"; number: string } | { kind: "typo"; typed: string }) & {
  /** Where the number stands in the text, as typed. */
  at: { index: number; length: number };
};

/**
 * Finds a ticket number inside a sentence ("status tiket k7qm-2hxd-9rwa?"). A valid number anywhere wins;
 * otherwise a same-shaped code that fails only the check character is a probable typo. Only a code mixing
 * letters and digits counts as a typo, so that ordinary words ("saya lupa akun") and phone numbers
 * ("0812-3456-7890") are never taken for a mistyped ticket. `typed` is the canonical form (upper case, dashed).
 */
export function scanTicketNumber(text: string): TicketNumberMention | undefined {
  let typo: TicketNumberMention | undefined;
  for (const match of text.matchAll(TICKET_PATTERN)) {
    const at = { index: match.index, length: match[0].length };
    const parsed = parseTicketNumber(match[0]);
    if (parsed.ok) return { kind: "valid", number: parsed.number, at };
    const mixed = HAS_LETTER.test(match[0]) && HAS_DIGIT.test(match[0]);
    if (typo === undefined && parsed.reason === "check" && mixed) {
      typo = { kind: "typo", typed: format(canonical(match[0])), at };
    }
  }
  return typo;
}

/** A valid ticket number mentioned inside a sentence, if any. */
export function findTicketNumber(text: string): string | undefined {
  const found = scanTicketNumber(text);
  return found?.kind === "valid" ? found.number : undefined;
}

/**
 * The valid numbers one character away from a mistyped one (a single wrong character, or two neighbours
 * swapped): the candidates to compare with the chat's own tickets.
 */
export function ticketNumberNeighbours(typed: string): string[] {
  const raw = canonical(typed);
  const found = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    for (const c of ALPHABET) {
      if (c === raw[i]) continue;
      const candidate = raw.slice(0, i) + c + raw.slice(i + 1);
      if (luhnSum(candidate, false) % ALPHABET.length === 0) found.add(format(candidate));
    }
    if (i + 1 < raw.length && raw[i] !== raw[i + 1]) {
      const swapped = raw.slice(0, i) + raw[i + 1] + raw[i] + raw.slice(i + 2);
      if (luhnSum(swapped, false) % ALPHABET.length === 0) found.add(format(swapped));
    }
  }
  return [...found];
}
