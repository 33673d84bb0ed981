import type { Selectable } from "kysely";
import type { Db } from "./schema.ts";
import { inTransaction } from "./transaction.ts";
import { type WhatsAppContactTable, whatsappTables } from "./whatsapp.schema.ts";

/** How WhatsApp addressed a person in one message: the jid it used, and whatever alternative it gave. */
export interface WhatsAppAddress {
  /** The (device-less) jid the message came from; replies go there. */
  jid: string;
  lid?: string;
  phoneJid?: string;
}

export interface WhatsAppContact {
  chatId: string;
  lid: string | null;
  phoneJid: string | null;
  replyJid: string;
}

const toContact = (row: Selectable<WhatsAppContactTable>): WhatsAppContact => ({
  chatId: row.chat_id,
  lid: row.lid,
  phoneJid: row.phone_jid,
  replyJid: row.reply_jid,
});

/**
 * The stable chat id of the person behind an address, recording what this message taught us.
 * WhatsApp may address one person by a @lid id in one message and by the phone number in the next;
 * every row that matches either is the same person, and the oldest row's id wins so that the
 * conversation, the tickets and the notifications keep one key.
 */
export async function resolveWhatsAppContact(db: Db, address: WhatsAppAddress): Promise<string> {
  const now = new Date().toISOString();
  return inTransaction(db, async (trx) => {
    const tables = whatsappTables(trx);
    const ids = [address.jid, address.lid, address.phoneJid].filter((v): v is string => v !== undefined);
    const matches = await tables
      .selectFrom("whatsapp_contacts")
      .selectAll()
      .where((eb) =>
        eb.or([
          eb("chat_id", "in", ids),
          ...(address.lid === undefined ? [] : [eb("lid", "=", address.lid)]),
          ...(address.phoneJid === undefined ? [] : [eb("phone_jid", "=", address.phoneJid)]),
        ]),
      )
      .orderBy("seq", "asc")
      .execute();

    const oldest = matches[0];
    if (oldest === undefined) {
      // The @lid id is the one WhatsApp keeps when a number changes hands; the phone jid only if that is all we know.
      const chatId = address.lid ?? address.jid;
      await tables
        .insertInto("whatsapp_contacts")
        .values({
          chat_id: chatId,
          lid: address.lid ?? null,
          phone_jid: address.phoneJid ?? null,
          reply_jid: address.jid,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return chatId;
    }
    for (const row of matches) {
      await tables
        .updateTable("whatsapp_contacts")
        .set({
          lid: address.lid ?? row.lid,
          phone_jid: address.phoneJid ?? row.phone_jid,
          reply_jid: address.jid,
          updated_at: now,
        })
        .where("chat_id", "=", row.chat_id)
        .execute();
    }
    return oldest.chat_id;
  });
}

export async function findWhatsAppContact(db: Db, chatId: string): Promise<WhatsAppContact | undefined> {
  const row = await whatsappTables(db)
    .selectFrom("whatsapp_contacts")
    .selectAll()
    .where("chat_id", "=", chatId)
    .executeTakeFirst();
  return row === undefined ? undefined : toContact(row);
}

/** Records a @lid id to phone number pair WhatsApp announced; returns how many contacts learnt something. */
export async function linkWhatsAppLid(db: Db, pair: { lid: string; phoneJid: string }): Promise<number> {
  const now = new Date().toISOString();
  return inTransaction(db, async (trx) => {
    const tables = whatsappTables(trx);
    const phones = await tables
      .updateTable("whatsapp_contacts")
      .set({ phone_jid: pair.phoneJid, updated_at: now })
      .where("lid", "=", pair.lid)
      .where("phone_jid", "is", null)
      .executeTakeFirst();
    const lids = await tables
      .updateTable("whatsapp_contacts")
      .set({ lid: pair.lid, updated_at: now })
      .where("phone_jid", "=", pair.phoneJid)
      .where("lid", "is", null)
      .executeTakeFirst();
    return Number(phones.numUpdatedRows) + Number(lids.numUpdatedRows);
  });
}
