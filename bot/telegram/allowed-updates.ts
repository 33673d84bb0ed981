/** The update kinds the bot handles; my_chat_member tells when a user blocks or unblocks it. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;
