import { afterEach, describe, expect, test } from "vitest";
import { jpegBytes, pdfBytes } from "../support/file-bytes.ts";
import { chatDriver, messageIdOf } from "./chat-driver.ts";
import { type Harness, startHarness } from "./telegram-harness.ts";
import { callbackQuery, documentMessage, photoMessage, textMessage } from "./telegram-updates.ts";

const SITI = { id: 601, first_name: "Siti" };
const BUDI = { id: 602, first_name: "Budi" };
const at = { user: SITI };
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

describe("a caption under a photo or document, through Telegram (as on WhatsApp)", () => {
  test("is the text that goes with the file: a question or a text step's answer, a remark at a file step", async () => {
    harness = await startHarness();
    const h = harness;
    const chat = chatDriver(h.fake);
    /** Everything the bot sends to `chatId` in answer to `update`, once it has settled. */
    const exchange = async (update: Record<string, unknown>, chatId: number) => {
      const after = h.fake.calls.length;
      h.fake.pushUpdate(update);
      await h.settled();
      return chat.textsSince(chatId, after);
    };
    const photoWith = (caption: string, bytes = jpegBytes(30 * 1024)) =>
      photoMessage(
        at,
        [{ fileId: h.fake.addFile(bytes), width: 800, height: 600, size: bytes.byteLength }],
        caption,
      );

    // Outside a form: the caption is the question, answered exactly as if typed.
    const typed = await exchange(textMessage({ user: BUDI }, "lupa password akun sscasn"), BUDI.id);
    expect(typed.length).toBeGreaterThan(0);
    const captioned = await exchange(photoWith("lupa password akun sscasn"), SITI.id);
    expect(captioned[0]).toMatch(/keterangan yang Anda tulis/i);
    expect(captioned.slice(1)).toEqual(typed);

    // At a text step of a form: the caption answers it (a document's caption too).
    const menu = await chat.expectReply(textMessage(at, "menu"), SITI.id, /pilih jenis masalah/);
    await chat.expectReply(
      callbackQuery(at, "kategori:cek_dapodik", { message_id: messageIdOf(menu) }),
      SITI.id,
      /nama lengkap/,
    );
    const named = await exchange(photoWith("Siti Rahmawati"), SITI.id);
    expect(named[0]).toMatch(/keterangan yang Anda tulis/i);
    expect(named.at(-1)).toMatch(/NIK/);
    const pdf = pdfBytes(20_000);
    const nik = await exchange(
      documentMessage(at, {
        fileId: h.fake.addFile(pdf),
        fileName: "nik.pdf",
        mimeType: "application/pdf",
        size: pdf.byteLength,
        caption: " 3201015708950001 ",
      }),
      SITI.id,
    );
    expect(nik[0]).toMatch(/keterangan yang Anda tulis/i);
    expect(nik.at(-1)).toMatch(/Kartu Keluarga/);

    // At a file step: the file answers it; the caption is only a remark.
    for (const [answer, next] of [
      ["3201011201150003", /tempat lahir/],
      ["Kabupaten Bogor", /tanggal lahir/],
      ["17 Agustus 1995", /scan\/foto KTP/],
    ] as const) {
      await chat.expectReply(textMessage(at, answer), SITI.id, next);
    }
    const afterKtp = await exchange(photoWith("ini KTP saya", jpegBytes(60 * 1024)), SITI.id);
    expect(afterKtp.join("\n")).not.toMatch(/keterangan yang Anda tulis/i);
    expect(afterKtp.at(-1)).toMatch(/ijazah/i);
  });
});
