import { afterEach, describe, expect, test } from "vitest";
import { listFaqAdditions } from "../../db/faq-addition.repository.ts";
import { buttonsOf, chatDriver, isMessageTo, messageIdOf } from "./chat-driver.ts";
import { ADMIN_CHAT_ID, type Harness, type HarnessOptions, startHarness } from "./telegram-harness.ts";
import { callbackQuery, type TestUser, textMessage } from "./telegram-updates.ts";

// The FAQ learning loop as admins use it: applicants' missed questions in /faqgap, and what /faqtambah
// teaches answered at once, through the real Telegram adapter against the fake Bot API server.

const ANI = { id: 601, first_name: "Ani" };
const BUDI = { id: 602, first_name: "Budi" };
const EKO = { id: 603, first_name: "Eko" };
const applicant = (id: number): TestUser => ({ id, first_name: `Pelamar ${id}` });
const NIK = "3201015708950001";
const NOT_UNDERSTOOD = /belum bisa menjawab pesan itu/;
const HELPFUL = /Apakah jawaban ini membantu\?/;
const ADMIN_ONLY = /hanya untuk petugas helpdesk/;

const harnesses: Harness[] = [];

afterEach(async () => {
  for (const h of harnesses.splice(0).reverse()) await h.dispose();
});

async function start(options: HarnessOptions = {}): Promise<Harness> {
  const h = await startHarness(options);
  harnesses.push(h);
  h.fake.setMember(ADMIN_CHAT_ID, ANI.id, "administrator");
  h.fake.setMember(ADMIN_CHAT_ID, BUDI.id, "member");
  h.fake.setMember(ADMIN_CHAT_ID, EKO.id, "left");
  return h;
}

/** One admin line in the group; resolves with the text of the bot's answer to it. */
async function adminSays(h: Harness, who: TestUser, line: string): Promise<string> {
  const update = textMessage({ user: who, chatId: ADMIN_CHAT_ID }, line);
  const after = h.fake.calls.length;
  h.fake.pushUpdate(update);
  const reply = await h.fake.waitForCall(
    (c) =>
      isMessageTo(ADMIN_CHAT_ID, /./)(c) &&
      (c.params.reply_parameters as { message_id?: number } | undefined)?.message_id ===
        update.message.message_id,
    { after },
  );
  return String(reply.params.text);
}

/** An applicant's question in a private chat; resolves with every text the bot sent back for it. */
async function applicantAsks(h: Harness, who: TestUser, question: string, until: RegExp): Promise<string[]> {
  const chat = chatDriver(h.fake);
  const after = h.fake.calls.length;
  await chat.expectReply(textMessage({ user: who }, question), who.id, until);
  return chat.textsSince(who.id, after);
}

/** The first words of an entry's answer as Telegram shows them, to recognise it in a reply. */
function answerStart(h: Harness, faqId: string): string {
  const answer = h.app.routing.entry(faqId)?.answer;
  expect(answer, faqId).toBeDefined();
  return answer!.slice(0, 40);
}

