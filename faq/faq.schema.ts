import { z } from "zod";

export const FAQ_PHASES = [
  "pendaftaran",
  "seleksi_administrasi",
  "sanggah",
  "skd",
  "skb",
  "pemberkasan",
  "umum",
] as const;

const kebabId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case");
// Which categories (helpdesk forms) exist is flows/' list, handed in by the caller (faq/ keeps no copy);
// here only their shape: snake_case, never to be confused with a kebab-case FAQ id.
const categoryId = z.string().regex(/^[a-z0-9]+(_[a-z0-9]+)*$/, "must be a snake_case category id");
const officialUrl = z
  .url()
  .refine(
    (url) => /^https:\/\/([a-z0-9-]+\.)*bkn\.go\.id(\/|$)/.test(url),
    "must be an official bkn.go.id URL",
  );

/** An entry of faq.json; which categories `categoryId` may name is checked by `faqEntrySchemaFor`. */
export const faqEntrySchema = z.strictObject({
  id: kebabId,
  question: z.string().min(5),
  phrasings: z.array(z.string().min(3)).min(5).max(15),
  // Answers are sent as one chat message; keep them readable on a phone.
  answer: z.string().min(20).max(700),
  phase: z.enum(FAQ_PHASES),
  categoryId: categoryId.optional(),
  link: officialUrl.optional(),
  related: z.array(kebabId).optional(),
});

/** `faqEntrySchema` with `categoryId` limited to the given categories. */
export function faqEntrySchemaFor(categoryIds: readonly string[]) {
  return faqEntrySchema.extend({ categoryId: z.enum(categoryIds).optional() });
}

/** An entry an admin adds at runtime (/faqtambah baru): phrasings come later, one command at a time. */
export const addedFaqEntrySchema = faqEntrySchema.extend({
  question: z.string().trim().min(5).max(200),
  phrasings: z.array(z.string().min(3)),
});

/** A phrasing an admin adds to an entry: long enough to carry a topic, short enough to be one question. */
export const addedPhrasingSchema = z.string().trim().min(3).max(200);

export const intentSchema = z.strictObject({
  title: z.string().min(3),
  examples: z.array(z.string().min(3)).min(10).max(40),
  /**
   * The form for messages about a report already filed ("udah lapor blm dijawab", "no tiket saya ..."):
   * such a message goes here whatever problem it retells.
   */
  followUps: z.boolean().optional(),
});

/** intents.json: examples per category; given the categories, exactly those (every one, no other). */
export function intentDataSchemaFor(categoryIds?: readonly string[]) {
  return z.record(categoryIds ? z.enum(categoryIds) : categoryId, intentSchema);
}

const wordMap = z.record(
  z.string().regex(/^[a-z0-9]+$/, "slang keys are single lower-case tokens"),
  z.string(),
);

export const collisionSchema = z.strictObject({
  /** Reading in this domain (e.g. kk = Kartu Keluarga). */
  domain: z.string(),
  /** Reading of the generic lexicon; "" drops the token (e.g. kk = kakak, an honorific). */
  generic: z.string(),
  default: z.enum(["domain", "generic"]),
  /** Neighbouring tokens that select the domain reading; "#digit" = any token with a digit. */
  cues: z.array(z.string()),
  /** Neighbouring tokens that select the generic reading. */
  genericCues: z.array(z.string()).optional(),
  /** Without cues, a token at the start or end of the message takes the generic reading. */
  edgeIsGeneric: z.boolean().optional(),
  /** Written in capitals (BKN) means the domain reading. */
  uppercaseIsDomain: z.boolean().optional(),
});

export const slangMapSchema = z.strictObject({
  groups: z.strictObject({
    question: wordMap,
    pronoun: wordMap,
    negation: wordMap,
    function: wordMap,
    time: wordMap,
    misc: wordMap,
    domain: wordMap,
    /** Javanese, Sundanese, Betawi, Minang, Papuan, Medan/Malay chat words. */
    regional: wordMap,
    /** English words applicants mix in ("forgot password", "my NIK not found"); "" drops a word. */
    english: wordMap,
  }),
  phrases: z.record(
    z.string().regex(/^[a-z0-9]+( [a-z0-9]+){1,2}$/, "phrases are 2-3 lower-case tokens"),
    z.string(),
  ),
  honorifics: z.array(z.string()),
  fillers: z.array(z.string()),
  keepDouble: z.array(z.string()),
  collisions: z.record(z.string(), collisionSchema),
});

/**
 * out-of-scope.json: messages about something else that still share a word with the domain ("lupa
 * password", "akun", "daftar"), grouped by kind for the reader. The router learns them as one topic of
 * their own; a message closest to it gets "unknown".
 */
export const outOfScopeSchema = z.record(z.string(), z.array(z.string().min(3)).min(1));

export type FaqPhase = (typeof FAQ_PHASES)[number];
export type FaqEntry = z.infer<typeof faqEntrySchema>;
export type Intent = z.infer<typeof intentSchema>;
/** Examples per category id. */
export type IntentData = Record<string, Intent>;
export type SlangMap = z.infer<typeof slangMapSchema>;
export type SlangCollision = z.infer<typeof collisionSchema>;
