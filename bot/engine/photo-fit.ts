import sharp, { type Metadata } from "sharp";
import { DEFAULT_MAX_BYTES } from "../../flows/validation/attachment.validator.ts";

/**
 * Above this many pixels a photo is refused before decoding: a small, highly compressed file can
 * declare a huge canvas (a decompression bomb) and would otherwise take gigabytes to decode. 50 MP
 * covers every phone camera in common use (a 48 MP sensor is 8000 x 6000).
 */
export const MAX_INPUT_PIXELS = 50_000_000;

/** Photos are first brought down to this long side: beyond it a KTP or selfie gains nothing readable. */
const WORKING_LONG_SIDE = 1600;

/**
 * Tried in order until the JPG fits: long side in pixels, JPG quality. A KTP stays readable down to
 * the last one; a file that does not fit even then is refused with tips instead of being made illegible.
 */
const ATTEMPTS: ReadonlyArray<readonly [number, number]> = [
  [1600, 82],
  [1600, 70],
  [1280, 72],
  [1280, 60],
  [1024, 65],
  [1024, 52],
  [800, 60],
  [800, 45],
  [640, 50],
];

export type PhotoFit =
  | {
      kind: "fitted";
      bytes: Uint8Array;
      width: number;
      height: number;
    }
  /** The picture claims more pixels than we decode. */
  | { kind: "too_many_pixels"; width: number; height: number }
  /** Not a picture sharp can read (corrupt, truncated, a fake header). */
  | { kind: "unreadable" }
  /** Even the smallest readable version is over the limit. */
  | { kind: "cannot_fit" };

// Pictures only JPG is accepted in place of, which sharp reads; HEIC is not among them (no HEVC decoder).
const CONVERTIBLE = new Set(["image/png", "image/webp"]);

/** JPG over the limit, and any PNG or WEBP (only JPG is accepted): photos worth offering a fitted version of. */
export function needsFitting(mime: string | undefined, size: number, maxBytes = DEFAULT_MAX_BYTES): boolean {
  return (mime !== undefined && CONVERTIBLE.has(mime)) || (mime === "image/jpeg" && size > maxBytes);
}

// One photo at a time: each holds a decoded picture in memory, and a burst must not hold many at once.
let lane: Promise<unknown> = Promise.resolve();
let configured = false;

/**
 * Makes a JPG of at most `maxBytes` from a JPG, PNG or WEBP: turned upright (EXIF), transparency on white,
 * resized (never enlarged) and re-encoded, trying smaller sizes and qualities in turn. The input is
 * only read, never kept.
 */
export function fitPhoto(input: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): Promise<PhotoFit> {
  const run = lane.then(() => fitNow(input, maxBytes));
  lane = run.catch(() => undefined);
  return run;
}

async function fitNow(input: Uint8Array, maxBytes: number): Promise<PhotoFit> {
  if (!configured) {
    // libvips keeps recent images cached for reuse; a helpdesk never sees the same photo twice.
    sharp.cache(false);
    configured = true;
  }
  let metadata: Metadata;
  try {
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return { kind: "unreadable" };
  }
  const { width = 0, height = 0 } = metadata;
  if (width * height > MAX_INPUT_PIXELS) return { kind: "too_many_pixels", width, height };
  try {
    // Decoded once at the working size; every attempt starts from these pixels.
    const base = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .flatten({ background: "#ffffff" })
      .resize(WORKING_LONG_SIDE, WORKING_LONG_SIDE, { fit: "inside", withoutEnlargement: true })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { width: base.info.width, height: base.info.height, channels: base.info.channels };
    for (const [longSide, quality] of ATTEMPTS) {
      const { data, info } = await sharp(base.data, { raw })
        .resize(longSide, longSide, { fit: "inside", withoutEnlargement: true })
        .jpeg({ quality, mozjpeg: false, chromaSubsampling: "4:2:0" })
        .toBuffer({ resolveWithObject: true });
      if (data.byteLength <= maxBytes) {
        return { kind: "fitted", bytes: new Uint8Array(data), width: info.width, height: info.height };
      }
    }
    return { kind: "cannot_fit" };
  } catch {
    return { kind: "unreadable" };
  }
}
