import { describe, expect, test } from "vitest";
import type { Db } from "../../db/index.ts";
import {
  clearTelegramChatBlocked,
  isTelegramChatBlocked,
  markTelegramChatBlocked,
} from "../../db/telegram-blocked-chat.repository.ts";
import { useTestDatabase } from "./test-database.ts";

let db: Db;
useTestDatabase((opened) => {
  db = opened.db;
});

describe("telegram blocked chats", () => {
  test("a chat is marked, stays marked when marked again, and is cleared once", async () => {
    expect(await isTelegramChatBlocked(db, "501")).toBe(false);
    await markTelegramChatBlocked(db, "501");
    await markTelegramChatBlocked(db, "501");
    expect(await isTelegramChatBlocked(db, "501")).toBe(true);
    expect(await isTelegramChatBlocked(db, "502")).toBe(false);
    expect(await clearTelegramChatBlocked(db, "501")).toBe(true);
    expect(await clearTelegramChatBlocked(db, "501")).toBe(false);
    expect(await isTelegramChatBlocked(db, "501")).toBe(false);
  });
});
