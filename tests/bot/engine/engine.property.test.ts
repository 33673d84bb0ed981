import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseConversationState } from "../../../bot/engine/conversation-state.ts";
import { engineMessages } from "../../../bot/engine/engine.messages.ts";
import { runFormTurn } from "../../../bot/engine/form-runner.ts";
import type { InboundContent, OutboundMessage } from "../../../bot/engine/message.types.ts";
import { findTicket, loadConversation } from "../../../db/index.ts";
import { CATEGORIES, CATEGORY_IDS, type CategoryId } from "../../../flows/categories/index.ts";
import { CHOOSING_EDIT } from "../../../flows/form/form.machine.ts";
import type { Answers } from "../../../flows/form/form-definition.ts";
import {
  applicableAnswers,
  editableSteps,
  findStep,
  isApplicable,
  SUMMARY,
} from "../../../flows/form/form-navigation.ts";
import { validInputs } from "../../flows/form-samples.ts";
import {
  CHANNEL,
  type EngineHarness,
  jpegBytes,
  openEngine,
  pdfBytes,
  VALID_KK,
  VALID_NIK,
} from "./engine-harness.ts";

// Random conversations thrown at the real engine (real SQLite, real machines, real FAQ router): hostile
// texts, real answers, choices, commands and files in any order. Every message must be handled, every
// reply be non-empty Indonesian, and no accepted answer may vanish unless the applicant asked for it.

