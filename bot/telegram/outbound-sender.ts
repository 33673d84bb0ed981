import { type Api, InlineKeyboard } from "grammy";
import type { OutboundMessage } from "../engine/message.types.ts";
import type { ChoiceCodec } from "./callback-data.ts";
import { splitText, toTelegramHtml } from "./telegram-text.ts";

// The Bot API type of the signal (grammY bundles its own AbortSignal typing).
type ApiSignal = Parameters<Api["sendMessage"]>[3];

/** Inline buttons, one per row: labels are whole sentences ("NIK dan Nomor KK tidak ditemukan"). */
export function choiceKeyboard(message: OutboundMessage, codec: ChoiceCodec): InlineKeyboard | undefined {
  if (!message.choices || message.choices.length === 0) return undefined;
  const keyboard = new InlineKeyboard();
  for (const choice of message.choices) keyboard.text(choice.label, codec.encode(choice.value)).row();
  return keyboard;
}

/** Sends a text (split when too long) as HTML; the keyboard goes with the last piece. Returns the message ids. */
export async function sendText(
  api: Api,
  chatId: number | string,
  text: string,
  extra: { keyboard?: InlineKeyboard; replyTo?: number; signal?: AbortSignal } = {},
): Promise<number[]> {
  const pieces = splitText(text);
  const ids: number[] = [];
  for (const [index, piece] of pieces.entries()) {
    const last = index === pieces.length - 1;
    const sent = await api.sendMessage(
      chatId,
      toTelegramHtml(piece),
      {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(last && extra.keyboard ? { reply_markup: extra.keyboard } : {}),
        ...(index === 0 && extra.replyTo !== undefined
          ? { reply_parameters: { message_id: extra.replyTo, allow_sending_without_reply: true } }
          : {}),
      },
      extra.signal as ApiSignal,
    );
    ids.push(sent.message_id);
  }
  return ids;
}
