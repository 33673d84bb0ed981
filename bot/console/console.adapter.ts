import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { OUTBOX_PRIORITY, type OutboxMessage } from "../../db/index.ts";
import type { ConversationEngine } from "../engine/conversation-engine.ts";
import type { InboundContent, OutboundChoice, OutboundMessage } from "../engine/message.types.ts";
import { adminMessages } from "../helpdesk/admin.messages.ts";
import { parseAdminCommand } from "../helpdesk/admin-command.parser.ts";
import { runAdminCommand } from "../helpdesk/admin-command.runner.ts";
import type { HelpdeskService } from "../helpdesk/helpdesk.service.ts";
import type { OutboxDispatcher } from "../outbox/outbox-dispatcher.ts";
import { outboundOf } from "../outbox/outbox-message.ts";
import { consoleMessages as m } from "./console.messages.ts";

export const CONSOLE_CHANNEL = "console";
export const CONSOLE_CHAT_ID = "local";
const CONSOLE_ADMIN = { id: "console", name: "Admin konsol" };

export interface ConsoleAdapterDeps {
  engine: ConversationEngine;
  helpdesk: HelpdeskService;
  /**
   * Delivers this channel's outbox (replies and notifications) through `deliver`; run at start (what a
   * crashed run left unprinted) and after each line, so everything appears in order.
   */
  outbox: OutboxDispatcher;
  input: Readable;
  output: Writable;
  /** Echo typed lines: with piped input the transcript then reads like a chat. */
  echo: boolean;
  /** ANSI bold when the output is a terminal; plain text otherwise (the default). */
  bold?: BoldStyle;
  /** Where /admin statistik saves its picture (the console cannot show one); the temporary folder by default. */
  chartDir?: string;
}

// The engine's *bold*: a pair of asterisks on one line around non-blank text (as on Telegram and WhatsApp).
const BOLD = /\*([^\s*](?:[^*\n]*[^\s*])?)\*/g;

/** How *bold* shows: ANSI bold on a terminal, the plain words when the output is a file or a pipe. */
export type BoldStyle = "ansi" | "plain";

export function renderBold(text: string, style: BoldStyle): string {
  return text.replace(BOLD, style === "ansi" ? "\x1b[1m$1\x1b[22m" : "$1");
}

/** Renders choices as a numbered list; typing the number picks the choice. */
export function renderOutbound(message: OutboundMessage, style: BoldStyle = "plain"): string {
  const choices = (message.choices ?? []).map((choice, index) => `  ${index + 1}. ${choice.label}`);
  return renderBold([`Bot: ${message.text}`, ...choices].join("\n"), style);
}

/** The terminal chat: one local applicant, plus /admin lines that call the helpdesk service. */
export function createConsoleAdapter(deps: ConsoleAdapterDeps) {
  const write = (text: string) => deps.output.write(`${text}\n`);
  const flushed = (text: string) =>
    new Promise<void>((resolve, reject) =>
      deps.output.write(`${text}\n`, (error) => (error ? reject(error) : resolve())),
    );
  const bold = deps.bold ?? "plain";
  // Each run gets its own message ids so a restart never looks like a redelivery.
  const session = randomUUID().slice(0, 8);
  let counter = 0;
  let lastChoices: readonly OutboundChoice[] = [];
  let lastReplyTo: string | null = null;

  async function contentOf(line: string): Promise<InboundContent | undefined> {
    const attach = /^\/lampir(?:\s+(.+))?$/.exec(line.trim());
    if (attach) {
      const path = attach[1]?.trim();
      if (!path) {
        write(m.attachUsage);
        return undefined;
      }
      try {
        const bytes = await readFile(path);
        return { kind: "file", bytes, fileName: path.split("/").pop() };
      } catch {
        write(m.fileNotFound(path));
        return undefined;
      }
    }
    const picked = /^\d+$/.test(line.trim()) ? lastChoices[Number(line.trim()) - 1] : undefined;
    return picked ? { kind: "choice", value: picked.value } : { kind: "text", text: line };
  }

  /** Saves the statistics picture as a PNG file and says where. */
  async function saveChart(): Promise<string> {
    try {
      const png = await deps.helpdesk.statisticsChart();
      const dir = deps.chartDir ?? tmpdir();
      await mkdir(dir, { recursive: true });
      const path = join(dir, `statistik-${new Date().toISOString().replace(/[:.]/g, "-")}.png`);
      await writeFile(path, png);
      return adminMessages.chart.savedTo(path);
    } catch {
      return adminMessages.chart.failed;
    }
  }

  async function handleLine(line: string): Promise<boolean> {
    if (deps.echo) write(`> ${line}`);
    const trimmed = line.trim();
    if (trimmed === "/keluar") return false;
    if (/^\/admin(\s|$)/.test(trimmed)) {
      const reply = await runAdminCommand(deps.helpdesk, CONSOLE_ADMIN, trimmed.slice("/admin".length), {
        commandPrefix: "/admin ",
      });
      write(`[admin] ${renderBold(reply, bold)}`);
      const parsed = parseAdminCommand(trimmed.slice("/admin".length));
      if (parsed.ok && parsed.command.name === "stats") write(`[admin] ${await saveChart()}`);
    } else {
      const content = await contentOf(line);
      if (content) {
        counter += 1;
        // The replies are queued with the message and printed from the outbox below.
        await deps.engine.handle({
          channel: CONSOLE_CHANNEL,
          chatId: CONSOLE_CHAT_ID,
          userId: CONSOLE_CHAT_ID,
          messageId: `${session}-${counter}`,
          content,
        });
      }
    }
    await deps.outbox.dispatchDue();
    return true;
  }

  return {
    /** Reads lines until the input ends or /keluar; resolves when every line has been answered. */
    async run(): Promise<void> {
      write(m.welcome);
      // Replies a killed run had recorded but not printed yet.
      await deps.outbox.dispatchDue();
      const lines = createInterface({ input: deps.input, terminal: false });
      for await (const line of lines) {
        if (!(await handleLine(line))) break;
      }
      lines.close();
      write(m.bye);
    },
    /**
     * Prints one outbox message: a reply or a notification, its choices numbered (they become the
     * numbers to type). The outbox's sender: resolves once the text has left the process (a pipe or
     * socket may hold it back), so that it is marked sent only when a crash can no longer lose it.
     */
    deliver(
      message: Pick<OutboxMessage, "text" | "payload" | "priority" | "sourceMessageId">,
    ): Promise<void> {
      const outbound = outboundOf(message);
      if (message.priority !== OUTBOX_PRIORITY.reply) {
        if (outbound.choices && outbound.choices.length > 0) lastChoices = outbound.choices;
        return flushed(`[notifikasi] ${renderOutbound(outbound, bold).replace(/^Bot: /, "")}`);
      }
      // The numbers typed next pick from the last list of the latest answered message.
      if (message.sourceMessageId !== lastReplyTo) lastChoices = [];
      lastReplyTo = message.sourceMessageId;
      if (outbound.choices && outbound.choices.length > 0) lastChoices = outbound.choices;
      return flushed(renderOutbound(outbound, bold));
    },
  };
}
