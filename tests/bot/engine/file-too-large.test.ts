import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { engineMessages as t } from "../../../bot/engine/engine.messages.ts";
import { MAX_FILE_BYTES } from "../../../bot/engine/file-too-large.ts";
import { MENU_CHOICES } from "../../../bot/engine/menu.ts";
import type { InboundContent } from "../../../bot/engine/message.types.ts";
import { formMessages } from "../../../flows/flows.messages.ts";
import {
  choice,
  type EngineHarness,
  file,
  jpegBytes,
  openEngine,
  pdfBytes,
  VALID_KK,
  VALID_NIK,
} from "./engine-harness.ts";

const tooLarge = (size: number, extra: { mime?: string; fileName?: string } = {}): InboundContent => ({
  kind: "file_too_large",
  size,
  ...extra,
});

const KTP_PROMPT = /scan\/foto KTP/;
const SIZE_300_KB = /Ukuran file Anda 300 KB, melebihi batas 200 KB/;

let engine: EngineHarness;
beforeEach(async () => {
  engine = await openEngine();
});
afterEach(() => engine.close());

async function reachKtpStep(): Promise<void> {
  await engine.send(choice("kategori:cek_dapodik"));
  for (const answer of ["Siti Rahmawati", VALID_NIK, VALID_KK, "Kabupaten Bogor"]) await engine.say(answer);
  expect(await engine.say("17 Agustus 1995")).toMatch(KTP_PROMPT);
}

const attachmentCount = async () => (await engine.db.selectFrom("attachments").select("id").execute()).length;

describe("a file the channel refused to download (file_too_large)", () => {
  test("at a file step: the same words as a downloaded file that is too large, then the step again", async () => {
    await reachKtpStep();
    const downloaded = await engine.send(file(pdfBytes(300 * 1024), "ktp.pdf"));
    const refused = await engine.send(tooLarge(300 * 1024, { mime: "application/pdf", fileName: "ktp.pdf" }));

    expect(refused).toEqual(downloaded);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.text).toMatch(SIZE_300_KB);
    expect(refused[0]!.text).toMatch(/simpan ulang PDF/);
    // The step is asked again, after the reason.
    expect(refused[0]!.text.split("\n\n").at(-1)).toMatch(KTP_PROMPT);
    expect(await attachmentCount()).toBe(0);

    // The form is still at that step: a good photo is taken and the next file is asked.
    expect(await engine.send(file(jpegBytes(), "ktp.jpg"))).toEqual([
      expect.objectContaining({ text: expect.stringMatching(/ijazah/) }),
    ]);
    expect(await attachmentCount()).toBe(1);
  });

  test("the declared type is named first, as for a downloaded file; JPEG aliases are JPEG", async () => {
    await reachKtpStep();
    const png = await engine.send(tooLarge(3 * 1024 * 1024, { mime: "image/png", fileName: "ktp.png" }));
    expect(png[0]!.text).toMatch(/berformat PNG, sedangkan yang diterima hanya JPG atau PDF/);
    expect(png[0]!.text).toMatch(KTP_PROMPT);

    const jpg = await engine.send(tooLarge(300 * 1024, { mime: "image/jpg" }));
    expect(jpg[0]!.text).toMatch(SIZE_300_KB);
    expect(jpg[0]!.text).toMatch(/kompres foto/);
  });

  test("without a usable declared type the size is named, with the tip the file name suggests", async () => {
    await reachKtpStep();
    const unnamed = await engine.send(tooLarge(300 * 1024));
    expect(unnamed[0]!.text).toMatch(SIZE_300_KB);
    expect(unnamed[0]!.text).toMatch(/kompres foto/);

    const pdf = await engine.send(
      tooLarge(300 * 1024, { mime: "application/octet-stream", fileName: "Scan KTP.PDF" }),
    );
    expect(pdf[0]!.text).toMatch(SIZE_300_KB);
    expect(pdf[0]!.text).toMatch(/simpan ulang PDF/);
  });

  test("at a text step it is a file where text was asked: said so, and the step is asked again", async () => {
    await engine.send(choice("kategori:cek_dapodik"));
    const replies = await engine.send(tooLarge(MAX_FILE_BYTES + 1, { mime: "image/jpeg" }));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text.startsWith(`${formMessages.expectText}\n\n${formMessages.askName}`)).toBe(true);
  });

  test("outside a form: files are only needed inside a form, and the menu is shown", async () => {
    const replies = await engine.send(tooLarge(5 * 1024 * 1024, { mime: "application/pdf" }));
    expect(replies).toEqual([{ text: t.fileOutsideForm, choices: MENU_CHOICES }]);
    // The same after a FAQ answer, where "did this help?" is waiting.
    await engine.say("gmn cara reset pw akun sscasn?");
    expect(await engine.send(tooLarge(300 * 1024))).toEqual([
      { text: t.fileOutsideForm, choices: MENU_CHOICES },
    ]);
  });

  test("redelivered, it is answered once", async () => {
    await reachKtpStep();
    const content = tooLarge(300 * 1024, { mime: "application/pdf" });
    expect(await engine.send(content, { messageId: "big-1" })).toHaveLength(1);
    expect(await engine.send(content, { messageId: "big-1" })).toEqual([]);
  });
});
