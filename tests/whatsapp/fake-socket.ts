import { Boom } from "@hapi/boom";
import {
  type AnyMessageContent,
  type BaileysEventMap,
  type Contact,
  DisconnectReason,
  type MiscMessageGenerationOptions,
  makeEventBuffer,
  proto,
  type WAMessage,
  type WAMessageKey,
  type WAPresence,
} from "@whiskeysockets/baileys";
import { pino } from "pino";
import type {
  BaileysEventBatch,
  SocketFactory,
  SocketOptions,
  WASocketLike,
} from "../../bot/whatsapp/whatsapp-socket.ts";

type BatchHandler = (events: BaileysEventBatch) => void | Promise<void>;

/** A close error as Baileys makes it: a Boom with the status code and, like the real socket, `data`. */
export function boomError(statusCode: number, message = "Connection Failure", data?: unknown): Boom {
  return new Boom(message, { statusCode, data });
}

export interface SentRecord {
  jid: string;
  text: string;
  id: string;
}

let nextOutgoingId = 1;

/**
 * What Baileys hands to `messages.upsert`: the message as it came off the wire. The protobuf round
 * trip gives the real shapes (Long timestamps and file lengths, Uint8Array keys, defaults); the key's
 * 7.0 fields that the protobuf does not carry (remoteJidAlt, addressingMode) are put back, as Baileys'
 * decoder sets them from the stanza's attributes.
 */
export function overTheWire(message: WAMessage): WAMessage {
  const decoded = proto.WebMessageInfo.decode(proto.WebMessageInfo.encode(message).finish());
  const { remoteJidAlt, addressingMode } = message.key as WAMessageKey;
  const key: WAMessageKey = { ...proto.MessageKey.toObject(decoded.key as proto.MessageKey) };
  if (remoteJidAlt) key.remoteJidAlt = remoteJidAlt;
  if (addressingMode) key.addressingMode = addressingMode;
  decoded.key = key as proto.IMessageKey;
  return decoded as WAMessage;
}

/**
 * A double of the part of Baileys' socket the adapter uses, built on Baileys' own event buffer
 * (`makeEventBuffer`): `emit` returns at once and handlers are not awaited, exactly as in Baileys;
 * `buffer()`/`flush()` deliver several events as one batch, as Baileys does while it drains the
 * messages the server held (offline delivery). Tests wait for a positive signal with `settled()`,
 * which observes the handlers without changing when they run.
 */
export class FakeSocket implements WASocketLike {
  readonly options: SocketOptions;
  user: Contact | undefined;
  readonly sent: SentRecord[] = [];
  readonly pairingRequests: string[] = [];
  readonly reuploads: string[] = [];
  readonly reads: WAMessageKey[] = [];
  readonly presences: Array<{ presence: WAPresence; jid: string | undefined }> = [];
  readonly rejectedCalls: string[] = [];
  readonly lidToPn = new Map<string, string>();
  ended = false;
  closed = false;
  /** Make the next sendMessage calls fail, as when the websocket dropped under us. */
  failSends = false;
  /** The next this many sendMessage calls are refused as WhatsApp's "rate-overlimit" (error code 429). */
  overLimitSends = 0;
  /** While set, every sendMessage waits for it: a slow link, or WhatsApp's pace, with messages piling up. */
  private sendsHeld: Promise<void> | undefined;
  /** Lets a test hold requestPairingCode (or make it fail). */
  pairingCode: () => Promise<string> = async () => "ABCD1234";
  private readonly running = new Set<Promise<unknown>>();
  private handlerCount = 0;
  private readonly buffer = makeEventBuffer(pino({ level: "silent" }));

  constructor(options: SocketOptions) {
    this.options = options;
  }

  readonly ev = {
    process: (handler: BatchHandler): (() => void) => {
      this.handlerCount += 1;
      const off = this.buffer.process((events) => {
        const run = (async () => handler(events))();
        this.running.add(run);
        void run.then(
          () => this.running.delete(run),
          () => this.running.delete(run),
        );
        return run;
      });
      let on = true;
      return () => {
        if (on) this.handlerCount -= 1;
        on = false;
        off();
      };
    },
  };

  readonly signalRepository = {
    lidMapping: { getPNForLID: async (lid: string) => this.lidToPn.get(lid) ?? null },
  };

  get listenerCount(): number {
    return this.handlerCount;
  }

