import { z } from "zod";
import type { Db } from "./schema.ts";
import { whatsappTables } from "./whatsapp.schema.ts";

const storedChoices = z.array(z.object({ value: z.string(), label: z.string() }));

export type StoredChoice = z.infer<typeof storedChoices>[number];

/** Replaces the choices shown in a chat; an empty list forgets them. */
export async function saveWhatsAppChoices(
  db: Db,
  chatId: string,
  choices: readonly StoredChoice[],
): Promise<void> {
  const tables = whatsappTables(db);
  if (choices.length === 0) {
    await tables.deleteFrom("whatsapp_choice_lists").where("chat_id", "=", chatId).execute();
    return;
  }
  const row = {
    chat_id: chatId,
    choices_json: JSON.stringify(choices.map(({ value, label }) => ({ value, label }))),
    updated_at: new Date().toISOString(),
  };
  await tables
    .insertInto("whatsapp_choice_lists")
    .values(row)
    .onConflict((oc) =>
      oc.column("chat_id").doUpdateSet({ choices_json: row.choices_json, updated_at: row.updated_at }),
    )
    .execute();
}

/** The choices last shown in a chat, or none. */
export async function loadWhatsAppChoices(db: Db, chatId: string): Promise<StoredChoice[]> {
  const row = await whatsappTables(db)
    .selectFrom("whatsapp_choice_lists")
    .select("choices_json")
    .where("chat_id", "=", chatId)
    .executeTakeFirst();
  if (!row) return [];
  // A row that no longer parses is treated as no list: the text then goes to the engine as typed.
  let json: unknown;
  try {
    json = JSON.parse(row.choices_json);
  } catch {
    return [];
  }
  const parsed = storedChoices.safeParse(json);
  return parsed.success ? parsed.data : [];
}

/** Forgets lists not touched since `olderThanIso` (a chat quiet that long no longer has them on screen). */
export async function pruneWhatsAppChoices(db: Db, olderThanIso: string): Promise<number> {
  const result = await whatsappTables(db)
    .deleteFrom("whatsapp_choice_lists")
    .where("updated_at", "<", olderThanIso)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
