import type { Db } from "./schema.ts";
import { inTransaction } from "./transaction.ts";
import { whatsappTables } from "./whatsapp.schema.ts";

/** One signal key to store (`valueJson`) or delete (`null`), as Baileys' key store hands them over. */
export interface WhatsAppKeyWrite {
  type: string;
  id: string;
  valueJson: string | null;
}

// SQLite allows a limited number of bound parameters per statement; Baileys asks for pre-keys in bulk.
const IDS_PER_QUERY = 500;

/** The stored creds JSON of a session, or undefined before the first pairing. */
export async function loadWhatsAppCreds(db: Db, session: string): Promise<string | undefined> {
  const row = await whatsappTables(db)
    .selectFrom("whatsapp_auth_creds")
    .select("creds_json")
    .where("session", "=", session)
    .executeTakeFirst();
  return row?.creds_json;
}

export async function saveWhatsAppCreds(db: Db, session: string, credsJson: string): Promise<void> {
  const updatedAt = new Date().toISOString();
  await whatsappTables(db)
    .insertInto("whatsapp_auth_creds")
    .values({ session, creds_json: credsJson, updated_at: updatedAt })
    .onConflict((oc) => oc.column("session").doUpdateSet({ creds_json: credsJson, updated_at: updatedAt }))
    .execute();
}

/** The stored JSON of the requested keys of one type; missing ids are simply absent from the map. */
export async function readWhatsAppKeys(
  db: Db,
  session: string,
  type: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const rows = await whatsappTables(db)
      .selectFrom("whatsapp_auth_keys")
      .select(["id", "value_json"])
      .where("session", "=", session)
      .where("type", "=", type)
      .where("id", "in", ids.slice(start, start + IDS_PER_QUERY))
      .execute();
    for (const row of rows) found.set(row.id, row.value_json);
  }
  return found;
}

/**
 * Stores and deletes keys in one transaction: a crash never leaves a session half-updated, which
 * would break decryption with the other side until the session is re-established.
 */
export async function writeWhatsAppKeys(
  db: Db,
  session: string,
  writes: readonly WhatsAppKeyWrite[],
): Promise<void> {
  if (writes.length === 0) return;
  const updatedAt = new Date().toISOString();
  await inTransaction(db, async (trx) => {
    const tables = whatsappTables(trx);
    for (const write of writes) {
      if (write.valueJson === null) {
        await tables
          .deleteFrom("whatsapp_auth_keys")
          .where("session", "=", session)
          .where("type", "=", write.type)
          .where("id", "=", write.id)
          .execute();
        continue;
      }
      const valueJson = write.valueJson;
      await tables
        .insertInto("whatsapp_auth_keys")
        .values({ session, type: write.type, id: write.id, value_json: valueJson, updated_at: updatedAt })
        .onConflict((oc) =>
          oc.columns(["session", "type", "id"]).doUpdateSet({ value_json: valueJson, updated_at: updatedAt }),
        )
        .execute();
    }
  });
}

/** Forgets a session entirely (after WhatsApp logged the number out): creds and every key. */
export async function clearWhatsAppAuth(db: Db, session: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const tables = whatsappTables(trx);
    await tables.deleteFrom("whatsapp_auth_keys").where("session", "=", session).execute();
    await tables.deleteFrom("whatsapp_auth_creds").where("session", "=", session).execute();
  });
}

/** How many keys a session holds (for logs and tests). */
export async function countWhatsAppKeys(db: Db, session: string): Promise<number> {
  const row = await whatsappTables(db)
    .selectFrom("whatsapp_auth_keys")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("session", "=", session)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
