import { pino } from "pino";
import { createConversationEngine } from "../../../bot/engine/conversation-engine.ts";
import { createFaqRouting } from "../../../bot/engine/faq-routing.ts";
import type { InboundContent, OutboundMessage } from "../../../bot/engine/message.types.ts";
import type { FaqRouting } from "../../../bot/engine/routing.types.ts";
import type { Db, OpenedDatabase } from "../../../db/index.ts";
import { loadFaqData } from "../../../faq/faq-data.ts";
import { jpegBytes as realJpeg, pdfBytes as realPdf } from "../../support/file-bytes.ts";
import { openTestDatabase } from "../../support/test-database.ts";

export const CHANNEL = "test";
export const ADMIN_INBOX = { channel: "admin", chatId: "admin-group" };
export const VALID_NIK = "3201015708950001"; // woman born 17-08-1995
export const VALID_KK = "3201011201150003";

export const text = (value: string): InboundContent => ({ kind: "text", text: value });
export const choice = (value: string): InboundContent => ({ kind: "choice", value });
export const file = (bytes: Uint8Array, fileName: string): InboundContent => ({
  kind: "file",
  bytes,
  fileName,
});

// Real file signatures (shared with the validation tests), at a size typical of a scanned KTP.
export const jpegBytes = (size = 20_000): Uint8Array => realJpeg(size);
export const pdfBytes = (size = 20_000): Uint8Array => realPdf(size);

let sharedRouting: FaqRouting | undefined;

/** Building the FAQ index takes a moment; tests that do not teach the FAQ share one. */
export function sharedFaqRouting(): FaqRouting {
  sharedRouting ??= createFaqRouting(loadFaqData());
  return sharedRouting;
}

export interface EngineHarness {
  db: Db;
  database: OpenedDatabase;
  /** Sends a message from `chatId` (default "chat-1"); a fresh message id unless one is given. */
  send(
    content: InboundContent,
    options?: { chatId?: string; messageId?: string },
  ): Promise<OutboundMessage[]>;
  /** All reply texts of one send, joined, for loose assertions. */
  say(value: string, chatId?: string): Promise<string>;
  close(): Promise<void>;
}

let messageCounter = 0;

/**
 * An engine over a real database with real migrations: SQLite (a file when `path` is given, else in memory)
 * or, in the PostgreSQL project, a schema of its own (the same one again for the same `path`).
 */
export async function openEngine(
  options: { path?: string; routing?: FaqRouting; now?: () => Date } = {},
): Promise<EngineHarness> {
  const database = await openTestDatabase(options.path);
  const engine = createConversationEngine({
    db: database.db,
    routing: options.routing ?? sharedFaqRouting(),
    logger: pino({ level: "silent" }),
    adminInbox: ADMIN_INBOX,
    now: options.now,
  });
  const send: EngineHarness["send"] = (content, { chatId = "chat-1", messageId } = {}) =>
    engine.handle({
      channel: CHANNEL,
      chatId,
      userId: `user-${chatId}`,
      messageId: messageId ?? `m-${++messageCounter}`,
      content,
    });
  return {
    db: database.db,
    database,
    send,
    async say(value, chatId) {
      const replies = await send(text(value), { chatId });
      return replies.map((reply) => reply.text).join("\n---\n");
    },
    close: () => database.close(),
  };
}

/** The choice values of the last reply that has choices. */
export function choicesOf(replies: readonly OutboundMessage[]): string[] {
  return replies.findLast((reply) => reply.choices)?.choices?.map((c) => c.value) ?? [];
}
