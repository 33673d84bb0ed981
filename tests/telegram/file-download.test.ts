import { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createFileDownloader, FileTooLargeError } from "../../bot/telegram/file-download.ts";
import { type FakeBotApi, startFakeBotApi } from "./fake-bot-api.ts";

const TOKEN = "1:T";
let fake: FakeBotApi;

beforeEach(async () => {
  fake = await startFakeBotApi();
});
afterEach(() => fake.close());

describe("downloading a file from the Bot API", () => {
  test("getFile, then the file under the configured API root", async () => {
    const files = createFileDownloader(new Api(TOKEN, { apiRoot: fake.apiRoot }), TOKEN, fake.apiRoot);
    const id = fake.addFile(new Uint8Array([1, 2, 3, 4]));
    const { bytes, size } = await files.download(id, 100);
    expect([...bytes]).toEqual([1, 2, 3, 4]);
    expect(size).toBe(4);
    expect(fake.calls.map((c) => c.method)).toEqual(["getFile", "downloadFile"]);
  });

  test("a size over the limit reported by getFile stops before the download", async () => {
    const files = createFileDownloader(new Api(TOKEN, { apiRoot: fake.apiRoot }), TOKEN, fake.apiRoot);
    const id = fake.addFile(new Uint8Array(500));
    await expect(files.download(id, 100)).rejects.toEqual(new FileTooLargeError(500));
    expect(fake.callsOf("downloadFile")).toEqual([]);
  });

  test("an unreported size is still capped while reading", async () => {
    const files = createFileDownloader(new Api(TOKEN, { apiRoot: fake.apiRoot }), TOKEN, fake.apiRoot);
    const id = fake.addFile(new Uint8Array(500), { reportedSize: undefined });
    await expect(files.download(id, 100)).rejects.toBeInstanceOf(FileTooLargeError);
  });

  test("an unknown file is an error, not an empty file", async () => {
    const files = createFileDownloader(new Api(TOKEN, { apiRoot: fake.apiRoot }), TOKEN, fake.apiRoot);
    await expect(files.download("nope", 100)).rejects.toThrow(/invalid file_id/);
  });
});
