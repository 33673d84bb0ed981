import type {
  AnyMessageContent,
  BaileysEventMap,
  Contact,
  MiscMessageGenerationOptions,
  WAMessage,
} from "@whiskeysockets/baileys";
import type {
  BaileysEventBatch,
  SocketFactory,
  SocketOptions,
  WASocketLike,
} from "../../bot/whatsapp/whatsapp-socket.ts";

type BatchHandler = (events: BaileysEventBatch) => void | Promise<void>;
type Listener<T extends keyof BaileysEventMap> = (arg: BaileysEventMap[T]) => void;

/** An error shaped like Baileys' Boom errors: the status code sits in `output.statusCode`. */
export function boomError(statusCode: number, message = "Connection Failure"): Error {
  return Object.assign(new Error(message), { isBoom: true, output: { statusCode, payload: { statusCode } } });
}

export interface SentRecord {
  jid: string;
  text: string;
  id: string;
}

let nextOutgoingId = 1;

/**
 * A double of the part of Baileys' socket the adapter uses. Its `ev` behaves like Baileys' event
 * buffer with buffering off: `emit(event, data)` reaches `on` listeners and `process` handlers (as a
 * one-event batch); `emitBatch` delivers several events as one flush, as Baileys does after connecting.
 * Unlike Baileys, emit returns a promise of the handlers, so a test can wait for them.
 */
export class FakeSocket implements WASocketLike {
  readonly options: SocketOptions;
  user: Contact | undefined;
  readonly sent: SentRecord[] = [];
  readonly pairingRequests: string[] = [];
  readonly reuploads: string[] = [];
  readonly lidToPn = new Map<string, string>();
  ended = false;
  closed = false;
  /** Make the next sendMessage calls fail, as when the websocket dropped under us. */
  failSends = false;
  private readonly handlers = new Set<BatchHandler>();
  private readonly listeners = new Map<string, Set<Listener<never>>>();

  constructor(options: SocketOptions) {
    this.options = options;
  }

  readonly ev = {
    process: (handler: BatchHandler): (() => void) => {
      this.handlers.add(handler);
      return () => {
        this.handlers.delete(handler);
      };
    },
    on: <T extends keyof BaileysEventMap>(event: T, listener: Listener<T>): void => {
      const set = this.listeners.get(event) ?? new Set();
      set.add(listener as Listener<never>);
      this.listeners.set(event, set);
    },
  };

  readonly signalRepository = {
    lidMapping: { getPNForLID: async (lid: string) => this.lidToPn.get(lid) ?? null },
  };

  get listenerCount(): number {
    return this.handlers.size;
  }

  async emit<T extends keyof BaileysEventMap>(event: T, data: BaileysEventMap[T]): Promise<void> {
    for (const listener of this.listeners.get(event) ?? []) (listener as Listener<T>)(data);
    await this.emitBatch({ [event]: data } as BaileysEventBatch);
  }

  async emitBatch(events: BaileysEventBatch): Promise<void> {
    await Promise.all([...this.handlers].map((handler) => handler(events)));
  }

  async open(user: Contact = { id: "6281100000000:7@s.whatsapp.net", name: "Helpdesk" }): Promise<void> {
    this.user = user;
    await this.emit("connection.update", { connection: "open" });
  }

  async close(statusCode: number): Promise<void> {
    this.closed = true;
    await this.emit("connection.update", {
      connection: "close",
      lastDisconnect: { error: boomError(statusCode), date: new Date() },
    });
  }

  async showQr(qr = "2@fake-qr-ref"): Promise<void> {
    await this.emit("connection.update", { connection: "connecting", qr });
  }

  async receive(...messages: WAMessage[]): Promise<void> {
    await this.emit("messages.upsert", { messages, type: "notify" });
  }

  async sendMessage(
    jid: string,
    content: AnyMessageContent,
    _options?: MiscMessageGenerationOptions,
  ): Promise<WAMessage | undefined> {
    if (this.closed || this.ended || this.failSends) throw boomError(428, "Connection Closed");
    const text = "text" in content ? String(content.text) : "";
    const id = `OUT${String(nextOutgoingId++).padStart(6, "0")}`;
    this.sent.push({ jid, text, id });
    return { key: { remoteJid: jid, fromMe: true, id }, message: { extendedTextMessage: { text } } };
  }

  async requestPairingCode(phoneNumber: string): Promise<string> {
    this.pairingRequests.push(phoneNumber);
    return "ABCD1234";
  }

  async updateMediaMessage(message: WAMessage): Promise<WAMessage> {
    this.reuploads.push(message.key.id ?? "");
    const content = message.message ?? {};
    const refresh = <T extends { url?: string | null }>(media: T | null | undefined) =>
      media ? { ...media, url: `${media.url}#fresh` } : media;
    return {
      ...message,
      message: {
        ...content,
        imageMessage: refresh(content.imageMessage),
        documentMessage: refresh(content.documentMessage),
      },
    };
  }

  async end(error: Error | undefined): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.closed = true;
    await this.emit("connection.update", {
      connection: "close",
      lastDisconnect: { error: error ?? boomError(428, "Connection Closed"), date: new Date() },
    });
  }

  /** Texts sent to one jid, in order. */
  textsTo(jid: string): string[] {
    return this.sent.filter((s) => s.jid === jid).map((s) => s.text);
  }
}

/** A socket factory that records every socket it made and how many were alive at once. */
export function createFakeSocketFactory() {
  const sockets: FakeSocket[] = [];
  let maxAlive = 0;
  const factory: SocketFactory = (options) => {
    const socket = new FakeSocket(options);
    sockets.push(socket);
    maxAlive = Math.max(maxAlive, sockets.filter((s) => !s.closed).length);
    return socket;
  };
  return {
    factory,
    sockets,
    get latest(): FakeSocket {
      const socket = sockets.at(-1);
      if (!socket) throw new Error("no socket was made");
      return socket;
    },
    /** The most sockets that were open (not closed) at the same time. */
    get maxAlive(): number {
      return maxAlive;
    },
  };
}
