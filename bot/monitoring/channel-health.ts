/** Whether a channel can reach its platform right now, with a short reason for the operator. */
export interface ChannelHealth {
  connected: boolean;
  detail: string;
  /** The connection's own state where it has one (WhatsApp: open, connecting, waiting...). */
  state?: string;
}

/** A channel this process runs, as /healthz and /metrics see it. */
export interface MonitoredChannel {
  name: string;
  /** The outbox channels it sends (Telegram: applicants and the admin group). */
  outboxChannels: readonly string[];
  health(): ChannelHealth;
}
