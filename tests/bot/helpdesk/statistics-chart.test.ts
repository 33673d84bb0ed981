import sharp from "sharp";
import { expect, test } from "vitest";
import { createHelpdeskService } from "../../../bot/helpdesk/helpdesk.service.ts";
import { statisticsSvg } from "../../../bot/helpdesk/statistics-chart.ts";
import { workingDaysBetween } from "../../../bot/helpdesk/working-days.ts";
import { changeTicketStatus, type Db, insertTicket } from "../../../db/index.ts";
import { sampleTicket, useTestDatabase } from "../../db/test-database.ts";

let db: Db;
useTestDatabase((opened) => {
  db = opened.db;
});

test("working days count Monday to Friday on the WIB calendar, after the day the ticket came in", () => {
  // 2026-11-27 is a Friday; 2026-11-30 a Monday.
  expect(workingDaysBetween(new Date("2026-11-27T03:00:00Z"), new Date("2026-11-27T09:00:00Z"))).toBe(0);
  expect(workingDaysBetween(new Date("2026-11-27T03:00:00Z"), new Date("2026-11-30T03:00:00Z"))).toBe(1);
  expect(workingDaysBetween(new Date("2026-11-23T03:00:00Z"), new Date("2026-11-30T03:00:00Z"))).toBe(5);
  // Sunday 18:00 UTC is already Monday 01:00 in WIB.
  expect(workingDaysBetween(new Date("2026-11-27T03:00:00Z"), new Date("2026-11-29T18:00:00Z"))).toBe(1);
});

test("chart data: tickets per WIB day by status over 14 days, and the open ones oldest first", async () => {
  const now = new Date("2026-12-03T05:00:00Z"); // Thursday, 12:00 WIB
  const created = [
    ["OLD", "2026-11-10T02:00:00Z"], // before the 14 days: only in the waiting list
    ["A", "2026-11-20T02:00:00Z"], // 20/11, first day shown
    ["B", "2026-11-30T17:30:00Z"], // 01/12 in WIB (00:30)
    ["C", "2026-12-03T01:00:00Z"],
    ["D", "2026-12-03T02:00:00Z"],
  ] as const;
  for (const [number, at] of created) await insertTicket(db, sampleTicket({ number, createdAt: at }));
  await changeTicketStatus(db, {
    number: "D",
    allowedFrom: ["Pertanyaan"],
    to: "Jawaban",
    actor: { kind: "admin", id: "a" },
    answerText: "Ok.",
  });
  const data = await createHelpdeskService({ db, now: () => now }).chartData();
  expect(data.days).toHaveLength(14);
  expect(data.days[0]!.label).toBe("20/11");
  expect(data.days.at(-1)!.label).toBe("03/12");
  expect(data.days[0]!.counts).toEqual({ Pertanyaan: 1, Diterima: 0, Proses: 0, Jawaban: 0 });
  expect(data.days.find((d) => d.label === "01/12")!.counts.Pertanyaan).toBe(1);
  expect(data.days.at(-1)!.counts).toEqual({ Pertanyaan: 1, Diterima: 0, Proses: 0, Jawaban: 1 });
  expect(data.waiting.map((w) => [w.number, w.workingDays])).toEqual([
    ["OLD", 17],
    ["A", 9],
    ["B", 2],
    ["C", 0],
  ]);
  expect(data.openTotal).toBe(4);
});

test("the picture is a PNG with its labels drawn as text", async () => {
  await insertTicket(db, sampleTicket({ number: "K7QM-2HXD-9RWA", createdAt: new Date().toISOString() }));
  const helpdesk = createHelpdeskService({ db });
  const data = await helpdesk.chartData();
  const svg = statisticsSvg(data);
  expect(svg).toContain("Tiket masuk per hari (14 hari terakhir)");
  expect(svg).toContain("K7QM-2HXD-9RWA (Pertanyaan)");
  const png = await helpdesk.statisticsChart();
  const meta = await sharp(png).metadata();
  expect([meta.format, meta.width]).toEqual(["png", 1000]);
  // The title line is drawn (dark glyph pixels on the white background), not left blank for want of fonts.
  const title = await sharp(png)
    .extract({ left: 0, top: 10, width: 700, height: 30 })
    .greyscale()
    .raw()
    .toBuffer();
  expect(title.filter((v) => v < 100).length).toBeGreaterThan(500);
});
