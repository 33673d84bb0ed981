import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  checkAttachment,
  formatLabel,
  inspectAttachment,
} from "../../../flows/validation/attachment.validator.ts";
import { attachmentMessages } from "../../../flows/validation/validation.messages.ts";
import { jpegBytes, pdfBytes, pngBytes } from "../../support/file-bytes.ts";

const KB = 1024;
const MB = 1024 * KB;

const failureOf = (result: ReturnType<typeof checkAttachment>) => {
  if (result.ok) throw new Error("expected the attachment to be refused");
  return result.message;
};

describe("inspectAttachment", () => {
  it("detects JPEG and PDF from the bytes and fingerprints them", async () => {
    const jpeg = jpegBytes();
    const meta = await inspectAttachment(jpeg, "ktp.jpg");
    expect(meta).toEqual({
      mime: "image/jpeg",
      size: 64,
      fileName: "ktp.jpg",
      sha256: createHash("sha256").update(jpeg).digest("hex"),
    });
    expect(await inspectAttachment(pdfBytes(100))).toMatchObject({ mime: "application/pdf", size: 100 });
  });

  it("detects a PNG renamed to .jpg as PNG", async () => {
    expect(await inspectAttachment(pngBytes(), "ktp.jpg")).toMatchObject({
      mime: "image/png",
      fileName: "ktp.jpg",
    });
  });

  it("reports an unknown type as undefined, and an empty file with size 0", async () => {
    expect(
      (await inspectAttachment(new TextEncoder().encode("hello world"), "ktp.pdf")).mime,
    ).toBeUndefined();
    const empty = await inspectAttachment(new Uint8Array(0));
    expect(empty).toMatchObject({ mime: undefined, size: 0 });
    expect(empty.sha256).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});

describe("checkAttachment", () => {
  it("accepts real minimal JPEG and PDF files", async () => {
    expect(checkAttachment(await inspectAttachment(jpegBytes(), "foto.jpg"))).toEqual({
      ok: true,
      value: { mime: "image/jpeg", size: 64 },
    });
    expect(checkAttachment(await inspectAttachment(pdfBytes(), "ijazah.pdf"))).toEqual({
      ok: true,
      value: { mime: "application/pdf", size: 64 },
    });
  });

  it("judges by content, not by name: a JPEG called .pdf is still a JPEG and accepted", async () => {
    expect(checkAttachment(await inspectAttachment(jpegBytes(), "scan.pdf"))).toMatchObject({
      ok: true,
      value: { mime: "image/jpeg" },
    });
  });

  it("refuses a PNG renamed .jpg, naming PNG and the accepted formats", async () => {
    const message = failureOf(checkAttachment(await inspectAttachment(pngBytes(), "ktp.jpg")));
    expect(message).toBe(attachmentMessages.wrongType("PNG", "JPG atau PDF"));
    expect(message).toContain("File Anda berformat PNG");
    expect(message).toContain("JPG atau PDF");
  });

  it("refuses an unrecognised type without guessing from the name", () => {
    expect(failureOf(checkAttachment({ mime: undefined, size: 10, fileName: "ktp.jpg" }))).toBe(
      attachmentMessages.unknownType("JPG atau PDF"),
    );
  });

  it("refuses an empty file", () => {
    expect(failureOf(checkAttachment({ mime: undefined, size: 0 }))).toBe(
      attachmentMessages.empty("JPG atau PDF"),
    );
    expect(failureOf(checkAttachment({ mime: "image/jpeg", size: 0 }))).toContain("kosong");
  });

  it("accepts exactly 200 KB and refuses one byte more without calling it 200 KB", async () => {
    expect(checkAttachment(await inspectAttachment(jpegBytes(200 * KB)))).toEqual({
      ok: true,
      value: { mime: "image/jpeg", size: 200 * KB },
    });
    const message = failureOf(checkAttachment(await inspectAttachment(jpegBytes(200 * KB + 1))));
    expect(message).toContain("Ukuran file Anda 200,1 KB, melebihi batas 200 KB");
  });

  it("refuses a 3 MB photo with its size, the limit and a tip to shrink it", async () => {
    const message = failureOf(checkAttachment(await inspectAttachment(jpegBytes(3 * MB), "selfie.jpg")));
    expect(message).toBe(attachmentMessages.tooLarge("3 MB", "200 KB", attachmentMessages.shrinkTipImage()));
    expect(message).toMatch(/kompres/i);
    const pointOne = failureOf(checkAttachment({ mime: "image/jpeg", size: Math.round(3.1 * MB) }));
    expect(pointOne).toContain("3,1 MB");
  });

  it("gives a PDF-specific tip for a large PDF", () => {
    const message = failureOf(checkAttachment({ mime: "application/pdf", size: 900 * KB }));
    expect(message).toBe(attachmentMessages.tooLarge("900 KB", "200 KB", attachmentMessages.shrinkTipPdf()));
    expect(message).toContain("PDF");
  });

  it("honours custom rules", () => {
    const pdfOnly = { maxBytes: 800 * KB, allowedMimes: ["application/pdf"] as const };
    expect(checkAttachment({ mime: "application/pdf", size: 800 * KB }, pdfOnly).ok).toBe(true);
    expect(failureOf(checkAttachment({ mime: "image/jpeg", size: 10 }, pdfOnly))).toBe(
      attachmentMessages.wrongType("JPG", "PDF"),
    );
    expect(failureOf(checkAttachment({ mime: "application/pdf", size: 800 * KB + 1 }, pdfOnly))).toContain(
      "melebihi batas 800 KB",
    );
  });

  it("names common formats applicants know", () => {
    expect(formatLabel("image/webp")).toBe("WEBP");
    expect(formatLabel("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toBe(
      "Word (DOCX)",
    );
    expect(formatLabel("image/x-icon")).toBe("X-ICON");
  });
});
