import { Counter, Histogram, Registry } from "prom-client";
import type { MetricsRecorder } from "./metrics.ts";

/**
 * The event counters behind /metrics. Labels hold only fixed words (channel names, outcomes, Bot API
 * methods), never a chat id, phone number, NIK or text: every label value becomes a time series kept by
 * the monitoring system. Module-level: counters live as long as the process, like Prometheus expects.
 */
export const eventRegistry = new Registry();

const received = new Counter({
  name: "helpdesk_messages_received_total",
  help: "Messages from applicants taken by the engine, per channel (redeliveries included)",
  labelNames: ["channel"] as const,
  registers: [eventRegistry],
});
const duplicates = new Counter({
  name: "helpdesk_messages_duplicate_total",
  help: "Messages the engine recognised as already handled (a platform redelivery), per channel",
  labelNames: ["channel"] as const,
  registers: [eventRegistry],
});
const sent = new Counter({
  name: "helpdesk_messages_sent_total",
  help: "Outbox messages the platform accepted, per outbox channel",
  labelNames: ["channel"] as const,
  registers: [eventRegistry],
});
const notDone = new Counter({
  name: "helpdesk_send_failures_total",
  help: "Outbox sends that did not go through: retry (tried again later), blocked (recipient unreachable), failed (given up)",
  labelNames: ["channel", "outcome"] as const,
  registers: [eventRegistry],
});
const latency = new Histogram({
  name: "helpdesk_reply_latency_seconds",
  help: "From the engine taking an applicant's message to the platform accepting its first reply",
  labelNames: ["channel"] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
  registers: [eventRegistry],
});
const rateLimited = new Counter({
  name: "helpdesk_rate_limited_total",
  help: "429 (too many requests) answers from a platform, per channel and API method",
  labelNames: ["channel", "method"] as const,
  registers: [eventRegistry],
});
const faqMisses = new Counter({
  name: "helpdesk_faq_misses_total",
  help: "FAQ questions the bot could not answer (unanswered), whose answer did not help (not_helpful), or whose suggestions were all rejected (clarify_rejected)",
  labelNames: ["channel", "kind"] as const,
  registers: [eventRegistry],
});

/** A child per label value, made once: `labels()` on every message would hash the labels each time. */
function perValue<T>(make: (value: string) => T): (value: string) => T {
  const children = new Map<string, T>();
  return (value) => {
    let child = children.get(value);
    if (child === undefined) {
      child = make(value);
      children.set(value, child);
    }
    return child;
  };
}
const receivedOn = perValue((channel) => received.labels(channel));
const sentOn = perValue((channel) => sent.labels(channel));
const latencyOn = perValue((channel) => latency.labels(channel));

// Messages waiting for their first reply: when the engine took each. In memory only (the key holds the
// platform's message id, never a label): a reply sent after a restart, or by another instance, is not
// measured. Bounded, since a message may end with no reply at all.
const MAX_WAITING = 10_000;
const waiting = new Map<string, number>();
const keyOf = (channel: string, messageId: string) => `${channel}\n${messageId}`;

export const prometheusRecorder: MetricsRecorder = {
  messageReceived(channel, messageId) {
    receivedOn(channel).inc();
    if (waiting.size >= MAX_WAITING) {
      const oldest = waiting.keys().next().value;
      if (oldest !== undefined) waiting.delete(oldest);
    }
    waiting.set(keyOf(channel, messageId), performance.now());
  },
  duplicateReceived(channel, messageId) {
    duplicates.labels(channel).inc();
    waiting.delete(keyOf(channel, messageId));
  },
  messageSent(channel, sourceMessageId) {
    sentOn(channel).inc();
    if (sourceMessageId === null) return;
    const key = keyOf(channel, sourceMessageId);
    const takenAt = waiting.get(key);
    if (takenAt === undefined) return;
    waiting.delete(key);
    latencyOn(channel).observe((performance.now() - takenAt) / 1000);
  },
  sendNotDone: (channel, outcome) => notDone.labels(channel, outcome).inc(),
  rateLimited: (channel, method) => rateLimited.labels(channel, method).inc(),
  faqMiss: (channel, kind) => faqMisses.labels(channel, kind).inc(),
};
