import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { isPostgres } from "./dialect.ts";
import type { Db } from "./schema.ts";
import { inTransaction } from "./transaction.ts";
import { whatsappTables } from "./whatsapp.schema.ts";

// The channel name WhatsApp chats are stored under (bot/whatsapp/whatsapp-sender.ts WHATSAPP_CHANNEL).
const WHATSAPP = "whatsapp";

const DAY_MS = 24 * 60 * 60 * 1000;
// A marker of a removed draft holds only chat ids; a month is long enough for the applicant to come back.
const MARKER_KEEP_DAYS = 30;

/** How long personal data is kept. */
export interface RetentionPolicy {
  /** An unfinished form (and its uploads) untouched this long is removed; the applicant is told on return. */
  draftDays: number;
  /** An answered ticket unchanged this long loses its personal data; its category, status and dates stay. */
  answeredTicketDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { draftDays: 7, answeredTicketDays: 90 };

/** What a purge removed, or (dry run) would remove: counts only, never the data itself. */
export interface PurgeReport {
  /** Unfinished forms removed (a marker stays so the applicant is told). */
  abandonedDrafts: number;
  /** Other stale conversation states (menus, FAQ feedback) removed. */
  staleConversations: number;
  /** Uploads of unfinished forms removed. */
  draftAttachments: number;
  /** Answered tickets whose personal data was removed. */
  answeredTickets: number;
  /** Files of those tickets removed. */
  ticketAttachments: number;
  /** Delivered (or given-up) outbox messages whose text was cleared. */
  outboxTexts: number;
  /** Markers of removed drafts old enough to drop. */
  expiredMarkers: number;
  /** WhatsApp contacts (phone numbers) silent for the ticket period and no longer needed by any ticket. */
  whatsappContacts: number;
}

/**
 * Applies the retention policy at `now`. In a dry run nothing changes and the counts say what would go.
 * One transaction, so a crash leaves either everything or nothing purged; afterwards the WAL is truncated
 * so that the removed values do not linger in it (secure_delete already zeroes them in the main file).
 */
export async function purgePersonalData(
  db: Db,
  options: { now: Date; policy: RetentionPolicy; dryRun?: boolean },
): Promise<PurgeReport> {
  const nowIso = options.now.toISOString();
  const daysAgo = (days: number) => new Date(options.now.getTime() - days * DAY_MS).toISOString();
  const draftCutoff = daysAgo(options.policy.draftDays);
  const ticketCutoff = daysAgo(options.policy.answeredTicketDays);
  const markerCutoff = daysAgo(MARKER_KEEP_DAYS);
  const dryRun = options.dryRun ?? false;

  const report = await inTransaction(db, async (trx) => {
    const count = async (query: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) =>
      Number((await query.executeTakeFirstOrThrow()).n);

    const staleConversations = trx
      .selectFrom("conversations")
      .where("expired_at", "is", null)
      .where("updated_at", "<", draftCutoff);
    const abandonedDrafts = await count(
      staleConversations.where("form_draft", "=", 1).select((eb) => eb.fn.countAll<number>().as("n")),
    );
    const otherStale = await count(
      staleConversations.where("form_draft", "=", 0).select((eb) => eb.fn.countAll<number>().as("n")),
    );
    const expiredMarkers = await count(
      trx
        .selectFrom("conversations")
        .where("expired_at", "<", markerCutoff)
        .select((eb) => eb.fn.countAll<number>().as("n")),
    );

    // A pending upload belongs to the conversation keyed "<channel>:<chat id>" (see conversationKey); it goes
    // when that conversation is no longer live. Uploads are never younger than their conversation's last
    // change, so an active form never loses one.
    const liveConversationKeys = trx
      .selectFrom("conversations")
      .where("expired_at", "is", null)
      .where("updated_at", ">=", draftCutoff)
      .select(sql<string>`channel || ':' || chat_id`.as("key"));
    const draftAttachments = trx
      .selectFrom("attachments")
      .where("ticket_number", "is", null)
      .where("created_at", "<", draftCutoff)
      .where((eb) =>
        eb.or([eb("conversation_key", "is", null), eb("conversation_key", "not in", liveConversationKeys)]),
      );
    const draftAttachmentCount = await count(
      draftAttachments.select((eb) => eb.fn.countAll<number>().as("n")),
    );

    const answered = trx
      .selectFrom("tickets")
      .where("status", "=", "Jawaban")
      .where("updated_at", "<", ticketCutoff)
      .where("personal_data_purged_at", "is", null);
    const answeredTickets = await count(answered.select((eb) => eb.fn.countAll<number>().as("n")));
    const answeredNumbers = answered.select("number");
    const ticketAttachments = await count(
      trx
        .selectFrom("attachments")
        .where("ticket_number", "in", answeredNumbers)
        .select((eb) => eb.fn.countAll<number>().as("n")),
    );

    const finishedOutbox = trx
      .selectFrom("outbox")
      .where((eb) =>
        eb.or([
          eb("status", "=", "sent"),
          eb.and([eb("status", "in", ["failed", "blocked"]), eb("created_at", "<", ticketCutoff)]),
        ]),
      )
      .where((eb) => eb.or([eb("text", "<>", ""), eb("payload_json", "is not", null)]));
    const outboxTexts = await count(finishedOutbox.select((eb) => eb.fn.countAll<number>().as("n")));

    // A WhatsApp contact holds a phone number. It goes once the person has been silent for the ticket period
    // and nothing still needs to reach them: no ticket keeping its data, no live conversation, nothing pending.
    const wa = whatsappTables(trx);
    const silentContacts = () =>
      wa
        .selectFrom("whatsapp_contacts")
        .where("updated_at", "<", ticketCutoff)
        .where("chat_id", "not in", (eb) =>
          eb
            .selectFrom("tickets")
            .select("chat_id")
            .where("channel", "=", WHATSAPP)
            .where("personal_data_purged_at", "is", null)
            // Answered tickets past the period lose their data in this same purge: they need no contact.
            .where((t) => t.or([t("status", "<>", "Jawaban"), t("updated_at", ">=", ticketCutoff)]))
            .union(eb.selectFrom("conversations").select("chat_id").where("channel", "=", WHATSAPP))
            .union(
              eb
                .selectFrom("outbox")
                .select("chat_id")
                .where("channel", "=", WHATSAPP)
                .where("status", "=", "pending"),
            ),
        );
    const contactIds = (await silentContacts().select("chat_id").execute()).map((row) => row.chat_id);
    const whatsappContacts = contactIds.length;

    const result: PurgeReport = {
      abandonedDrafts,
      staleConversations: otherStale,
      draftAttachments: draftAttachmentCount,
      answeredTickets,
      ticketAttachments,
      outboxTexts,
      expiredMarkers,
      whatsappContacts,
    };
    if (dryRun) return result;

    await trx
      .deleteFrom("conversations")
      .where("expired_at", "is", null)
      .where("updated_at", "<", draftCutoff)
      .where("form_draft", "=", 0)
      .execute();
    await trx.deleteFrom("conversations").where("expired_at", "<", markerCutoff).execute();
    // The draft itself goes; the row stays as a marker (no snapshot) until the applicant writes again.
    await trx
      .updateTable("conversations")
      .set({ snapshot: "", expired_at: nowIso })
      .where("expired_at", "is", null)
      .where("updated_at", "<", draftCutoff)
      .where("form_draft", "=", 1)
      .execute();
    await trx
      .deleteFrom("attachments")
      .where("ticket_number", "is", null)
      .where("created_at", "<", draftCutoff)
      .where((eb) =>
        eb.or([
          eb("conversation_key", "is", null),
          eb(
            "conversation_key",
            "not in",
            trx
              .selectFrom("conversations")
              .where("expired_at", "is", null)
              .select(sql<string>`channel || ':' || chat_id`.as("key")),
          ),
        ]),
      )
      .execute();

    const numbers = (await answeredNumbers.execute()).map((row) => row.number);
    for (let i = 0; i < numbers.length; i += 500) {
      const chunk = numbers.slice(i, i + 500);
      await trx.deleteFrom("attachments").where("ticket_number", "in", chunk).execute();
      // Who the applicant was, in the history too; the status steps and admin names stay for the statistics.
      await trx
        .updateTable("ticket_status_history")
        .set((eb) => ({
          note: null,
          actor_id: eb.case().when("actor_kind", "=", "applicant").then("").else(eb.ref("actor_id")).end(),
          actor_name: eb
            .case()
            .when("actor_kind", "=", "applicant")
            .then(sql<null>`null`)
            .else(eb.ref("actor_name"))
            .end(),
        }))
        .where("ticket_number", "in", chunk)
        .execute();
      // What the applicant added to the ticket later is theirs as much as the answers.
      await trx.deleteFrom("ticket_additions").where("ticket_number", "in", chunk).execute();
      await trx
        .updateTable("tickets")
        .set({
          chat_id: "",
          user_id: "",
          applicant_name: "",
          nik: "",
          nik_hash: null,
          kk: "",
          answers_json: "",
          answer_text: null,
          personal_data_purged_at: nowIso,
        })
        .where("number", "in", chunk)
        .execute();
    }

    for (let i = 0; i < contactIds.length; i += 500) {
      await wa
        .deleteFrom("whatsapp_contacts")
        .where("chat_id", "in", contactIds.slice(i, i + 500))
        .execute();
    }

    await trx
      .updateTable("outbox")
      .set({ text: "", payload_json: null })
      .where((eb) =>
        eb.or([
          eb("status", "=", "sent"),
          eb.and([eb("status", "in", ["failed", "blocked"]), eb("created_at", "<", ticketCutoff)]),
        ]),
      )
      .where((eb) => eb.or([eb("text", "<>", ""), eb("payload_json", "is not", null)]))
      .execute();
    return result;
  });

  // SQLite only: PostgreSQL's own write-ahead log is recycled by the server, and its dead rows are
  // reclaimed by (auto)vacuum.
  if (!dryRun && !isPostgres(db) && Object.values(report).some((n) => n > 0)) await truncateWal(db);
  return report;
}

const TRUNCATE_ATTEMPTS = 100;
const TRUNCATE_RETRY_MS = 20;

/**
 * Copies the whole WAL of a SQLite database into its file and empties the WAL, so that what was just
 * deleted does not linger there. The checkpoint worker (wal-checkpointer.ts) may be copying pages at that
 * moment, and SQLite then answers busy at once instead of waiting: tried again until it went through (a
 * worker's checkpoint takes milliseconds). Returns whether it did.
 */
export async function truncateWal(db: Db): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    if (rows[0]?.busy === 0) return true;
    if (attempt >= TRUNCATE_ATTEMPTS) return false;
    await sleep(TRUNCATE_RETRY_MS);
  }
}
