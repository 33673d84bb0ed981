/**
 * The update kinds the bot handles; my_chat_member tells when a user blocks or unblocks it, chat_member
 * when someone joins, leaves, is removed or muted in the admin group (sent only when asked for, here).
 */
export const ALLOWED_UPDATES = [
  "message",
  "edited_message",
  "callback_query",
  "my_chat_member",
  "chat_member",
] as const;
