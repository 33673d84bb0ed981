import { describe, expect, test } from "vitest";
import {
  changeTicketStatus,
  countTicketsByStatusAndCategory,
  type Db,
  DEFAULT_RETENTION,
  enqueueOutbox,
  findOutboxMessage,
  findTicket,
  insertPendingAttachment,
  insertTicket,
  listTicketHistory,
  markOutboxFailed,
  purgePersonalData,
  saveConversation,
  searchTickets,
} from "../../db/index.ts";
import { whatsappTables } from "../../db/whatsapp.schema.ts";
import { jpegBytes } from "../support/file-bytes.ts";
import { sampleTicket, useTestDatabase } from "./test-database.ts";

let db: Db;
useTestDatabase((opened) => {
  db = opened.db;
});

const DAY_MS = 24 * 60 * 60 * 1000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY_MS);
const NIK = "3201015708950001";

async function answeredTicket(number: string): Promise<void> {
  await insertTicket(
    db,
    sampleTicket({ number, nik: NIK, applicantName: "Siti Aminah", answers: { jawaban_keamanan: "Mochi" } }),
  );
  await db
    .updateTable("attachments")
    .set({ ticket_number: number, conversation_key: null })
    .where(
      "id",
      "=",
      await insertPendingAttachment(db, {
        conversationKey: `x:${number}`,
        field: "scan_ktp",
        mime: "image/jpeg",
        size: 100,
        sha256: "x",
        content: Buffer.from(jpegBytes(100)),
      }),
    )
    .execute();
  await changeTicketStatus(db, {
    number,
    allowedFrom: ["Pertanyaan"],
    to: "Jawaban",
    actor: { kind: "admin", id: "a1", name: "Admin Budi" },
    answerText: "NIK Anda 3201015708950001 sudah diperbaiki.",
    note: "dicek ke Dukcapil",
  });
}

describe("answered tickets", () => {
  test("after 90 days the applicant's data and files go; status, category, dates and counts stay", async () => {
    await answeredTicket("T-OLD");
    await insertTicket(db, sampleTicket({ number: "T-OPEN", nik: NIK }));
    const countsBefore = await countTicketsByStatusAndCategory(db);

    expect(await purgePersonalData(db, { now: daysFromNow(89), policy: DEFAULT_RETENTION })).toMatchObject({
      answeredTickets: 0,
    });
    const report = await purgePersonalData(db, { now: daysFromNow(91), policy: DEFAULT_RETENTION });
    expect(report).toMatchObject({ answeredTickets: 1, ticketAttachments: 1 });

    const purged = await findTicket(db, "T-OLD");
    expect(purged).toMatchObject({
      number: "T-OLD",
      status: "Jawaban",
      category: "reset_password",
      applicantName: "",
      nik: "",
      kk: "",
      answers: {},
      answerText: null,
      chatId: "",
      userId: "",
      handledByName: "Admin Budi",
    });
    expect(purged?.personalDataPurgedAt).not.toBeNull();
    const row = await db
      .selectFrom("tickets")
      .selectAll()
      .where("number", "=", "T-OLD")
      .executeTakeFirstOrThrow();
    expect(row.nik_hash).toBeNull();
    expect(
      await db.selectFrom("attachments").select("id").where("ticket_number", "=", "T-OLD").execute(),
    ).toEqual([]);
    const history = await listTicketHistory(db, "T-OLD");
    expect(history.map((h) => h.toStatus)).toEqual(["Pertanyaan", "Jawaban"]);
    expect(JSON.stringify(history)).not.toContain("Siti");
    expect(JSON.stringify(history)).not.toContain("Dukcapil");
    expect(history[1]?.actor.name).toBe("Admin Budi");

    // Unanswered tickets are never touched, however old; the statistics are unchanged.
    expect((await findTicket(db, "T-OPEN"))?.nik).toBe(NIK);
    expect((await searchTickets(db, NIK, 10)).map((t) => t.number)).toEqual(["T-OPEN"]);
    expect(await countTicketsByStatusAndCategory(db)).toEqual(countsBefore);

    // Nothing left to do on the next run.
    const again = await purgePersonalData(db, { now: daysFromNow(92), policy: DEFAULT_RETENTION });
    expect(Object.entries(again).filter(([, n]) => n !== 0)).toEqual([]);
  });

  test("the retention periods come from the policy", async () => {
    await answeredTicket("T-SHORT");
    const report = await purgePersonalData(db, {
      now: daysFromNow(31),
      policy: { draftDays: 1, answeredTicketDays: 30 },
    });
    expect(report.answeredTickets).toBe(1);
  });
});

