import { DisconnectReason } from "@whiskeysockets/baileys";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runAdminCommand } from "../../bot/helpdesk/admin-command.runner.ts";
import { findTicket, listDueOutbox } from "../../db/index.ts";
import { jpegBytes } from "../support/file-bytes.ts";
import { imageFrom, textFrom } from "./wa-messages.ts";
import { APPLICANT, type Harness, startHarness, THK2_TEXT_ANSWERS } from "./whatsapp-harness.ts";

const ADMIN = { id: "777", name: "Admin Rina" };

describe("WhatsApp notifications and the outbox", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("delivers a status change made in the admin group to the applicant on WhatsApp", async () => {
    const number = await h.fileThk2Ticket();
    const socket = h.sockets.latest;
    const before = socket.textsTo(APPLICANT).length;

    const adminReply = await runAdminCommand(h.app.helpdesk, ADMIN, `terima ${number}`);
    expect(adminReply).toContain(number);
    await vi.waitFor(() => expect(socket.textsTo(APPLICANT).length).toBe(before + 1));
    expect(socket.textsTo(APPLICANT).at(-1)).toMatch(
      new RegExp(`Tiket \\*${number}\\* sudah \\*diterima\\*`),
    );

    await runAdminCommand(h.app.helpdesk, ADMIN, `jawab ${number} Data Anda sudah kami teruskan ke BKN.`);
    await vi.waitFor(() => expect(socket.textsTo(APPLICANT).length).toBe(before + 2));
    expect(socket.textsTo(APPLICANT).at(-1)).toContain("Data Anda sudah kami teruskan ke BKN.");
    expect((await findTicket(h.app.db, number))?.status).toBe("Jawaban");
    expect(
      await listDueOutbox(h.app.db, { channel: "whatsapp", nowIso: new Date().toISOString(), limit: 10 }),
    ).toEqual([]);
  });

  it("asks about the answer with numbered choices; a typed 2 reopens the ticket with the text", async () => {
    const number = await h.fileThk2Ticket();
    const socket = h.sockets.latest;
    const before = socket.textsTo(APPLICANT).length;
    await runAdminCommand(
      h.app.helpdesk,
      ADMIN,
      `jawab ${number} Nomor THK-II Anda sudah kami kirim lewat email.`,
    );
    await vi.waitFor(() => expect(socket.textsTo(APPLICANT).length).toBe(before + 1));
    expect(socket.textsTo(APPLICANT).at(-1)).toMatch(
      /Apakah masalah Anda sudah selesai\?\*\n\n1\. Ya\n2\. Masih bermasalah/,
    );

    expect((await h.say("2")).join("\n")).toContain("apa yang masih bermasalah");
    expect((await h.say("Emailnya belum saya terima.")).join("\n")).toContain("kami buka kembali");
    expect((await findTicket(h.app.db, number))?.status).toBe("Proses");
  });

  it("keeps a notification while disconnected and delivers it after reconnecting", async () => {
    const number = await h.fileThk2Ticket();
    const first = h.sockets.latest;
    await first.close(DisconnectReason.connectionLost);

    await runAdminCommand(h.app.helpdesk, ADMIN, `proses ${number}`);
    const due = await listDueOutbox(h.app.db, {
      channel: "whatsapp",
      nowIso: new Date().toISOString(),
      limit: 10,
    });
    expect(due).toHaveLength(1);
    // Not even tried while there was no connection: its retries are kept for real failures.
    expect(due[0]?.attempts).toBe(0);

    await vi.waitFor(() => expect(h.sockets.sockets).toHaveLength(2));
    const second = h.sockets.latest;
    await second.open();
    await vi.waitFor(() => expect(second.textsTo(APPLICANT)).toHaveLength(1));
    expect(second.textsTo(APPLICANT)[0]).toMatch(/sedang \*diproses\*/);
  });

  it("a reply that cannot be sent because the connection dropped goes out after reconnecting", async () => {
    await h.say("menu");
    await h.say("6");
    for (const answer of THK2_TEXT_ANSWERS) await h.say(answer);

    // The connection drops while the KTP photo is being downloaded.
    const ktp = await h.media.upload(jpegBytes(40 * 1024), "image");
    const release = h.media.hold(ktp);
    const first = h.sockets.latest;
    const before = first.textsTo(APPLICANT).length;
    first.receive(imageFrom(APPLICANT, ktp));
    await first.settled();
    await first.close(DisconnectReason.connectionLost);
    release();
    await h.whatsapp.idle();
    expect(first.textsTo(APPLICANT)).toHaveLength(before);
    expect(
      await listDueOutbox(h.app.db, { channel: "whatsapp", nowIso: new Date().toISOString(), limit: 10 }),
    ).toHaveLength(1);

    await vi.waitFor(() => expect(h.sockets.sockets).toHaveLength(2));
    const second = h.sockets.latest;
    await second.open();
    await vi.waitFor(() => expect(second.textsTo(APPLICANT).length).toBeGreaterThan(0));
    expect(second.textsTo(APPLICANT)).toHaveLength(1);
    expect(second.textsTo(APPLICANT)[0]).toMatch(/ijazah/i);
  });

  it("answers WhatsApp's retry requests from the stored copy, for the chat it was sent to only (getMessage)", async () => {
    const lid = "123456789012345@lid";
    const phone = "6285700000001@s.whatsapp.net";
    await h.exchange(phone, textFrom(phone, "menu", { alt: lid }));
    const socket = h.sockets.latest;
    const sent = socket.sent.at(-1)!;
    const getMessage = socket.options.getMessage!;
    const stored = await getMessage({ remoteJid: phone, id: sent.id, fromMe: true });
    expect(stored?.extendedTextMessage?.text).toBe(sent.text);
    // The same person asking under the @lid id (a device suffix too) gets it as well.
    const byLid = await getMessage({ remoteJid: "123456789012345:4@lid", id: sent.id, fromMe: true });
    expect(byLid?.extendedTextMessage?.text).toBe(sent.text);
    // Anyone else, knowing the id, does not.
    expect(await getMessage({ remoteJid: APPLICANT, id: sent.id, fromMe: true })).toBeUndefined();
    expect(await getMessage({ remoteJid: phone, id: "UNKNOWN", fromMe: true })).toBeUndefined();
  });

  it("sends notifications to the number a @lid applicant wrote from", async () => {
    const lid = "123456789012345@lid";
    const number = await h.fileThk2Ticket(lid, (text) =>
      h.exchange(lid, textFrom(lid, text, { alt: "6285700000001@s.whatsapp.net" })),
    );
    expect((await findTicket(h.app.db, number))?.chatId).toBe(lid);
    const socket = h.sockets.latest;
    const before = socket.textsTo(lid).length;
    await runAdminCommand(h.app.helpdesk, ADMIN, `terima ${number}`);
    await vi.waitFor(() => expect(socket.textsTo(lid).length).toBe(before + 1));
  });
});
