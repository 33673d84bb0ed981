import { engineMessages as t } from "./engine.messages.ts";
import { MENU_CHOICES, menuMessage } from "./menu.ts";
import type { OutboundChoice, OutboundMessage } from "./message.types.ts";
import type { FaqAnswer } from "./routing.types.ts";

/** Choice values of the FAQ conversation; "kategori:<id>" (menu.ts) opens a form. */
export const FAQ_CHOICE = {
  yes: "faq:ya",
  no: "faq:tidak",
  related: "faq:terkait",
  clarifyNone: "faq:bukan",
  /** Prefix of a choice that opens an answer: "tanya:<faq id>". */
  answer: "tanya:",
} as const;

const MAX_RELATED = 4;

export const answerChoice = (id: string) => `${FAQ_CHOICE.answer}${id}`;

/** The FAQ id an answer choice names, if the value is one. */
export function answeredId(value: string): string | undefined {
  return value.startsWith(FAQ_CHOICE.answer) ? value.slice(FAQ_CHOICE.answer.length) : undefined;
}

/** An answer: the phase it belongs to, the text and its link, then "did this help?" (and related questions). */
export function faqAnswerReplies(entry: FaqAnswer, hasRelated: boolean): OutboundMessage[] {
  const phase = t.phaseLabel[entry.phase];
  const text = [phase ? t.phasePrefix(phase) : "", entry.answer, entry.link ? t.faqLink(entry.link) : ""]
    .filter(Boolean)
    .join("\n\n");
  const choices: OutboundChoice[] = [
    { value: FAQ_CHOICE.yes, label: t.faqYes },
    { value: FAQ_CHOICE.no, label: t.faqNo },
  ];
  if (hasRelated) choices.push({ value: FAQ_CHOICE.related, label: t.faqRelated });
  return [{ text }, { text: t.faqHelpful, choices }];
}

/** The entries worth offering after an answer: its own related entries, then the runners-up of the match. */
export function relatedIds(
  entry: FaqAnswer,
  alternatives: readonly string[],
  exists: (id: string) => boolean,
) {
  const ids = [...entry.related, ...alternatives].filter((id) => id !== entry.id && exists(id));
  return [...new Set(ids)].slice(0, MAX_RELATED);
}

export function relatedReply(entries: readonly FaqAnswer[]): OutboundMessage {
  if (entries.length === 0) return { text: t.faqNoRelated };
  return {
    text: t.faqRelatedTitle,
    choices: entries.map((entry) => ({ value: answerChoice(entry.id), label: entry.question })),
  };
}

/** The label of a clarify option: a form's title or a FAQ entry's question. */
export function optionLabel(value: string, entry: (id: string) => FaqAnswer | undefined): string | undefined {
  const faqId = answeredId(value);
  if (faqId) return entry(faqId)?.question;
  return MENU_CHOICES.find((choice) => choice.value === value)?.label;
}

/** One short question with the candidates as choices, plus a way out. */
export function clarifyReply(options: readonly OutboundChoice[]): OutboundMessage {
  return {
    text: t.clarifyQuestion,
    choices: [...options, { value: FAQ_CHOICE.clarifyNone, label: t.clarifyNone }],
  };
}

export function smallTalkReply(kind: string): OutboundMessage {
  return menuMessage(t.smallTalk[kind] ?? t.notUnderstood);
}
