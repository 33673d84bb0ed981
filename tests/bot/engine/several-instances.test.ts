import { sql } from "kysely";
import { pino } from "pino";
import { expect, test, vi } from "vitest";
import { createConversationEngine } from "../../../bot/engine/conversation-engine.ts";
import { engineMessages } from "../../../bot/engine/engine.messages.ts";
import type { InboundContent, OutboundMessage } from "../../../bot/engine/message.types.ts";
import {
  countTicketsByChat,
  type Db,
  findTicket,
  insertTicket,
  listTicketsByChat,
  lockChat,
} from "../../../db/index.ts";
import { generateTicketNumber } from "../../../flows/ticket-number.ts";
import { sampleTicket } from "../../db/test-database.ts";
import { onPostgres, openTestDatabaseConnections } from "../../support/test-database.ts";
import {
  ADMIN_INBOX,
  CHANNEL,
  choice,
  file,
  jpegBytes,
  pdfBytes,
  sharedFaqRouting,
  text,
  VALID_KK,
} from "./engine-harness.ts";

// Several bot instances on one PostgreSQL database, webhooks delivering a chat's messages to either: the
// chat's turns still run one at a time, each reading what the one before committed.

const logger = pino({ level: "silent" });

function engineOn(db: Db, newTicketNumber?: () => string) {
  return createConversationEngine({
    db,
    routing: sharedFaqRouting(),
    logger,
    adminInbox: ADMIN_INBOX,
    ...(newTicketNumber ? { newTicketNumber } : {}),
  });
}
type Engine = ReturnType<typeof engineOn>;

/** A complete "cek Dapodik" form, one message after the other; the NIK differs per chat. */
function formMessages(nik: string): InboundContent[] {
  return [
    choice("kategori:cek_dapodik"),
    text("Siti Rahmawati"),
    text(nik),
    text(VALID_KK),
    text("Kabupaten Bogor"),
    text("17 Agustus 1995"),
    file(jpegBytes(), "ktp.jpg"),
    file(pdfBytes(), "ijazah.pdf"),
    text("kirim"),
  ];
}

const ticketNumberIn = (replies: readonly OutboundMessage[]) =>
  /nomor tiket \*([0-9A-Z-]{14})\*/.exec(replies.map((r) => r.text).join("\n"))?.[1];

