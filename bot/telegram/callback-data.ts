import { createHash } from "node:crypto";

/** Telegram's limit for an inline button's callback_data, in bytes. */
export const MAX_CALLBACK_DATA_BYTES = 64;
// Marks data that stands for a longer value; no choice value of the forms starts with it.
const LONG_VALUE_PREFIX = "~#";
const REMEMBERED_LONG_VALUES = 5_000;

export type DecodedChoice = { kind: "value"; value: string } | { kind: "unknown" };

/**
 * Maps choice values to callback data. A value that fits is sent as it is (so buttons survive restarts);
 * a longer one gets a short hash remembered in memory. After a restart such a hash is unknown, and the
 * caller falls back to the button's label, which every choice step also accepts as typed text.
 */
export function createChoiceCodec() {
  const longValues = new Map<string, string>();

  return {
    encode(value: string): string {
      if (Buffer.byteLength(value) <= MAX_CALLBACK_DATA_BYTES && !value.startsWith(LONG_VALUE_PREFIX)) {
        return value;
      }
      const data = `${LONG_VALUE_PREFIX}${createHash("sha256").update(value).digest("base64url").slice(0, 24)}`;
      longValues.delete(data);
      longValues.set(data, value);
      // A Map iterates in insertion order, so the first key is the least recently encoded.
      if (longValues.size > REMEMBERED_LONG_VALUES) longValues.delete(longValues.keys().next().value!);
      return data;
    },
    decode(data: string): DecodedChoice {
      if (!data.startsWith(LONG_VALUE_PREFIX)) return { kind: "value", value: data };
      const value = longValues.get(data);
      return value === undefined ? { kind: "unknown" } : { kind: "value", value };
    },
  };
}

export type ChoiceCodec = ReturnType<typeof createChoiceCodec>;

/** The card buttons in the admin group: "adm:<action>:<ticket number>". */
export type AdminCardAction = "accept" | "process" | "answer";
const ACTION_CODES: Record<AdminCardAction, string> = { accept: "a", process: "p", answer: "j" };
const ADMIN_DATA = /^adm:([apj]):([0-9A-Z-]{1,40})$/;

export function encodeAdminAction(action: AdminCardAction, ticketNumber: string): string {
  return `adm:${ACTION_CODES[action]}:${ticketNumber}`;
}

export function decodeAdminAction(
  data: string,
): { action: AdminCardAction; ticketNumber: string } | undefined {
  const match = ADMIN_DATA.exec(data);
  if (!match) return undefined;
  const action = (Object.keys(ACTION_CODES) as AdminCardAction[]).find((a) => ACTION_CODES[a] === match[1]);
  return action ? { action, ticketNumber: match[2]! } : undefined;
}

/** The buttons under a drafted answer: "jwb:k:<draft id>" sends it, "jwb:b:<draft id>" drops it. */
export type AnswerDraftAction = "send" | "cancel";
const DRAFT_DATA = /^jwb:([kb]):(\d{1,15})$/;

export function encodeDraftAction(action: AnswerDraftAction, draftId: number): string {
  return `jwb:${action === "send" ? "k" : "b"}:${draftId}`;
}

export function decodeDraftAction(data: string): { action: AnswerDraftAction; draftId: number } | undefined {
  const match = DRAFT_DATA.exec(data);
  return match ? { action: match[1] === "k" ? "send" : "cancel", draftId: Number(match[2]) } : undefined;
}
