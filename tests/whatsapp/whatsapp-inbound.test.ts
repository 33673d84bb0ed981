import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_FLOOD_CONTROL } from "../../bot/whatsapp/flood-control.ts";
import { countPendingOutbox } from "../../db/index.ts";
import { jpegBytes } from "../support/file-bytes.ts";
import { imageFrom, nextMessageId, textFrom, undecryptableFrom } from "./wa-messages.ts";
import { APPLICANT, type Harness, startHarness, THK2_TEXT_ANSWERS } from "./whatsapp-harness.ts";

const HOUR = 60 * 60 * 1000;
const LID = "123456789012345@lid";
const PHONE = "6285700000001@s.whatsapp.net";
const OTHER = "6281399999999@s.whatsapp.net";

describe("WhatsApp inbound: what the server held, who is who, and how much", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it("answers messages the server held while the bot was away (upsert type append), in order", async () => {
    h = await startHarness();
    const socket = h.sockets.latest;
    const sentAt = new Date(Date.now() - 10 * 60 * 1000);
    // As Baileys drains the offline queue: buffered, then flushed as one batch of "append" upserts.
    socket.receiveOffline(textFrom(APPLICANT, "menu", { sentAt }), textFrom(APPLICANT, "6", { sentAt }));
    await h.settle();
    const texts = socket.textsTo(APPLICANT);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain("1. NIK/KK tidak ditemukan");
    expect(texts.at(-1)).toMatch(/nama/i);
  });

  it("a message held for more than a day gets an apology and the menu instead of being applied", async () => {
    h = await startHarness();
    const socket = h.sockets.latest;
    const twoDaysAgo = new Date(Date.now() - 49 * HOUR);
    socket.receiveOffline(
      textFrom(APPLICANT, "Siti Rahmawati", { sentAt: twoDaysAgo }),
      textFrom(APPLICANT, "3201015708950001", { sentAt: new Date(twoDaysAgo.getTime() + 60_000) }),
    );
    await h.settle();
    const texts = socket.textsTo(APPLICANT);
    // One apology for the pile, with the menu; the second old message is not answered on its own.
    expect(texts).toHaveLength(3);
    expect(texts[0]).toMatch(/Mohon maaf, pesan yang Anda kirim pada .* baru sampai kepada kami/);
    expect(texts.at(-1)).toContain("1. NIK/KK tidak ditemukan");
    expect(h.whatsapp.stats().staleAnswered).toBe(2);
    // The numbered menu works from there.
    expect((await h.say("6")).at(-1)).toMatch(/nama/i);
  });

  it("inside a form, an old message does not answer the step: apology, and the step again with the answers kept", async () => {
    h = await startHarness({ staleAfterHours: 1 });
    await h.say("menu");
    await h.say("6");
    await h.say(THK2_TEXT_ANSWERS[0]!);
    const reply = await h.exchange(
      APPLICANT,
      textFrom(APPLICANT, "bukan NIK", { sentAt: new Date(Date.now() - 2 * HOUR) }),
    );
    expect(reply[0]).toMatch(/baru sampai kepada kami/);
    expect(reply.join("\n")).toMatch(/tetap tersimpan/);
    expect(reply.at(-1)).toMatch(/NIK/);
    // The form goes on where it was: the NIK step takes a valid NIK.
    expect((await h.say(THK2_TEXT_ANSWERS[1]!)).at(-1)).toMatch(/KK/);
  });

  it("deduplicates on the conversation, not on the id the sender picked", async () => {
    h = await startHarness();
    const id = nextMessageId();
    expect(await h.exchange(APPLICANT, textFrom(APPLICANT, "menu", { id }))).toHaveLength(1);
    // Someone else's client reusing that id is still answered.
    expect(await h.exchange(OTHER, textFrom(OTHER, "menu", { id }))).toHaveLength(1);
    // The same message of the first person again is not.
    expect(await h.exchange(APPLICANT, textFrom(APPLICANT, "menu", { id }))).toEqual([]);
  });

  it("messages of one person by @lid and by phone number go through one queue, in order", async () => {
    h = await startHarness();
    await h.exchange(LID, textFrom(LID, "menu", { alt: PHONE }));
    await h.exchange(LID, textFrom(LID, "6", { alt: PHONE }));
    for (const answer of THK2_TEXT_ANSWERS) await h.exchange(LID, textFrom(LID, answer, { alt: PHONE }));
    const ktp = await h.media.upload(jpegBytes(60 * 1024), "image");
    const release = h.media.hold(ktp);
    const socket = h.sockets.latest;
    const before = socket.sent.length;
    // The KTP photo by @lid (its download held), then "kembali" by phone number, in one batch.
    socket.receive(imageFrom(LID, ktp, { alt: PHONE }), textFrom(PHONE, "kembali"));
    await socket.settled();
    release();
    await h.settle();
    const texts = socket.sent.slice(before).map((s) => s.text);
    // The photo answered the KTP step first (asks for the ijazah); "kembali" then went back to the KTP step.
    const ijazah = texts.findIndex((t) => /ijazah/i.test(t));
    const back = texts.findLastIndex((t) => /KTP/.test(t));
    expect(ijazah).toBeGreaterThan(-1);
    expect(back).toBeGreaterThan(ijazah);
  });

  it("flood control: a burst is cut after the limit with one notice; another person is not slowed", async () => {
    h = await startHarness({ flood: { limit: 3, timeFrameMs: 5_000, warnEveryMs: 60_000 } });
    const socket = h.sockets.latest;
    const sentAt = new Date();
    const burst = Array.from({ length: 12 }, (_, i) => textFrom(APPLICANT, `halo ${i}`, { sentAt }));
    socket.receive(...burst, textFrom(OTHER, "menu", { sentAt }));
    await h.settle();
    const texts = socket.textsTo(APPLICANT);
    expect(texts.filter((t) => /Mohon pelan-pelan/.test(t))).toHaveLength(1);
    expect(texts).toHaveLength(3 + 1);
    expect(socket.textsTo(OTHER)).toHaveLength(1);
    expect(h.whatsapp.stats().floodDropped).toBe(9);
  });

  it("flood control with the production limits: a 200-message burst gets 8 answers and one notice", async () => {
    h = await startHarness({ flood: DEFAULT_FLOOD_CONTROL });
    const socket = h.sockets.latest;
    const sentAt = new Date();
    socket.receive(...Array.from({ length: 200 }, () => textFrom(APPLICANT, "menu", { sentAt })));
    await h.settle();
    await expect.poll(() => socket.textsTo(APPLICANT)).toHaveLength(DEFAULT_FLOOD_CONTROL.limit + 1);
    expect(socket.textsTo(APPLICANT).filter((t) => /Mohon pelan-pelan/.test(t))).toHaveLength(1);
    expect(h.whatsapp.stats().floodDropped).toBe(200 - DEFAULT_FLOOD_CONTROL.limit);
  });

  it("sending is fair: someone writing just after a 200-message burst is answered second, not after its answers", async () => {
    h = await startHarness({ flood: DEFAULT_FLOOD_CONTROL });
    const socket = h.sockets.latest;
    // WhatsApp's pace: one message at a time, and slower than the answers are written.
    const release = socket.holdSends();
    const sentAt = new Date();
    socket.receive(...Array.from({ length: 200 }, () => textFrom(APPLICANT, "menu", { sentAt })));
    const burstAnswers = DEFAULT_FLOOD_CONTROL.limit + 1;
    await expect.poll(() => countPendingOutbox(h!.app.db, "whatsapp")).toBe(burstAnswers);
    socket.receive(textFrom(OTHER, "menu", { sentAt }));
    await expect.poll(() => countPendingOutbox(h!.app.db, "whatsapp")).toBe(burstAnswers + 1);
    release();
    await h.settle();
    await expect.poll(() => socket.sent).toHaveLength(burstAnswers + 1);
    // The burst's first answer was already on its way; the other person's answer is next.
    expect(socket.sent.findIndex((s) => s.jid === OTHER)).toBe(1);
    expect(socket.textsTo(APPLICANT)).toHaveLength(burstAnswers);
  });

  it("flood control counts when messages were sent: held messages spread over minutes all pass", async () => {
    h = await startHarness({ flood: { limit: 3, timeFrameMs: 5_000, warnEveryMs: 60_000 } });
    const socket = h.sockets.latest;
    const start = Date.now() - 30 * 60 * 1000;
    const held = Array.from({ length: 6 }, (_, i) =>
      textFrom(APPLICANT, "menu", { sentAt: new Date(start + i * 60_000) }),
    );
    socket.receiveOffline(...held);
    await h.settle();
    expect(socket.textsTo(APPLICANT)).toHaveLength(6);
    expect(h.whatsapp.stats().floodDropped).toBe(0);
  });

  it("marks messages read and shows 'typing' while the reply is prepared", async () => {
    h = await startHarness();
    const socket = h.sockets.latest;
    const message = textFrom(APPLICANT, "menu");
    await h.exchange(APPLICANT, message);
    expect(socket.reads.map((k) => k.id)).toEqual([message.key.id]);
    expect(socket.presences).toEqual([
      { presence: "composing", jid: APPLICANT },
      { presence: "paused", jid: APPLICANT },
    ]);
  });

  it("a message that failed to decrypt: logged and counted, and after the grace time the person is asked to send it again, once per chat", async () => {
    h = await startHarness({ decryptRetryGraceMs: 20 });
    const socket = h.sockets.latest;
    const stub = undecryptableFrom(APPLICANT, "Bad MAC");
    // Baileys retries and may upsert the stub again under the same id; garbage may come under many ids.
    socket.receive(stub);
    socket.receive(stub);
    socket.receive(
      undecryptableFrom(APPLICANT, "Bad MAC"),
      undecryptableFrom(APPLICANT, "No session record"),
    );
    // The positive signal: a message in another chat, failing later, is asked for after them.
    socket.receive(undecryptableFrom(OTHER, "Bad MAC"));
    await expect.poll(() => socket.textsTo(OTHER)).toHaveLength(1);
    await h.settle();
    expect(socket.textsTo(APPLICANT)).toHaveLength(1);
    expect(socket.textsTo(APPLICANT)[0]).toMatch(/mohon kirim ulang/i);
    expect(h.whatsapp.stats().decryptFailures).toBe(5);
    const warnings = h.logLines
      .map((line) => JSON.parse(line))
      .filter((l) => l.msg === "WhatsApp message could not be decrypted");
    expect(warnings).toHaveLength(5);
    expect(warnings[0]).toMatchObject({ level: 40, error: "Bad MAC" });
    // The sender's number is masked in the log.
    expect(warnings[0].chat).not.toContain("6281234567890");
  });

  it("a failed decryption that Baileys' retry then delivers is answered normally, without asking again", async () => {
    h = await startHarness({ decryptRetryGraceMs: 40 });
    const socket = h.sockets.latest;
    const id = nextMessageId();
    socket.receive(undecryptableFrom(APPLICANT, "Bad MAC", { id }));
    const replies = await h.exchange(APPLICANT, textFrom(APPLICANT, "menu", { id }));
    expect(replies).toHaveLength(1);
    // A later failure in another chat gets its request; had the first timer survived, the applicant's
    // request would have come first.
    socket.receive(undecryptableFrom(OTHER, "Bad MAC"));
    await expect.poll(() => socket.textsTo(OTHER)).toHaveLength(1);
    expect(socket.textsTo(OTHER)[0]).toMatch(/mohon kirim ulang/i);
    expect(socket.textsTo(APPLICANT)).toHaveLength(1);
  });

  it("declines a call and answers it with a short text, once per caller in a while", async () => {
    h = await startHarness();
    const socket = h.sockets.latest;
    const call = (id: string) => ({
      chatId: APPLICANT,
      from: APPLICANT,
      id,
      date: new Date(),
      offline: false,
      status: "offer" as const,
      isVideo: false,
      isGroup: false,
    });
    socket.emit("call", [call("CALL1")]);
    socket.emit("call", [call("CALL2"), { ...call("CALL2"), status: "ringing" as const }]);
    await h.settle();
    expect(socket.rejectedCalls).toEqual(["CALL1", "CALL2"]);
    const texts = socket.textsTo(APPLICANT);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/tidak dapat menerima panggilan/);
  });
});
