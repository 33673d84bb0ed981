import type { Db } from "../../db/index.ts";
import type { FittedPhoto } from "../../flows/form/form-definition.ts";
import type { ConversationState } from "./conversation-state.ts";
import type { InboundMessage, OutboundMessage } from "./message.types.ts";

/** A file already inspected outside the transaction (type by content, size, hash). */
export interface InspectedFile {
  bytes: Uint8Array;
  mime: string | undefined;
  size: number;
  sha256: string;
  fileName?: string;
  /** The photo was fitted (shrunk, or made a JPG) by the engine: what it was made from. */
  fitted?: FittedPhoto;
}

/** One inbound message being handled; all writes go through `db` (the message's transaction). */
export interface Turn {
  db: Db;
  inbound: InboundMessage;
  file?: InspectedFile;
  receivedAt: string;
}

export interface TurnResult {
  state: ConversationState;
  replies: OutboundMessage[];
}
