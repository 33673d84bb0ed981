import type { WAMessage } from "@whiskeysockets/baileys";
import { pino } from "pino";
import { createApp } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import type { LoginDisplay } from "../../bot/whatsapp/login-display.ts";
import type { ReconnectPolicy } from "../../bot/whatsapp/reconnect-policy.ts";
import { startWhatsApp } from "../../bot/whatsapp/start-whatsapp.ts";
import { jpegBytes, pdfBytes } from "../support/file-bytes.ts";
import { createFakeSocketFactory, type FakeSocket } from "./fake-socket.ts";
import { createFakeDownloads, documentFrom, imageFrom, textFrom } from "./wa-messages.ts";

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
}

/**
 * The real app (real SQLite with the real migrations, real engine and helpdesk service) with the
 * WhatsApp channel started on a socket double, a fake media download and no pacing delays.
 */
export async function startHarness(options: HarnessOptions = {}) {
  const logger = pino({ level: "silent" });
  const app = await createApp(loadConfig({ DATABASE_PATH: options.databasePath ?? ":memory:" }), logger);
  const sockets = createFakeSocketFactory();
  const downloads = createFakeDownloads();
  const shown = { qrs: [] as string[], codes: [] as string[] };
  const display: LoginDisplay = {
    qr: (qr) => shown.qrs.push(qr),
    pairingCode: (code) => shown.codes.push(code),
  };
  const adminNotices: string[] = [];
  const whatsapp = await startWhatsApp({
    app,
    config: { WHATSAPP_PAIRING_NUMBER: options.pairingNumber },
    logger,
    notifyAdmins: async (text) => {
      adminNotices.push(text);
    },
    makeSocket: sockets.factory,
    downloadMedia: downloads.download,
    display,
    pacing: { minIntervalMs: 0, maxJitterMs: 0 },
    reconnect: options.reconnect ?? { baseMs: 5, maxMs: 40, random: () => 1 },
    outboxPollIntervalMs: 10,
  });
  if (options.open ?? true) await sockets.latest.open();

  /** Delivers messages on the current socket and returns what was sent to `jid` in answer. */
  async function exchange(jid: string, ...messages: WAMessage[]): Promise<string[]> {
    const socket: FakeSocket = sockets.latest;
    const before = socket.textsTo(jid).length;
    await socket.receive(...messages);
    await whatsapp.idle();
    return socket.textsTo(jid).slice(before);
  }

  /** Files a THK-II ticket from `jid` (KTP as an image, ijazah as a PDF); returns its number. */
  async function fileThk2Ticket(
    jid = APPLICANT,
    send: (text: string) => Promise<string[]> = (t) => say(t, jid),
  ) {
    downloads.files.set("https://mmg.whatsapp.net/ktp", jpegBytes(120 * 1024));
    downloads.files.set("https://mmg.whatsapp.net/ijazah", pdfBytes(150 * 1024));
    await send("menu");
    await send("6");
    for (const answer of THK2_TEXT_ANSWERS) await send(answer);
    await exchange(jid, imageFrom(jid, { url: "https://mmg.whatsapp.net/ktp", fileLength: 120 * 1024 }));
    await exchange(
      jid,
      documentFrom(jid, {
        url: "https://mmg.whatsapp.net/ijazah",
        fileLength: 150 * 1024,
        fileName: "ijazah.pdf",
      }),
    );
    const number = ticketNumberIn(await send("1"));
    if (!number) throw new Error("the form did not end with a ticket");
    return number;
  }

  const say = (text: string, jid = APPLICANT) => exchange(jid, textFrom(jid, text));

  return {
    app,
    sockets,
    downloads,
    shown,
    adminNotices,
    whatsapp,
    exchange,
    /** Sends one text from the applicant and returns the replies. */
    say,
    fileThk2Ticket,
    async close() {
      await whatsapp.stop();
      await app.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
