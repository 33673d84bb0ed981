import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { engineMessages as t } from "../../../bot/engine/engine.messages.ts";
import { MAX_TEXT_LENGTH } from "../../../bot/engine/input-limit.ts";
import { PROOF_LIMIT } from "../../../bot/engine/status-lookup.ts";
import { createHelpdeskService } from "../../../bot/helpdesk/helpdesk.service.ts";
import { findTicket, insertTicket, loadConversation } from "../../../db/index.ts";
import { parseTicketNumber } from "../../../flows/ticket-number.ts";
import {
  kkMessages,
  longTextMessages,
  nikMessages,
  shortAnswerMessages,
} from "../../../flows/validation/validation.messages.ts";
import { CHANNEL, choice, type EngineHarness, openEngine, VALID_KK, VALID_NIK } from "./engine-harness.ts";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const ADMIN = { id: "1", name: "Ani" };
const ANSWER = "Data Anda sudah kami perbaiki.";

let engine: EngineHarness;
beforeEach(async () => {
  engine = await openEngine();
});
afterEach(() => engine.close());

/** The identity steps of any form, with a birth date that matches the NIK. */
async function identity(chatId = "chat-1", birthDate = "17 Agustus 1995"): Promise<string> {
  let last = "";
  for (const answer of ["Siti Rahmawati", VALID_NIK, VALID_KK, "Kabupaten Bogor", birthDate]) {
    last = await engine.say(answer, chatId);
  }
  return last;
}

async function complaintTicket(chatId = "chat-1", complaint = "Formasi saya tidak muncul."): Promise<string> {
  await engine.send(choice("kategori:pengaduan_instansi"), { chatId });
  await identity(chatId);
  await engine.say("Kementerian Agama", chatId);
  expect(await engine.say(complaint, chatId)).toContain("Mohon periksa kembali data Anda");
  const done = await engine.say("kirim", chatId);
  return /nomor tiket \*([0-9A-Z-]{14})\*/.exec(done)![1]!;
}

async function answeredTicket(): Promise<string> {
  const number = await complaintTicket();
  expect((await createHelpdeskService({ db: engine.db }).answer(number, ADMIN, ANSWER)).ok).toBe(true);
  return number;
}

/** The same number with one character changed: same shape, wrong check character. */
function withTypo(number: string, position = 5): string {
  const raw = number.replaceAll("-", "");
  const wrong = ALPHABET[(ALPHABET.indexOf(raw[position]!) + 7) % ALPHABET.length]!;
  const typo = raw.slice(0, position) + wrong + raw.slice(position + 1);
  return `${typo.slice(0, 4)}-${typo.slice(4, 8)}-${typo.slice(8)}`;
}

/** The valid ticket number with this 11-character body (its check character found by trying all 32). */
function validNumber(body: string): string {
  for (const c of ALPHABET) {
    const parsed = parseTicketNumber(body + c);
    if (parsed.ok) return parsed.number;
  }
  throw new Error("no check character");
}

const storedComplaint = async (number: string) => {
  const ticket = await findTicket(engine.db, number);
  return ticket?.answers.isi_pengaduan as string;
};

describe("commands are whole messages", () => {
  test("a sentence starting with 'status' is a question, not a ticket lookup", async () => {
    const reply = await engine.say("cek status tiket saya");
    expect(reply).not.toContain("tidak ditemukan");
    expect(reply).not.toContain("*saya*");
  });

  test("a complaint that starts with 'Status' is kept as the complaint", async () => {
    const complaint = "Status saya TMS padahal berkas lengkap";
    const number = await complaintTicket("chat-1", complaint);
    expect(await storedComplaint(number)).toBe(complaint);
  });
});

describe("a mistyped ticket number", () => {
  test("alone or after 'status' is answered as a probable typo, in capitals", async () => {
    // A fixed number, so that the typo always mixes letters and digits (a random one may lack digits).
    const typo = withTypo(validNumber("K7QM2HXD9RW"));
    for (const message of [typo.toLowerCase(), `status ${typo.toLowerCase()}`, `Status ${typo}?`]) {
      const reply = await engine.say(message);
      expect(reply).toBe(t.ticketNumberTypo(typo));
      expect(reply).not.toContain(typo.toLowerCase());
    }
  });

  test("one character away from one of the chat's own tickets names that ticket", async () => {
    const number = validNumber("K7QM2HXD9RW");
    await insertTicket(engine.db, {
      number,
      category: "pengaduan_instansi",
      channel: CHANNEL,
      chatId: "chat-1",
      userId: "user-chat-1",
      applicantName: "Siti Rahmawati",
      nik: VALID_NIK,
      kk: VALID_KK,
      answers: {},
    });
    const typo = withTypo(number, 2);
    expect(await engine.say(typo)).toBe(t.ticketNumberTypoOwn(typo, number));
    // Another chat is not told which ticket is close.
    expect(await engine.say(typo, "chat-2")).toBe(t.ticketNumberTypo(typo));
  });

  test("ordinary words and phone numbers of the same shape are not taken for a ticket", async () => {
    for (const message of ["saya lupa akun", "0812-3456-7890"]) {
      expect(await engine.say(message)).not.toContain("salah ketik");
    }
  });
});