  /** Emits like Baileys: returns at once; the handlers run without being awaited. */
  emit<T extends keyof BaileysEventMap>(event: T, data: BaileysEventMap[T]): void {
    this.buffer.emit(event, data);
  }

  /** Holds bufferable events (messages...) until flush(), as Baileys does while connecting. */
  hold(): void {
    this.buffer.buffer();
  }

  flush(): void {
    this.buffer.flush();
  }

  /** Resolves once every handler call made so far (and those they led to) has finished. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  open(user: Contact = { id: "6281100000000:7@s.whatsapp.net", name: "Helpdesk" }): Promise<void> {
    this.user = user;
    this.emit("connection.update", { connection: "open" });
    return this.settled();
  }

  close(statusCode: number, message = "Connection Failure", data?: unknown): Promise<void> {
    this.closed = true;
    this.emit("connection.update", {
      connection: "close",
      lastDisconnect: { error: boomError(statusCode, message, data), date: new Date() },
    });
    return this.settled();
  }

  showQr(qr = "2@fake-qr-ref"): Promise<void> {
    this.emit("connection.update", { connection: "connecting", qr });
    return this.settled();
  }

  /** Delivers messages live (`notify`), each as it comes off the wire. */
  receive(...messages: WAMessage[]): void {
    this.emit("messages.upsert", { messages: messages.map(overTheWire), type: "notify" });
  }

  /** Delivers messages the server held while we were away (`append`), as one flushed batch. */
  receiveOffline(...messages: WAMessage[]): void {
    this.hold();
    for (const message of messages)
      this.emit("messages.upsert", { messages: [overTheWire(message)], type: "append" });
    this.flush();
  }

  /** Holds every send (the one in flight included) until the returned function is called. */
  holdSends(): () => void {
    let release: () => void = () => undefined;
    this.sendsHeld = new Promise<void>((resolve) => {
      release = resolve;
    });
    return () => {
      this.sendsHeld = undefined;
      release();
    };
  }

  async sendMessage(
    jid: string,
    content: AnyMessageContent,
    _options?: MiscMessageGenerationOptions,
  ): Promise<WAMessage | undefined> {
    if (this.sendsHeld) await this.sendsHeld;
    if (this.closed || this.ended || this.failSends)
      throw boomError(DisconnectReason.connectionClosed, "Connection Closed");
    if (this.overLimitSends > 0) {
      this.overLimitSends -= 1;
      // As Baileys' assertNodeErrorFree turns the server's <error code="429" text="rate-overlimit"/>.
      throw new Boom("rate-overlimit", { data: 429 });
    }
    const text = "text" in content ? String(content.text) : "";
    const id = `OUT${String(nextOutgoingId++).padStart(6, "0")}`;
    this.sent.push({ jid, text, id });
    return { key: { remoteJid: jid, fromMe: true, id }, message: { extendedTextMessage: { text } } };
  }

  async readMessages(keys: WAMessageKey[]): Promise<void> {
    if (this.closed) throw boomError(DisconnectReason.connectionClosed, "Connection Closed");
    this.reads.push(...keys);
  }

  async sendPresenceUpdate(presence: WAPresence, jid?: string): Promise<void> {
    if (this.closed) throw boomError(DisconnectReason.connectionClosed, "Connection Closed");
    this.presences.push({ presence, jid });
  }

  async rejectCall(callId: string, _callFrom: string): Promise<void> {
    this.rejectedCalls.push(callId);
  }

  async requestPairingCode(phoneNumber: string): Promise<string> {
    this.pairingRequests.push(phoneNumber);
    // As Baileys: the number goes into creds.me before the server is even asked.
    this.options.auth.creds.me = { id: `${phoneNumber}@s.whatsapp.net`, name: "~" };
    this.emit("creds.update", this.options.auth.creds);
    return this.pairingCode();
  }

  async updateMediaMessage(message: WAMessage): Promise<WAMessage> {
    this.reuploads.push(message.key.id ?? "");
    const content = message.message ?? {};
    const refresh = <T extends { url?: string | null; directPath?: string | null }>(
      media: T | null | undefined,
    ) => (media ? { ...media, url: `${media.url}-fresh`, directPath: `${media.directPath}-fresh` } : media);
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
    // Baileys emits the close, then drops every listener.
    this.emit("connection.update", { connection: "close", lastDisconnect: { error, date: new Date() } });
    this.buffer.destroy();
    this.handlerCount = 0;
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
