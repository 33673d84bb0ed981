import type { OutboxMessage } from "../../db/index.ts";
import type { OutboundChoice, OutboundMessage } from "../engine/message.types.ts";

/** The engine's reply as queued (text plus its choices, kept in the payload), for a channel to render. */
export function outboundOf(message: Pick<OutboxMessage, "text" | "payload">): OutboundMessage {
  const payload = message.payload as { kind?: unknown; choices?: unknown } | null;
  const choices = payload?.kind === "reply" && Array.isArray(payload.choices) ? payload.choices : undefined;
  return choices ? { text: message.text, choices: choices.filter(isChoice) } : { text: message.text };
}

function isChoice(value: unknown): value is OutboundChoice {
  if (typeof value !== "object" || value === null) return false;
  const { value: v, label } = value as { value?: unknown; label?: unknown };
  return typeof v === "string" && typeof label === "string";
}
