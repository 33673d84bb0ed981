import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  type ActorKind,
  changeTicketStatus,
  type Db,
  findTicket,
  insertTicket,
  listDueOutbox,
  listTicketHistory,
  type OpenedDatabase,
} from "../../db/index.ts";
import { openTestDatabase, sampleTicket } from "./test-database.ts";

let opened: OpenedDatabase;
let db: Db;

beforeEach(async () => {
  opened = await openTestDatabase();
  db = opened.db;
  await insertTicket(
    db,
    sampleTicket({ number: "T-1", chatId: "chat-77", createdAt: "2026-11-29T10:00:00.000Z" }),
  );
});
afterEach(async () => {
  await opened.close();
});

const alice = { kind: "admin" as const, id: "admin-a", name: "Alice" };
const bob = { kind: "admin" as const, id: "admin-b", name: "Bob" };
const farFuture = "9999-01-01T00:00:00.000Z";

async function outboxCount(): Promise<number> {
  return (await listDueOutbox(db, { nowIso: farFuture, limit: 100 })).length;
}

describe("changeTicketStatus", () => {
  test("changes the status, records the admin and writes a history row", async () => {
    const result = await changeTicketStatus(db, {
      number: "T-1",
      allowedFrom: ["Pertanyaan"],
      to: "Diterima",
      actor: alice,
      note: "dicek",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ticket).toMatchObject({
      number: "T-1",
      status: "Diterima",
      handledById: "admin-a",
      handledByName: "Alice",
      answerText: null,
    });
    expect(result.ticket.updatedAt > "2026-11-29T10:00:00.000Z").toBe(true);
    expect(await findTicket(db, "T-1")).toEqual(result.ticket);

    const history = await listTicketHistory(db, "T-1");
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, "Pertanyaan"],
      ["Pertanyaan", "Diterima"],
    ]);
    expect(history[1]).toMatchObject({
      actor: { kind: "admin", id: "admin-a", name: "Alice" },
      note: "dicek",
      createdAt: result.ticket.updatedAt,
    });
    expect(await outboxCount()).toBe(0);
  });

  test("stores the answer text and queues the notification in the outbox", async () => {
    const result = await changeTicketStatus(db, {
      number: "T-1",
      allowedFrom: ["Pertanyaan", "Diterima", "Proses"],
      to: "Jawaban",
      actor: bob,
      answerText: "Silakan reset kata sandi melalui menu Lupa Password.",
      notification: { channel: "telegram", chatId: "chat-77", text: "Tiket T-1 sudah dijawab." },
    });
    expect(result.ok && result.ticket.answerText).toBe(
      "Silakan reset kata sandi melalui menu Lupa Password.",
    );

    const outbox = await listDueOutbox(db, { nowIso: farFuture, limit: 10 });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      channel: "telegram",
      chatId: "chat-77",
      text: "Tiket T-1 sudah dijawab.",
      status: "pending",
      attempts: 0,
    });
  });

  test("a system change keeps the last admin on record", async () => {
    await changeTicketStatus(db, { number: "T-1", allowedFrom: ["Pertanyaan"], to: "Proses", actor: alice });
    const result = await changeTicketStatus(db, {
      number: "T-1",
      allowedFrom: ["Proses"],
      to: "Jawaban",
      actor: { kind: "system", id: "auto-close" },
    });
    expect(result.ok && result.ticket).toMatchObject({ status: "Jawaban", handledByName: "Alice" });
    const history = await listTicketHistory(db, "T-1");
    expect(history.at(-1)?.actor).toEqual({ kind: "system", id: "auto-close", name: null });
  });

  test("reports not_found for an unknown ticket and writes nothing", async () => {
    const result = await changeTicketStatus(db, {
      number: "NOPE",
      allowedFrom: ["Pertanyaan"],
      to: "Diterima",
      actor: alice,
      notification: { channel: "telegram", chatId: "x", text: "y" },
    });
    expect(result).toEqual({ ok: false, reason: "not_found" });
    expect(await listTicketHistory(db, "NOPE")).toEqual([]);
    expect(await outboxCount()).toBe(0);
  });

  test("reports conflict with the current ticket when the status is not allowed", async () => {
    await changeTicketStatus(db, { number: "T-1", allowedFrom: ["Pertanyaan"], to: "Proses", actor: alice });
    const result = await changeTicketStatus(db, {
      number: "T-1",
      allowedFrom: ["Pertanyaan"],
      to: "Diterima",
      actor: bob,
      notification: { channel: "telegram", chatId: "chat-77", text: "x" },
    });
    expect(result).toMatchObject({
      ok: false,
      reason: "conflict",
      ticket: { status: "Proses", handledByName: "Alice" },
    });
    expect(await listTicketHistory(db, "T-1")).toHaveLength(2);
    expect(await outboxCount()).toBe(0);
  });

  test("two admins racing from the same status: exactly one wins, the other learns who", async () => {
    const take = (actor: typeof alice) =>
      changeTicketStatus(db, {
        number: "T-1",
        allowedFrom: ["Pertanyaan"],
        to: "Proses",
        actor,
        notification: { channel: "telegram", chatId: "chat-77", text: `Diproses oleh ${actor.name}` },
      });
    const results = await Promise.all([take(alice), take(bob)]);

    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const winner = winners[0];
    const loser = losers[0];
    if (!winner?.ok || loser?.ok !== false || loser.reason !== "conflict")
      throw new Error("unexpected shape");
    expect(loser.ticket.status).toBe("Proses");
    expect(loser.ticket.handledByName).toBe(winner.ticket.handledByName);
    expect(loser.ticket.handledById).toBe(winner.ticket.handledById);

    expect(await listTicketHistory(db, "T-1")).toHaveLength(2);
    const outbox = await listDueOutbox(db, { nowIso: farFuture, limit: 10 });
    expect(outbox.map((m) => m.text)).toEqual([`Diproses oleh ${winner.ticket.handledByName}`]);
  });

  test("history stays in order even for changes within the same millisecond", async () => {
    for (const [from, to] of [
      ["Pertanyaan", "Diterima"],
      ["Diterima", "Proses"],
      ["Proses", "Jawaban"],
      ["Jawaban", "Proses"],
    ] as const) {
      const r = await changeTicketStatus(db, { number: "T-1", allowedFrom: [from], to, actor: alice });
      expect(r.ok).toBe(true);
    }
    const history = await listTicketHistory(db, "T-1");
    expect(history.map((h) => h.toStatus)).toEqual(["Pertanyaan", "Diterima", "Proses", "Jawaban", "Proses"]);
    const times = history.map((h) => h.createdAt);
    expect(new Set(times).size).toBe(times.length);
  });

  test("if the history insert fails, neither the status nor the outbox row is written", async () => {
    const before = await findTicket(db, "T-1");
    await expect(
      changeTicketStatus(db, {
        number: "T-1",
        allowedFrom: ["Pertanyaan"],
        to: "Diterima",
        // Rejected by the history table's CHECK constraint, after the ticket update has run.
        actor: { kind: "robot" as ActorKind, id: "r2d2" },
        notification: { channel: "telegram", chatId: "chat-77", text: "x" },
      }),
    ).rejects.toThrow(/check constraint/i);
    expect(await findTicket(db, "T-1")).toEqual(before);
    expect(await listTicketHistory(db, "T-1")).toHaveLength(1);
    expect(await outboxCount()).toBe(0);
  });

  test("if the outbox insert fails, the status change and history row are rolled back", async () => {
    const before = await findTicket(db, "T-1");
    await expect(
      changeTicketStatus(db, {
        number: "T-1",
        allowedFrom: ["Pertanyaan"],
        to: "Diterima",
        actor: alice,
        // Rejected by the outbox's NOT NULL constraint, after the ticket and history writes.
        notification: { channel: "telegram", chatId: null as unknown as string, text: "x" },
      }),
    ).rejects.toThrow(/not.null constraint/i);
    expect(await findTicket(db, "T-1")).toEqual(before);
    expect(await listTicketHistory(db, "T-1")).toHaveLength(1);
    expect(await outboxCount()).toBe(0);
  });

  test("inside a caller's transaction it joins it, and the caller's rollback undoes everything", async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        const r = await changeTicketStatus(trx, {
          number: "T-1",
          allowedFrom: ["Pertanyaan"],
          to: "Diterima",
          actor: alice,
          notification: { channel: "telegram", chatId: "chat-77", text: "x" },
        });
        expect(r.ok).toBe(true);
        throw new Error("later step failed");
      }),
    ).rejects.toThrow("later step failed");
    expect((await findTicket(db, "T-1"))?.status).toBe("Pertanyaan");
    expect(await listTicketHistory(db, "T-1")).toHaveLength(1);
    expect(await outboxCount()).toBe(0);
  });
});
