import { TICKET_STATUSES, type TicketStatus } from "../../db/index.ts";

export type AdminCommand =
  | { name: "list"; status?: TicketStatus; page: number }
  | { name: "view"; number: string }
  | { name: "accept"; number: string }
  | { name: "process"; number: string }
  | { name: "answer"; number: string; text: string }
  | { name: "correct"; number: string; text: string }
  | { name: "search"; query: string }
  | { name: "stats" }
  | { name: "faqgap"; days: number }
  | { name: "faqtambah"; faqId: string; phrasing: string }
  | { name: "faqbaru"; question: string; answer: string; phase?: string }
  | { name: "help" };

/** Indonesian command names with English aliases. */
export const ADMIN_COMMAND_NAMES: Record<string, AdminCommand["name"]> = {
  tiket: "list",
  list: "list",
  lihat: "view",
  view: "view",
  terima: "accept",
  accept: "accept",
  proses: "process",
  process: "process",
  jawab: "answer",
  answer: "answer",
  ralat: "correct",
  correct: "correct",
  cari: "search",
  search: "search",
  statistik: "stats",
  stats: "stats",
  bantuan: "help",
  help: "help",
  faqgap: "faqgap",
  faqtambah: "faqtambah",
  faqadd: "faqtambah",
};

export type AdminParse =
  | { ok: true; command: AdminCommand }
  | { ok: false; usage: AdminCommand["name"] | "unknown" };

const statusFrom = (word: string | undefined): TicketStatus | undefined =>
  TICKET_STATUSES.find((s) => s.toLowerCase() === word?.toLowerCase());

/** Parses "tiket proses 2", "lihat K7QM-2HXD-9RWA", "jawab <no> <teks>" (the words after the slash). */
export function parseAdminCommand(line: string): AdminParse {
  const trimmed = line.trim().replace(/^\//, "");
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  const word = (match?.[1] ?? "").toLowerCase().replace(/@\w+$/, "");
  // Own keys only: "/constructor" must not find Object's prototype.
  const name = Object.hasOwn(ADMIN_COMMAND_NAMES, word) ? ADMIN_COMMAND_NAMES[word] : undefined;
  const rest = (match?.[2] ?? "").trim();
  if (!name) return { ok: false, usage: "unknown" };
  const [first, ...others] = rest.split(/\s+/).filter(Boolean);
  switch (name) {
    case "list": {
      const status = statusFrom(first);
      if (first && !status && !/^\d+$/.test(first)) return { ok: false, usage: "list" };
      const pageWord = status ? others[0] : first;
      return { ok: true, command: { name, status, page: pageWord ? Number(pageWord) : 1 } };
    }
    case "view":
    case "accept":
    case "process":
      return first ? { ok: true, command: { name, number: first } } : { ok: false, usage: name };
    case "answer":
    case "correct": {
      const text = rest.slice(first?.length ?? 0).trim();
      return first && text
        ? { ok: true, command: { name, number: first, text } }
        : { ok: false, usage: name };
    }
    case "search":
      return rest ? { ok: true, command: { name, query: rest } } : { ok: false, usage: name };
    case "faqgap": {
      if (first !== undefined && !/^\d{1,3}$/.test(first)) return { ok: false, usage: name };
      return { ok: true, command: { name, days: first ? Math.max(1, Number(first)) : DEFAULT_GAP_DAYS } };
    }
    case "faqtambah":
    case "faqbaru":
      return parseFaqAddition(rest);
    case "stats":
    case "help":
      return { ok: true, command: { name } };
  }
}

const DEFAULT_GAP_DAYS = 30;

/** "<faq-id> <phrasing>" or "baru <question> | <answer> [| <phase>]". */
function parseFaqAddition(rest: string): AdminParse {
  const match = /^(\S+)\s+([\s\S]+)$/.exec(rest);
  if (!match) return { ok: false, usage: "faqtambah" };
  const [, first = "", text = ""] = match;
  if (first.toLowerCase() !== "baru") {
    return { ok: true, command: { name: "faqtambah", faqId: first.toLowerCase(), phrasing: text.trim() } };
  }
  const parts = text.split("|").map((part) => part.trim());
  if (parts.length < 2 || parts.some((part) => part === "")) return { ok: false, usage: "faqtambah" };
  const [question = "", ...others] = parts;
  // A short last part naming a phase ("sanggah", "seleksi administrasi"); an answer is longer.
  const phase = others.length >= 2 && /^[\p{L}_\s-]{2,30}$/u.test(others.at(-1)!) ? others.pop() : undefined;
  return { ok: true, command: { name: "faqbaru", question, answer: others.join(" | "), phase } };
}
