import { z } from "zod";
import { CATEGORY_IDS } from "../../flows/categories/index.ts";

const formStateSchema = z.object({
  stage: z.literal("form"),
  category: z.enum(CATEGORY_IDS),
  machine: z.unknown(),
  /** Which page of the chat's own tickets a ticket-number step shows (0 = the first). */
  ticketsPage: z.number().int().min(0).optional(),
  /** The NIK already checked for an open ticket of the same problem (checked again when it changes). */
  checkedNik: z.string().optional(),
});

const conversationStateSchema = z.discriminatedUnion("stage", [
  z.object({ stage: z.literal("idle") }),
  z.object({ stage: z.literal("menu") }),
  z.object({
    stage: z.literal("faq_feedback"),
    faqId: z.string(),
    /** The question as stored for the learning loop (normalised, masked), if it was typed. */
    query: z.string().optional(),
    /** Runners-up of the match, offered under "Pertanyaan terkait". */
    alternatives: z.array(z.string()).optional(),
  }),
  z.object({
    stage: z.literal("clarify"),
    /** The offered choice values ("tanya:<faq id>", "kategori:<category id>"), in the order shown. */
    options: z.array(z.string()).min(1),
    query: z.string(),
  }),
  formStateSchema,
  /** An answer was sent with "Apakah masalah Anda sudah selesai?": a typed "1"/"ya" is the verdict. */
  z.object({ stage: z.literal("ticket_feedback"), ticketNumber: z.string() }),
  /** "Masih bermasalah": the next text says what is still wrong; a form interrupted by it resumes after. */
  z.object({
    stage: z.literal("reopen_reason"),
    ticketNumber: z.string(),
    resume: formStateSchema.optional(),
  }),
  /** A second form for a problem that has an open ticket: offered to add to that ticket instead. */
  z.object({ stage: z.literal("duplicate_offer"), ticketNumber: z.string() }),
  /** The applicant accepted: the next text is added to that ticket. */
  z.object({ stage: z.literal("add_info"), ticketNumber: z.string() }),
]);

/** Where a chat stands between two messages; stored per chat and loaded for each message. */
export type ConversationState = z.infer<typeof conversationStateSchema>;

export const IDLE: ConversationState = { stage: "idle" };

/** A stored state from an older version that no longer parses starts over instead of failing every message. */
export function parseConversationState(raw: unknown): ConversationState | undefined {
  if (raw === undefined) return IDLE;
  const parsed = conversationStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
