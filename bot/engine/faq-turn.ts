import { recordFaqGap } from "../../db/faq-gap.repository.ts";
import type { FaqGapKind } from "../../db/faq-learning.schema.ts";
import { afterCommit } from "../../db/transaction.ts";
import type { Route } from "../../faq/message-router.ts";
import type { CategoryId } from "../../flows/categories/index.ts";
import { isCategoryId } from "../../flows/categories/index.ts";
import { metrics } from "../monitoring/metrics.ts";
import { withoutTrailingPunctuation } from "./commands.ts";
import type { ConversationState } from "./conversation-state.ts";
import { IDLE } from "./conversation-state.ts";
import { engineMessages as t } from "./engine.messages.ts";
import {
  answerChoice,
  answeredId,
  clarifyReply,
  FAQ_CHOICE,
  faqAnswerReplies,
  optionLabel,
  relatedIds,
  relatedReply,
  smallTalkReply,
} from "./faq-replies.ts";
import { categoryChoice, chosenCategory, menuMessage } from "./menu.ts";
import type { InboundContent, OutboundChoice, OutboundMessage } from "./message.types.ts";
import type { FaqRouting } from "./routing.types.ts";
import type { Turn, TurnResult } from "./turn.types.ts";

type FeedbackState = Extract<ConversationState, { stage: "faq_feedback" }>;
type ClarifyState = Extract<ConversationState, { stage: "clarify" }>;

export interface FaqTurnDeps {
  routing: FaqRouting;
  startForm(turn: Turn, category: CategoryId, opening?: OutboundMessage[]): Promise<TurnResult>;
}

/**
 * The FAQ side of a conversation: routing free text to an answer, a form, a clarifying question or a
 * small-talk reply; the "did this help?" feedback; related questions; and recording what the bot missed.
 * Returns undefined where a message is not meant for the current FAQ step, so the caller treats it as new.
 */
export function createFaqTurns(deps: FaqTurnDeps) {
  const { routing } = deps;
  const exists = (id: string) => routing.entry(id) !== undefined;

  async function routeText(turn: Turn, text: string): Promise<TurnResult> {
    const route = routing.route(text);
    if (route.smallTalk) return { state: { stage: "menu" }, replies: [smallTalkReply(route.smallTalk)] };
    if (route.clarify) {
      const options = clarifyOptions(route);
      if (options.length >= 2) {
        return {
          state: { stage: "clarify", options: options.map((o) => o.value), query: routing.anonymize(text) },
          replies: [clarifyReply(options)],
        };
      }
    }
    if (isCategoryId(route.intent)) return deps.startForm(turn, route.intent);
    const best = route.intent === "faq" ? route.faq[0] : undefined;
    if (best && exists(best.id)) {
      const alternatives = route.faq.slice(1).map((match) => match.id);
      return answer(best.id, { query: routing.anonymize(text), alternatives });
    }
    await recordGap(turn, "unanswered", routing.anonymize(text));
    return { state: { stage: "menu" }, replies: [menuMessage(t.notUnderstood)] };
  }

  /** The answer of an entry, then "did this help?"; the state remembers the question for the feedback. */
  function answer(faqId: string, context: { query?: string; alternatives?: string[] } = {}): TurnResult {
    const entry = routing.entry(faqId);
    if (!entry) return { state: { stage: "menu" }, replies: [menuMessage()] };
    const hasRelated = relatedIds(entry, context.alternatives ?? [], exists).length > 0;
    return {
      state: { stage: "faq_feedback", faqId, ...context },
      replies: faqAnswerReplies(entry, hasRelated),
    };
  }

  async function feedback(turn: Turn, state: FeedbackState): Promise<TurnResult | undefined> {
    const content = turn.inbound.content;
    if (isRelatedRequest(content)) {
      const entry = routing.entry(state.faqId);
      const ids = entry ? relatedIds(entry, state.alternatives ?? [], exists) : [];
      const entries = ids.flatMap((id) => routing.entry(id) ?? []);
      return { state, replies: [relatedReply(entries)] };
    }
    const said = feedbackAnswer(content);
    if (said === "yes") return { state: IDLE, replies: [{ text: t.faqThanks }] };
    if (said !== "no") return undefined;
    if (state.query) await recordGap(turn, "not_helpful", state.query, state.faqId);
    const categoryId = routing.entry(state.faqId)?.categoryId;
    if (categoryId && isCategoryId(categoryId))
      return deps.startForm(turn, categoryId, [{ text: t.faqToForm }]);
    return { state: { stage: "menu" }, replies: [menuMessage(t.faqToMenu)] };
  }

  async function clarify(turn: Turn, state: ClarifyState): Promise<TurnResult | undefined> {
    const picked = pickedOption(turn.inbound.content, state.options);
    if (picked === undefined) return undefined;
    if (picked === FAQ_CHOICE.clarifyNone) {
      await recordGap(turn, "clarify_rejected", state.query);
      return { state: { stage: "menu" }, replies: [menuMessage(t.clarifyRejected)] };
    }
    const faqId = answeredId(picked);
    if (faqId) return answer(faqId, { query: state.query });
    const category = chosenCategory(picked);
    return category ? deps.startForm(turn, category) : undefined;
  }

  function clarifyOptions(route: Route): OutboundChoice[] {
    return (route.clarify ?? []).flatMap((id) => {
      const value = isCategoryId(id) ? categoryChoice(id) : answerChoice(id);
      const label = optionLabel(value, routing.entry);
      return label ? [{ value, label }] : [];
    });
  }

  async function recordGap(turn: Turn, kind: FaqGapKind, question: string, faqId?: string): Promise<void> {
    // Counted once the turn is committed: a turn rolled back (and handled again later) is not a miss yet.
    const channel = turn.inbound.channel;
    afterCommit(turn.db, () => metrics.faqMiss(channel, kind));
    // Nothing left after masking and normalising ("?", an emoji) is nothing an admin could act on.
    if (question === "") return;
    await recordFaqGap(turn.db, {
      kind,
      question,
      faqId,
      channel: turn.inbound.channel,
      createdAt: turn.receivedAt,
    });
  }

  return { routeText, answer, feedback, clarify };
}

