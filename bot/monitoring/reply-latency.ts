import { metrics } from "./metrics.ts";

// Messages waiting for their first reply to be accepted by the platform: when the engine took each one.
// In memory only (a key holds the chat's message id, never a label): a reply sent after a restart, or by
// another instance, is not measured. Bounded, since a message may end with no reply at all.
const MAX_WAITING = 10_000;
const waiting = new Map<string, number>();

const keyOf = (channel: string, messageId: string) => `${channel}\n${messageId}`;

/** The engine took a message: its reply latency starts now (waiting behind the chat's earlier messages included). */
export function messageTaken(channel: string, messageId: string): void {
  if (waiting.size >= MAX_WAITING) {
    const oldest = waiting.keys().next().value;
    if (oldest !== undefined) waiting.delete(oldest);
  }
  waiting.set(keyOf(channel, messageId), performance.now());
}

/** The message needs no reply (a redelivery already answered): it is not waited for. */
export function messageNeedsNoReply(channel: string, messageId: string): void {
  waiting.delete(keyOf(channel, messageId));
}

/** The platform accepted a reply to `sourceMessageId`: the first one ends the wait and is observed. */
export function replyDelivered(channel: string, sourceMessageId: string): void {
  const key = keyOf(channel, sourceMessageId);
  const takenAt = waiting.get(key);
  if (takenAt === undefined) return;
  waiting.delete(key);
  metrics.replyLatency(channel, (performance.now() - takenAt) / 1000);
}
