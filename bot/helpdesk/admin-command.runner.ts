import { adminMessages as m } from "./admin.messages.ts";
import { parseAdminCommand } from "./admin-command.parser.ts";
import { faqAdminMessages as fm } from "./faq-admin.messages.ts";
import {
  type ActionResult,
  type AdminIdentity,
  checkAnswer,
  type HelpdeskService,
} from "./helpdesk.service.ts";

function describe(result: ActionResult): string {
  if (result.ok) return m.changed(result.ticket);
  switch (result.reason) {
    case "invalid_number":
      return m.invalidNumber;
    case "not_found":
      return m.notFound;
    case "empty_answer":
      return m.emptyAnswer;
    case "no_words":
      return m.answerWithoutWords;
    case "not_answered":
      return m.notAnsweredYet(result.ticket);
    case "answer_too_long":
      return m.answerTooLong(result.length);
    case "conflict":
      return m.conflict(result.ticket);
  }
}

export interface AdminFrontEnd {
  /**
   * How this front end writes a command: "/" in the Telegram group ("/tiket"), "/admin " in the console
   * ("/admin tiket"). Help and usage texts are written with "/" and shown in the front end's own form.
   */
  commandPrefix?: string;
}

/** Rewrites "/tiket", "(/faqtambah" ... into the front end's command form; "/" leaves the text as it is. */
export function inCommandForm(text: string, prefix = "/"): string {
  if (prefix === "/") return text;
  return text.replace(/(^|[\s(:])\/(?=[a-z])/g, `$1${prefix}`);
}

/** Why a text cannot be sent as an answer (empty, no words, too long), in the admins' words; undefined if it can. */
export function answerProblem(text: string): string | undefined {
  const checked = checkAnswer(text);
  return checked.ok ? undefined : describe(checked.result);
}

/** Runs one admin command line and returns the text reply. The caller has already checked access. */
export async function runAdminCommand(
  service: HelpdeskService,
  admin: AdminIdentity,
  line: string,
  frontEnd: AdminFrontEnd = {},
): Promise<string> {
  const own = (text: string) => inCommandForm(text, frontEnd.commandPrefix);
  const parsed = parseAdminCommand(line);
  if (!parsed.ok)
    return own(
      fm.usage[parsed.usage] ?? (m.usage as Record<string, string>)[parsed.usage] ?? m.usage.unknown,
    );
  const command = parsed.command;
  switch (command.name) {
    case "help":
      return own(`${m.help}\n\n${fm.help}`);
    case "faqgap": {
      const gaps = await service.faq.gaps(command.days);
      return gaps.length === 0 ? fm.noGaps(command.days) : own(fm.gaps(command.days, gaps));
    }
    case "faqtambah":
      return own(fm.added(await service.faq.addPhrasing(command.faqId, command.phrasing, admin), "phrasing"));
    case "faqbaru":
      return own(fm.added(await service.faq.addEntry(command, admin), "entry"));
    case "list": {
      const page = await service.list(command.status, command.page);
      if (page.total === 0) return m.noTickets;
      return [m.listHeader(page.total, page.page, page.pages), ...page.tickets.map(m.listLine)].join("\n");
    }
    case "view": {
      const detail = await service.view(command.number);
      if ("reason" in detail) return detail.reason === "not_found" ? m.notFound : m.invalidNumber;
      return m.detail(detail.ticket, detail.history, detail.attachments, detail.additions, detail.feedback);
    }
    case "accept":
      return describe(await service.accept(command.number, admin));
    case "process":
      return describe(await service.process(command.number, admin));
    case "answer":
      return describe(await service.answer(command.number, admin, command.text));
    case "correct": {
      const result = await service.correct(command.number, admin, command.text);
      return result.ok ? m.corrected(result.ticket) : describe(result);
    }
    case "search": {
      const tickets = await service.search(command.query);
      return tickets.length === 0 ? m.noTickets : tickets.map(m.listLine).join("\n");
    }
    case "stats": {
      const stats = await service.statistics();
      return m.stats(stats.counts, stats.waitingOverADay, stats.firstAnswer);
    }
  }
}
