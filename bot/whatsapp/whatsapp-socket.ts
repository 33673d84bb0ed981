import makeWASocket, {
  type AnyMessageContent,
  type BaileysEventMap,
  type Contact,
  type MiscMessageGenerationOptions,
  type UserFacingSocketConfig,
  type WAMessage,
  type WAMessageKey,
  type WAPresence,
} from "@whiskeysockets/baileys";

/** Baileys' batched events: one call per flush, holding every event type that occurred in it. */
export type BaileysEventBatch = Partial<BaileysEventMap>;

/**
 * The part of Baileys' socket the adapter uses. Tests implement it with a double; production passes
 * Baileys' socket, and `makeBaileysSocket` below fails to compile if the real socket stops fitting.
 */
export interface WASocketLike {
  ev: {
    /** Registers a handler for batched events; returns the function that unregisters it. */
    process(handler: (events: BaileysEventBatch) => void | Promise<void>): () => void;
  };
  /** The logged-in account, once known. */
  readonly user: Contact | undefined;
  sendMessage(
    jid: string,
    content: AnyMessageContent,
    options?: MiscMessageGenerationOptions,
  ): Promise<WAMessage | undefined>;
  requestPairingCode(phoneNumber: string, customPairingCode?: string): Promise<string>;
  /** Blue ticks: tells the sender their messages were read. */
  readMessages(keys: WAMessageKey[]): Promise<void>;
  /** "typing..." ("composing") while a reply is prepared, "paused" after. */
  sendPresenceUpdate(presence: WAPresence, jid?: string): Promise<void>;
  rejectCall(callId: string, callFrom: string): Promise<void>;
  /** Asks the sender's phone to upload expired media again; used by downloadMediaMessage. */
  updateMediaMessage(message: WAMessage): Promise<WAMessage>;
  end(error: Error | undefined): Promise<void>;
  signalRepository: {
    lidMapping: { getPNForLID(lid: string): Promise<string | null> };
  };
}

export type SocketOptions = UserFacingSocketConfig;
export type SocketFactory = (options: SocketOptions) => WASocketLike;

/** The production factory: Baileys' own socket. */
export const makeBaileysSocket: SocketFactory = (options) => makeWASocket(options);