describe("dry run", () => {
  test("counts what would go and changes nothing", async () => {
    await answeredTicket("T-DRY");
    await saveConversation(db, {
      channel: "t",
      chatId: "c",
      userId: "u",
      snapshot: { nik: NIK },
      formDraft: true,
    });
    const before = {
      tickets: await db.selectFrom("tickets").selectAll().execute(),
      conversations: await db.selectFrom("conversations").selectAll().execute(),
      attachments: await db.selectFrom("attachments").select("id").execute(),
      outbox: await db.selectFrom("outbox").selectAll().execute(),
    };
    const report = await purgePersonalData(db, {
      now: daysFromNow(100),
      policy: DEFAULT_RETENTION,
      dryRun: true,
    });
    expect(report).toMatchObject({ answeredTickets: 1, ticketAttachments: 1, abandonedDrafts: 1 });
    expect({
      tickets: await db.selectFrom("tickets").selectAll().execute(),
      conversations: await db.selectFrom("conversations").selectAll().execute(),
      attachments: await db.selectFrom("attachments").select("id").execute(),
      outbox: await db.selectFrom("outbox").selectAll().execute(),
    }).toEqual(before);
    // The report is counts only.
    expect(Object.values(report).every((n) => typeof n === "number")).toBe(true);
  });
});

describe("outbox", () => {
  test("texts of messages given up on are cleared after the ticket period; pending ones are kept", async () => {
    const failed = await enqueueOutbox(db, { channel: "t", chatId: "c", text: `NIK ${NIK}` });
    await markOutboxFailed(db, failed, "400 Bad Request");
    const pending = await enqueueOutbox(db, { channel: "t", chatId: "c", text: "menunggu" });
    expect(
      (await purgePersonalData(db, { now: daysFromNow(91), policy: DEFAULT_RETENTION })).outboxTexts,
    ).toBe(1);
    expect(await findOutboxMessage(db, failed)).toMatchObject({ status: "failed", text: "" });
    expect(await findOutboxMessage(db, pending)).toMatchObject({ status: "pending", text: "menunggu" });
  });
});

describe("removed drafts", () => {
  test("the marker of a removed draft is dropped after a month if the applicant never came back", async () => {
    await saveConversation(db, {
      channel: "t",
      chatId: "c",
      userId: "u",
      snapshot: { nik: NIK },
      formDraft: true,
    });
    await purgePersonalData(db, { now: daysFromNow(8), policy: DEFAULT_RETENTION });
    const marker = await db.selectFrom("conversations").selectAll().executeTakeFirstOrThrow();
    expect(marker.form_draft).toBe(1);
    // Nothing of the draft is left: "" on SQLite, zero bytes on PostgreSQL.
    expect(marker.snapshot).toHaveLength(0);
    expect(marker.expired_at).not.toBeNull();
    const report = await purgePersonalData(db, { now: daysFromNow(8 + 31), policy: DEFAULT_RETENTION });
    expect(report.expiredMarkers).toBe(1);
    expect(await db.selectFrom("conversations").selectAll().execute()).toEqual([]);
  });
});

describe("WhatsApp contacts", () => {
  const contact = async (chatId: string, updatedAt: string) => {
    await whatsappTables(db)
      .insertInto("whatsapp_contacts")
      .values({
        chat_id: chatId,
        lid: `${chatId}@lid`,
        phone_jid: "6281234567890@s.whatsapp.net",
        reply_jid: `${chatId}@lid`,
        created_at: updatedAt,
        updated_at: updatedAt,
      })
      .execute();
  };
  const remaining = async () =>
    (
      await whatsappTables(db).selectFrom("whatsapp_contacts").select("chat_id").orderBy("chat_id").execute()
    ).map((r) => r.chat_id);

  test("a phone number goes once the person is silent for the ticket period and nothing needs to reach them", async () => {
    const now = new Date().toISOString();
    for (const id of ["silent", "open-ticket", "pending", "drafting", "answered-old", "recent"])
      await contact(id, now);
    await insertTicket(db, sampleTicket({ number: "T-WA-OPEN", channel: "whatsapp", chatId: "open-ticket" }));
    await insertTicket(
      db,
      sampleTicket({ number: "T-WA-DONE", channel: "whatsapp", chatId: "answered-old" }),
    );
    await changeTicketStatus(db, {
      number: "T-WA-DONE",
      allowedFrom: ["Pertanyaan"],
      to: "Jawaban",
      actor: { kind: "admin", id: "a", name: "Admin" },
      answerText: "Selesai.",
    });
    await enqueueOutbox(db, { channel: "whatsapp", chatId: "pending", text: "menunggu" });
    await saveConversation(db, {
      channel: "whatsapp",
      chatId: "drafting",
      userId: "u",
      snapshot: {},
      formDraft: true,
    });
    // "recent" wrote again later than the others.
    await whatsappTables(db)
      .updateTable("whatsapp_contacts")
      .set({ updated_at: daysFromNow(60).toISOString() })
      .where("chat_id", "=", "recent")
      .execute();

    const dry = await purgePersonalData(db, {
      now: daysFromNow(91),
      policy: DEFAULT_RETENTION,
      dryRun: true,
    });
    expect(dry.whatsappContacts).toBe(2);
    expect(await remaining()).toHaveLength(6);

    // The draft is 91 days old too: it becomes a marker, and the marker still needs the contact.
    const report = await purgePersonalData(db, { now: daysFromNow(91), policy: DEFAULT_RETENTION });
    expect(report.whatsappContacts).toBe(2);
    expect(await remaining()).toEqual(["drafting", "open-ticket", "pending", "recent"]);
  });
});
