import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { DEFAULT_RETENTION, purgePersonalData } from "../../../db/index.ts";
import { formMessages } from "../../../flows/flows.messages.ts";
import {
  choice,
  type EngineHarness,
  file,
  jpegBytes,
  openEngine,
  VALID_KK,
  VALID_NIK,
} from "./engine-harness.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY_MS);
// The notice's fixed wording, without the date it names.
const NOTICE = "sudah kami hapus bersama data pribadi dan lampirannya";

let engine: EngineHarness;
beforeEach(async () => {
  engine = await openEngine();
});
afterEach(async () => {
  await engine.close();
});

async function startDapodikFormWithKtp(): Promise<void> {
  await engine.send(choice("kategori:cek_dapodik"));
  for (const answer of ["Siti Rahmawati", VALID_NIK, VALID_KK, "Bogor", "17 Agustus 1995"])
    await engine.say(answer);
  await engine.send(file(jpegBytes(), "ktp.jpg"));
}

describe("abandoned drafts", () => {
  test("a form untouched for more than 7 days is removed with its files, and the applicant is told once", async () => {
    await startDapodikFormWithKtp();
    expect(await engine.db.selectFrom("attachments").select("id").execute()).toHaveLength(1);

    const report = await purgePersonalData(engine.db, { now: daysFromNow(8), policy: DEFAULT_RETENTION });
    expect(report).toMatchObject({ abandonedDrafts: 1, draftAttachments: 1 });
    expect(await engine.db.selectFrom("attachments").select("id").execute()).toEqual([]);

    const back = await engine.send(choice("kategori:cek_dapodik"));
    expect(back[0]!.text).toContain(NOTICE);
    // The turn itself goes on as usual after the notice: the form starts from the beginning.
    expect(back.map((r) => r.text).join("\n")).toContain(formMessages.askName);
    const again = await engine.say("Siti Rahmawati");
    expect(again).not.toContain(NOTICE);
    expect(again).toContain(formMessages.askNik);
  });

  test("a form touched within the retention period is kept, files included", async () => {
    await startDapodikFormWithKtp();
    const report = await purgePersonalData(engine.db, { now: daysFromNow(6), policy: DEFAULT_RETENTION });
    expect(report).toMatchObject({ abandonedDrafts: 0, draftAttachments: 0 });
    const next = await engine.send(file(jpegBytes(), "ijazah.jpg"));
    expect(next.map((r) => r.text).join("\n")).not.toContain(NOTICE);
    expect(await engine.db.selectFrom("attachments").select("id").execute()).toHaveLength(2);
  });

  test("a stale menu (no form) is removed silently", async () => {
    await engine.say("halo");
    const report = await purgePersonalData(engine.db, { now: daysFromNow(8), policy: DEFAULT_RETENTION });
    expect(report).toMatchObject({ abandonedDrafts: 0, staleConversations: 1 });
    expect(await engine.say("halo")).not.toContain(NOTICE);
  });
});
