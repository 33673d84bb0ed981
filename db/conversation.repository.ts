import { sql } from "kysely";
import { type DataCipher, isEncryptedBytes } from "./data-cipher.ts";
import { cipherOf } from "./data-protection.ts";
import { preparedQuery } from "./prepared-query.ts";
import type { Db } from "./schema.ts";

export interface StoredConversation {
  /** The persisted state-machine snapshot, parsed from JSON; undefined when retention removed the draft. */
  snapshot: unknown;
  userId: string;
  updatedAt: string;
  /** Set (once) when the chat's abandoned form was removed by retention: the applicant should be told. */
  draftExpiredAt?: string;
}

// These run on every inbound message: one prepared statement each.

const selectConversation = preparedQuery(["channel", "chatId"], (db, v) =>
  db
    .selectFrom("conversations")
    .select(["snapshot", "user_id", "updated_at", "expired_at"])
    .where("channel", "=", v.channel)
    .where("chat_id", "=", v.chatId),
);

const upsertConversation = preparedQuery(
  ["channel", "chatId", "userId", "snapshot", "updatedAt", "formDraft"],
  (db, v) =>
    db
      .insertInto("conversations")
      .values((eb) => ({
        channel: v.channel,
        chat_id: v.chatId,
        user_id: v.userId,
        snapshot: v.snapshot,
        updated_at: v.updatedAt,
        form_draft: eb.cast<number>(eb.val(v.formDraft), "integer"),
        // A literal, not a parameter: preparedQuery binds only the named values.
        expired_at: sql<null>`null`,
      }))
      .onConflict((oc) =>
        oc.columns(["channel", "chat_id"]).doUpdateSet((eb) => ({
          user_id: eb.ref("excluded.user_id"),
          snapshot: eb.ref("excluded.snapshot"),
          updated_at: eb.ref("excluded.updated_at"),
          form_draft: eb.ref("excluded.form_draft"),
          expired_at: sql<null>`null`,
        })),
      ),
);

const removeConversation = preparedQuery(["channel", "chatId"], (db, v) =>
  db.deleteFrom("conversations").where("channel", "=", v.channel).where("chat_id", "=", v.chatId),
);

export async function loadConversation(
  db: Db,
  channel: string,
  chatId: string,
): Promise<StoredConversation | undefined> {
  const { rows } = await selectConversation(db, { channel, chatId });
  const row = rows[0];
  if (row === undefined) return undefined;
  if (row.expired_at !== null) {
    return {
      snapshot: undefined,
      userId: row.user_id,
      updatedAt: row.updated_at,
      draftExpiredAt: row.expired_at,
    };
  }
  const snapshot = openSnapshot(cipherOf(db), row.snapshot, channel, chatId);
  return { snapshot, userId: row.user_id, updatedAt: row.updated_at };
}

/**
 * Inserts or replaces the conversation of a chat (which also consumes a retention marker). `formDraft`
 * says the state holds a form in progress, so retention knows an abandoned one must be announced.
 */
export async function saveConversation(
  db: Db,
  conversation: { channel: string; chatId: string; userId: string; snapshot: unknown; formDraft?: boolean },
): Promise<void> {
  const cipher = cipherOf(db);
  const text = JSON.stringify(conversation.snapshot);
  const sealed = cipher.encryptBytes(
    Buffer.from(text, "utf8"),
    conversationContext(conversation.channel, conversation.chatId),
  );
  remember(cipher, conversation.channel, conversation.chatId, sealed, text);
  await upsertConversation(db, {
    channel: conversation.channel,
    chatId: conversation.chatId,
    userId: conversation.userId,
    snapshot: sealed,
    updatedAt: new Date().toISOString(),
    formDraft: conversation.formDraft ? 1 : 0,
  });
}

// Every message reads its chat's snapshot that the previous message wrote. The last snapshots read or
// written are kept in process with the exact bytes stored; while the row still holds those bytes
// (compared in full) their plaintext is known and is not decrypted again. Anything else that wrote the
// row (retention, another process, a transaction rolled back) left other bytes, which are decrypted.
const OPENED_LIMIT = 1_000;
const opened = new WeakMap<DataCipher, Map<string, { sealed: Uint8Array; text: string }>>();

function remember(
  cipher: DataCipher,
  channel: string,
  chatId: string,
  sealed: Uint8Array,
  text: string,
): void {
  let chats = opened.get(cipher);
  if (!chats) {
    chats = new Map();
    opened.set(cipher, chats);
  }
  const key = `${channel}|${chatId}`;
  // Re-inserted so the map's order is least recently used first.
  chats.delete(key);
  chats.set(key, { sealed, text });
  if (chats.size > OPENED_LIMIT) chats.delete(chats.keys().next().value!);
}

function openSnapshot(
  cipher: DataCipher,
  stored: string | Uint8Array,
  channel: string,
  chatId: string,
): unknown {
  // Text is the format of rows from before snapshots were blobs, until the start-up pass rewrites them.
  if (typeof stored === "string") return cipher.openJson(stored, conversationContext(channel, chatId));
  const known = opened.get(cipher)?.get(`${channel}|${chatId}`);
  if (known && Buffer.compare(known.sealed, stored) === 0) return JSON.parse(known.text);
  const text = cipher.openBytes(stored, conversationContext(channel, chatId)).toString("utf8");
  if (isEncryptedBytes(stored)) remember(cipher, channel, chatId, stored, text);
  return JSON.parse(text);
}

/** Associated data binding a snapshot's ciphertext to its chat. */
export function conversationContext(channel: string, chatId: string): string {
  return `conversations.snapshot|${channel}|${chatId}`;
}

export async function deleteConversation(db: Db, channel: string, chatId: string): Promise<void> {
  await removeConversation(db, { channel, chatId });
}
