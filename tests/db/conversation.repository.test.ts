import { describe, expect, test } from "vitest";
import { cipherOf } from "../../db/data-protection.ts";
import {
  conversationContext,
  type Db,
  deleteConversation,
  inTransaction,
  loadConversation,
  saveConversation,
} from "../../db/index.ts";
import { useTestDatabase } from "./test-database.ts";

let db: Db;
useTestDatabase((opened) => {
  db = opened.db;
});

describe("conversations", () => {
  test("loading an unknown chat gives undefined", async () => {
    expect(await loadConversation(db, "telegram", "nobody")).toBeUndefined();
  });

  test("a saved snapshot round-trips as JSON", async () => {
    const snapshot = { value: { form: "nik" }, context: { answers: { nik: "3201234567890001" }, tries: 2 } };
    await saveConversation(db, { channel: "telegram", chatId: "c1", userId: "u1", snapshot });
    const loaded = await loadConversation(db, "telegram", "c1");
    expect(loaded?.snapshot).toEqual(snapshot);
    expect(loaded?.userId).toBe("u1");
    expect(Number.isNaN(Date.parse(loaded?.updatedAt ?? ""))).toBe(false);
  });

  test("saving again replaces the snapshot of that chat only", async () => {
    await saveConversation(db, { channel: "telegram", chatId: "c1", userId: "u1", snapshot: { step: 1 } });
    await saveConversation(db, { channel: "whatsapp", chatId: "c1", userId: "w1", snapshot: { step: 9 } });
    await saveConversation(db, { channel: "telegram", chatId: "c1", userId: "u2", snapshot: { step: 2 } });

    expect(await loadConversation(db, "telegram", "c1")).toMatchObject({
      snapshot: { step: 2 },
      userId: "u2",
    });
    expect(await loadConversation(db, "whatsapp", "c1")).toMatchObject({
      snapshot: { step: 9 },
      userId: "w1",
    });
    const count = await db
      .selectFrom("conversations")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(2);
  });

  test("delete removes only that chat", async () => {
    await saveConversation(db, { channel: "telegram", chatId: "c1", userId: "u1", snapshot: {} });
    await saveConversation(db, { channel: "telegram", chatId: "c2", userId: "u2", snapshot: {} });
    await deleteConversation(db, "telegram", "c1");
    await deleteConversation(db, "telegram", "never-existed");
    expect(await loadConversation(db, "telegram", "c1")).toBeUndefined();
    expect(await loadConversation(db, "telegram", "c2")).toBeDefined();
  });

  // The process keeps the plaintext of snapshots it read or wrote, by the exact bytes stored: whatever else
  // wrote the row must be read as written.
  test("a snapshot written by someone else (another process, the same bytes never) is read as stored", async () => {
    await saveConversation(db, { channel: "telegram", chatId: "c1", userId: "u1", snapshot: { step: 1 } });
    expect((await loadConversation(db, "telegram", "c1"))?.snapshot).toEqual({ step: 1 });
    const sealed = cipherOf(db).sealJson({ step: 7 }, conversationContext("telegram", "c1"));
    await db
      .updateTable("conversations")
      .set({ snapshot: sealed })
      .where("channel", "=", "telegram")
      .where("chat_id", "=", "c1")
      .execute();
    expect((await loadConversation(db, "telegram", "c1"))?.snapshot).toEqual({ step: 7 });
  });

  test("a save rolled back leaves the stored snapshot in force", async () => {
    await saveConversation(db, { channel: "telegram", chatId: "c1", userId: "u1", snapshot: { step: 1 } });
    await expect(
      inTransaction(db, async (trx) => {
        await saveConversation(trx, {
          channel: "telegram",
          chatId: "c1",
          userId: "u1",
          snapshot: { step: 2 },
        });
        throw new Error("the message failed after its state was saved");
      }),
    ).rejects.toThrow("the message failed");
    expect((await loadConversation(db, "telegram", "c1"))?.snapshot).toEqual({ step: 1 });
  });
});
