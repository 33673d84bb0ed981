import { beforeEach, describe, expect, test } from "vitest";
import {
  changeTicketStatus,
  countTicketsByChat,
  countTicketsByStatusAndCategory,
  countTicketsWaitingSince,
  type Db,
  findTicket,
  insertTicket,
  listTicketHistory,
  listTicketsByChat,
  listTicketsByStatus,
  searchTickets,
  TICKET_STATUSES,
} from "../../db/index.ts";
import { sampleTicket, useTestDatabase } from "./test-database.ts";

let db: Db;
useTestDatabase((opened) => {
  db = opened.db;
});

const admin = { kind: "admin" as const, id: "admin-1", name: "Admin Satu" };

describe("insertTicket", () => {
  test("stores the ticket as 'Pertanyaan' and returns it mapped to camelCase", async () => {
    const ticket = await insertTicket(
      db,
      sampleTicket({
        number: "T-1",
        createdAt: "2026-11-29T10:00:00.000Z",
        answers: { email: "a@b.id", n: 3 },
      }),
    );
    expect(ticket).toEqual({
      number: "T-1",
      category: "reset_password",
      status: "Pertanyaan",
      channel: "telegram",
      chatId: "chat-1",
      userId: "user-1",
      applicantName: "Siti Aminah",
      nik: "3201234567890001",
      kk: "3201234567890002",
      answers: { email: "a@b.id", n: 3 },
      answerText: null,
      handledById: null,
      handledByName: null,
      createdAt: "2026-11-29T10:00:00.000Z",
      updatedAt: "2026-11-29T10:00:00.000Z",
      personalDataPurgedAt: null,
    });
    expect(await findTicket(db, "T-1")).toEqual(ticket);
  });

  test("writes the first history row with the applicant as actor", async () => {
    await insertTicket(db, sampleTicket({ number: "T-2", userId: "u-9", applicantName: "Budi" }));
    const history = await listTicketHistory(db, "T-2");
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      ticketNumber: "T-2",
      fromStatus: null,
      toStatus: "Pertanyaan",
      actor: { kind: "applicant", id: "u-9", name: "Budi" },
      note: null,
    });
  });

  test("a duplicate number fails and leaves no second history row", async () => {
    await insertTicket(db, sampleTicket({ number: "T-DUP" }));
    await expect(insertTicket(db, sampleTicket({ number: "T-DUP" }))).rejects.toThrow(/unique constraint/i);
    expect(await listTicketHistory(db, "T-DUP")).toHaveLength(1);
  });

  test("a made number that is taken is replaced by the next one, inside the caller's transaction", async () => {
    await insertTicket(db, sampleTicket({ number: "T-TAKEN" }));
    const made = ["T-TAKEN", "T-FREE"];
    const ticket = await db.transaction().execute(async (trx) => {
      const opened = await insertTicket(trx, { ...sampleTicket(), number: () => made.shift()! });
      // The collision did not spoil the transaction (a failed statement would, on PostgreSQL).
      expect(await findTicket(trx, "T-FREE")).toMatchObject({ nik: "3201234567890001" });
      return opened;
    });
    expect(ticket.number).toBe("T-FREE");
    expect(made).toEqual([]);
    expect(await listTicketHistory(db, "T-FREE")).toHaveLength(1);
    expect(await listTicketHistory(db, "T-TAKEN")).toHaveLength(1);
    expect((await findTicket(db, "T-TAKEN"))?.applicantName).toBe("Siti Aminah");
  });

  test("a number maker that only repeats taken numbers fails after a few tries, writing nothing", async () => {
    await insertTicket(db, sampleTicket({ number: "T-ALWAYS" }));
    let tries = 0;
    await expect(
      insertTicket(db, {
        ...sampleTicket(),
        number: () => {
          tries += 1;
          return "T-ALWAYS";
        },
      }),
    ).rejects.toThrow(/no free ticket number/);
    expect(tries).toBe(5);
    expect(await listTicketHistory(db, "T-ALWAYS")).toHaveLength(1);
  });

  test("joins a caller's transaction instead of nesting, so the caller's rollback undoes it", async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await insertTicket(trx, sampleTicket({ number: "T-TRX" }));
        expect(await findTicket(trx, "T-TRX")).toBeDefined();
        throw new Error("caller gives up");
      }),
    ).rejects.toThrow("caller gives up");
    expect(await findTicket(db, "T-TRX")).toBeUndefined();
    expect(await listTicketHistory(db, "T-TRX")).toEqual([]);
  });
});

