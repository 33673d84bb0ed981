import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A small Bot API server on 127.0.0.1 for end-to-end tests: grammY's real HTTP client talks to it. It
// records every call (with the time it arrived), serves updates through long-polled getUpdates, stores
// files for getFile and their download URL, and can be told to answer a call with an error (429, 403...).
// Like Telegram, it keeps every update until a getUpdates with a higher offset confirms it: handing an
// update out does not remove it, and it remembers nothing of who holds what (a client that dies with
// updates in hand gets them again). A second getUpdates while one is waiting ends the first with 409.

export const BOT_ID = 7_000_000_001;
export const BOT_USERNAME = "asn_helpdesk_test_bot";

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** Milliseconds since the epoch when the request arrived. */
  at: number;
  /** What the server answered (the sent message, for instance). */
  result?: unknown;
  /** The bot token in the URL: tells apart processes given different tokens of the same bot. */
  token?: string;
}

export interface ApiFailure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

interface PlannedFailure {
  method: string;
  when: (params: Record<string, unknown>) => boolean;
  failure: ApiFailure;
  remaining: number;
}

interface StoredFile {
  bytes: Uint8Array;
  path: string;
  /** What getFile reports; undefined when the test wants Telegram to leave it out. */
  reportedSize: number | undefined;
}

type Update = Record<string, unknown> & { update_id: number };

export interface FakeBotApi {
  apiRoot: string;
  calls: RecordedCall[];
  callsOf(method: string): RecordedCall[];
  /** Queues an update for getUpdates; returns its update_id. */
  pushUpdate(update: Record<string, unknown>): number;
  /** Registers a file for getFile and download; returns its file_id. */
  addFile(bytes: Uint8Array, options?: { reportedSize?: number }): string;
  setMember(chatId: number, userId: number, status: string): void;
  /** The next `times` calls of `method` (matching `when`) fail with `failure`. */
  failNext(
    method: string,
    failure: ApiFailure,
    options?: { times?: number; when?: (params: Record<string, unknown>) => boolean },
  ): void;
  /** The next `times` calls of `method` lose their connection (Telegram unreachable). */
  dropNext(method: string, times?: number): void;
  /** The next call of `method` is answered only after `ms` milliseconds. */
  slowNext(method: string, ms: number): void;
  /**
   * The next call of `method` matching `when` is never answered: it hangs until its client goes away (a
   * request lost in flight; whether Telegram acted on it, the client cannot know). Recorded without a result.
   */
  holdNext(method: string, when?: (call: RecordedCall) => boolean): void;
  /**
   * Answers sendMessage/sendDocument with 429 (retry_after 1) once more than `perSecond` were accepted
   * in the last second, as Telegram does for a bot that sends too fast.
   */
  limitSends(perSecond: number): void;
  /** sendMessage/sendDocument to this chat answer 403, as for a user who blocked the bot. */
  block(chatId: number): void;
  unblock(chatId: number): void;
  waitForCall(
    predicate: (call: RecordedCall) => boolean,
    options?: { timeoutMs?: number; after?: number },
  ): Promise<RecordedCall>;
  /** The text of every message sent to a chat, in order. */
  textsTo(chatId: number): string[];
  /** How many pushed updates no later offset has confirmed yet (the bot confirms only what it handled). */
  unconfirmedUpdates(): number;
  /** Calls `listener` with each call once its answer has been written back; returns the unsubscribe. */
  onAnswered(listener: (call: RecordedCall) => void): () => void;
  close(): Promise<void>;
}

