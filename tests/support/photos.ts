import { crc32 } from "node:zlib";
import sharp from "sharp";

/**
 * A real photo-like picture made by sharp: a colour gradient under Gaussian noise (libvips makes the
 * noise natively, so even large pictures are cheap). The noise keeps it from compressing trivially,
 * as a camera photo of a KTP would not.
 */
export async function photo(
  width: number,
  height: number,
  format: "jpeg" | "png" | "webp",
  options: { noise?: number; quality?: number } = {},
): Promise<Buffer> {
  // Large pictures are drawn at most 1500 px wide and scaled up (fine noise is slow to make at 24 MP);
  // the scaled-up grain still keeps the file large, like a real high-resolution photo.
  const scale = Math.min(1, 1500 / Math.max(width, height));
  const drawn = await draw(Math.round(width * scale), Math.round(height * scale), options.noise ?? 28);
  const image = scale < 1 ? sharp(drawn).resize(width, height, { kernel: "nearest" }) : sharp(drawn);
  if (format === "webp") return image.webp({ quality: options.quality ?? 90 }).toBuffer();
  return format === "jpeg"
    ? image.jpeg({ quality: options.quality ?? 92 }).toBuffer()
    : image.png({ compressionLevel: 6 }).toBuffer();
}

async function draw(width: number, height: number, sigma: number): Promise<Buffer> {
  const noise = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: "#000000",
      noise: { type: "gaussian", mean: 128, sigma },
    },
  })
    .png()
    .toBuffer();
  const gradient = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">' +
      '<stop offset="0" stop-color="#2a6fdb"/><stop offset="1" stop-color="#f4c542"/></linearGradient></defs>' +
      `<rect width="${width}" height="${height}" fill="url(#g)"/></svg>`,
  );
  return sharp(gradient)
    .composite([{ input: noise, blend: "overlay" }])
    .png({ compressionLevel: 1 })
    .toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A tiny PNG whose header claims `width` x `height` pixels: a decompression bomb's calling card. */
export function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
