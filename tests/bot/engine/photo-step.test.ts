import { createHash } from "node:crypto";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { conversationKey, getAttachmentContent } from "../../../db/index.ts";
import { photo, pngClaiming } from "../../support/photos.ts";
import {
  CHANNEL,
  choicesOf,
  type EngineHarness,
  file,
  openEngine,
  pdfBytes,
  VALID_KK,
  VALID_NIK,
} from "./engine-harness.ts";

let engine: EngineHarness;
beforeEach(async () => {
  engine = await openEngine();
});
afterEach(() => engine.close());

const texts = (replies: { text: string }[]) => replies.map((r) => r.text).join("\n");
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The Dapodik form up to its first file step (scan KTP). */
async function atKtpStep(): Promise<void> {
  await engine.send({ kind: "choice", value: "kategori:cek_dapodik" });
  for (const answer of ["Siti Rahmawati", VALID_NIK, VALID_KK, "Kabupaten Bogor", "17 Agustus 1995"]) {
    await engine.say(answer);
  }
}

const stored = () =>
  engine.db
    .selectFrom("attachments")
    .select(["id", "field", "mime", "size", "sha256"])
    .where("conversation_key", "=", conversationKey(CHANNEL, "chat-1"))
    .execute();

describe("a photo over 200 KB, or a PNG, at a file step", () => {
  test("is offered shrunk to a JPG of at most 200 KB, with its new size; the original is never stored", async () => {
    await atKtpStep();
    const original = await photo(3000, 2000, "jpeg");
    expect(original.byteLength).toBeGreaterThan(200 * 1024);
    const offer = await engine.send(file(original, "ktp.jpg"));
    const offered = texts(offer);
    const size = /menjadi \*JPG ([\d,]+) KB\* \((\d+)×(\d+) piksel\)/.exec(offered);
    expect(size, offered).not.toBeNull();
    expect(offered).toMatch(/Foto Anda \(JPG, [\d,]+ MB\) melebihi batas 200 KB/);
    expect(choicesOf(offer)).toEqual(["pakai", "lain"]);

    // Only the shrunk JPG is kept, pending the applicant's word; the original bytes are nowhere.
    const [candidate, ...others] = await stored();
    expect(others).toEqual([]);
    expect(candidate!.mime).toBe("image/jpeg");
    expect(candidate!.size).toBeLessThanOrEqual(200 * 1024);
    expect(candidate!.sha256).not.toBe(sha(original));
    expect(Number(size![1]!.replace(",", "."))).toBeCloseTo(Math.ceil((candidate!.size / 1024) * 10) / 10, 1);
    const content = await getAttachmentContent(engine.db, candidate!.id);
    expect(sha(content!)).toBe(candidate!.sha256);
    const meta = await sharp(content!).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", Number(size![2]), Number(size![3])]);
    const snapshot = await engine.db.selectFrom("conversations").select("snapshot").executeTakeFirstOrThrow();
    expect(snapshot.snapshot.length).toBeLessThan(10_000);

    // "1" uses it: the form moves on to the ijazah, and the summary shows the new size.
    expect(await engine.say("1")).toContain("scan ijazah");
    const summary = texts(await engine.send(file(pdfBytes(30_000), "ijazah.pdf")));
    expect(summary).toMatch(/Scan KTP: File JPG \([\d,]+ KB\)/);
  });

  test("a PNG becomes a JPG; declining asks for another file, and a new file replaces the offer", async () => {
    await atKtpStep();
    const png = await photo(300, 200, "png", { noise: 3 });
    expect(png.byteLength).toBeLessThan(200 * 1024);
    const offer = texts(await engine.send(file(png, "ktp.png")));
    expect(offer).toContain("Foto Anda berformat PNG, sedangkan yang diterima JPG");
    expect(await engine.say("tidak, kirim file lain")).toContain("silakan kirim file lain");

    // A typed word that is neither choice while an offer waits: asked again, the offer stays.
    const second = await engine.send(file(await photo(1600, 2400, "png"), "ktp2.png"));
    expect(texts(second)).toContain("Gunakan foto ini?");
    expect(await engine.say("hmm")).toContain("Mohon pilih *Ya, gunakan*");
    expect(await engine.say("ya")).toContain("scan ijazah");
  });

  test("a photo claiming a gigantic canvas is refused without decoding it; a big PDF gets concrete tips", async () => {
    await atKtpStep();
    const bomb = texts(await engine.send(file(pngClaiming(40_000, 40_000), "bom.png")));
    expect(bomb).toContain("PNG");
    expect(bomb).toContain("scan/foto KTP");
    expect(await stored()).toEqual([]);
    const pdf = texts(await engine.send(file(pdfBytes(400 * 1024), "ktp.pdf")));
    expect(pdf).toMatch(/400 KB, melebihi batas 200 KB/);
    expect(pdf).toContain("150 dpi");
    expect(pdf).toContain("foto yang terlalu besar kami kecilkan otomatis");
  });
});