describe("the FAQ admin commands in the admin group", () => {
  test("/faqgap lists the most frequent missed questions, and no identity number reaches the admins", async () => {
    const h = await start();
    const chat = chatDriver(h.fake);
    expect(await adminSays(h, ANI, "/faqgap")).toBe(
      "Tidak ada pertanyaan yang terlewat dalam 30 hari terakhir.",
    );

    // Three applicants ask the same out-of-scope question, written differently.
    for (const [id, question] of [
      [701, "info loker bumn dong"],
      [702, "Info loker BUMN dong!!"],
      [703, "info loker  bumn dong?"],
    ] as const) {
      await applicantAsks(h, applicant(id), question, NOT_UNDERSTOOD);
    }
    // One more, with a NIK typed in groups of four.
    await applicantAsks(h, applicant(704), "loker bumn 3201 0157 0895 0001", NOT_UNDERSTOOD);
    // An answer that did not help, to a question with a NIK in it.
    const seeker = applicant(705);
    const asked = await applicantAsks(h, seeker, `akun tahun lalu nik ${NIK} masih bisa dipakai?`, HELPFUL);
    expect(asked.join("\n")).toContain(answerStart(h, "akun-tahun-lalu"));
    const helpful = h.fake.calls.findLast(isMessageTo(seeker.id, HELPFUL))!;
    const no = buttonsOf(helpful).find((b) => b.text === "Tidak")!;
    await chat.expectReply(
      callbackQuery({ user: seeker }, no.callback_data, { message_id: messageIdOf(helpful) }),
      seeker.id,
      /Baik/,
    );

    const adminTrafficFrom = h.fake.calls.length;
    const report = await adminSays(h, ANI, "/faqgap 7");
    const lines = report.split("\n");
    expect(lines[0]).toBe("Pertanyaan yang paling sering tidak terjawab (7 hari terakhir):");
    expect(lines[1]).toBe('1. 3× "info loker bumn"');
    expect(report).toContain('1× "loker bumn #"');
    expect(report).toContain(
      '1× "akun tahun lalu nik # masih bisa dipakai", 1× tidak membantu (akun-tahun-lalu)',
    );
    expect(report).toContain("/faqtambah &lt;id-faq&gt; &lt;frasa&gt;");

    // Nothing sent to the group since then carries a NIK, whole or in pieces.
    const sent = JSON.stringify(h.fake.calls.slice(adminTrafficFrom).map((c) => c.params));
    expect(sent).not.toContain(NIK);
    expect(sent).not.toMatch(/0157|0895/);
    expect(report).not.toMatch(/\d{5,}/);
  });

  test("/faqtambah <id> <phrasing>: the applicant's next message in that phrasing gets the answer at once", async () => {
    const h = await start();
    const siti = applicant(501);
    expect(
      (await applicantAsks(h, siti, "Map merah dikirim kemana?", NOT_UNDERSTOOD)).join("\n"),
    ).not.toContain(answerStart(h, "berkas-fisik"));
    const report = await adminSays(h, ANI, "/faqgap");
    expect(report).toContain('1× "map merah dikirim kemana"\n   mirip: berkas-fisik');

    expect(await adminSays(h, ANI, "/faqtambah berkas-fisik map merah dikirim kemana")).toBe(
      "Frasa ditambahkan ke berkas-fisik dan langsung dipakai.",
    );
    // The same bot process, no restart: the phrasing is answered now, in the same chat and in another.
    const again = await applicantAsks(h, siti, "map merah dikirim kemana ya?", HELPFUL);
    expect(again.join("\n")).toContain(answerStart(h, "berkas-fisik"));
    const other = await applicantAsks(h, applicant(502), "Map merah dikirim kemana?", HELPFUL);
    expect(other.join("\n")).toContain(answerStart(h, "berkas-fisik"));

    expect(await adminSays(h, ANI, "/faqtambah berkas-fisik map merah dikirim kemana")).toBe(
      "Frasa itu sudah ada untuk pertanyaan tersebut.",
    );
  });

  test("/faqtambah baru: a new entry is answered at once and still after a restart on the same database", async () => {
    const first = await start();
    const question = "kapan tunjangan kinerja cair?";
    await applicantAsks(first, applicant(501), question, NOT_UNDERSTOOD);

    const added = await adminSays(
      first,
      ANI,
      "/faqtambah baru Kapan tunjangan kinerja CPNS mulai dibayarkan? | " +
        "Tunjangan kinerja dibayarkan oleh instansi masing-masing setelah Anda diangkat sebagai CPNS. " +
        "Tanyakan jadwalnya ke bagian kepegawaian instansi Anda. | pemberkasan",
    );
    expect(added).toMatch(
      /^Pertanyaan baru ditambahkan dengan id kapan-tunjangan-kinerja-cpns-mulai-dibayarkan /,
    );
    const now = (await applicantAsks(first, applicant(501), question, HELPFUL)).join("\n");
    expect(now).toContain("<b>Tahap: Pemberkasan</b>");
    expect(now).toContain("Tunjangan kinerja dibayarkan oleh instansi masing-masing");
    await first.shutdown();

    // A new process on the same database file and the same (fake) Telegram.
    const second = await start({ reuse: { fake: first.fake, databasePath: first.databasePath } });
    const later = (
      await applicantAsks(second, applicant(502), "Tunjangan kinerja CPNS kapan dibayar?", HELPFUL)
    ).join("\n");
    expect(later).toContain("Tunjangan kinerja dibayarkan oleh instansi masing-masing");
    // What was taught stays editable from the group: a phrasing for the new entry is accepted.
    expect(
      await adminSays(
        second,
        ANI,
        "/faqtambah kapan-tunjangan-kinerja-cpns-mulai-dibayarkan tukin cpns cair kapan",
      ),
    ).toBe("Frasa ditambahkan ke kapan-tunjangan-kinerja-cpns-mulai-dibayarkan dan langsung dipakai.");
  });

  test("non-admins learn nothing and teach nothing", async () => {
    const h = await start({ env: { TELEGRAM_ADMIN_USER_IDS: String(ANI.id) } });
    await applicantAsks(h, applicant(701), "info loker bumn dong", NOT_UNDERSTOOD);
    const from = h.fake.calls.length;

    // A group member not on the admin list, and someone who left the group.
    expect(await adminSays(h, BUDI, "/faqgap")).toMatch(ADMIN_ONLY);
    expect(await adminSays(h, BUDI, "/faqtambah berkas-fisik map merah dikirim kemana")).toMatch(ADMIN_ONLY);
    expect(
      await adminSays(
        h,
        EKO,
        "/faqtambah baru Kapan tunjangan kinerja cair? | Tunjangan kinerja dibayarkan oleh instansi Anda.",
      ),
    ).toMatch(ADMIN_ONLY);
    // An applicant typing the command in a private chat just gets the helpdesk's usual reply.
    const stranger = applicant(801);
    await applicantAsks(h, stranger, "/faqgap", /./);
    await applicantAsks(h, stranger, "/faqtambah berkas-fisik map merah dikirim kemana", /./);

    const seen = JSON.stringify(h.fake.calls.slice(from).map((c) => c.params));
    expect(seen).not.toContain("info loker bumn");
    expect(seen).not.toContain("Frasa ditambahkan");
    expect(await listFaqAdditions(h.app.db)).toEqual({ entries: [], phrasings: [] });
    await applicantAsks(h, applicant(702), "map merah dikirim kemana", NOT_UNDERSTOOD);
    await applicantAsks(h, applicant(703), "kapan tunjangan kinerja cair", NOT_UNDERSTOOD);
  });

  test("a malformed /faqtambah or /faqgap gets its usage text", async () => {
    const h = await start();
    const usage =
      "Format: /faqtambah &lt;id-faq&gt; &lt;frasa&gt;\natau: /faqtambah baru &lt;pertanyaan&gt; | &lt;jawaban&gt; [| &lt;tahap&gt;]";
    expect(await adminSays(h, ANI, "/faqtambah")).toBe(usage);
    expect(await adminSays(h, ANI, "/faqtambah berkas-fisik")).toBe(usage);
    expect(await adminSays(h, ANI, "/faqtambah baru Kapan tunjangan kinerja cair tanpa jawaban")).toBe(usage);
    expect(await adminSays(h, ANI, "/faqgap kemarin")).toBe("Format: /faqgap [jumlah hari]");
    expect(await listFaqAdditions(h.app.db)).toEqual({ entries: [], phrasings: [] });
  });

  test("the admin group's command list offers both", async () => {
    const h = await start();
    const registered = await h.fake.waitForCall(
      (c) => c.method === "setMyCommands" && (c.params.scope as { type: string }).type === "chat",
    );
    const names = (registered.params.commands as { command: string }[]).map((c) => c.command);
    expect(names).toEqual(expect.arrayContaining(["faqgap", "faqtambah"]));
  });
});
