import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findTicket, listTicketAttachments, listTicketsByChat } from "../../db/index.ts";
import { jpegBytes, pdfBytes } from "../support/file-bytes.ts";
import { photo } from "../support/photos.ts";
import {
  documentFrom,
  extendedTextFrom,
  imageFrom,
  nextMessageId,
  reactionFrom,
  stickerFrom,
  textFrom,
} from "./wa-messages.ts";
import {
  APPLICANT,
  type Harness,
  startHarness,
  THK2_TEXT_ANSWERS,
  ticketNumberIn,
} from "./whatsapp-harness.ts";

describe("WhatsApp conversation through the socket double", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("shows the menu as a numbered list and maps a number back to the category", async () => {
    const menu = await h.say("menu");
    expect(menu).toHaveLength(1);
    expect(menu[0]).toContain("1. NIK/KK tidak ditemukan");
    expect(menu[0]).toContain("6. Pengecekan eks THK-II");
    expect(menu[0]).toContain("8. Cek status tiket");
    expect(menu[0]).toContain("Balas dengan nomor pilihan");

    const started = await h.say("6");
    expect(started.join("\n")).toMatch(/THK-II/);
    expect(started.at(-1)).toMatch(/nama/i);
  });

  it("maps a choice typed out in words, case and punctuation aside", async () => {
    await h.say("menu");
    const started = await h.say("pengecekan eks thk-ii!");
    expect(started.at(-1)).toMatch(/nama/i);
  });

  it("fills a complete form with an image and a PDF and ends with a ticket", async () => {
    const ktp = await h.media.upload(jpegBytes(120 * 1024), "image");
    const ijazah = await h.media.upload(pdfBytes(150 * 1024), "document");

    await h.say("menu");
    await h.say("6");
    await h.say("Siti Rahmawati");
    await h.say("3201015708950001");
    await h.say("3201011201150003");
    await h.say("Kabupaten Bogor");
    // Through an extendedTextMessage (a message typed with a link preview or as a reply).
    await h.exchange(APPLICANT, extendedTextFrom(APPLICANT, "17 Agustus 1995"));
    await h.say("Pemerintah Kabupaten Bogor");
    const askKtp = await h.say("Saya terdata THK-II sejak 2005 tetapi nomor THK-II saya hilang.");
    expect(askKtp.at(-1)).toMatch(/KTP/);

    const askIjazah = await h.exchange(APPLICANT, imageFrom(APPLICANT, ktp));
    expect(askIjazah.at(-1)).toMatch(/ijazah/i);

    const summary = await h.exchange(
      APPLICANT,
      documentFrom(APPLICANT, { ...ijazah, fileName: "ijazah.pdf" }),
    );
    const lastSummary = summary.at(-1) ?? "";
    expect(lastSummary).toContain("1. ");
    expect(lastSummary).toContain("Siti Rahmawati");

    const number = ticketNumberIn(await h.say("1"));
    expect(number).toBeDefined();

    const ticket = await findTicket(h.app.db, number!);
    expect(ticket).toMatchObject({ channel: "whatsapp", chatId: APPLICANT, category: "cek_eks_thk2" });
    const attachments = await listTicketAttachments(h.app.db, number!);
    expect(attachments.map((a) => a.mime).sort()).toEqual(["application/pdf", "image/jpeg"]);
    // Decrypted exactly: the stored bytes are the bytes the applicant's phone encrypted.
    expect(attachments.map((a) => a.size).sort()).toEqual([120 * 1024, 150 * 1024]);
    expect(h.media.requestedPaths).toEqual([ktp.directPath, ijazah.directPath]);
  });

  it("asks the sender's phone to re-upload expired media (410) and uses the fresh copy", async () => {
    const old = await h.media.upload(jpegBytes(50 * 1024), "image");
    h.media.expire(old);
    await h.say("menu");
    await h.say("6");
    for (const answer of THK2_TEXT_ANSWERS) await h.say(answer);
    const message = imageFrom(APPLICANT, old);
    const next = await h.exchange(APPLICANT, message);
    expect(h.sockets.latest.reuploads).toEqual([message.key.id]);
    expect(h.media.requestedPaths).toEqual([old.directPath, `${old.directPath}-fresh`]);
    expect(next.at(-1)).toMatch(/ijazah/i);
  });

  it("downloads a 900 KB photo, offers it shrunk to at most 200 KB with numbered choices, and keeps only the small JPG", async () => {
    await h.say("menu");
    await h.say("6");
    for (const answer of THK2_TEXT_ANSWERS) await h.say(answer);
    const original = await photo(2400, 1800, "jpeg", { noise: 30 });
    expect(original.byteLength).toBeGreaterThan(900 * 1024);
    const uploaded = await h.media.upload(original, "image");
    const offer = await h.exchange(APPLICANT, imageFrom(APPLICANT, uploaded));
    expect(offer.at(-1)).toMatch(
      /sudah kami kecilkan menjadi \*JPG [\d,]+ KB\*[\s\S]*1\. Ya, gunakan\n2\. Tidak, kirim file lain/,
    );
    expect((await h.say("1")).at(-1)).toMatch(/ijazah/i);
    const pending = await h.app.db.selectFrom("attachments").select(["mime", "size"]).execute();
    expect(pending).toHaveLength(1);
    expect(pending[0]!.mime).toBe("image/jpeg");
    expect(pending[0]!.size).toBeLessThanOrEqual(200 * 1024);
  });

  it("refuses a file over 200 KB from its declared size without downloading it, and asks the step again", async () => {
    await h.say("menu");
    await h.say("6");
    for (const answer of THK2_TEXT_ANSWERS) await h.say(answer);
    const big = await h.media.upload(pdfBytes(3 * 1024 * 1024), "document");
    const message = documentFrom(APPLICANT, { ...big, fileName: "ktp.pdf" });
    const reply = await h.exchange(APPLICANT, message);
    expect(reply).toHaveLength(1);
    expect(reply[0]).toMatch(/Ukuran file Anda 3 MB, melebihi batas 200 KB[\s\S]*simpan ulang PDF/);
    // The step is asked again, below the reason.
    expect(reply[0]!.split("\n\n").at(-1)).toMatch(/KTP/);
    expect(h.media.requestedPaths).toEqual([]);
    // Delivered again: not answered twice.
    expect(await h.exchange(APPLICANT, message)).toEqual([]);

    // The form is still at the KTP step: a photo within the limit is taken.
    const ktp = await h.media.upload(jpegBytes(120 * 1024), "image");
    const next = await h.exchange(APPLICANT, imageFrom(APPLICANT, ktp));
    expect(next.at(-1)).toMatch(/ijazah/i);
  });

  it("answers a large file outside a form without downloading it: no file is needed, here is the menu", async () => {
    // Photos are fetched up to 10 MB (the engine can shrink them); this one says it is over that.
    const big = await h.media.upload(jpegBytes(12 * 1024 * 1024), "image");
    const reply = await h.exchange(APPLICANT, imageFrom(APPLICANT, big));
    expect(reply).toHaveLength(1);
    expect(reply[0]).toMatch(/tidak sedang meminta file[\s\S]*1\. NIK\/KK tidak ditemukan/);
    expect(h.media.requestedPaths).toEqual([]);
  });

  it("answers a sticker with what the step expects and keeps the form where it was", async () => {
    await h.say("menu");
    await h.say("6");
    const reply = await h.exchange(APPLICANT, stickerFrom(APPLICANT));
    expect(reply.join("\n")).toMatch(/stiker/);
    expect(reply.at(-1)).toMatch(/nama/i);
  });

  it("handles a message id once when Baileys delivers it again, and downloads its file once", async () => {
    const ktp = await h.media.upload(jpegBytes(10 * 1024), "image");
    await h.say("menu");
    const id = nextMessageId();
    const first = await h.exchange(APPLICANT, textFrom(APPLICANT, "6", { id }));
    expect(first.length).toBeGreaterThan(0);
    expect(await h.exchange(APPLICANT, textFrom(APPLICANT, "6", { id }))).toEqual([]);

    // Both copies in one batch, while the first is still being handled.
    const fileId = nextMessageId();
    const image = imageFrom(APPLICANT, ktp, { id: fileId });
    const replies = await h.exchange(APPLICANT, image, { ...image });
    expect(replies.length).toBeGreaterThan(0);
    expect(await h.exchange(APPLICANT, { ...image })).toEqual([]);
    expect(h.media.requestedPaths).toEqual([ktp.directPath]);
  });

  it("ignores groups, status broadcasts, newsletters and its own messages", async () => {
    const socket = h.sockets.latest;
    const own = {
      ...textFrom(APPLICANT, "menu"),
      key: { remoteJid: APPLICANT, fromMe: true, id: nextMessageId() },
    };
    socket.receive(
      textFrom("120363000000000001@g.us", "menu"),
      textFrom("status@broadcast", "menu"),
      textFrom("120363000000000002@newsletter", "menu"),
      own,
    );
    // Our own sends come back as "append" (Baileys' emitOwnEvents): ignored as well.
    socket.receiveOffline({ ...own, key: { ...own.key, id: nextMessageId() } });
    // The positive signal: a message after them is answered, and only that one.
    const after = await h.say("menu");
    expect(after).toHaveLength(1);
    expect(socket.sent).toHaveLength(1);
    expect(await listTicketsByChat(h.app.db, "whatsapp", APPLICANT, 5)).toEqual([]);
  });

  it("ignores a reaction quietly, given or taken back", async () => {
    const menu = await h.say("menu");
    const socket = h.sockets.latest;
    socket.receive(
      reactionFrom(APPLICANT, socket.sent.at(-1)!.id, "👍"),
      reactionFrom(APPLICANT, socket.sent.at(-1)!.id, ""),
    );
    const next = await h.say("6");
    expect(menu).toHaveLength(1);
    // Only the answer to "6": nothing for the reactions.
    expect(next.at(-1)).toMatch(/nama/i);
    expect(socket.textsTo(APPLICANT)).toHaveLength(1 + next.length);
  });

  it("uses a caption as the text that goes with a file", async () => {
    const photo = await h.media.upload(jpegBytes(30 * 1024), "image");
    const OTHER = "6281399999999@s.whatsapp.net";
    // Outside a form: the caption is the question, answered as if typed.
    const typed = await h.say("lupa password akun sscasn", OTHER);
    const captioned = await h.exchange(
      APPLICANT,
      imageFrom(APPLICANT, { ...photo, caption: "lupa password akun sscasn" }),
    );
    expect(captioned[0]).toMatch(/keterangan yang Anda tulis/i);
    expect(captioned.slice(1)).toEqual(typed);

    // At a text step of a form: the caption answers it.
    await h.say("menu");
    await h.say("6");
    const next = await h.exchange(APPLICANT, imageFrom(APPLICANT, { ...photo, caption: "Siti Rahmawati" }));
    expect(next[0]).toMatch(/keterangan yang Anda tulis/i);
    expect(next.at(-1)).toMatch(/NIK/);

    // At a file step: the file answers it, the caption is only a remark.
    for (const answer of THK2_TEXT_ANSWERS.slice(1)) await h.say(answer);
    const ktp = await h.media.upload(jpegBytes(60 * 1024), "image");
    const afterKtp = await h.exchange(APPLICANT, imageFrom(APPLICANT, { ...ktp, caption: "ini KTP saya" }));
    expect(afterKtp.join("\n")).not.toMatch(/keterangan yang Anda tulis/i);
    expect(afterKtp.at(-1)).toMatch(/ijazah/i);
  });
});