export async function startFakeBotApi(): Promise<FakeBotApi> {
  const calls: RecordedCall[] = [];
  const updates: Update[] = [];
  const waiters = new Set<() => void>();
  const files = new Map<string, StoredFile>();
  const members = new Map<string, string>();
  const failures: PlannedFailure[] = [];
  const blocked = new Set<string>();
  const delays: { method: string; ms: number }[] = [];
  const holds: Array<{ method: string; when: (call: RecordedCall) => boolean }> = [];
  const held = new Set<() => void>();
  const answeredListeners = new Set<(call: RecordedCall) => void>();
  let sendLimit: number | undefined;
  const acceptedSends: number[] = [];
  const drops = new Map<string, number>();
  let nextUpdateId = 1;
  let nextMessageId = 1000;
  let nextFileId = 1;

  const bot = { id: BOT_ID, is_bot: true, first_name: "Helpdesk SSCASN", username: BOT_USERNAME };

  function sentMessage(params: Record<string, unknown>, extra: Record<string, unknown>) {
    const chatId = Number(params.chat_id);
    nextMessageId += 1;
    return {
      message_id: nextMessageId,
      date: Math.floor(Date.now() / 1000),
      chat: chatId < 0 ? { id: chatId, type: "supergroup", title: "Admin" } : { id: chatId, type: "private" },
      from: bot,
      ...extra,
    };
  }

  async function answer(method: string, params: Record<string, unknown>, req: IncomingMessage) {
    switch (method) {
      case "getMe":
        return {
          ...bot,
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
        };
      case "getUpdates":
        return takeUpdates(
          Number(params.offset ?? 0),
          Math.min(100, Math.max(1, Number(params.limit ?? 100))),
          Number(params.timeout ?? 0),
          req,
        );
      case "sendMessage":
        return sentMessage(params, { text: params.text });
      case "sendDocument":
        return sentMessage(params, {
          document: { file_id: `sent-${nextMessageId}`, file_unique_id: `u${nextMessageId}` },
          caption: params.caption,
        });
      case "sendPhoto":
        return sentMessage(params, {
          photo: [
            { file_id: `sent-${nextMessageId}`, file_unique_id: `u${nextMessageId}`, width: 1, height: 1 },
          ],
          caption: params.caption,
        });
      case "getFile": {
        const file = files.get(String(params.file_id));
        if (!file) throw { error_code: 400, description: "Bad Request: invalid file_id" };
        return {
          file_id: params.file_id,
          file_unique_id: `u-${params.file_id}`,
          ...(file.reportedSize === undefined ? {} : { file_size: file.reportedSize }),
          file_path: file.path,
        };
      }
      case "getChatMember": {
        const status = members.get(`${params.chat_id}:${params.user_id}`) ?? "left";
        const user = { id: Number(params.user_id), is_bot: false, first_name: "U" };
        // As the Bot API answers for a muted member: still in the group, unable to send.
        if (status === "restricted") {
          return { status, user, is_member: true, can_send_messages: false, until_date: 0 };
        }
        return { status, user };
      }
      case "answerCallbackQuery":
      case "setMyCommands":
      case "deleteWebhook":
      case "setWebhook":
      case "editMessageReplyMarkup":
        return true;
      default:
        throw { error_code: 404, description: "Not Found: method not found" };
    }
  }

  let waitingPoll: (() => void) | undefined;

  function takeUpdates(
    offset: number,
    limit: number,
    timeoutSeconds: number,
    req: IncomingMessage,
  ): Promise<Update[]> {
    // An offset confirms every update before it, as on the real server; nothing else removes one.
    const confirm = () => {
      while (updates.length > 0 && updates[0]!.update_id < offset) updates.shift();
    };
    confirm();
    waitingPoll?.();
    if (updates.length > 0 || timeoutSeconds <= 0) return Promise.resolve(updates.slice(0, limit));
    return new Promise((resolve, reject) => {
      let conflict = false;
      const release = () => {
        clearTimeout(timer);
        waiters.delete(release);
        if (waitingPoll === terminate) waitingPoll = undefined;
        req.socket.off("close", release);
        if (conflict) {
          return reject({
            error_code: 409,
            description:
              "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
          });
        }
        confirm();
        resolve(req.socket.destroyed ? [] : updates.slice(0, limit));
      };
      const terminate = () => {
        conflict = true;
        release();
      };
      waitingPoll = terminate;
      const timer = setTimeout(release, Math.min(timeoutSeconds, 2) * 1000);
      waiters.add(release);
      // The request's own "close" fires once its body is read; the socket's tells of a client that left.
      req.socket.once("close", release);
    });
  }

  function plannedFailure(method: string, params: Record<string, unknown>): ApiFailure | undefined {
    const sends = method === "sendMessage" || method === "sendDocument" || method === "sendPhoto";
    if (sends && blocked.has(String(params.chat_id))) {
      return { error_code: 403, description: "Forbidden: bot was blocked by the user" };
    }
    if (sendLimit !== undefined && (method === "sendMessage" || method === "sendDocument")) {
      const now = Date.now();
      while (acceptedSends.length > 0 && acceptedSends[0]! <= now - 1_000) acceptedSends.shift();
      if (acceptedSends.length >= sendLimit) {
        return {
          error_code: 429,
          description: "Too Many Requests: retry after 1",
          parameters: { retry_after: 1 },
        };
      }
    }
    const planned = failures.find((f) => f.method === method && f.remaining > 0 && f.when(params));
    if (!planned) return undefined;
    planned.remaining -= 1;
    return planned.failure;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const body = await readBody(req);
    const fileMatch = /^\/file\/bot[^/]+\/(.+)$/.exec(url.pathname);
    if (fileMatch) {
      const file = [...files.values()].find((f) => f.path === fileMatch[1]);
      calls.push({ method: "downloadFile", params: { path: fileMatch[1] }, at: Date.now() });
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-length": file.bytes.byteLength,
      });
      res.end(file.bytes);
      return;
    }
    const apiMatch = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!apiMatch) return void res.writeHead(404).end();
    const method = apiMatch[2]!;
    const params = parseParams(req.headers["content-type"] ?? "", body);
    const call: RecordedCall = { method, params, at: Date.now(), token: decodeURIComponent(apiMatch[1]!) };
    calls.push(call);
    const dropsLeft = drops.get(method) ?? 0;
    if (dropsLeft > 0) {
      drops.set(method, dropsLeft - 1);
      req.socket.destroy();
      return;
    }
    const hold = holds.findIndex((h) => h.method === method && h.when(call));
    if (hold >= 0) {
      holds.splice(hold, 1);
      await new Promise<void>((resolve) => {
        const release = () => {
          held.delete(release);
          resolve();
        };
        held.add(release);
        req.socket.once("close", release);
      });
      res.destroy();
      return;
    }
    const delay = delays.findIndex((d) => d.method === method);
    if (delay >= 0) {
      const { ms } = delays.splice(delay, 1)[0]!;
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
    const failure = plannedFailure(method, params);
    if (!failure && sendLimit !== undefined && (method === "sendMessage" || method === "sendDocument")) {
      acceptedSends.push(Date.now());
    }
    let reply: Record<string, unknown>;
    if (failure) {
      reply = { ok: false, ...failure };
    } else {
      try {
        reply = { ok: true, result: await answer(method, params, req) };
      } catch (error) {
        reply = { ok: false, ...(error as ApiFailure) };
      }
    }
    call.result = reply.ok ? reply.result : reply;
    if (res.destroyed) return;
    res.writeHead(reply.ok ? 200 : Number(reply.error_code), { "content-type": "application/json" });
    res.end(JSON.stringify(reply), () => {
      for (const listener of [...answeredListeners]) listener(call);
    });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    pushUpdate(update) {
      const full = { ...update, update_id: nextUpdateId++ };
      updates.push(full);
      for (const release of [...waiters]) release();
      return full.update_id;
    },
    addFile(bytes, options = {}) {
      const id = `file-${nextFileId++}`;
      files.set(id, {
        bytes,
        path: `documents/${id}.bin`,
        reportedSize: "reportedSize" in options ? options.reportedSize : bytes.byteLength,
      });
      return id;
    },
    setMember(chatId, userId, status) {
      members.set(`${chatId}:${userId}`, status);
    },
    failNext(method, failure, options = {}) {
      failures.push({ method, failure, remaining: options.times ?? 1, when: options.when ?? (() => true) });
    },
    dropNext(method, times = 1) {
      drops.set(method, (drops.get(method) ?? 0) + times);
    },
    slowNext(method, ms) {
      delays.push({ method, ms });
    },
    holdNext(method, when = () => true) {
      holds.push({ method, when });
    },
    limitSends(perSecond) {
      sendLimit = perSecond;
    },
    block: (chatId) => void blocked.add(String(chatId)),
    unblock: (chatId) => void blocked.delete(String(chatId)),
    async waitForCall(predicate, options = {}) {
      const deadline = Date.now() + (options.timeoutMs ?? 5_000);
      const from = options.after ?? 0;
      for (;;) {
        const found = calls.slice(from).find(predicate);
        if (found) return found;
        if (Date.now() > deadline) {
          const seen = calls.map((c) => `${c.method} ${JSON.stringify(c.params).slice(0, 160)}`).join("\n");
          throw new Error(`expected call did not arrive; calls so far:\n${seen}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    unconfirmedUpdates: () => updates.length,
    textsTo(chatId) {
      return calls
        .filter((c) => c.method === "sendMessage" && String(c.params.chat_id) === String(chatId))
        .map((c) => String(c.params.text));
    },
    onAnswered(listener) {
      answeredListeners.add(listener);
      return () => answeredListeners.delete(listener);
    },
    async close() {
      for (const release of [...waiters]) release();
      for (const release of [...held]) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseParams(contentType: string, body: Buffer): Record<string, unknown> {
  if (body.byteLength === 0) return {};
  if (contentType.startsWith("application/json")) return JSON.parse(body.toString("utf8"));
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (contentType.startsWith("multipart/form-data") && boundary) return parseMultipart(body, boundary);
  return Object.fromEntries(new URLSearchParams(body.toString("utf8")));
}

/** grammY's multipart: string fields (objects as JSON), and files referenced by "attach://<id>". */
function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const uploads = new Map<string, { fileName: string; size: number; bytes: Buffer }>();
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter) + delimiter.length;
  for (;;) {
    const end = body.indexOf(delimiter, start);
    if (end < 0) break;
    const part = body.subarray(start + 2, end - 2); // drop the CRLF after the delimiter and before the next
    start = end + delimiter.length;
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) continue;
    const headers = part.subarray(0, split).toString("utf8");
    const content = part.subarray(split + 4);
    const name = /name="([^"]+)"/.exec(headers)?.[1];
    if (!name) continue;
    const fileName = /filename="?([^";\r\n]+)"?/.exec(headers)?.[1];
    if (fileName !== undefined) {
      uploads.set(name, { fileName, size: content.byteLength, bytes: Buffer.from(content) });
    } else {
      const text = content.toString("utf8");
      fields[name] = /^[{[]/.test(text) ? JSON.parse(text) : text;
    }
  }
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string" && value.startsWith("attach://")) fields[key] = uploads.get(value.slice(9));
  }
  return fields;
}
