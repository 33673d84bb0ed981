/** One message from an applicant, translated by a channel adapter. */
export interface InboundMessage {
  channel: string;
  chatId: string;
  userId: string;
  /** The channel's own id; a message delivered twice is handled once. */
  messageId: string;
  content: InboundContent;
  receivedAt?: Date;
}

export type InboundContent =
  | { kind: "text"; text: string }
  /** A pressed button or a picked list item: the choice's value. */
  | { kind: "choice"; value: string }
  /** `caption`: the text the person typed under the file (a WhatsApp or Telegram caption), when there is one. */
  | { kind: "file"; bytes: Uint8Array; fileName?: string; caption?: string }
  /**
   * A file the channel reported as larger than `MAX_FILE_BYTES` and therefore did not download. `mime`
   * is the type the sender's app declared (not checked against the content, which was never fetched).
   */
  | { kind: "file_too_large"; size: number; mime?: string; fileName?: string; caption?: string }
  /** A sticker, voice note, location...: named in Indonesian for the reply ("stiker"). */
  | { kind: "unsupported"; what: string };

export interface OutboundChoice {
  value: string;
  label: string;
}

/** One reply; each adapter renders choices its own way (inline buttons, a numbered list). */
export interface OutboundMessage {
  text: string;
  choices?: OutboundChoice[];
}
