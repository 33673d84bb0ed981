// Builders for the updates Telegram would send, shaped as the Bot API documents them.

export interface TestUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

let nextMessageId = 1;
let nextCallbackId = 1;

const now = () => Math.floor(Date.now() / 1000);

function privateChat(user: TestUser) {
  return { id: user.id, type: "private", first_name: user.first_name };
}

function groupChat(chatId: number) {
  return { id: chatId, type: "supergroup", title: "Helpdesk Admin" };
}

function from(user: TestUser) {
  return { is_bot: false, ...user };
}

type Where = { user: TestUser; chatId?: number; replyTo?: { message_id: number; from_id: number } };

function baseMessage({ user, chatId, replyTo }: Where) {
  return {
    message_id: nextMessageId++,
    date: now(),
    chat: chatId === undefined ? privateChat(user) : groupChat(chatId),
    from: from(user),
    ...(replyTo
      ? {
          reply_to_message: {
            message_id: replyTo.message_id,
            date: now(),
            chat: chatId === undefined ? privateChat(user) : groupChat(chatId),
            from: { id: replyTo.from_id, is_bot: true, first_name: "Helpdesk SSCASN" },
            text: "…",
          },
        }
      : {}),
  };
}

export function textMessage(where: Where, text: string) {
  const command = /^\/\w+(@\w+)?/.exec(text);
  return {
    message: {
      ...baseMessage(where),
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    },
  };
}

/** A photo as Telegram sends it: several sizes of one picture, smallest first. */
export function photoMessage(
  where: Where,
  sizes: { fileId: string; width: number; height: number; size?: number }[],
  caption?: string,
) {
  return {
    message: {
      ...baseMessage(where),
      ...(caption === undefined ? {} : { caption }),
      photo: sizes.map((s) => ({
        file_id: s.fileId,
        file_unique_id: `u-${s.fileId}`,
        width: s.width,
        height: s.height,
        ...(s.size === undefined ? {} : { file_size: s.size }),
      })),
    },
  };
}

export function documentMessage(
  where: Where,
  document: { fileId: string; fileName: string; mimeType: string; size?: number; caption?: string },
) {
  return {
    message: {
      ...baseMessage(where),
      ...(document.caption === undefined ? {} : { caption: document.caption }),
      document: {
        file_id: document.fileId,
        file_unique_id: `u-${document.fileId}`,
        file_name: document.fileName,
        mime_type: document.mimeType,
        ...(document.size === undefined ? {} : { file_size: document.size }),
      },
    },
  };
}

export function stickerMessage(where: Where) {
  return {
    message: {
      ...baseMessage(where),
      sticker: {
        file_id: "sticker-1",
        file_unique_id: "u-sticker-1",
        type: "regular",
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
      },
    },
  };
}

export function editedText(where: Where, messageId: number, text: string) {
  return {
    edited_message: { ...baseMessage(where), message_id: messageId, edit_date: now(), text },
  };
}

/** A press on an inline button of a bot message. */
export function callbackQuery(
  where: Where,
  data: string,
  message: { message_id: number; text?: string; reply_markup?: Record<string, unknown> },
) {
  return {
    callback_query: {
      id: String(nextCallbackId++),
      from: from(where.user),
      chat_instance: "ci",
      data,
      message: {
        message_id: message.message_id,
        date: now(),
        chat: where.chatId === undefined ? privateChat(where.user) : groupChat(where.chatId),
        from: { id: 7_000_000_001, is_bot: true, first_name: "Helpdesk SSCASN" },
        text: message.text ?? "…",
        ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
      },
    },
  };
}

export function blockedByUser(user: TestUser, status: "kicked" | "member") {
  return {
    my_chat_member: {
      chat: privateChat(user),
      from: from(user),
      date: now(),
      old_chat_member: {
        status: status === "kicked" ? "member" : "kicked",
        user: { id: 7_000_000_001, is_bot: true, first_name: "Bot" },
      },
      new_chat_member: {
        status,
        user: { id: 7_000_000_001, is_bot: true, first_name: "Bot" },
        ...(status === "kicked" ? { until_date: 0 } : {}),
      },
    },
  };
}

/** A chat_member update for the admin group: someone joined, left, was removed, muted or promoted. */
export function chatMemberChanged(chatId: number, user: TestUser, oldStatus: string, newStatus: string) {
  const member = (status: string) => ({
    status,
    user: from(user),
    ...(status === "restricted" ? { is_member: true, can_send_messages: false, until_date: 0 } : {}),
    ...(status === "kicked" ? { until_date: 0 } : {}),
  });
  return {
    chat_member: {
      chat: groupChat(chatId),
      from: { id: 1, is_bot: false, first_name: "Owner" },
      date: now(),
      old_chat_member: member(oldStatus),
      new_chat_member: member(newStatus),
    },
  };
}

/** The service message Telegram posts in a group when a member leaves or is removed. */
export function leftChatMember(chatId: number, user: TestUser) {
  return {
    message: {
      ...baseMessage({ user: { id: 1, first_name: "Owner" }, chatId }),
      left_chat_member: from(user),
    },
  };
}
