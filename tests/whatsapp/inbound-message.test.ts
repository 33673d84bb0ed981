import { proto, type WAMessage } from "@whiskeysockets/baileys";
import { describe, expect, it } from "vitest";
import { classifyMessage, isPrivateChat, sentAt } from "../../bot/whatsapp/inbound-message.ts";

const JID = "6281234567890@s.whatsapp.net";
const msg = (message: WAMessage["message"], key: Partial<WAMessage["key"]> = {}): WAMessage => ({
  key: { remoteJid: JID, fromMe: false, id: "ID1", ...key },
  message,
});

describe("classifyMessage", () => {
  it("reads plain and extended text", () => {
    expect(classifyMessage(msg({ conversation: "halo" }))).toEqual({ kind: "text", text: "halo" });
    expect(classifyMessage(msg({ extendedTextMessage: { text: "menu" } }))).toEqual({
      kind: "text",
      text: "menu",
    });
  });

  it("unwraps disappearing and view-once wrappers", () => {
    expect(classifyMessage(msg({ ephemeralMessage: { message: { conversation: "status" } } }))).toEqual({
      kind: "text",
      text: "status",
    });
    expect(
      classifyMessage(
        msg({ viewOnceMessageV2: { message: { imageMessage: { mimetype: "image/jpeg", fileLength: 10 } } } }),
      ),
    ).toEqual({ kind: "media", media: "image", mime: "image/jpeg", declaredSize: 10 });
  });

  it("takes a document's name, type and declared size (a caption wrapper included)", () => {
    const document = { mimetype: "application/pdf", fileName: "ijazah.pdf", fileLength: 150_000 };
    const expected = {
      kind: "media",
      media: "document",
      mime: "application/pdf",
      fileName: "ijazah.pdf",
      declaredSize: 150_000,
    };
    expect(classifyMessage(msg({ documentMessage: document }))).toEqual(expected);
    expect(
      classifyMessage(msg({ documentWithCaptionMessage: { message: { documentMessage: document } } })),
    ).toEqual(expected);
  });

  it("names what it cannot read in Indonesian", () => {
    expect(classifyMessage(msg({ stickerMessage: {} }))).toEqual({ kind: "unsupported", what: "stiker" });
    expect(classifyMessage(msg({ audioMessage: { ptt: true } }))).toEqual({
      kind: "unsupported",
      what: "pesan suara",
    });
    expect(classifyMessage(msg({ videoMessage: {} }))).toEqual({ kind: "unsupported", what: "video" });
    expect(classifyMessage(msg({ locationMessage: {} }))).toEqual({ kind: "unsupported", what: "lokasi" });
    expect(classifyMessage(msg({ contactMessage: {} }))).toEqual({ kind: "unsupported", what: "kontak" });
    expect(classifyMessage(msg({ pollCreationMessageV3: {} }))).toEqual({
      kind: "unsupported",
      what: "polling",
    });
    expect(classifyMessage(msg({ stickerPackMessage: {} }))).toEqual({
      kind: "unsupported",
      what: "jenis pesan ini",
    });
  });

  it("ignores what is not a person writing to the helpdesk", () => {
    expect(classifyMessage(msg({ conversation: "x" }, { fromMe: true }))).toEqual({
      kind: "ignore",
      reason: "own",
    });
    for (const remoteJid of [
      "120363000000000001@g.us",
      "status@broadcast",
      "120363000000000002@newsletter",
    ]) {
      expect(classifyMessage(msg({ conversation: "x" }, { remoteJid }))).toEqual({
        kind: "ignore",
        reason: "not_private",
      });
    }
    expect(classifyMessage(msg(undefined))).toEqual({ kind: "ignore", reason: "no_content" });
    expect(classifyMessage(msg({ conversation: "x" }, { id: undefined }))).toEqual({
      kind: "ignore",
      reason: "no_id",
    });
    expect(classifyMessage(msg({ protocolMessage: { type: 0 } }))).toEqual({
      kind: "ignore",
      reason: "protocol",
    });
  });

  it("ignores reactions (given or taken back) and album announcements quietly", () => {
    for (const text of ["👍", ""]) {
      expect(classifyMessage(msg({ reactionMessage: { text } }))).toEqual({
        kind: "ignore",
        reason: "reaction",
      });
    }
    expect(classifyMessage(msg({ albumMessage: { expectedImageCount: 2 } }))).toEqual({
      kind: "ignore",
      reason: "album",
    });
  });

  it("keeps the caption typed under a picture or a document", () => {
    expect(
      classifyMessage(msg({ imageMessage: { mimetype: "image/jpeg", caption: "  ini KTP saya " } })),
    ).toEqual({ kind: "media", media: "image", mime: "image/jpeg", caption: "ini KTP saya" });
    expect(
      classifyMessage(
        msg({
          documentWithCaptionMessage: {
            message: {
              documentMessage: { mimetype: "application/pdf", fileName: "a.pdf", caption: "ijazah" },
            },
          },
        }),
      ),
    ).toMatchObject({ kind: "media", media: "document", caption: "ijazah" });
  });

  it("recognises a message Baileys could not decrypt (a CIPHERTEXT stub)", () => {
    const stub: WAMessage = {
      key: { remoteJid: JID, fromMe: false, id: "ID2" },
      messageStubType: proto.WebMessageInfo.StubType.CIPHERTEXT,
      messageStubParameters: ["Bad MAC"],
    };
    expect(classifyMessage(stub)).toEqual({ kind: "undecryptable", error: "Bad MAC" });
  });

  it("accepts @lid senders as private chats", () => {
    expect(isPrivateChat("123456789012345@lid")).toBe(true);
    expect(classifyMessage(msg({ conversation: "menu" }, { remoteJid: "123456789012345@lid" }))).toEqual({
      kind: "text",
      text: "menu",
    });
  });

  it("converts WhatsApp's timestamp in seconds", () => {
    expect(sentAt({ ...msg({ conversation: "x" }), messageTimestamp: 1_764_400_000 })).toEqual(
      new Date(1_764_400_000_000),
    );
    expect(sentAt(msg({ conversation: "x" }))).toBeUndefined();
  });
});