/** "tanya:<id>" opens an answer from any step outside a form (related questions, an old clarify button). */
export function answerRequest(content: InboundContent): string | undefined {
  return content.kind === "choice" ? answeredId(content.value) : undefined;
}

const YES = new Set([
  "ya",
  "y",
  "iya",
  "membantu",
  "ya membantu",
  "sudah",
  "ok",
  "oke",
  "makasih",
  "terima kasih",
]);
const NO = new Set(["tidak", "tdk", "gak", "ga", "nggak", "enggak", "belum", "blm", "tidak membantu", "no"]);
const RELATED = new Set(["terkait", "pertanyaan terkait", "lainnya", "pertanyaan lain"]);
const NONE = new Set([
  "bukan",
  "bukan semuanya",
  "tidak ada",
  "tidak semua",
  "lainnya",
  "lain",
  "bukan keduanya",
]);

const typed = (content: InboundContent) =>
  content.kind === "text" ? withoutTrailingPunctuation(content.text.trim().toLowerCase()) : undefined;

function feedbackAnswer(content: InboundContent): "yes" | "no" | undefined {
  if (content.kind === "choice") {
    return content.value === FAQ_CHOICE.yes ? "yes" : content.value === FAQ_CHOICE.no ? "no" : undefined;
  }
  const text = typed(content);
  if (text === undefined) return undefined;
  return YES.has(text) ? "yes" : NO.has(text) ? "no" : undefined;
}

function isRelatedRequest(content: InboundContent): boolean {
  if (content.kind === "choice") return content.value === FAQ_CHOICE.related;
  const text = typed(content);
  return text !== undefined && RELATED.has(text);
}

/** A pressed option, its number typed ("2"; one past the last means "none of these"), or "bukan". */
function pickedOption(content: InboundContent, options: readonly string[]): string | undefined {
  if (content.kind === "choice") {
    return content.value === FAQ_CHOICE.clarifyNone || options.includes(content.value)
      ? content.value
      : undefined;
  }
  const text = typed(content);
  if (text === undefined) return undefined;
  if (/^\d+$/.test(text)) {
    const index = Number(text) - 1;
    if (index === options.length) return FAQ_CHOICE.clarifyNone;
    return options[index];
  }
  return NONE.has(text) ? FAQ_CHOICE.clarifyNone : undefined;
}
