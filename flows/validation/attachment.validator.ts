import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { formatBytes } from "./number-format.ts";
import { attachmentMessages } from "./validation.messages.ts";
import { invalid, type Validation, valid } from "./validation-result.ts";

/** What we know about an uploaded file. `mime` is detected from the bytes (undefined when unknown). */
export type AttachmentMeta = { mime: string | undefined; size: number; fileName?: string };

export type AcceptedMime = "image/jpeg" | "application/pdf";

export type AttachmentRules = { maxBytes?: number; allowedMimes?: readonly AcceptedMime[] };

/** SSCASN helpdesk limit for KTP/ijazah/selfie uploads (DOMAIN.md §3). */
export const DEFAULT_MAX_BYTES = 200 * 1024;
export const DEFAULT_ALLOWED_MIMES: readonly AcceptedMime[] = ["image/jpeg", "application/pdf"];

// Names applicants recognise; anything else falls back to the mime subtype.
const FORMAT_LABELS: Record<string, string> = {
  "image/jpeg": "JPG",
  "application/pdf": "PDF",
  "image/png": "PNG",
  "image/gif": "GIF",
  "image/webp": "WEBP",
  "image/heic": "HEIC",
  "image/heif": "HEIF",
  "image/bmp": "BMP",
  "image/tiff": "TIFF",
  "application/zip": "ZIP",
  "application/x-rar-compressed": "RAR",
  "application/msword": "Word (DOC)",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (DOCX)",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel (XLSX)",
  "video/mp4": "video MP4",
};

export function formatLabel(mime: string): string {
  return FORMAT_LABELS[mime] ?? (mime.split("/").at(-1) ?? mime).toUpperCase();
}

/** Detects the real type from the bytes (never from the name) and fingerprints the file. */
export async function inspectAttachment(
  bytes: Uint8Array,
  fileName?: string,
): Promise<AttachmentMeta & { sha256: string }> {
  const detected = bytes.byteLength > 0 ? await fileTypeFromBuffer(bytes) : undefined;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return {
    mime: detected?.mime,
    size: bytes.byteLength,
    sha256,
    ...(fileName === undefined ? {} : { fileName }),
  };
}

/** Checks an upload against the helpdesk rules: not empty, JPG/PDF by content, at most 200 KB by default. */
export function checkAttachment(
  meta: AttachmentMeta,
  rules: AttachmentRules = {},
): Validation<{ mime: AcceptedMime; size: number }> {
  const maxBytes = rules.maxBytes ?? DEFAULT_MAX_BYTES;
  const allowed = rules.allowedMimes ?? DEFAULT_ALLOWED_MIMES;
  const allowedText = attachmentMessages.formatList(allowed.map(formatLabel));

  if (meta.size <= 0) return invalid(attachmentMessages.empty(allowedText));
  const mime = allowed.find((accepted) => accepted === meta.mime);
  if (mime === undefined) {
    return invalid(
      meta.mime === undefined
        ? attachmentMessages.unknownType(allowedText)
        : attachmentMessages.wrongType(formatLabel(meta.mime), allowedText),
    );
  }
  if (meta.size > maxBytes) {
    const tip =
      mime === "application/pdf" ? attachmentMessages.shrinkTipPdf() : attachmentMessages.shrinkTipImage();
    const limitText = formatBytes(maxBytes);
    const nearest = formatBytes(meta.size);
    // "200 KB, melebihi batas 200 KB" would read as a contradiction, so round such a size up.
    const sizeText = nearest === limitText ? formatBytes(meta.size, "up") : nearest;
    return invalid(attachmentMessages.tooLarge(sizeText, limitText, tip));
  }
  return valid({ mime, size: meta.size });
}
