import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { loadConversation } from "../../../db/index.ts";
import { formMessages } from "../../../flows/flows.messages.ts";
import {
  choice,
  file,
  jpegBytes,
  openEngine,
  pdfBytes,
  text,
  VALID_KK,
  VALID_NIK,
} from "./engine-harness.ts";

const dir = mkdtempSync(join(tmpdir(), "asn-engine-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("persistence", () => {
  test("after closing and reopening the database file the conversation continues at the same step", async () => {
    const path = join(dir, "resume.db");
    const first = await openEngine({ path });
    await first.send(choice("kategori:cek_dapodik"));
    await first.say("Siti Rahmawati");
    expect(await first.say(VALID_NIK)).toContain(formMessages.askKk);
    await first.close();

    const second = await openEngine({ path });
    // The step asked before the restart takes the answer; the form goes on to the next one.
    expect(await second.say(VALID_KK)).toContain(formMessages.askBirthPlace);
    expect(await second.say("Kabupaten Bogor")).toContain(formMessages.askBirthDate);
    await second.close();
  });

  test("an idle chat keeps no conversation row, a chat in a form keeps exactly one", async () => {
    const engine = await openEngine();
    await engine.say("halo");
    await engine.send(choice("kategori:reset_password"));
    const rows = await engine.db.selectFrom("conversations").selectAll().execute();
    expect(rows).toHaveLength(1);
    const stored = await loadConversation(engine.db, rows[0]!.channel, rows[0]!.chat_id);
    expect(stored?.snapshot).toMatchObject({ stage: "form", category: "reset_password" });
    await engine.say("batal");
    await engine.say("terima kasih");
    expect(await engine.db.selectFrom("conversations").selectAll().execute()).toHaveLength(1); // menu stage
    await engine.close();
  });
});

describe("idempotency", () => {
  test("the same message delivered twice gets one reply set and makes one ticket", async () => {
    const engine = await openEngine();
    await engine.send(choice("kategori:cek_dapodik"));
    for (const answer of ["Siti Rahmawati", VALID_NIK, VALID_KK, "Bogor", "17 Agustus 1995"])
      await engine.say(answer);
    await engine.send(file(jpegBytes(), "ktp.jpg"));
    await engine.send(file(pdfBytes(), "ijazah.pdf"));

    const submit = { messageId: "submit-1" };
    const [once, again] = await Promise.all([
      engine.send(text("kirim"), submit),
      engine.send(text("kirim"), submit),
    ]);
    const later = await engine.send(text("kirim"), submit);
    const replies = [once, again, later];
    expect(replies.filter((r) => r.length > 0)).toHaveLength(1);
    expect(replies.find((r) => r.length > 0)![0]!.text).toMatch(/nomor tiket \*/);
    expect(await engine.db.selectFrom("tickets").selectAll().execute()).toHaveLength(1);
    await engine.close();
  });
});
