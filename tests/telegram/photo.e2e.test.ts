import sharp from "sharp";
import { afterEach, describe, expect, test } from "vitest";
import { pdfBytes } from "../support/file-bytes.ts";
import { photo } from "../support/photos.ts";
import { buttonsOf, chatDriver, isMessageTo, messageIdOf } from "./chat-driver.ts";
import { ADMIN_CHAT_ID, type Harness, startHarness } from "./telegram-harness.ts";
import { callbackQuery, documentMessage, photoMessage, textMessage } from "./telegram-updates.ts";

const SITI = { id: 501, first_name: "Siti" };
const at = { user: SITI };
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

describe("photos made to fit, through Telegram", () => {
  test("a photo over 300 KB is offered at its new size, used after Ya, and reaches the admin group as the small JPG", async () => {
    harness = await startHarness();
    const { fake } = harness;
    const chat = chatDriver(fake);
    const menu = await chat.expectReply(textMessage(at, "menu"), SITI.id, /pilih jenis masalah/);
    await chat.expectReply(
      callbackQuery(at, "kategori:cek_dapodik", { message_id: messageIdOf(menu) }),
      SITI.id,
      /nama lengkap/,
    );
    for (const [answer, next] of [
      ["Siti Rahmawati", /NIK/],
      ["3201015708950001", /Kartu Keluarga/],
      ["3201011201150003", /tempat lahir/],
      ["Kabupaten Bogor", /tanggal lahir/],
      ["17 Agustus 1995", /scan\/foto KTP/],
    ] as const) {
      await chat.expectReply(textMessage(at, answer), SITI.id, next);
    }

    // A tall phone photo sent as a photo (Telegram reports its size; it is over 200 KB).
    const original = await photo(1280, 1706, "jpeg", { noise: 45 });
    expect(original.byteLength).toBeGreaterThan(300 * 1024);
    const fileId = fake.addFile(original);
    const offer = await chat.expectReply(
      photoMessage(at, [{ fileId, width: 1280, height: 1706, size: original.byteLength }]),
      SITI.id,
      /melebihi batas 200 KB, jadi sudah kami kecilkan menjadi <b>JPG [\d,]+ KB<\/b>/,
    );
    expect(buttonsOf(offer).map((b) => b.text)).toEqual(["Ya, gunakan", "Tidak, kirim file lain"]);
    await chat.expectReply(
      callbackQuery(at, buttonsOf(offer)[0]!.callback_data, { message_id: messageIdOf(offer) }),
      SITI.id,
      /scan ijazah/,
    );

    // A PDF over the limit cannot be shrunk: it is refused with tips, without a download.
    const bigPdf = fake.addFile(pdfBytes(300 * 1024));
    await chat.expectReply(
      documentMessage(at, {
        fileId: bigPdf,
        fileName: "ijazah.pdf",
        mimeType: "application/pdf",
        size: 300 * 1024,
      }),
      SITI.id,
      /300 KB, melebihi batas 200 KB[\s\S]*150 dpi/,
    );
    expect(fake.callsOf("getFile").filter((c) => c.params.file_id === bigPdf)).toHaveLength(0);
    const pdfId = fake.addFile(pdfBytes(40_000));
    await chat.expectReply(
      documentMessage(at, {
        fileId: pdfId,
        fileName: "ijazah.pdf",
        mimeType: "application/pdf",
        size: 40_000,
      }),
      SITI.id,
      /Scan KTP: File JPG/,
    );
    await chat.expectReply(textMessage(at, "kirim"), SITI.id, /nomor tiket/);

    // The step counter only counts up, and names the last step only at the last step.
    const counters = fake
      .textsTo(SITI.id)
      .map((text) => /Langkah (\d+) dari (\d+)/.exec(text)?.slice(1).join("/"))
      .filter(Boolean);
    expect([...new Set(counters)]).toEqual(["1/7", "2/7", "3/7", "4/7", "5/7", "6/7", "7/7"]);

    const ktp = await fake.waitForCall(
      (c) =>
        c.method === "sendDocument" &&
        String(c.params.chat_id) === String(ADMIN_CHAT_ID) &&
        /scan_ktp/.test(JSON.stringify(c.params.document)),
    );
    const sent = ktp.params.document as { fileName: string; size: number; bytes: Buffer };
    expect(sent.size).toBeLessThanOrEqual(200 * 1024);
    expect((await sharp(sent.bytes).metadata()).format).toBe("jpeg");
    expect(fake.calls.some((c) => isMessageTo(ADMIN_CHAT_ID, /Tiket baru/)(c))).toBe(true);
  });
});
