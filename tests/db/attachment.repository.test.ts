import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  attachPendingToTicket,
  conversationKey,
  type Db,
  deletePendingAttachments,
  getAttachmentContent,
  insertPendingAttachment,
  insertTicket,
  listTicketAttachments,
} from "../../db/index.ts";
import { sampleTicket, useTestDatabase } from "./test-database.ts";

let db: Db;
useTestDatabase((opened) => {
  db = opened.db;
});

const key = conversationKey("telegram", "chat-1");
const otherKey = conversationKey("whatsapp", "628123");

function upload(conversation: string, field: string, bytes: string) {
  const content = Buffer.from(bytes);
  return insertPendingAttachment(db, {
    conversationKey: conversation,
    field,
    mime: "image/jpeg",
    size: content.length,
    sha256: createHash("sha256").update(content).digest("hex"),
    fileName: `${field}.jpg`,
    content,
  });
}

describe("attachments", () => {
  test("conversationKey joins channel and chat id", () => {
    expect(key).toBe("telegram:chat-1");
  });

  test("stores binary content byte for byte", async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01, 0xfe]);
    const id = await insertPendingAttachment(db, {
      conversationKey: key,
      field: "ktp_scan",
      mime: "image/jpeg",
      size: bytes.length,
      sha256: "abc",
      content: bytes,
    });
    const content = await getAttachmentContent(db, id);
    expect(Buffer.isBuffer(content)).toBe(true);
    expect(content?.equals(bytes)).toBe(true);
    expect(await getAttachmentContent(db, "missing")).toBeUndefined();
  });

  test("links the kept uploads to the ticket and drops the conversation's other pending ones", async () => {
    const ktpOld = await upload(key, "ktp_scan", "old ktp");
    const ktpNew = await upload(key, "ktp_scan", "new ktp");
    const ijazah = await upload(key, "ijazah", "ijazah");
    const elsewhere = await upload(otherKey, "ktp_scan", "someone else");
    await insertTicket(db, sampleTicket({ number: "T-ATT" }));

    expect(await attachPendingToTicket(db, key, "T-ATT", [ktpNew, ijazah])).toBe(2);

    const listed = await listTicketAttachments(db, "T-ATT");
    expect(listed.map((a) => a.id).sort()).toEqual([ktpNew, ijazah].sort());
    const ktp = listed.find((a) => a.id === ktpNew);
    expect(ktp).toEqual({
      id: ktpNew,
      ticketNumber: "T-ATT",
      field: "ktp_scan",
      mime: "image/jpeg",
      size: 7,
      sha256: createHash("sha256").update("new ktp").digest("hex"),
      fileName: "ktp_scan.jpg",
      createdAt: expect.any(String),
    });
    expect(ktp).not.toHaveProperty("content");

    expect(await getAttachmentContent(db, ktpOld)).toBeUndefined();
    expect((await getAttachmentContent(db, ktpNew))?.toString()).toBe("new ktp");
    // Another conversation's pending upload is untouched.
    expect((await getAttachmentContent(db, elsewhere))?.toString()).toBe("someone else");
    expect(await deletePendingAttachments(db, key)).toBe(0);
  });

  test("an id from another conversation is not linked", async () => {
    const foreign = await upload(otherKey, "ktp_scan", "not yours");
    await insertTicket(db, sampleTicket({ number: "T-X" }));
    expect(await attachPendingToTicket(db, key, "T-X", [foreign])).toBe(0);
    expect(await listTicketAttachments(db, "T-X")).toEqual([]);
    expect(await getAttachmentContent(db, foreign)).toBeDefined();
  });

  test("with no ids to keep, every pending upload of the conversation is deleted", async () => {
    const a = await upload(key, "ktp_scan", "a");
    await insertTicket(db, sampleTicket({ number: "T-EMPTY" }));
    expect(await attachPendingToTicket(db, key, "T-EMPTY", [])).toBe(0);
    expect(await getAttachmentContent(db, a)).toBeUndefined();
  });

  test("linking to an unknown ticket fails and changes nothing", async () => {
    const a = await upload(key, "ktp_scan", "a");
    const b = await upload(key, "ijazah", "b");
    await expect(attachPendingToTicket(db, key, "NO-SUCH-TICKET", [a])).rejects.toThrow(
      /foreign key constraint/i,
    );
    expect(await getAttachmentContent(db, a)).toBeDefined();
    expect(await getAttachmentContent(db, b)).toBeDefined();
  });

  test("deletePendingAttachments removes only pending uploads of that conversation", async () => {
    const kept = await upload(key, "ktp_scan", "kept");
    await insertTicket(db, sampleTicket({ number: "T-KEEP" }));
    await attachPendingToTicket(db, key, "T-KEEP", [kept]);
    await upload(key, "ijazah", "pending 1");
    await upload(key, "transkrip", "pending 2");
    const other = await upload(otherKey, "ijazah", "other");

    expect(await deletePendingAttachments(db, key)).toBe(2);
    expect(await listTicketAttachments(db, "T-KEEP")).toHaveLength(1);
    expect(await getAttachmentContent(db, other)).toBeDefined();
  });
});
