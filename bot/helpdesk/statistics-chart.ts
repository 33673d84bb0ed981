import sharp from "sharp";
import { TICKET_STATUSES, type TicketStatus } from "../../db/index.ts";
import { adminMessages as m } from "./admin.messages.ts";

export interface ChartData {
  /** One entry per day, oldest first: tickets created that day by their status now. */
  days: { label: string; counts: Record<TicketStatus, number> }[];
  /** Open tickets, oldest first, with how many working days they have waited. */
  waiting: { number: string; status: TicketStatus; workingDays: number }[];
  /** All open tickets (the list above may be cut). */
  openTotal: number;
}

const WIDTH = 1000;
const COLORS: Record<TicketStatus, string> = {
  Pertanyaan: "#e67e22",
  Diterima: "#2a6fdb",
  Proses: "#8e44ad",
  Jawaban: "#27ae60",
};
const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const MONO = "DejaVu Sans Mono, Liberation Mono, monospace";

interface TextStyle {
  size?: number;
  bold?: boolean;
  anchor?: "start" | "middle" | "end";
  family?: string;
}

const label = (x: number, y: number, text: string, style: TextStyle = {}) =>
  `<text x="${x}" y="${y}" font-family="${style.family ?? FONT}" font-size="${style.size ?? 15}"` +
  `${style.bold ? ' font-weight="bold"' : ""} text-anchor="${style.anchor ?? "start"}" fill="#222">` +
  `${escapeXml(text)}</text>`;

/** A round axis maximum (1, 2, 5, 10, 20, ...) at or above `value`, and its tick step. */
function axis(value: number): { max: number; step: number } {
  if (value <= 5) return { max: Math.max(1, value), step: 1 };
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const nice = [1, 2, 5, 10].map((f) => f * magnitude).find((n) => n >= value / 5) ?? 10 * magnitude;
  return { max: Math.ceil(value / nice) * nice, step: nice };
}

function perDayPanel(data: ChartData, top: number): string[] {
  const left = 70;
  const right = WIDTH - 30;
  const height = 280;
  // Below the title and the legend, with room above the tallest bar for its count.
  const base = top + 90 + height;
  const totals = data.days.map((d) => TICKET_STATUSES.reduce((sum, s) => sum + d.counts[s], 0));
  const { max, step } = axis(Math.max(0, ...totals));
  const slot = (right - left) / Math.max(1, data.days.length);
  const parts = [label(left - 50, top + 24, m.chart.perDayTitle, { size: 20, bold: true })];
  // Legend, one status after another.
  TICKET_STATUSES.forEach((status, index) => {
    const x = left + index * 180;
    parts.push(`<rect x="${x}" y="${top + 38}" width="14" height="14" fill="${COLORS[status]}"/>`);
    parts.push(label(x + 20, top + 51, status));
  });
  for (let tick = 0; tick <= max; tick += step) {
    const y = base - (tick / max) * height;
    parts.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="#ddd"/>`);
    parts.push(label(left - 10, y + 5, String(tick), { anchor: "end" }));
  }
  data.days.forEach((day, index) => {
    const x = left + index * slot + slot * 0.15;
    let y = base;
    for (const status of TICKET_STATUSES) {
      const h = (day.counts[status] / max) * height;
      if (h > 0)
        parts.push(
          `<rect x="${x}" y="${y - h}" width="${slot * 0.7}" height="${h}" fill="${COLORS[status]}"/>`,
        );
      y -= h;
    }
    if (totals[index]! > 0)
      parts.push(label(x + slot * 0.35, y - 6, String(totals[index]), { anchor: "middle", size: 13 }));
    parts.push(label(x + slot * 0.35, base + 20, day.label, { anchor: "middle", size: 13 }));
  });
  parts.push(`<line x1="${left}" y1="${base}" x2="${right}" y2="${base}" stroke="#555"/>`);
  return parts;
}

function waitingPanel(data: ChartData, top: number): string[] {
  const left = 300;
  const right = WIDTH - 140;
  const row = 30;
  const parts = [
    label(20, top + 24, m.chart.waitingTitle(data.openTotal, data.waiting.length), { size: 20, bold: true }),
  ];
  if (data.waiting.length === 0) return [...parts, label(20, top + 64, m.chart.noOpenTickets)];
  const longest = Math.max(1, ...data.waiting.map((w) => w.workingDays));
  data.waiting.forEach((ticket, index) => {
    const y = top + 44 + index * row;
    const w = Math.max(2, (ticket.workingDays / longest) * (right - left));
    parts.push(label(20, y + 19, `${ticket.number} (${ticket.status})`, { family: MONO }));
    parts.push(
      `<rect x="${left}" y="${y + 4}" width="${w}" height="${row - 10}" fill="${COLORS[ticket.status]}"/>`,
    );
    parts.push(label(left + w + 8, y + 19, m.chart.workingDays(ticket.workingDays)));
  });
  return parts;
}

/** The SVG of the statistics picture: tickets per day by status, and how long open tickets have waited. */
export function statisticsSvg(data: ChartData): string {
  const waitingTop = 450;
  const height = waitingTop + 70 + Math.max(1, data.waiting.length) * 30;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...perDayPanel(data, 10),
    ...waitingPanel(data, waitingTop),
    "</svg>",
  ].join("\n");
}

/** The statistics picture as a PNG (rendered by sharp from the SVG). */
export async function renderStatisticsChart(data: ChartData): Promise<Buffer> {
  return sharp(Buffer.from(statisticsSvg(data)))
    .png()
    .toBuffer();
}
