import { Counter, Histogram, Registry } from "prom-client";

/**
 * The counters of what happens, incremented where it happens (engine, outbox dispatcher, channel adapters)
 * and exposed on /metrics. Labels hold only fixed words (channel names, statuses, Bot API methods), never a
 * chat id, phone number, NIK or text: every label value becomes a time series kept by the monitoring system.
 * Module-level on purpose: incrementing must cost next to nothing on the per-message path, with no wiring
 * through every constructor; what needs the database (tickets, outbox backlog) is read at scrape time.
 */
export const eventRegistry = new Registry();

const messagesReceived = new Counter({
  name: "helpdesk_messages_received_total",
  help: "Messages from applicants taken by the engine, per channel (redeliveries included)",
  labelNames: ["channel"] as const,
  registers: [eventRegistry],
});

const duplicatesReceived = new Counter({
  name: "helpdesk_messages_duplicate_total",
  help: "Messages the engine recognised as already handled (a platform redelivery), per channel",
  labelNames: ["channel"] as const,
  registers: [eventRegistry],
});

const messagesSent = new Counter({
  name: "helpdesk_messages_sent_total",
  help: "Outbox messages the platform accepted, per outbox channel",
  labelNames: ["channel"] as const,
  registers: [eventRegistry],
});

const sendsNotDone = new Counter({
  name: "helpdesk_send_failures_total",
  help: "Outbox sends that did not go through: retry (tried again later), blocked (recipient unreachable), failed (given up)",
  labelNames: ["channel", "outcome"] as const,
  registers: [eventRegistry],
});

const replyLatency = new Histogram({
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

/** A counter's child per label value, made once: `labels()` on every message would hash the labels each time. */
function perValue<T extends { inc(): void }>(make: (value: string) => T): (value: string) => T {
  const children = new Map<string, T>();
  return (value) => {
    let child = children.get(value);
    if (!child) {
      child = make(value);
      children.set(value, child);
    }
    return child;
  };
}

const receivedOn = perValue((channel) => messagesReceived.labels(channel));
const sentOn = perValue((channel) => messagesSent.labels(channel));

/** The recording side, called where the events happen. */
export const metrics = {
  messageReceived: (channel: string) => receivedOn(channel).inc(),
  duplicateReceived: (channel: string) => duplicatesReceived.labels(channel).inc(),
  messageSent: (channel: string) => sentOn(channel).inc(),
  sendNotDone: (channel: string, outcome: "retry" | "blocked" | "failed") =>
    sendsNotDone.labels(channel, outcome).inc(),
  replyLatency: (channel: string, seconds: number) => replyLatency.labels(channel).observe(seconds),
  rateLimited: (channel: string, method: string) => rateLimited.labels(channel, method).inc(),
  faqMiss: (channel: string, kind: string) => faqMisses.labels(channel, kind).inc(),
};
