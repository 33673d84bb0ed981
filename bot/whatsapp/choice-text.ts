import type { Db } from "../../db/schema.ts";
import { loadWhatsAppChoices, saveWhatsAppChoices } from "../../db/whatsapp-choice.repository.ts";
import { matchChoice } from "../../flows/steps/choice-matching.ts";
import type { InboundContent, OutboundChoice, OutboundMessage } from "../engine/message.types.ts";
import { whatsappMessages as m } from "./whatsapp.messages.ts";

/**
 * Renders a reply as WhatsApp text. Choices become a numbered list ("1. ..."): Baileys' buttons and
 * list messages are not delivered reliably to every WhatsApp client, plain text always is. The
 * engine's *bold* is already WhatsApp's syntax, so the text is sent as it is.
 */
export function renderOutbound(message: OutboundMessage): string {
  const choices = message.choices ?? [];
  if (choices.length === 0) return message.text;
  const list = choices.map((choice, index) => `${index + 1}. ${choice.label}`);
  return [message.text, "", ...list, "", m.choiceHint].join("\n");
}

/** The value of the choice a reply names: its number in the list, or its label typed out (same rules as the forms). */
export function choiceFromReply(text: string, choices: readonly OutboundChoice[]): string | undefined {
  return matchChoice({ kind: "text", text }, choices);
}

/**
 * The choices last shown in each chat, so that "2" means the second item of the list the person is
 * looking at. Kept in the database: a restart between the list and the answer changes nothing.
 */
export function createChoiceMemory(db: Db) {
  return {
    /** Records what a batch of replies offered; a batch without choices clears the chat's list. */
    async remember(chatId: string, replies: readonly OutboundMessage[]): Promise<void> {
      const choices = replies.findLast((reply) => reply.choices && reply.choices.length > 0)?.choices;
      await saveWhatsAppChoices(db, chatId, choices ?? []);
    },
    /** The engine input for a typed reply: a choice when it names one on screen, else the text. */
    async contentFor(chatId: string, text: string): Promise<InboundContent> {
      const value = choiceFromReply(text, await loadWhatsAppChoices(db, chatId));
      return value === undefined ? { kind: "text", text } : { kind: "choice", value };
    },
  };
}

export type ChoiceMemory = ReturnType<typeof createChoiceMemory>;
