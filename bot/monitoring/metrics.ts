/**
 * What the bot counts, recorded where it happens (engine, outbox dispatcher, channel adapters). Until the
 * operations endpoint starts (HTTP_PORT), recording does nothing and prom-client is not even loaded: a bot
 * without monitoring pays neither its start-up nor a cost per message. See prometheus-recorder.ts.
 */
export interface MetricsRecorder {
  /** The engine took a message (its reply latency starts now). */
  messageReceived(channel: string, messageId: string): void;
  /** The engine recognised a redelivery: no reply is waited for. */
  duplicateReceived(channel: string, messageId: string): void;
  /** The platform accepted an outbox message; `sourceMessageId` is the message it replies to, if any. */
  messageSent(channel: string, sourceMessageId: string | null): void;
  sendNotDone(channel: string, outcome: "retry" | "blocked" | "failed"): void;
  /** A platform answered 429 (too many requests). */
  rateLimited(channel: string, method: string): void;
  faqMiss(channel: string, kind: string): void;
}

const IGNORE: MetricsRecorder = {
  messageReceived() {},
  duplicateReceived() {},
  messageSent() {},
  sendNotDone() {},
  rateLimited() {},
  faqMiss() {},
};

let recorder: MetricsRecorder = IGNORE;

/** Called by the operations endpoint when it starts; tests may pass their own. */
export function useMetricsRecorder(next: MetricsRecorder | undefined): void {
  recorder = next ?? IGNORE;
}

/** The recording side, forwarding to the recorder in use. */
export const metrics: MetricsRecorder = {
  messageReceived: (channel, messageId) => recorder.messageReceived(channel, messageId),
  duplicateReceived: (channel, messageId) => recorder.duplicateReceived(channel, messageId),
  messageSent: (channel, sourceMessageId) => recorder.messageSent(channel, sourceMessageId),
  sendNotDone: (channel, outcome) => recorder.sendNotDone(channel, outcome),
  rateLimited: (channel, method) => recorder.rateLimited(channel, method),
  faqMiss: (channel, kind) => recorder.faqMiss(channel, kind),
};
