import { DisconnectReason } from "@whiskeysockets/baileys";
import { afterEach, describe, expect, it, vi } from "vitest";
import { deserialize } from "../../bot/whatsapp/auth-state.ts";
import { countWhatsAppKeys, loadWhatsAppCreds } from "../../db/whatsapp-auth.repository.ts";
import { type Harness, startHarness } from "./whatsapp-harness.ts";

const SESSION = "default";

async function storedCreds(h: Harness) {
  const json = await loadWhatsAppCreds(h.app.db, SESSION);
  return json === undefined ? undefined : deserialize<{ registered: boolean; me?: { id: string } }>(json);
}

describe("WhatsApp login and connection handling", () => {
  let h: Harness;
  afterEach(async () => {
    vi.useRealTimers();
    await h.close();
  });

  it("prints the QR code Baileys gives while the number is not linked", async () => {
    h = await startHarness({ open: false });
    await h.sockets.latest.showQr("2@first");
    await h.sockets.latest.showQr("2@second");
    expect(h.shown.qrs).toEqual(["2@first", "2@second"]);
    expect(h.shown.codes).toEqual([]);
  });

  it("asks for one pairing code per socket when WHATSAPP_PAIRING_NUMBER is set", async () => {
    h = await startHarness({ open: false, pairingNumber: "6281100000000" });
    await h.sockets.latest.showQr();
    await h.sockets.latest.showQr();
    expect(h.sockets.latest.pairingRequests).toEqual(["6281100000000"]);
    expect(h.shown.codes).toEqual(["ABCD1234"]);
    expect(h.shown.qrs).toEqual([]);
  });

  it("saves the creds on every creds.update", async () => {
    h = await startHarness({ open: false });
    await h.sockets.latest.emit("creds.update", { me: { id: "6281100000000:7@s.whatsapp.net" } });
    expect((await storedCreds(h))?.me?.id).toBe("6281100000000:7@s.whatsapp.net");
    await h.sockets.latest.emit("creds.update", { registered: true });
    expect(await storedCreds(h)).toMatchObject({
      registered: true,
      me: { id: "6281100000000:7@s.whatsapp.net" },
    });
  });

  it("restartRequired (515): connects again with the same session, one socket at a time", async () => {
    h = await startHarness({ open: false });
    const first = h.sockets.latest;
    await first.emit("creds.update", { registered: true });
    await first.close(DisconnectReason.restartRequired);
    await vi.waitFor(() => expect(h.sockets.sockets).toHaveLength(2));
    const second = h.sockets.latest;
    expect(second.options.auth.creds).toBe(first.options.auth.creds);
    expect(second.options.auth.creds.registered).toBe(true);
    expect(h.sockets.maxAlive).toBe(1);
    // Events of the replaced socket no longer reach the adapter.
    expect(first.listenerCount).toBe(0);
    await second.open();
    expect(h.adminNotices).toEqual([]);
  });

  it("a lost connection reconnects after a growing delay, reset once connected", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    h = await startHarness({ reconnect: { baseMs: 1_000, maxMs: 60_000, random: () => 1 } });

    await h.sockets.latest.close(DisconnectReason.connectionLost);
    await vi.advanceTimersByTimeAsync(999);
    expect(h.sockets.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sockets.sockets).toHaveLength(2);

    // Failing again before it opened: the next wait doubles.
    await h.sockets.latest.close(DisconnectReason.timedOut);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(h.sockets.sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sockets.sockets).toHaveLength(3);

    // Connected again: the next drop starts from the base delay.
    await h.sockets.latest.open();
    await h.sockets.latest.close(DisconnectReason.connectionClosed);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.sockets.sockets).toHaveLength(4);
    expect(h.sockets.maxAlive).toBe(1);
  });

  it("loggedOut (401): clears the stored session, tells the admins and starts a new pairing", async () => {
    h = await startHarness();
    const first = h.sockets.latest;
    await first.emit("creds.update", { registered: true, me: { id: "6281100000000:7@s.whatsapp.net" } });
    await first.options.auth.keys.set({
      session: { "6281234567890.0": new Uint8Array([1, 2, 3]) },
      "pre-key": { "1": { public: new Uint8Array(32), private: new Uint8Array(32) } },
    });
    expect(await countWhatsAppKeys(h.app.db, SESSION)).toBe(2);

    await first.close(DisconnectReason.loggedOut);
    await vi.waitFor(() => expect(h.sockets.sockets).toHaveLength(2));
    expect(await countWhatsAppKeys(h.app.db, SESSION)).toBe(0);
    expect(await loadWhatsAppCreds(h.app.db, SESSION)).toBeUndefined();
    expect(h.adminNotices).toHaveLength(1);
    expect(h.adminNotices[0]).toMatch(/logout/);
    expect(h.adminNotices[0]).toMatch(/kode QR/);

    const fresh = h.sockets.latest.options.auth.creds;
    expect(fresh).not.toBe(first.options.auth.creds);
    expect(fresh.registered).toBe(false);
    expect(fresh.me).toBeUndefined();
    await h.sockets.latest.showQr("2@new-pairing");
    expect(h.shown.qrs).toEqual(["2@new-pairing"]);
  });

  it("connectionReplaced (440): stops without reconnecting and tells the admins", async () => {
    h = await startHarness();
    await h.sockets.latest.close(DisconnectReason.connectionReplaced);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(h.sockets.sockets).toHaveLength(1);
    expect(h.adminNotices).toHaveLength(1);
    expect(h.adminNotices[0]).toMatch(/diambil alih/);
  });

  it("forbidden (403): stops and tells the admins", async () => {
    h = await startHarness();
    await h.sockets.latest.close(DisconnectReason.forbidden);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(h.sockets.sockets).toHaveLength(1);
    expect(h.adminNotices[0]).toMatch(/403/);
  });

  it("stop() ends the socket and no reconnect follows", async () => {
    h = await startHarness();
    const socket = h.sockets.latest;
    await h.whatsapp.stop();
    expect(socket.ended).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(h.sockets.sockets).toHaveLength(1);
  });
});
