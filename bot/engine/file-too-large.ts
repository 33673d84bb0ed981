import type { FileInput } from "../../flows/form/form-definition.ts";
import { DEFAULT_MAX_BYTES } from "../../flows/validation/attachment.validator.ts";
import type { InboundContent } from "./message.types.ts";

/**
 * Adapters send a file whose reported size is above this as `file_too_large` instead of downloading it.
 * Photos are fetched up to 10 MB because the engine can shrink them to fit; nothing else can be made
 * smaller here, so anything else over the 200 KB limit is refused without a download.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The most an adapter downloads of a file it was told this type or name of (see MAX_FILE_BYTES). */
export function downloadLimit(declaredMime: string | undefined, fileName?: string): number {
  const mime = declaredMime?.split(";")[0]?.trim().toLowerCase();
  const photo = mime?.startsWith("image/") || (!mime && /\.(jpe?g|png)$/i.test(fileName ?? ""));
  return photo ? MAX_FILE_BYTES : DEFAULT_MAX_BYTES;
}

type FileTooLarge = Extract<InboundContent, { kind: "file_too_large" }>;

// Names some apps use for JPEG that the validator would otherwise call a different format.
const JPEG_ALIASES = new Set(["image/jpg", "image/pjpeg"]);

/**
 * The step input for a file that was never downloaded: it carries no stored attachment, so the form's
 * file check answers it exactly as a downloaded file that failed (type first, then size). The declared
 * type only names the problem; when the app declared none (or a generic one) the file is judged as a
 * PDF or a photo by its name, so the reply names the size, the reason it was refused, with a fitting tip.
 */
export function tooLargeFileInput(content: FileTooLarge): FileInput {
  return {
    mime: declaredMime(content),
    size: content.size,
    // Nothing was fetched, so there is nothing to fingerprint.
    sha256: "",
    ...(content.fileName === undefined ? {} : { fileName: content.fileName }),
  };
}

function declaredMime({ mime, fileName }: FileTooLarge): string {
  const declared = mime?.split(";")[0]?.trim().toLowerCase();
  if (declared && JPEG_ALIASES.has(declared)) return "image/jpeg";
  if (declared && declared !== "application/octet-stream") return declared;
  return /\.pdf$/i.test(fileName ?? "") ? "application/pdf" : "image/jpeg";
}
