import type { Category } from "../../flows/categories/index.ts";
import { findStep } from "../../flows/form/form-navigation.ts";
import { engineMessages as t } from "./engine.messages.ts";
import { runFormTurn } from "./form-runner.ts";
import type { OutboundMessage } from "./message.types.ts";
import type { FaqRouting } from "./routing.types.ts";

// Words that open an Indonesian question, with the chat spellings applicants use.
const QUESTION_WORDS = new Set([
  "apa",
  "apakah",
  "apaan",
  "bagaimana",
  "bagaimanakah",
  "gimana",
  "gmn",
  "gmna",
  "bgmn",
  "kapan",
  "kpn",
  "kenapa",
  "knp",
  "napa",
  "mengapa",
  "dimana",
  "dmn",
  "kemana",
  "berapa",
  "brp",
  "siapa",
  "bisakah",
  "bolehkah",
  "haruskah",
  "adakah",
]);
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Whether a message reads as a question rather than an answer: it opens with a question word ("kapan
 * jadwal SKD"), or it ends with "?" and holds one ("NIK itu apa?"). A bare "?" or a number with "?" is not.
 */
export function looksLikeQuestion(text: string): boolean {
  const words = text.toLowerCase().match(WORD) ?? [];
  if (words.length === 0) return false;
  const asks = text.trimEnd().endsWith("?");
  if (QUESTION_WORDS.has(words[0]!)) return words.length >= 2 || asks;
  return asks && words.some((word) => QUESTION_WORDS.has(word));
}

/**
 * A question asked in the middle of a form, judged by the step: a free-text step (complaint, security
 * question) takes any sentence as its answer; a choice, file or summary step takes a question only when it
 * is not also a valid answer; a name, number or date step never expects a question. Returns the short FAQ
 * reply to give before asking the same step again, or undefined when the message is the step's answer.
 */
export function formQuestionReply(
  routing: FaqRouting,
  category: Category,
  stored: unknown,
  text: string,
  receivedAt: string,
): OutboundMessage | undefined {
  if (!looksLikeQuestion(text)) return undefined;
  const { context } = runFormTurn(category, stored);
  const step = findStep(category.form, context.current);
  if (step?.freeText) return undefined;
  if (step?.accepts !== "text") {
    // A dry run on the stored snapshot: nothing is kept, only whether the step would take it.
    const trial = runFormTurn(category, stored, { type: "INPUT", input: { kind: "text", text }, receivedAt });
    if (trial.outcome !== undefined || trial.context.notice === undefined) return undefined;
  }
  const route = routing.route(text);
  const faqId =
    route.intent === "faq"
      ? route.faq[0]?.id
      : route.clarify && route.candidates[0]?.kind === "faq"
        ? route.candidates[0].id
        : undefined;
  const entry = faqId ? routing.entry(faqId) : undefined;
  if (!entry) return { text: t.formQuestionUnanswered };
  const answer = entry.link ? `${entry.answer}\n\n${t.faqLink(entry.link)}` : entry.answer;
  return { text: t.formQuestionAnswered(answer) };
}
