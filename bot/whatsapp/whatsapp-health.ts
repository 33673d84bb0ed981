import type { ChannelHealth } from "../monitoring/channel-health.ts";

/**
 * The WhatsApp channel as /healthz and /metrics see it, from its connection status. An instance standing by
 * while another holds the number's socket is healthy: it is doing what it should.
 */
export function whatsappHealth(status: string): ChannelHealth {
  if (status === "open") return { connected: true, detail: "connection open", state: status };
  if (status === "standby") {
    return { connected: true, detail: "standby: another instance holds the WhatsApp socket", state: status };
  }
  return { connected: false, detail: `connection ${status}`, state: status };
}
