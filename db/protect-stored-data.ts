import { sql } from "kysely";
import { attachmentContext } from "./attachment.repository.ts";
import { conversationContext } from "./conversation.repository.ts";
import { type DataCipher, DataKeyError } from "./data-cipher.ts";
import { cipherOf } from "./data-protection.ts";
import { isPostgres } from "./dialect.ts";
import type { Db } from "./schema.ts";
import { openTicketFields, sealTicketFields } from "./ticket.mapper.ts";
import { inTransaction } from "./transaction.ts";

const BATCH = 200;

export interface ProtectedCounts {
  tickets: number;
  conversations: number;
  attachments: number;
}

/**
 * Brings every stored personal value under the current data key: rows written in clear by an older version
 * are encrypted (and get their NIK lookup hash), rows encrypted with a previous key (DATA_KEY_PREVIOUS) are
 * re-encrypted. Idempotent: once done it only runs three queries that find nothing. A value encrypted with
 * a key that is not configured stops it with an error naming the key id, before the bot serves anyone.
 */
export async function protectStoredData(db: Db): Promise<ProtectedCounts> {
  const cipher = cipherOf(db);
  // On PostgreSQL another instance may be serving while this one starts: the rows being re-sealed are
  // locked until commit, so a conversation saved meanwhile is not overwritten with its older state (rows
  // another starting instance holds are left to it).
  const postgres = isPostgres(db);
  const textPrefix = cipher.currentTextPrefix;
  const blobPrefix = cipher.currentBlobPrefix;
  const stale = (column: string) =>
    sql<boolean>`(${sql.ref(column)} <> '' and substr(${sql.ref(column)}, 1, ${textPrefix.length}) <> ${textPrefix})`;
  const counts: ProtectedCounts = { tickets: 0, conversations: 0, attachments: 0 };
  await checkCurrentKeyOpens(db, cipher);

  for (;;) {
    const done = await inTransaction(db, async (trx) => {
      const rows = await trx
        .selectFrom("tickets")
        .select(["number", "nik", "kk", "answers_json"])
        .where((eb) =>
          eb.or([
            stale("nik"),
            stale("kk"),
            stale("answers_json"),
            eb.and([eb("nik", "<>", ""), eb("nik_hash", "is", null)]),
          ]),
        )
        .limit(BATCH)
        .$if(postgres, (query) => query.forUpdate().skipLocked())
        .execute();
      for (const row of rows) {
        const clear = openTicketFields(cipher, row);
        const sealed = sealTicketFields(cipher, row.number, clear);
        // A purged ticket keeps its empty answers empty rather than an encrypted "{}".
        if (row.answers_json === "") sealed.answers_json = "";
        await trx.updateTable("tickets").set(sealed).where("number", "=", row.number).execute();
      }
      counts.tickets += rows.length;
      return rows.length < BATCH;
    });
    if (done) break;
  }

  for (;;) {
    const done = await inTransaction(db, async (trx) => {
      const rows = await trx
        .selectFrom("conversations")
        .select(["channel", "chat_id", "snapshot"])
        // Clear JSON text from before encryption, or a blob under another key; "" is a retention marker.
        .where(
          isPostgres(trx)
            ? // Always bytes there (a marker is zero bytes); clear JSON from SQLite arrives as its UTF-8 bytes.
              sql<boolean>`length(snapshot) > 0 and substr(snapshot, 1, ${blobPrefix.length}) <> ${blobPrefix}`
            : sql<boolean>`(typeof(snapshot) = 'text' and snapshot <> '') or (typeof(snapshot) = 'blob' and substr(snapshot, 1, ${blobPrefix.length}) <> ${blobPrefix})`,
        )
        .limit(BATCH)
        .$if(postgres, (query) => query.forUpdate().skipLocked())
        .execute();
      for (const row of rows) {
        const context = conversationContext(row.channel, row.chat_id);
        const snapshot = cipher.sealJson(cipher.openJson(row.snapshot, context), context);
        await trx
          .updateTable("conversations")
          .set({ snapshot })
          .where("channel", "=", row.channel)
          .where("chat_id", "=", row.chat_id)
          .execute();
      }
      counts.conversations += rows.length;
      return rows.length < BATCH;
    });
    if (done) break;
  }

  for (;;) {
    const done = await inTransaction(db, async (trx) => {
      // Attachments are up to a few hundred KB each: fewer per transaction.
      const ids = await trx
        .selectFrom("attachments")
        .select("id")
        .where(sql<boolean>`substr(content, 1, ${blobPrefix.length}) <> ${blobPrefix}`)
        .limit(BATCH / 10)
        .$if(postgres, (query) => query.forUpdate().skipLocked())
        .execute();
      for (const { id } of ids) {
        const row = await trx
          .selectFrom("attachments")
          .select("content")
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        const context = attachmentContext(id);
        const content = cipher.encryptBytes(cipher.openBytes(row.content, context), context);
        await trx.updateTable("attachments").set({ content }).where("id", "=", id).execute();
      }
      counts.attachments += ids.length;
      return ids.length < BATCH / 10;
    });
    if (done) break;
  }
  return counts;
}

/**
 * Key ids are one byte, so a wrong key shares the right key's id once in 256: the id check passes and
 * the rows would then fail one by one while serving. One stored value under the current id is opened here
 * instead, so such a key stops the start like any other wrong key, before anything is written.
 */
async function checkCurrentKeyOpens(db: Db, cipher: DataCipher): Promise<void> {
  const textPrefix = cipher.currentTextPrefix;
  const blobPrefix = cipher.currentBlobPrefix;
  try {
    const ticket = await db
      .selectFrom("tickets")
      .select(["number", "nik", "kk", "answers_json"])
      .where(sql<boolean>`substr(answers_json, 1, ${textPrefix.length}) = ${textPrefix}`)
      .limit(1)
      .executeTakeFirst();
    if (ticket) {
      openTicketFields(cipher, ticket);
      return;
    }
    const conversation = await db
      .selectFrom("conversations")
      .select(["channel", "chat_id", "snapshot"])
      .where(sql<boolean>`substr(snapshot, 1, ${blobPrefix.length}) = ${blobPrefix}`)
      .limit(1)
      .executeTakeFirst();
    if (conversation) {
      cipher.openJson(conversation.snapshot, conversationContext(conversation.channel, conversation.chat_id));
    }
  } catch (error) {
    if (!(error instanceof DataKeyError)) throw error;
    throw new DataKeyError(
      `the configured data key does not open the stored data (${error.message}); set the key this database was written with as DATA_KEY, or it as DATA_KEY_PREVIOUS during a rotation`,
    );
  }
}
