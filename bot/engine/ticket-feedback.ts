import {
  type Db,
  type FeedbackVerdict,
  loadConversation,
  lockChat,
  saveConversation,
} from "../../db/index.ts";
import { matchChoice } from "../../flows/steps/choice-matching.ts";
import { parseConversationState } from "./conversation-state.ts";
import { engineMessages as t } from "./engine.messages.ts";
import type { InboundContent, OutboundChoice } from "./message.types.ts";

// "selesai:K7QM-2HXD-9RWA": the button names its ticket, so it works whatever the chat is doing meanwhile.
const FEEDBACK_VALUE = /^(selesai|masih):([0-9A-Z-]{1,40})$/;

/** The Ya / Masih bermasalah choices that go with an answer notification. */
export function feedbackChoices(ticketNumber: string): OutboundChoice[] {
  return [
    { value: `selesai:${ticketNumber}`, label: t.feedbackSolved },
    { value: `masih:${ticketNumber}`, label: t.feedbackUnsolved },
  ];
}

/** A pressed feedback button: which ticket and what the applicant said. */
export function pressedFeedback(
  content: InboundContent,
): { ticketNumber: string; verdict: FeedbackVerdict } | undefined {
  if (content.kind !== "choice") return undefined;
  const match = FEEDBACK_VALUE.exec(content.value);
  return match ? { verdict: match[1] as FeedbackVerdict, ticketNumber: match[2]! } : undefined;
}

const TYPED_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  selesai: [
    "y",
    "iya",
    "iyaa",
    "ya sudah",
    "sudah",
    "sdh",
    "udah",
    "udh",
    "sudah selesai",
    "udah selesai",
    "selesai",
    "beres",
    "sudah beres",
    "udah beres",
    "sudah bisa",
    "udah bisa",
    "bisa",
    "ok",
    "oke",
    "sip",
    "mantap",
    "terima kasih",
    "makasih",
    "alhamdulillah",
    "alhamdulillah sudah",
    "alhamdulillah sudah bisa",
  ],
  masih: [
    "masih",
    "belum",
    "blm",
    "belom",
    "belum selesai",
    "belum beres",
    "belum bisa",
    "blm bisa",
    "masih belum",
    "masih belum bisa",
    "tidak",
    "tdk",
    "gak",
    "ga",
    "nggak",
    "enggak",
    "masih error",
    "masih eror",
    "masih gagal",
    "masih sama",
    "tetap",
    "tetap sama",
    "tidak bisa",
    "gak bisa",
    "ga bisa",
    "masih bermasalah",
  ],
};

// Words of address that carry no answer: "sudah kak", "belum min".
const HONORIFICS = /\b(?:kak|ka|kakak|min|mimin|admin|pak|bu|bapak|ibu|mas|mbak|gan|sis|bro)\b/g;

const THANKS = /\b(?:terima kasih|terimakasih|makasih|makasi|trims|thanks|thx|tks)\b/g;

/** A typed answer to the feedback question ("1", "ya", "masih bermasalah", "belum kak"). */
export function typedFeedback(content: InboundContent, ticketNumber: string): FeedbackVerdict | undefined {
  if (content.kind !== "text") return undefined;
  const text = content.text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(HONORIFICS, " ")
    .replace(/\s+/g, " ")
    .trim();
  // "Sudah, terima kasih": the thanks around a verdict is not part of it (alone, it means solved).
  const core = text.replace(THANKS, " ").replace(/\s+/g, " ").trim() || text;
  const chosen = matchChoice({ kind: "text", text: core }, feedbackChoices(ticketNumber), {
    [`selesai:${ticketNumber}`]: TYPED_SYNONYMS.selesai!,
    [`masih:${ticketNumber}`]: TYPED_SYNONYMS.masih!,
  });
  return chosen === undefined ? undefined : (chosen.split(":")[0] as FeedbackVerdict);
}

/**
 * Marks the applicant's chat as waiting for the verdict on an answer, in the caller's transaction, so
 * that a typed "1" or "ya" is read as the verdict even after a restart. A chat in the middle of a form
 * (or of another ticket's follow-up) keeps it: the buttons still work there, since they name the ticket.
 */
export async function awaitFeedback(
  db: Db,
  chat: { channel: string; chatId: string; userId: string },
  ticketNumber: string,
): Promise<void> {
  // The applicant may be taking a turn right now (here or on another instance): read and write after it.
  await lockChat(db, chat.channel, chat.chatId);
  const stored = await loadConversation(db, chat.channel, chat.chatId);
  const state = parseConversationState(stored?.snapshot);
  if (state && (state.stage === "form" || state.stage === "reopen_reason" || state.stage === "add_info"))
    return;
  await saveConversation(db, {
    channel: chat.channel,
    chatId: chat.chatId,
    userId: stored?.userId ?? chat.userId,
    snapshot: { stage: "ticket_feedback", ticketNumber },
  });
}
