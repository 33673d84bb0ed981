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
  const raw = input
    .toUpperCase()
    .replace(/[\s\-.]/g, "")
    .replace(/[OIL]/g, (c) => CONFUSABLES[c]!);
  if (raw.length !== RANDOM_LENGTH + 1 || [...raw].some((c) => !ALPHABET.includes(c))) {
    return { ok: false, reason: "format" };
  }
  if (luhnSum(raw, false) % ALPHABET.length !== 0) return { ok: false, reason: "check" };
  return { ok: true, number: format(raw) };
}

const TICKET_PATTERN = /\b[0-9a-z]{4}[-\s]?[0-9a-z]{4}[-\s]?[0-9a-z]{4}\b/i;

/** A ticket number mentioned inside a sentence ("status tiket k7qm-2hxd-9rwa?"), if it is a valid one. */
export function findTicketNumber(text: string): string | undefined {
  const match = TICKET_PATTERN.exec(text);
  if (!match) return undefined;
  const parsed = parseTicketNumber(match[0]);
  return parsed.ok ? parsed.number : undefined;
}
