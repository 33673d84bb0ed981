import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { engineMessages as t } from "../../../bot/engine/engine.messages.ts";
import { FAQ_CHOICE } from "../../../bot/engine/faq-replies.ts";
import { MENU_CHOICES } from "../../../bot/engine/menu.ts";
import { loadConversation } from "../../../db/index.ts";
import { formMessages } from "../../../flows/flows.messages.ts";
import {
  choice,
  choicesOf,
  type EngineHarness,
  openEngine,
  sharedFaqRouting,
  text,
} from "./engine-harness.ts";

// Vague: NIK not found, NIK used by someone else, or Dapodik; close topics.
const AMBIGUOUS = "nik tdk masuk";

let engine: EngineHarness;
beforeEach(async () => {
  engine = await openEngine();
});
afterEach(() => engine.close());

const gaps = () =>
  engine.db
    .selectFrom("faq_gaps" as never)
    .selectAll()
    .execute() as Promise<Record<string, string>[]>;

describe("small talk and out of scope", () => {
  test.each([
    ["halo", t.smallTalk.greeting],
    ["makasih min", t.smallTalk.thanks],
    ["admin?", t.smallTalk.human],
    ["bot goblok", t.smallTalk.complaint],
  ])("%j gets a fitting reply and the menu", async (message, reply) => {
    const replies = await engine.send(text(message));
    expect(replies).toEqual([{ text: reply, choices: MENU_CHOICES }]);
    expect(replies[0]!.text).not.toBe(t.notUnderstood);
    expect(await gaps()).toEqual([]);
  });

  test("an off-topic message gets the scope reply and the menu, and is recorded without personal data", async () => {
    const replies = await engine.send(text("Resep rendang padang 0812-3456-7890 ya"));
    expect(replies).toEqual([{ text: t.notUnderstood, choices: MENU_CHOICES }]);
    const [gap] = await gaps();
    expect(gap).toMatchObject({ kind: "unanswered", channel: "test" });
    expect(gap!.question).toBe("resep rendang padang # ya");
    expect(JSON.stringify(gap)).not.toMatch(/0812|chat-1|user-/);
  });
});

describe("FAQ answers", () => {
  test("an answer names its phase, carries its link and asks whether it helped", async () => {
    const replies = await engine.send(text("gimana cara ngajuin sanggah?"));
    expect(replies[0]!.text.startsWith("*Tahap: Sanggah*")).toBe(true);
    expect(replies[1]).toMatchObject({ text: t.faqHelpful });
    expect(choicesOf(replies)).toEqual([FAQ_CHOICE.yes, FAQ_CHOICE.no, FAQ_CHOICE.related]);
    const withLink = await engine.send(text("link resmi sscasn apa"));
    expect(withLink[0]!.text).toContain("Info resmi: https://");
  });

  test("'Pertanyaan terkait' lists related questions as choices that open their answers", async () => {
    await engine.send(text("gimana cara ngajuin sanggah?"));
    const related = await engine.send(choice(FAQ_CHOICE.related));
    expect(related[0]!.text).toBe(t.faqRelatedTitle);
    const options = choicesOf(related);
    expect(options).toContain("tanya:hasil-seleksi-administrasi");
    const answer = await engine.send(choice("tanya:hasil-seleksi-administrasi"));
    expect(answer[0]!.text).toContain("*Tahap: Seleksi Administrasi*");
    expect(answer[0]!.text).toContain("MS (Memenuhi Syarat)");
  });

  test("'tidak membantu' on an answer about a form's problem opens that form and is recorded", async () => {
    await engine.send(text("kalau NIK gak ditemukan waktu daftar gimana?"));
    const replies = await engine.send(choice(FAQ_CHOICE.no));
    const all = replies.map((r) => r.text).join("\n");
    expect(all).toContain(t.faqToForm);
    expect(all).toContain(formMessages.askName);
    const [gap] = await gaps();
    expect(gap).toMatchObject({
      kind: "not_helpful",
      faq_id: "nik-kk-tidak-ditemukan",
      question: "kalau nik tidak ditemukan waktu daftar bagaimana",
    });
  });

  test("'ya' thanks and ends the conversation", async () => {
    await engine.send(text("batas usia cpns berapa"));
    expect(await engine.say("ya")).toBe(t.faqThanks);
    expect(await engine.db.selectFrom("conversations").selectAll().execute()).toHaveLength(0);
  });
});

describe("clarifying question", () => {
  test("two close topics get one short question with the candidates and a way out", async () => {
    const replies = await engine.send(text(AMBIGUOUS));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toBe(t.clarifyQuestion);
    const options = choicesOf(replies);
    expect(options.length).toBeGreaterThanOrEqual(3);
    expect(options.length).toBeLessThanOrEqual(4);
    expect(options).toEqual(
      expect.arrayContaining(["kategori:nik_kk_tidak_ditemukan", "kategori:nik_dipakai_orang_lain"]),
    );
    expect(options.at(-1)).toBe(FAQ_CHOICE.clarifyNone);
    const route = sharedFaqRouting().route(AMBIGUOUS);
    expect(route.clarify).toBeDefined();
  });

  test("picking a candidate continues to its form; the stage survives between messages", async () => {
    await engine.send(text(AMBIGUOUS));
    const row = await engine.db
      .selectFrom("conversations")
      .select(["channel", "chat_id"])
      .executeTakeFirstOrThrow();
    const stored = await loadConversation(engine.db, row.channel, row.chat_id);
    expect(stored?.snapshot).toMatchObject({ stage: "clarify" });
    const replies = await engine.send(choice("kategori:nik_dipakai_orang_lain"));
    expect(replies.map((r) => r.text).join("\n")).toContain(formMessages.askName);
  });

  test("a typed number picks the candidate in the order shown", async () => {
    const options = choicesOf(await engine.send(text(AMBIGUOUS)));
    const second = options[1]!;
    const replies = await engine.say("2");
    if (second.startsWith("kategori:")) expect(replies).toContain(formMessages.askName);
    else expect(replies).toContain(t.faqHelpful);
  });

  test("a FAQ candidate opens its answer", async () => {
    // A bare word several entries share (changing, special or several formations): a real toss-up.
    const replies = await engine.send(text("formasi"));
    const faqOption = choicesOf(replies).find((value) => value.startsWith("tanya:"));
    expect(faqOption).toBeDefined();
    const answer = await engine.send(choice(faqOption!));
    expect(answer[1]!.text).toBe(t.faqHelpful);
  });

  test("'bukan semuanya' records the question and shows the menu", async () => {
    await engine.send(text(AMBIGUOUS));
    const replies = await engine.send(choice(FAQ_CHOICE.clarifyNone));
    expect(replies).toEqual([{ text: t.clarifyRejected, choices: MENU_CHOICES }]);
    const [gap] = await gaps();
    expect(gap).toMatchObject({
      kind: "clarify_rejected",
      question: "nik tidak masuk",
    });
  });

  test("typing a new question instead of choosing routes the new question", async () => {
    await engine.send(text(AMBIGUOUS));
    const replies = await engine.send(text("kapan jadwal tes skd?"));
    expect(replies[0]!.text).toContain("SKD");
    expect(await gaps()).toEqual([]);
  });
});
