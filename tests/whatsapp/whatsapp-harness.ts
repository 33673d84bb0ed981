import type { WAMessage } from "@whiskeysockets/baileys";
import { type Logger, pino } from "pino";
import { createApp } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import type { FloodControlOptions } from "../../bot/whatsapp/flood-control.ts";
import type { LoginDisplay } from "../../bot/whatsapp/login-display.ts";
import type { ReconnectPolicy } from "../../bot/whatsapp/reconnect-policy.ts";
import { startWhatsApp } from "../../bot/whatsapp/start-whatsapp.ts";
import { jpegBytes, pdfBytes } from "../support/file-bytes.ts";
import { newTestDatabase } from "../support/test-database.ts";
import { createFakeSocketFactory, type FakeSocket } from "./fake-socket.ts";
import { startMediaServer } from "./media-server.ts";
import { documentFrom, imageFrom, textFrom } from "./wa-messages.ts";

export const APPLICANT = "6281234567890@s.whatsapp.net";

/** Text answers of the "Pengecekan eks THK-II" form (menu item 6) up to its two uploads. */
export const THK2_TEXT_ANSWERS = [
  "Siti Rahmawati",
  "3201015708950001",
  "3201011201150003",
  "Kabupaten Bogor",
  "17 Agustus 1995",
  "Pemerintah Kabupaten Bogor",
  "Saya terdata THK-II sejak 2005 tetapi nomor THK-II saya hilang.",
];

const TICKET_NUMBER = /\*([A-Z0-9]{4}(?:-[A-Z0-9]{4})+)\*/;

/** The ticket number in a reply ("... nomor tiket *XXXX-XXXX-XXXX* ..."). */
export function ticketNumberIn(texts: readonly string[]): string | undefined {
  return TICKET_NUMBER.exec(texts.join("\n"))?.[1];
}

export interface HarnessOptions {
  databasePath?: string;
  pairingNumber?: string;
  reconnect?: ReconnectPolicy;
  /** Open the first socket at once (default true). */
  open?: boolean;
  flood?: FloodControlOptions;
  decryptRetryGraceMs?: number;
  outageAlertMinutes?: number;
  staleAfterHours?: number;
  /** How often the outbox is polled (default 10 ms); tests that move fake time by minutes want it slow. */
  outboxPollIntervalMs?: number;
  /** Stands in for the request to web.whatsapp.com for the current client version. */
  fetchVersion?: () => Promise<[number, number, number] | undefined>;
  /** Where logs go (by default warnings and errors into `logLines`); the log-safety test captures every line. */
  logger?: Logger;
  /** This instance's name and lease (several instances on one database share `sockets` to be compared). */
  instance?: { id: string; leaseSeconds: number };
  sockets?: ReturnType<typeof createFakeSocketFactory>;
}

/**
 * The real app (real SQLite with the real migrations, real engine and helpdesk service) with the
 * WhatsApp channel started on a socket double built on Baileys' event buffer, the real media
 * downloader against a local server of really encrypted files, and no pacing delays.
 */
export async function startHarness(options: HarnessOptions = {}) {
  // Warnings and errors are kept (as pino writes them) so tests can read what an operator would see.
  const logLines: string[] = [];
  const logger = options.logger ?? pino({ level: "warn" }, { write: (line: string) => logLines.push(line) });
  const database = await newTestDatabase({ sqlitePath: options.databasePath });
  const app = await createApp(loadConfig(database.env), logger);
  const sockets = options.sockets ?? createFakeSocketFactory();
  const media = await startMediaServer();
  const shown = { qrs: [] as string[], codes: [] as string[] };
  const display: LoginDisplay = {
    qr: (qr) => shown.qrs.push(qr),
    pairingCode: (code) => shown.codes.push(code),
  };
  const adminNotices: string[] = [];
  const whatsapp = await startWhatsApp({
    app,
    config: {
      WHATSAPP_PAIRING_NUMBER: options.pairingNumber,
      ...(options.instance
        ? { INSTANCE_ID: options.instance.id, INSTANCE_LEASE_SECONDS: options.instance.leaseSeconds }
        : {}),
      ...(options.outageAlertMinutes === undefined
        ? {}
        : { WHATSAPP_OUTAGE_ALERT_MINUTES: options.outageAlertMinutes }),
      ...(options.staleAfterHours === undefined
        ? {}
        : { WHATSAPP_STALE_AFTER_HOURS: options.staleAfterHours }),
    },
    logger,
    notifyAdmins: async (text) => {
      adminNotices.push(text);
    },
    makeSocket: sockets.factory,
    mediaUrlAllowed: (url) => url.origin === media.origin,
    display,
    pacing: { minIntervalMs: 0, maxJitterMs: 0 },
    reconnect: options.reconnect ?? { baseMs: 5, maxMs: 40, random: () => 1 },
    outboxPollIntervalMs: options.outboxPollIntervalMs ?? 10,
    // Tests fire messages faster than any person types; flood control has its own tests.
    flood: options.flood ?? { limit: 10_000, timeFrameMs: 5_000, warnEveryMs: 60_000 },
    ...(options.decryptRetryGraceMs === undefined
      ? {}
      : { decryptRetryGraceMs: options.decryptRetryGraceMs }),
    ...(options.fetchVersion ? { fetchVersion: options.fetchVersion } : {}),
  });
  if (options.open ?? true) await sockets.latest.open();

  /** Waits until the socket's handlers and every message they started have been answered. */
  async function settle(socket: FakeSocket = sockets.latest): Promise<void> {
    await socket.settled();
    await whatsapp.idle();
  }

  /** Delivers messages live on the current socket and returns what was sent to `jid` in answer. */
  async function exchange(jid: string, ...messages: WAMessage[]): Promise<string[]> {
    const socket: FakeSocket = sockets.latest;
    const before = socket.textsTo(jid).length;
    socket.receive(...messages);
    await settle(socket);
    return socket.textsTo(jid).slice(before);
  }

  /** Files a THK-II ticket from `jid` (KTP as an image, ijazah as a PDF); returns its number. */
  async function fileThk2Ticket(
    jid = APPLICANT,
    send: (text: string) => Promise<string[]> = (t) => say(t, jid),
  ) {
    const ktp = await media.upload(jpegBytes(120 * 1024), "image");
    const ijazah = await media.upload(pdfBytes(150 * 1024), "document");
    await send("menu");
    await send("6");
    for (const answer of THK2_TEXT_ANSWERS) await send(answer);
    await exchange(jid, imageFrom(jid, ktp));
    await exchange(jid, documentFrom(jid, { ...ijazah, fileName: "ijazah.pdf" }));
    const number = ticketNumberIn(await send("1"));
    if (!number) throw new Error("the form did not end with a ticket");
    return number;
  }

  const say = (text: string, jid = APPLICANT) => exchange(jid, textFrom(jid, text));

  return {
    app,
    sockets,
    media,
    shown,
    adminNotices,
    logLines,
    whatsapp,
    settle,
    exchange,
    /** Sends one text from the applicant and returns the replies. */
    say,
    fileThk2Ticket,
    async close() {
      await whatsapp.stop();
      await app.close();
      await media.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
