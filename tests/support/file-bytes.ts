// Minimal real file headers, so type detection in tests runs on genuine signatures, not on names.

/** JPEG: SOI marker + APP0 "JFIF" segment, padded with zeros to `size` bytes. */
export function jpegBytes(size = 64): Uint8Array {
  const header = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00];
  return padTo(header, size);
}

/** PDF: "%PDF-1.4" header, padded to `size` bytes. */
export function pdfBytes(size = 64): Uint8Array {
  return padTo([...new TextEncoder().encode("%PDF-1.4\n%\u00e2\u00e3\n")], size);
}

/** PNG: 8-byte signature + the start of the IHDR chunk (file-type needs the first chunk to decide). */
export function pngBytes(size = 64): Uint8Array {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const ihdr = [0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];
  return padTo([...signature, ...ihdr], size);
}

function padTo(header: readonly number[], size: number): Uint8Array {
  const bytes = new Uint8Array(Math.max(size, header.length));
  bytes.set(header);
  return bytes;
}