describe("findTicket", () => {
  test("returns undefined for an unknown number", async () => {
    expect(await findTicket(db, "NOPE")).toBeUndefined();
  });
});

describe("listTicketsByChat", () => {
  test("returns only that chat's tickets, newest first, up to the limit", async () => {
    await insertTicket(
      db,
      sampleTicket({ number: "A", chatId: "c1", createdAt: "2026-11-01T00:00:00.000Z" }),
    );
    await insertTicket(
      db,
      sampleTicket({ number: "B", chatId: "c1", createdAt: "2026-11-03T00:00:00.000Z" }),
    );
    await insertTicket(
      db,
      sampleTicket({ number: "C", chatId: "c1", createdAt: "2026-11-02T00:00:00.000Z" }),
    );
    await insertTicket(
      db,
      sampleTicket({ number: "D", chatId: "c2", createdAt: "2026-11-04T00:00:00.000Z" }),
    );
    await insertTicket(
      db,
      sampleTicket({ number: "E", chatId: "c1", channel: "whatsapp", createdAt: "2026-11-05T00:00:00.000Z" }),
    );

    const all = await listTicketsByChat(db, "telegram", "c1", 10);
    expect(all.map((t) => t.number)).toEqual(["B", "C", "A"]);
    // A list shows number, problem and status only: nothing personal is read (or decrypted) for it.
    expect(all[0]).toEqual({
      number: "B",
      category: all[0]!.category,
      status: "Pertanyaan",
      createdAt: "2026-11-03T00:00:00.000Z",
    });
    const limited = await listTicketsByChat(db, "telegram", "c1", 2);
    expect(limited.map((t) => t.number)).toEqual(["B", "C"]);
    expect(await countTicketsByChat(db, "telegram", "c1")).toBe(3);
  });

  test("lists open tickets before answered ones, and pages through all of them", async () => {
    for (const [number, day] of [
      ["OLD-OPEN", "01"],
      ["NEW-ANSWERED", "05"],
      ["MID-OPEN", "03"],
      ["OLD-ANSWERED", "02"],
    ] as const) {
      await insertTicket(
        db,
        sampleTicket({ number, chatId: "c9", createdAt: `2026-11-${day}T00:00:00.000Z` }),
      );
    }
    for (const number of ["NEW-ANSWERED", "OLD-ANSWERED"]) {
      const changed = await changeTicketStatus(db, {
        number,
        allowedFrom: ["Pertanyaan"],
        to: "Jawaban",
        actor: { kind: "admin", id: "a1" },
        answerText: "Sudah.",
      });
      expect(changed.ok).toBe(true);
    }
    const firstPage = await listTicketsByChat(db, "telegram", "c9", 3);
    const secondPage = await listTicketsByChat(db, "telegram", "c9", 3, 3);
    expect([...firstPage, ...secondPage].map((t) => t.number)).toEqual([
      "MID-OPEN",
      "OLD-OPEN",
      "NEW-ANSWERED",
      "OLD-ANSWERED",
    ]);
  });
});

describe("listTicketsByStatus", () => {
  beforeEach(async () => {
    for (const [number, day] of [
      ["N3", "03"],
      ["N1", "01"],
      ["N2", "02"],
      ["N4", "04"],
    ] as const) {
      await insertTicket(db, sampleTicket({ number, createdAt: `2026-11-${day}T00:00:00.000Z` }));
    }
    await changeTicketStatus(db, { number: "N2", allowedFrom: ["Pertanyaan"], to: "Diterima", actor: admin });
  });

  test("filters by status, oldest first, with the total before paging", async () => {
    const page1 = await listTicketsByStatus(db, { status: "Pertanyaan", limit: 2, offset: 0 });
    expect(page1.tickets.map((t) => t.number)).toEqual(["N1", "N3"]);
    expect(page1.total).toBe(3);
    const page2 = await listTicketsByStatus(db, { status: "Pertanyaan", limit: 2, offset: 2 });
    expect(page2.tickets.map((t) => t.number)).toEqual(["N4"]);
    expect(page2.total).toBe(3);
  });

  test("without a status lists every ticket", async () => {
    const all = await listTicketsByStatus(db, { limit: 10, offset: 0 });
    expect(all.tickets.map((t) => t.number)).toEqual(["N1", "N2", "N3", "N4"]);
    expect(all.total).toBe(4);
  });

  test("an empty status gives no tickets and a zero total", async () => {
    expect(await listTicketsByStatus(db, { status: "Jawaban", limit: 10, offset: 0 })).toEqual({
      tickets: [],
      total: 0,
    });
  });
});

