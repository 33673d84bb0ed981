import type { Api } from "grammy";

export class FileTooLargeError extends Error {
  override name = "FileTooLargeError";
  constructor(readonly size: number) {
    super(`file of ${size} bytes is over the download limit`);
  }
}

export interface FileDownloader {
  /** Fetches a file by its Telegram file id; never reads more than `maxBytes`. */
  download(fileId: string, maxBytes: number): Promise<{ bytes: Uint8Array; size: number }>;
}

const DOWNLOAD_TIMEOUT_MS = 30_000;

/** getFile, then the file from `${apiRoot}/file/bot${token}/${file_path}` (the same root as the API calls). */
export function createFileDownloader(api: Api, token: string, apiRoot: string): FileDownloader {
  return {
    async download(fileId, maxBytes) {
      const file = await api.getFile(fileId);
      if (file.file_size !== undefined && file.file_size > maxBytes)
        throw new FileTooLargeError(file.file_size);
      if (!file.file_path) throw new Error("getFile returned no file_path");
      const url = `${apiRoot.replace(/\/+$/, "")}/file/bot${token}/${file.file_path}`;
      const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
      // The URL holds the token: errors name the status only.
      if (!response.ok || !response.body)
        throw new Error(`file download failed with HTTP ${response.status}`);
      const declared = Number(response.headers.get("content-length") ?? Number.NaN);
      if (declared > maxBytes) {
        await response.body.cancel();
        throw new FileTooLargeError(declared);
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new FileTooLargeError(size);
        chunks.push(chunk);
      }
      return { bytes: Buffer.concat(chunks), size };
    },
  };
}
