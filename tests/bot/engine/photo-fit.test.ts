import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { fitPhoto, MAX_INPUT_PIXELS } from "../../../bot/engine/photo-fit.ts";
import { jpegBytes } from "../../support/file-bytes.ts";
import { photo, pngClaiming } from "../../support/photos.ts";

const LIMIT = 200 * 1024;

describe("fitting a photo under 200 KB", () => {
  test.each([
    ["a landscape phone photo", 3000, 2000, "jpeg"],
    ["a tall scan", 1200, 4200, "jpeg"],
    ["a wide panorama", 5000, 700, "jpeg"],
    ["a PNG screenshot", 1400, 1000, "png"],
    ["a small PNG (only the format is wrong)", 500, 320, "png"],
    ["a WEBP from a messenger", 1600, 1200, "webp"],
  ] as const)("%s (%ix%i %s) becomes a readable JPG of at most 200 KB", async (_, width, height, format) => {
    const input = await photo(width, height, format);
    const result = await fitPhoto(input);
    expect(result.kind).toBe("fitted");
    if (result.kind !== "fitted") return;
    expect(result.bytes.byteLength).toBeLessThanOrEqual(LIMIT);
    const meta = await sharp(result.bytes).metadata();
    expect(meta.format).toBe("jpeg");
    expect([meta.width, meta.height]).toEqual([result.width, result.height]);
    // Same shape, never enlarged, and not shrunk past what still reads (640 px on the long side).
    expect(Math.abs(result.width / result.height - width / height)).toBeLessThan(0.02);
    expect(Math.max(result.width, result.height)).toBeLessThanOrEqual(Math.max(width, height));
    expect(Math.max(result.width, result.height)).toBeGreaterThanOrEqual(
      Math.min(640, Math.max(width, height)),
    );
  });

  test("a huge 24-megapixel photo is fitted too", async () => {
    const input = await photo(6000, 4000, "jpeg", { noise: 40 });
    expect(input.byteLength).toBeGreaterThan(2 * 1024 * 1024);
    const result = await fitPhoto(input);
    expect(result.kind).toBe("fitted");
    if (result.kind === "fitted") expect(result.bytes.byteLength).toBeLessThanOrEqual(LIMIT);
  });

  test("a picture claiming more pixels than we decode is refused from its header alone", async () => {
    const bomb = pngClaiming(30_000, 30_000);
    expect(bomb.byteLength).toBeLessThan(100);
    expect(30_000 * 30_000).toBeGreaterThan(MAX_INPUT_PIXELS);
    expect(await fitPhoto(bomb)).toEqual({ kind: "too_many_pixels", width: 30_000, height: 30_000 });
  });

  test("bytes that only look like a JPG are unreadable, and a limit nothing readable meets cannot be fitted", async () => {
    expect(await fitPhoto(jpegBytes(300 * 1024))).toEqual({ kind: "unreadable" });
    expect(await fitPhoto(await photo(1600, 1200, "jpeg", { noise: 80 }), 2 * 1024)).toEqual({
      kind: "cannot_fit",
    });
  });
});