describe("searchTickets", () => {
  beforeEach(async () => {
    await insertTicket(
      db,
      sampleTicket({
        number: "SSC-001",
        nik: "1111111111111111",
        applicantName: "Siti Aminah",
        createdAt: "2026-11-01T00:00:00.000Z",
      }),
    );
    await insertTicket(
      db,
      sampleTicket({
        number: "SSC-002",
        nik: "2222222222222222",
        applicantName: "Aminah Lestari",
        createdAt: "2026-11-02T00:00:00.000Z",
      }),
    );
    await insertTicket(
      db,
      sampleTicket({
        number: "SSC-003",
        nik: "3333333333333333",
        applicantName: "Budi Santoso",
        createdAt: "2026-11-03T00:00:00.000Z",
      }),
    );
  });

  test("finds by exact NIK", async () => {
    expect((await searchTickets(db, "2222222222222222", 10)).map((t) => t.number)).toEqual(["SSC-002"]);
  });

  test("a partial NIK does not match", async () => {
    expect(await searchTickets(db, "22222222", 10)).toEqual([]);
  });

  test("finds by exact ticket number, ignoring surrounding spaces", async () => {
    expect((await searchTickets(db, "  SSC-003 ", 10)).map((t) => t.number)).toEqual(["SSC-003"]);
  });

  test("finds by case-insensitive name substring, newest first, up to the limit", async () => {
    expect((await searchTickets(db, "aMiNaH", 10)).map((t) => t.number)).toEqual(["SSC-002", "SSC-001"]);
    expect((await searchTickets(db, "aminah", 1)).map((t) => t.number)).toEqual(["SSC-002"]);
  });

  test("drops LIKE wildcards from the name part and ignores an empty query", async () => {
    expect(await searchTickets(db, "%", 10)).toEqual([]);
    expect(await searchTickets(db, "   ", 10)).toEqual([]);
    expect((await searchTickets(db, "bu_di", 10)).map((t) => t.number)).toEqual(["SSC-003"]);
  });
});

describe("countTicketsByStatusAndCategory", () => {
  test("counts per status and category", async () => {
    await insertTicket(db, sampleTicket({ number: "K1", category: "nik" }));
    await insertTicket(db, sampleTicket({ number: "K2", category: "nik" }));
    await insertTicket(db, sampleTicket({ number: "K3", category: "email" }));
    await changeTicketStatus(db, { number: "K2", allowedFrom: ["Pertanyaan"], to: "Proses", actor: admin });

    const counts = await countTicketsByStatusAndCategory(db);
    expect(counts).toHaveLength(3);
    expect(counts).toEqual(
      expect.arrayContaining([
        { status: "Pertanyaan", category: "nik", count: 1 },
        { status: "Pertanyaan", category: "email", count: 1 },
        { status: "Proses", category: "nik", count: 1 },
      ]),
    );
    for (const c of counts) expect(TICKET_STATUSES).toContain(c.status);
  });

  test("is empty without tickets", async () => {
    expect(await countTicketsByStatusAndCategory(db)).toEqual([]);
  });
});

describe("countTicketsWaitingSince", () => {
  test("counts unanswered tickets not updated since the cutoff", async () => {
    await insertTicket(db, sampleTicket({ number: "W1", createdAt: "2026-11-01T00:00:00.000Z" }));
    await insertTicket(db, sampleTicket({ number: "W2", createdAt: "2026-11-02T00:00:00.000Z" }));
    await insertTicket(db, sampleTicket({ number: "W3", createdAt: "2026-11-10T00:00:00.000Z" }));
    await insertTicket(db, sampleTicket({ number: "W4", createdAt: "2026-11-01T00:00:00.000Z" }));
    // W4 gets answered (updated now, so after the cutoff in any case) and W2 is touched now.
    await changeTicketStatus(db, { number: "W4", allowedFrom: ["Pertanyaan"], to: "Jawaban", actor: admin });
    await changeTicketStatus(db, { number: "W2", allowedFrom: ["Pertanyaan"], to: "Diterima", actor: admin });

    expect(await countTicketsWaitingSince(db, "2026-11-05T00:00:00.000Z")).toBe(1);
    expect(await countTicketsWaitingSince(db, "2026-11-01T00:00:00.000Z")).toBe(0);
    expect(await countTicketsWaitingSince(db, "9999-01-01T00:00:00.000Z")).toBe(3);
  });
});
