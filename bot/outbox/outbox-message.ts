import { z } from "zod";
import type { OutboundMessage } from "../engine/message.types.ts";

// A queued row may carry the choices of the message (the Ya / Masih bermasalah under an answer); other
// payload fields (a new ticket's number for the admin group) are for the sender that knows them.
const payloadSchema = z.object({
  choices: z
    .array(z.object({ value: z.string(), label: z.string() }))
    .min(1)
    .optional(),
});

/** A queued message as the engine's outbound type, so every channel renders its choices its own way. */
export function outboundOf(message: { text: string; payload: unknown }): OutboundMessage {
  const parsed = payloadSchema.safeParse(message.payload ?? {});
  const choices = parsed.success ? parsed.data.choices : undefined;
  return choices ? { text: message.text, choices } : { text: message.text };
}