describe("showing an answer to another chat", () => {
  test("needs exactly one NIK: a message of concatenated guesses reveals nothing", async () => {
    const number = await answeredTicket();
    const guesses = Array.from({ length: 250 }, (_, i) => `320101570895${String(i).padStart(4, "0")}`);
    const reply = await engine.say(`status ${number} ${guesses.join("")}`, "chat-2");
    expect(reply).not.toContain(ANSWER);
    const spaced = await engine.say(`status ${number} ${guesses.join(" ")}`, "chat-2");
    expect(spaced).not.toContain(ANSWER);
    expect(await engine.say(`status ${number} ${VALID_NIK}`, "chat-2")).toContain(ANSWER);
  });

  test("failed proofs are limited per chat, and the limit survives a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "asn-proof-"));
    const path = join(dir, "db.sqlite");
    let clock = new Date("2026-12-01T08:00:00.000Z");
    await engine.close();
    engine = await openEngine({ path, now: () => clock });
    try {
      const number = await answeredTicket();
      for (let i = 0; i < PROOF_LIMIT; i++) {
        expect(await engine.say(`status ${number} 320101570895${1000 + i}`, "chat-2")).toContain(
          t.nikProofMismatch,
        );
      }
      await engine.close();
      engine = await openEngine({ path, now: () => clock });
      // Even the right NIK is not checked now: the limit holds after the restart.
      const limited = await engine.say(`status ${number} ${VALID_NIK}`, "chat-2");
      expect(limited).toContain(t.nikProofLimited);
      expect(limited).not.toContain(ANSWER);
      // The owner's chat is never limited.
      expect(await engine.say(`status ${number}`)).toContain(ANSWER);
      clock = new Date("2026-12-01T09:00:01.000Z");
      expect(await engine.say(`status ${number} ${VALID_NIK}`, "chat-2")).toContain(ANSWER);
    } finally {
      await engine.close();
      engine = await openEngine();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("failed proofs are limited per ticket, across chats", async () => {
    const number = await answeredTicket();
    for (let i = 0; i < PROOF_LIMIT; i++) {
      await engine.say(`status ${number} 320101570895${1000 + i}`, `guess-${i}`);
    }
    const reply = await engine.say(`status ${number} ${VALID_NIK}`, "someone-else");
    expect(reply).toContain(t.nikProofLimited);
    expect(reply).not.toContain(ANSWER);
  });
});

describe("answers without words", () => {
  test("a complaint of zero-width characters or emoji only is refused, and nothing is stored", async () => {
    await engine.send(choice("kategori:pengaduan_instansi"));
    await identity();
    await engine.say("Kementerian Agama");
    for (const invisible of ["\u200B\u200B", "\u2800 \u3164\u200E"]) {
      const reply = await engine.say(invisible);
      expect(reply).toContain(t.emptyMessage);
      expect(reply).toContain("Tulis *isi pengaduan Anda*");
    }
    for (const noWords of ["😀😀🙏", "?!... 👍🏽"]) {
      const reply = await engine.say(noWords);
      expect(reply).toContain(longTextMessages.noContent("Isi pengaduan"));
      expect(reply).toContain("Tulis *isi pengaduan Anda*");
    }
    expect(await engine.say("Formasi saya hilang 😀")).toContain("Mohon periksa kembali data Anda");
  });

  test("a security answer of invisible characters only is refused", async () => {
    await engine.send(choice("kategori:reset_password"));
    await identity();
    await engine.say("ya");
    const reply = await engine.say("\u200B\u200C\u200D\uFEFF");
    expect(reply).toMatch(/belum diisi|harus berisi huruf/);
    const emoji = await engine.say("🙂");
    expect(emoji).toContain(shortAnswerMessages.noContent("Pertanyaan pengaman 1"));
  });
});

describe("NIK and KK stay different", () => {
  test("when the NIK is corrected from the date-mismatch prompt", async () => {
    await engine.send(choice("kategori:pengaduan_instansi"));
    const prompt = await identity("chat-1", "18-08-1995");
    expect(prompt).toContain("berbeda");
    expect(await engine.send(choice("ubah_nik"))).not.toHaveLength(0);
    const reply = await engine.say(VALID_KK);
    expect(reply).toContain(nikMessages.sameAsKk());
  });

  test("when the NIK is edited from the summary", async () => {
    await engine.send(choice("kategori:pengaduan_instansi"));
    await identity();
    await engine.say("Kementerian Agama");
    await engine.say("Formasi saya tidak muncul.");
    await engine.say("ubah");
    await engine.send(choice("nik"));
    expect(await engine.say(VALID_KK)).toContain(nikMessages.sameAsKk());
  });

  test("when the KK is typed equal to the NIK (unchanged)", async () => {
    await engine.send(choice("kategori:pengaduan_instansi"));
    await engine.say("Siti Rahmawati");
    await engine.say(VALID_NIK);
    expect(await engine.say(VALID_NIK)).toContain(kkMessages.sameAsNik());
  });
});

describe("very long messages", () => {
  test("outside a form: the first 4,096 characters are read, with a polite note", async () => {
    const replies = await engine.send({ kind: "text", text: `lupa password ${"x".repeat(65_536)}` });
    expect(replies[0]!.text).toBe(t.textCapped);
    expect(replies.length).toBeGreaterThan(1);
  });

  test("in a form: nothing is stored, the note and the same step follow", async () => {
    await engine.send(choice("kategori:pengaduan_instansi"));
    const replies = await engine.send({ kind: "text", text: "Siti ".repeat(MAX_TEXT_LENGTH) });
    expect(replies.map((r) => r.text)).toEqual([
      t.textTooLongInForm,
      expect.stringContaining("nama lengkap"),
    ]);
    expect(await engine.say("Siti Rahmawati")).toContain("NIK");
  });
});

describe("error messages about characters", () => {
  test("invisible characters are dropped from a NIK instead of being quoted back", async () => {
    await engine.send(choice("kategori:pengaduan_instansi"));
    await engine.say("Siti Rahmawati");
    expect(await engine.say(`\u200B${VALID_NIK.slice(0, 8)}\u200C${VALID_NIK.slice(8)}\uFEFF`)).toContain(
      "Nomor Kartu Keluarga",
    );
  });

  test("the letter-O hint comes only with an O", async () => {
    await engine.send(choice("kategori:pengaduan_instansi"));
    await engine.say("Siti Rahmawati");
    expect(await engine.say("32010157O8950001")).toContain("huruf O");
    const stray = await engine.say("3201015708950001#");
    expect(stray).toContain('karakter "#"');
    expect(stray).not.toContain("huruf O");
  });

  test("a name with an invisible letter-like filler never quotes it", async () => {
    await engine.send(choice("kategori:pengaduan_instansi"));
    const reply = await engine.say("\u3164");
    expect(reply).not.toContain("\u3164");
    expect(reply).toContain(t.emptyMessage);
    // Mixed with a real name, the filler is dropped and the name kept.
    expect(await engine.say("Siti\u3164 Rahmawati\u200B")).toContain("NIK");
  });
});

describe("a question in the middle of a form", () => {
  const stored = async (chatId = "chat-1") => {
    const conversation = await loadConversation(engine.db, CHANNEL, chatId);
    if (!conversation) throw new Error(`no conversation for ${chatId}`);
    return (conversation.snapshot as { machine: { context: { answers: Record<string, unknown> } } }).machine
      .context.answers;
  };

  test("at the name step gets a FAQ answer and the same step again; nothing is stored", async () => {
    await engine.send(choice("kategori:pengaduan_instansi"));
    const replies = await engine.send({ kind: "text", text: "kapan jadwal SKD" });
    expect(replies).toHaveLength(2);
    expect(replies[0]!.text).toMatch(/tidak kami catat sebagai jawaban/);
    expect(replies[1]!.text).toContain("nama lengkap");
    expect(await stored()).toEqual({});
    expect(await engine.say("Siti Rahmawati")).toContain("NIK");
  });

  test("at the NIK step or a yes/no step, unless the message is a valid choice", async () => {
    await engine.send(choice("kategori:reset_password"));
    await engine.say("Siti Rahmawati");
    expect(await engine.say("NIK itu apa?")).toContain("NIK");
    expect(await stored()).toEqual({ nama: "Siti Rahmawati" });
    await identity();
    const asked = await engine.say("kenapa harus ingat pertanyaan pengaman?");
    expect(asked).toMatch(/tidak kami catat sebagai jawaban/);
    expect((await stored()).ingat_pengaman_1).toBeUndefined();
    await engine.say("ya");
    expect((await stored()).ingat_pengaman_1).toBe("ya");
  });

  test("a complaint or a security question that is phrased as a question is the answer", async () => {
    const complaint = "Kenapa NIK saya tidak ditemukan padahal sudah rekam e-KTP?";
    const number = await complaintTicket("chat-1", complaint);
    expect(await storedComplaint(number)).toBe(complaint);

    await engine.send(choice("kategori:reset_password"), { chatId: "chat-2" });
    await identity("chat-2");
    await engine.say("ya", "chat-2");
    expect(await engine.say("Siapa nama ibu kandung Anda?", "chat-2")).toContain("jawaban");
    expect((await stored("chat-2")).pertanyaan_pengaman_1).toBe("Siapa nama ibu kandung Anda?");
  });
});

describe("words that name Object's own properties", () => {
  test("typed or pressed, they are ordinary messages, never an internal error", async () => {
    for (const word of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(await engine.say(word)).not.toContain(t.internalError);
      const pressed = await engine.send({ kind: "choice", value: word });
      expect(pressed.map((r) => r.text).join("\n")).not.toContain(t.internalError);
    }
    await engine.send(choice("kategori:pengaduan_instansi"));
    const inForm = await engine.send({ kind: "choice", value: "valueOf" });
    expect(inForm.map((r) => r.text).join("\n")).not.toContain(t.internalError);
  });
});