const BIG = "a".repeat(65_536);
const hostileText = fc.oneof(
  fc.constant(""),
  fc.constant("   \n\t "),
  fc.constant(BIG),
  fc.constant(`${"saya lupa password ".repeat(3500)}`),
  fc.constant("😀🙏👍🏽👨‍👩‍👧"),
  fc.constant("مرحبا كيف حالك ؟"),
  fc.constant("\u202Egnp.exe\u202C שלום"),
  fc.constant("\u200B\u200C\u200D\uFEFF\u2060"),
  fc.constant("\u0000\u0007\u001B[31m\u007F"),
  fc.constant("'; DROP TABLE tickets; --"),
  fc.constant("<script>alert(1)</script><b>tebal</b>"),
  fc.constant("Robert'); DELETE FROM conversations WHERE ('1'='1"),
  fc.constant("*tebal* _miring_ `kode` [tautan](http://x)"),
  fc.constant("!".repeat(5000)),
  fc.constant("a@".repeat(3000)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
);
const realAnswer = fc.constantFrom(
  "Siti Rahmawati",
  VALID_NIK,
  VALID_KK,
  "Kabupaten Bogor",
  "17 Agustus 1995",
  "18-08-1995",
  "ya",
  "tidak",
  "1",
  "2",
  "3",
  "kirim",
  "ubah",
  "Kementerian Agama",
  "Formasi yang saya lamar tidak muncul di portal.",
  "Nama hewan peliharaan pertama?",
  "Belang",
  "kapan jadwal SKD?",
  "lupa password",
  "status",
  "status K7QM-2HXD-9RWA 3201015708950001",
  "cek status tiket saya",
);
const command = fc.constantFrom("/start", "menu", "batal", "kembali", "bantuan", "mulai lagi", "/menu@bot");
const choiceValue = fc.oneof(
  fc.constantFrom(
    ...CATEGORY_IDS.map((id) => `kategori:${id}`),
    "ya",
    "tidak",
    "kirim",
    "ubah",
    "batal",
    "benar",
    "ubah_nik",
    "ubah_tanggal",
    "nik",
    "kk",
    "faq:ya",
    "faq:tidak",
    "faq:terkait",
    "faq:bukan",
    "tanya:tidak-ada",
  ),
  fc.string({ maxLength: 70 }),
);
const fileContent = fc.oneof(
  fc
    .uint8Array({ maxLength: 3000 })
    .map((bytes): InboundContent => ({ kind: "file", bytes, fileName: "x.bin" })),
  fc.constant<InboundContent>({ kind: "file", bytes: jpegBytes(20_000), fileName: "ktp.jpg" }),
  fc.constant<InboundContent>({ kind: "file", bytes: pdfBytes(20_000), fileName: "ijazah.pdf" }),
  fc.constant<InboundContent>({ kind: "file", bytes: new Uint8Array(), fileName: "kosong.pdf" }),
  fc.constant<InboundContent>({ kind: "file_too_large", size: 5_000_000, mime: "image/jpeg" }),
  fc.constant<InboundContent>({ kind: "unsupported", what: "stiker" }),
);
const message: fc.Arbitrary<InboundContent> = fc.oneof(
  { weight: 3, arbitrary: hostileText.map((text): InboundContent => ({ kind: "text", text })) },
  { weight: 5, arbitrary: realAnswer.map((text): InboundContent => ({ kind: "text", text })) },
  { weight: 1, arbitrary: command.map((text): InboundContent => ({ kind: "text", text })) },
  { weight: 3, arbitrary: choiceValue.map((value): InboundContent => ({ kind: "choice", value })) },
  { weight: 1, arbitrary: fileContent },
);
/** "A right answer to whatever the form asks now", resolved when sent: the walk then reaches the end. */
type Good = { good: number };
const step: fc.Arbitrary<InboundContent | Good> = fc.oneof(
  { weight: 2, arbitrary: message },
  { weight: 5, arbitrary: fc.nat(5).map((good): Good => ({ good })) },
);
const conversation = fc.tuple(
  fc.constantFrom(...CATEGORY_IDS),
  fc.array(step, { minLength: 5, maxLength: 40, size: "max" }),
);

function goodAnswer(draft: FormDraft | undefined, pick: number): InboundContent {
  if (!draft) return { kind: "text", text: "menu" };
  if (draft.current === SUMMARY) return { kind: "text", text: pick === 5 ? "ubah" : "kirim" };
  const form = CATEGORIES[draft.category].form;
  if (draft.current === CHOOSING_EDIT) {
    return { kind: "choice", value: editableSteps(form, draft.answers)[pick % 3]?.field ?? "nama" };
  }
  const current = findStep(form, draft.current)!;
  if (current.accepts === "file") return { kind: "file", bytes: jpegBytes(20_000), fileName: "scan.jpg" };
  const inputs = validInputs(current);
  const input = inputs[pick % inputs.length]!;
  return input.kind === "choice"
    ? { kind: "choice", value: input.value }
    : { kind: "text", text: input.kind === "text" ? input.text : "" };
}

// Words that any of the bot's Indonesian replies carries at least one of.
const INDONESIAN =
  /\b(anda|silakan|mohon|maaf|kami|tiket|tulis|kirim|pilih|apakah|jawaban|langkah|tidak|yang|dan|untuk|dengan|ini|baik|halo|status|pesan|data|ya|atau)\b/i;

function checkReplies(replies: readonly OutboundMessage[], sent: InboundContent): void {
  expect(replies.length, JSON.stringify(sent).slice(0, 200)).toBeGreaterThan(0);
  for (const reply of replies) {
    expect(reply.text.trim()).not.toBe("");
    expect(reply.text).not.toBe(engineMessages.internalError);
    expect(reply.text).toMatch(INDONESIAN);
    expect(reply.text).not.toMatch(/undefined|\[object Object\]|NaN/);
    for (const choice of reply.choices ?? []) expect(choice.label.trim()).not.toBe("");
  }
}

type FormDraft = {
  category: (typeof CATEGORY_IDS)[number];
  machine: unknown;
  answers: Answers;
  current: string;
};

async function draftOf(engine: EngineHarness, chatId: string): Promise<FormDraft | undefined> {
  const stored = await loadConversation(engine.db, CHANNEL, chatId);
  const state = parseConversationState(stored?.snapshot);
  if (state?.stage !== "form") return undefined;
  const { context } = runFormTurn(CATEGORIES[state.category], state.machine);
  return {
    category: state.category,
    machine: state.machine,
    answers: context.answers,
    current: context.current,
  };
}

const LEAVES_FORM = /^\/?(batal|batalkan|cancel|menu|mulai lagi)(@\w+)?$/i;

/** Fields the applicant may lose with this message: by cancelling, by a choice that re-asks them, by a changed field. */
function mayDrop(
  before: FormDraft,
  after: FormDraft | undefined,
  sent: InboundContent,
  field: string,
): boolean {
  const typed = sent.kind === "text" ? sent.text.trim() : sent.kind === "choice" ? sent.value : "";
  if (LEAVES_FORM.test(typed)) return true;
  const form = CATEGORIES[before.category].form;
  const step = findStep(form, field);
  if (!after || !step) return true;
  if (!isApplicable(step, after.answers)) return true;
  const changed = Object.keys(after.answers).filter((f) => after.answers[f] !== before.answers[f]);
  // Answering (even re-answering) a field re-asks the confirmations that depend on it.
  if (step.dependsOn?.some((f) => changed.includes(f) || f === before.current)) return true;
  const current = findStep(form, before.current);
  if (current && (sent.kind === "text" || sent.kind === "choice")) {
    const input =
      sent.kind === "text"
        ? { kind: "text" as const, text: sent.text }
        : { kind: "choice" as const, value: sent.value };
    // A choice such as "Perbaiki NIK" re-asks earlier answers on purpose.
    const parsed = current.parse(input, { answers: before.answers, receivedAt: new Date().toISOString() });
    if (parsed.ok && parsed.clear?.includes(field)) return true;
  }
  return false;
}

let engine: EngineHarness;
let chatCounter = 0;
let ticketsSeen = 0;
beforeAll(async () => {
  engine = await openEngine();
});
afterAll(() => engine.close());

describe("the engine under random conversations", () => {
  test("handles every message, replies in Indonesian, and loses no accepted answer", async () => {
    await fc.assert(
      fc.asyncProperty(conversation, async ([category, messages]) => {
        const chatId = `prop-${++chatCounter}`;
        checkReplies(await engine.send({ kind: "choice", value: `kategori:${category}` }, { chatId }), {
          kind: "choice",
          value: category,
        });
        for (const planned of messages) {
          const before = await draftOf(engine, chatId);
          const content = "good" in planned ? goodAnswer(before, planned.good) : planned;
          const replies = await engine.send(content, { chatId });
          checkReplies(replies, content);
          const after = await draftOf(engine, chatId);
          if (!before) continue;
          const done = replies.map((r) => r.text).join("\n");
          const ticketNumber = /nomor tiket \*([0-9A-Z-]{14})\*/.exec(done)?.[1];
          if (ticketNumber) {
            // The ticket holds every answer the draft held (the applicable ones).
            const ticket = await findTicket(engine.db, ticketNumber);
            const form = CATEGORIES[before.category].form;
            expect(ticket?.answers).toEqual(applicableAnswers(form, before.answers));
            ticketsSeen++;
            continue;
          }
          // A stored text answer says something: no answer of invisible characters or emoji only.
          for (const value of Object.values(after?.answers ?? {})) {
            if (typeof value === "string") expect(value).toMatch(/[\p{L}\p{N}]/u);
          }
          for (const field of Object.keys(before.answers)) {
            if (after?.answers[field] !== undefined) continue;
            expect(
              mayDrop(before, after, content, field),
              `${field} lost after ${JSON.stringify(content).slice(0, 120)}`,
            ).toBe(true);
          }
        }
      }),
      // Besides the random ones, every form straight through with right answers: the end is always reached.
      {
        numRuns: 80,
        examples: CATEGORY_IDS.map((id): [[CategoryId, (InboundContent | Good)[]]] => [
          [id, Array.from({ length: 20 }, () => ({ good: 0 }))],
        ]),
      },
    );
    expect(ticketsSeen).toBeGreaterThanOrEqual(CATEGORY_IDS.length - 1);
  }, 60_000);
});
