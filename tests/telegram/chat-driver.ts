import type { FakeBotApi, RecordedCall } from "./fake-bot-api.ts";

export interface InlineButton {
  text: string;
  callback_data: string;
}

/** The inline buttons a recorded sendMessage carried. */
export function buttonsOf(call: RecordedCall): InlineButton[] {
  const markup = call.params.reply_markup as { inline_keyboard?: InlineButton[][] } | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
}

export const messageIdOf = (call: RecordedCall) => (call.result as { message_id: number }).message_id;

export const isMessageTo = (chatId: number, pattern: RegExp) => (call: RecordedCall) =>
  call.method === "sendMessage" &&
  String(call.params.chat_id) === String(chatId) &&
  pattern.test(String(call.params.text));

/** Only calls the server answered with success (a sent message), not refused attempts. */
export const succeeded = (predicate: (call: RecordedCall) => boolean) => (call: RecordedCall) =>
  predicate(call) && typeof (call.result as { message_id?: unknown } | undefined)?.message_id === "number";

/** Plays one side of a chat: push an update, wait for the bot's answer. */
export function chatDriver(fake: FakeBotApi) {
  return {
    /** Pushes `update` and resolves with the first message to `chatId` after it whose text matches. */
    async expectReply(
      update: Record<string, unknown>,
      chatId: number,
      pattern: RegExp,
    ): Promise<RecordedCall> {
      const after = fake.calls.length;
      fake.pushUpdate(update);
      return fake.waitForCall(isMessageTo(chatId, pattern), { after });
    },
    /** Texts sent to `chatId` since call index `after`. */
    textsSince(chatId: number, after: number): string[] {
      return fake.calls
        .slice(after)
        .filter((c) => c.method === "sendMessage" && String(c.params.chat_id) === String(chatId))
        .map((c) => String(c.params.text));
    },
  };
}
