import { DisconnectReason } from "@whiskeysockets/baileys";
import { describe, expect, it } from "vitest";
import { closeAction, disconnectStatusCode, reconnectDelayMs } from "../../bot/whatsapp/reconnect-policy.ts";
import { boomError } from "./fake-socket.ts";

describe("reconnect policy", () => {
  it("doubles the delay per attempt up to the cap, with jitter between half and the full step", () => {
    const policy = { baseMs: 1_000, maxMs: 10_000 };
    expect([0, 1, 2, 3, 4, 10].map((a) => reconnectDelayMs(a, { ...policy, random: () => 1 }))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
    expect(reconnectDelayMs(2, { ...policy, random: () => 0 })).toBe(2_000);
    for (let i = 0; i < 50; i += 1) {
      const delay = reconnectDelayMs(3, policy);
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(8_000);
    }
  });

  it("maps every DisconnectReason to restart, reconnect, logout or stop", () => {
    expect(closeAction(DisconnectReason.restartRequired)).toBe("restart");
    expect(closeAction(DisconnectReason.loggedOut)).toBe("logged_out");
    expect(closeAction(DisconnectReason.connectionReplaced)).toBe("stop");
    expect(closeAction(DisconnectReason.forbidden)).toBe("stop");
    for (const code of [
      DisconnectReason.connectionLost,
      DisconnectReason.connectionClosed,
      DisconnectReason.timedOut,
      DisconnectReason.badSession,
      DisconnectReason.unavailableService,
      DisconnectReason.multideviceMismatch,
      405,
      undefined,
    ]) {
      expect(closeAction(code)).toBe("reconnect");
    }
  });

  it("reads the status code of a Boom error, and nothing from anything else", () => {
    expect(disconnectStatusCode(boomError(515))).toBe(515);
    expect(disconnectStatusCode(new Error("plain"))).toBeUndefined();
    expect(disconnectStatusCode(undefined)).toBeUndefined();
  });
});
