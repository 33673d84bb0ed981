import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addressOf } from "../../bot/whatsapp/whatsapp-identity.ts";
import { loadConversation, type OpenedDatabase } from "../../db/index.ts";
import {
  findWhatsAppContact,
  linkWhatsAppLid,
  resolveWhatsAppContact,
} from "../../db/whatsapp-contact.repository.ts";
import { openTestDatabase } from "../db/test-database.ts";
import { textFrom } from "./wa-messages.ts";
import { type Harness, startHarness } from "./whatsapp-harness.ts";

const LID = "123456789012345@lid";
const PHONE = "6285700000001@s.whatsapp.net";

describe("WhatsApp identity: @lid ids and phone numbers", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("keys a @lid sender's conversation on the lid, keeps the number, and replies to the lid", async () => {
    const replies = await h.exchange(LID, textFrom(LID, "menu", { alt: PHONE }));
    expect(replies[0]).toContain("1. NIK/KK tidak ditemukan");
    expect(await loadConversation(h.app.db, "whatsapp", LID)).toBeDefined();
    expect(await findWhatsAppContact(h.app.db, LID)).toEqual({
      chatId: LID,
      lid: LID,
      phoneJid: PHONE,
      replyJid: LID,
    });
  });

  it("continues the same conversation when the next message comes from the phone number", async () => {
    await h.exchange(LID, textFrom(LID, "menu", { alt: PHONE }));
    await h.exchange(LID, textFrom(LID, "6", { alt: PHONE }));
    // WhatsApp switches addressing: same person, now by number and without the alternative.
    const next = await h.exchange(PHONE, textFrom(PHONE, "Siti Rahmawati"));
    expect(next.at(-1)).toMatch(/NIK/);
    expect(await loadConversation(h.app.db, "whatsapp", PHONE)).toBeUndefined();
    expect((await findWhatsAppContact(h.app.db, LID))?.replyJid).toBe(PHONE);
  });

  it("learns the number of a @lid sender from Baileys' lid mapping when the message does not carry it", async () => {
    h.sockets.latest.lidToPn.set(LID, "6285700000001:3@s.whatsapp.net");
    await h.exchange(LID, textFrom(LID, "menu"));
    expect((await findWhatsAppContact(h.app.db, LID))?.phoneJid).toBe(PHONE);
  });

  it("a lid-mapping.update links a number-only contact to its lid", async () => {
    await h.say("menu", PHONE);
    await h.sockets.latest.emit("lid-mapping.update", { lid: LID, pn: PHONE });
    await h.whatsapp.idle();
    expect((await findWhatsAppContact(h.app.db, PHONE))?.lid).toBe(LID);
    // A later message by lid alone lands in the conversation started by number.
    const replies = await h.exchange(LID, textFrom(LID, "6"));
    expect(replies.at(-1)).toMatch(/nama/i);
  });
});

describe("whatsapp contact repository", () => {
  let opened: OpenedDatabase;
  beforeEach(async () => {
    opened = await openTestDatabase();
  });
  afterEach(async () => {
    await opened.close();
  });

  it("merges a lid-only and a number-only contact under the older id once a message links them", async () => {
    const byPhone = await resolveWhatsAppContact(opened.db, { jid: PHONE, phoneJid: PHONE });
    await new Promise((resolve) => setTimeout(resolve, 2));
    const byLid = await resolveWhatsAppContact(opened.db, { jid: LID, lid: LID });
    expect([byPhone, byLid]).toEqual([PHONE, LID]);

    const linked = await resolveWhatsAppContact(opened.db, { jid: LID, lid: LID, phoneJid: PHONE });
    expect(linked).toBe(PHONE);
    // Both rows now point at the same person, so notifications for either id reach them.
    for (const chatId of [PHONE, LID]) {
      expect(await findWhatsAppContact(opened.db, chatId)).toMatchObject({
        lid: LID,
        phoneJid: PHONE,
        replyJid: LID,
      });
    }
  });

  it("linkWhatsAppLid fills only what is missing", async () => {
    await resolveWhatsAppContact(opened.db, { jid: LID, lid: LID });
    expect(await linkWhatsAppLid(opened.db, { lid: LID, phoneJid: PHONE })).toBe(1);
    expect((await findWhatsAppContact(opened.db, LID))?.phoneJid).toBe(PHONE);
    expect(await linkWhatsAppLid(opened.db, { lid: LID, phoneJid: PHONE })).toBe(0);
  });
});

describe("addressOf", () => {
  it("reads remoteJidAlt, strips device suffixes and falls back to the legacy senderPn field", async () => {
    expect(await addressOf({ remoteJid: "6285700000001:12@s.whatsapp.net", id: "1" })).toEqual({
      jid: PHONE,
      phoneJid: PHONE,
    });
    expect(await addressOf({ remoteJid: PHONE, remoteJidAlt: LID, id: "2" })).toEqual({
      jid: PHONE,
      lid: LID,
      phoneJid: PHONE,
    });
    const legacy = { remoteJid: LID, id: "3", senderPn: PHONE } as Parameters<typeof addressOf>[0];
    expect(await addressOf(legacy)).toEqual({ jid: LID, lid: LID, phoneJid: PHONE });
  });

  it("survives a failing lid mapping lookup", async () => {
    const failing = { getPNForLID: async () => Promise.reject(new Error("store unavailable")) };
    expect(await addressOf({ remoteJid: LID, id: "4" }, failing)).toEqual({ jid: LID, lid: LID });
  });
});