test("two instances taking turns on the same chats: one ticket per form, every answer in order, redeliveries ignored", async () => {
  // SQLite runs one process with one connection (its single writer orders the turns); PostgreSQL gets one
  // connection pool per instance, as separate processes have, plus one for the test itself.
  const connections = await openTestDatabaseConnections(onPostgres ? 3 : 1);
  const [first, second, observer] = onPostgres
    ? connections
    : [connections[0], connections[0], connections[0]];
  const engines: [Engine, Engine] = [engineOn(first!.db), engineOn(second!.db)];
  const chats = [
    { chatId: "chat-x", nik: "3201015708950002" },
    { chatId: "chat-y", nik: "3201015708950003" },
  ];
  const scripts = chats.map(({ chatId, nik }) =>
    formMessages(nik).map((content, n) => ({
      channel: CHANNEL,
      chatId,
      userId: `user-${chatId}`,
      messageId: `${chatId}-m${n + 1}`,
      content,
    })),
  );
  const repliesOf = new Map<string, OutboundMessage[]>();
  const handle = async (engine: Engine, message: (typeof scripts)[number][number]) => {
    const replies = await engine.handle(message);
    if (replies.length > 0) {
      expect(repliesOf.has(message.messageId), `${message.messageId} answered twice`).toBe(false);
      repliesOf.set(message.messageId, replies);
    }
    return replies;
  };

  // Messages k and k+1 of each chat go to different instances at once. On PostgreSQL the test holds the
  // chats first, so both turns are waiting before either may start: the second must then wait for the
  // first to commit, not run beside it on the state both saw.
  const waitingOnLocks = async () => {
    const { rows } = await sql<{ waiting: string }>`select count(*) as waiting from pg_stat_activity
      where wait_event_type = 'Lock' and application_name = current_setting('application_name')`.execute(
      observer!.db,
    );
    return Number(rows[0]!.waiting);
  };
  const untilWaiting = (count: number) =>
    vi.waitFor(
      async () => {
        expect(await waitingOnLocks()).toBeGreaterThanOrEqual(count);
      },
      { timeout: 10_000, interval: 10 },
    );

  const length = scripts[0]!.length;
  for (let k = 0; k < length; k += 2) {
    const pair = k + 1 < length ? [k, k + 1] : [k];
    if (onPostgres) {
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let holding: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        holding = resolve;
      });
      const hold = observer!.db.transaction().execute(async (trx) => {
        for (const { chatId } of chats) await lockChat(trx, CHANNEL, chatId);
        holding();
        await released;
      });
      await held;
      const turns: Promise<unknown>[] = [];
      for (const [step, index] of pair.entries()) {
        for (const script of scripts) turns.push(handle(engines[index % 2]!, script[index]!));
        await untilWaiting(chats.length * (step + 1));
      }
      release();
      await hold;
      await Promise.all(turns);
    } else {
      for (const index of pair) {
        for (const script of scripts) await handle(engines[index % 2]!, script[index]!);
      }
    }
    // The same updates delivered again, to the other instance: nothing more happens.
    for (const index of pair) {
      for (const script of scripts)
        expect(await engines[(index + 1) % 2]!.handle(script[index]!)).toEqual([]);
    }
  }

  for (const [n, { chatId, nik }] of chats.entries()) {
    const script = scripts[n]!;
    for (const message of script) {
      const replies = repliesOf.get(message.messageId) ?? [];
      expect(replies.length, message.messageId).toBeGreaterThan(0);
      expect(replies.map((r) => r.text)).not.toContain(engineMessages.internalError);
    }
    const number = ticketNumberIn(repliesOf.get(script.at(-1)!.messageId)!);
    expect(number).toBeDefined();
    expect(await countTicketsByChat(first!.db, CHANNEL, chatId)).toBe(1);
    expect(await findTicket(first!.db, number!)).toMatchObject({ nik, applicantName: "Siti Rahmawati" });
    // The chat's replies are queued answer by answer, in the order of the messages they answer.
    const queued = await first!.db
      .selectFrom("outbox")
      .select(["source_message_id", "text"])
      .where("channel", "=", CHANNEL)
      .where("chat_id", "=", chatId)
      .orderBy("chat_seq")
      .execute();
    const expected = script.flatMap((message) =>
      repliesOf.get(message.messageId)!.map((reply) => [message.messageId, reply.text]),
    );
    expect(queued.map((row) => [row.source_message_id, row.text])).toEqual(expected);
  }
  expect(await first!.db.selectFrom("conversations").selectAll().execute()).toEqual([]);
});

test("the same update delivered to two instances at once is handled once", async () => {
  const connections = await openTestDatabaseConnections(onPostgres ? 2 : 1);
  const [first, second] = onPostgres ? connections : [connections[0], connections[0]];
  const engines = [engineOn(first!.db), engineOn(second!.db)];
  const message = {
    channel: CHANNEL,
    chatId: "chat-1",
    userId: "user-1",
    messageId: "twice",
    content: choice("kategori:cek_dapodik"),
  };
  const results = await Promise.all(engines.map((engine) => engine.handle(message)));
  expect(results.filter((replies) => replies.length > 0)).toHaveLength(1);
  const stored = await first!.db.selectFrom("outbox").select("source_message_id").execute();
  expect(stored.length).toBe(results.flat().length);
});

test("a new ticket number that is already taken is replaced, and the form still ends in its ticket", async () => {
  const [database] = await openTestDatabaseConnections(1);
  const taken = generateTicketNumber();
  await insertTicket(database!.db, sampleTicket({ number: taken, chatId: "someone-else" }));
  const made = [taken];
  const engine = engineOn(database!.db, () => made.shift() ?? generateTicketNumber());
  let last: OutboundMessage[] = [];
  for (const [n, content] of formMessages("3201015708950002").entries()) {
    last = await engine.handle({
      channel: CHANNEL,
      chatId: "chat-1",
      userId: "user-1",
      messageId: `m${n}`,
      content,
    });
  }
  const number = ticketNumberIn(last);
  expect(made).toEqual([]);
  expect(number).toBeDefined();
  expect(number).not.toBe(taken);
  expect((await listTicketsByChat(database!.db, CHANNEL, "chat-1", 10)).map((t) => t.number)).toEqual([
    number,
  ]);
  expect((await findTicket(database!.db, taken))?.chatId).toBe("someone-else");
});
