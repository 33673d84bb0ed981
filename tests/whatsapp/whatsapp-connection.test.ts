import { DisconnectReason } from "@whiskeysockets/baileys";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type DbAuthState, deserialize, loadDbAuthState } from "../../bot/whatsapp/auth-state.ts";
import { createWhatsAppConnection } from "../../bot/whatsapp/whatsapp-connection.ts";
import type { OpenedDatabase } from "../../db/index.ts";
import { countWhatsAppKeys, loadWhatsAppCreds } from "../../db/whatsapp-auth.repository.ts";
import { openTestDatabase } from "../support/test-database.ts";
import { createFakeSocketFactory } from "./fake-socket.ts";
import { type Harness, startHarness } from "./whatsapp-harness.ts";

const SESSION = "default";
const ME = "6281100000000:7@s.whatsapp.net";
/** What pair-success stores (configureSuccessfulPairing): the signed device identity marks a linked device. */
const LINKED = {
  registered: true,
  me: { id: ME, name: "Helpdesk" },
  account: {
    details: new Uint8Array([8, 1]),
    accountSignatureKey: new Uint8Array(32),
    accountSignature: new Uint8Array(64),
    deviceSignature: new Uint8Array(64),
  },
};

async function storedCreds(h: Harness) {
  const json = await loadWhatsAppCreds(h.app.db, SESSION);
  return json === undefined
    ? undefined
    : deserialize<{ registered: boolean; me?: { id: string }; pairingCode?: string }>(json);
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
    h.sockets.latest.emit("creds.update", { me: { id: ME } });
    await h.settle();
    expect((await storedCreds(h))?.me?.id).toBe(ME);
    h.sockets.latest.emit("creds.update", { registered: true });
    await h.settle();
    expect(await storedCreds(h)).toMatchObject({ registered: true, me: { id: ME } });
  });

  it("a pairing code not typed in before it expires: the next socket pairs again, no logout alert", async () => {
    h = await startHarness({ open: false, pairingNumber: "6281100000000" });
    const first = h.sockets.latest;
    await first.showQr();
    // Baileys wrote the number into creds.me when the code was asked for.
    expect((await storedCreds(h))?.me?.id).toBe("6281100000000@s.whatsapp.net");
    await first.close(DisconnectReason.timedOut, "QR refs attempts ended");
    await vi.waitFor(() => expect(h.sockets.sockets).toHaveLength(2));
    const second = h.sockets.latest;
    // No creds.me: Baileys registers (asks for a new code) instead of logging in and getting a 401.
    expect(second.options.auth.creds.me).toBeUndefined();
    expect((await storedCreds(h))?.me).toBeUndefined();
    await second.showQr();
    expect(second.pairingRequests).toEqual(["6281100000000"]);

    // Had a login with the half-made creds happened anyway, its 401 is no logout either.
    await second.close(DisconnectReason.loggedOut, "Connection Failure");
    await vi.waitFor(() => expect(h.sockets.sockets).toHaveLength(3));
    await h.sockets.latest.showQr();
    expect(h.shown.codes).toEqual(["ABCD1234", "ABCD1234", "ABCD1234"]);
    expect(h.adminNotices).toEqual([]);
  });

  it("restartRequired (515): connects again with the same session, one socket at a time", async () => {
    h = await startHarness({ open: false });
    const first = h.sockets.latest;
    first.emit("creds.update", LINKED);
    await first.close(DisconnectReason.restartRequired);
    await vi.waitFor(() => expect(h.sockets.sockets).toHaveLength(2));
    const second = h.sockets.latest;
    expect(second.options.auth.creds).toBe(first.options.auth.creds);
    expect(second.options.auth.creds.account).toBeDefined();
    // Baileys' retry counts outlive the socket, so a reconnect does not reset them (and resend forever).
    expect(second.options.msgRetryCounterCache).toBeDefined();
    expect(second.options.msgRetryCounterCache).toBe(first.options.msgRetryCounterCache);
    expect(h.sockets.maxAlive).toBe(1);
    // Events of the replaced socket no longer reach the adapter.
    expect(first.listenerCount).toBe(0);
    await second.open();
    expect(h.adminNotices).toEqual([]);
  });

  it("repeated 515s back off instead of looping", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    h = await startHarness({ open: false, reconnect: { baseMs: 1_000, maxMs: 60_000, random: () => 1 } });
    h.sockets.latest.emit("creds.update", LINKED);
    await h.sockets.latest.close(DisconnectReason.restartRequired);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.sockets.sockets).toHaveLength(2);
    await h.sockets.latest.close(DisconnectReason.restartRequired);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(h.sockets.sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sockets.sockets).toHaveLength(3);
  });

  it("a lost connection reconnects after a growing delay, reset once connected; the log says why", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    h = await startHarness({ reconnect: { baseMs: 1_000, maxMs: 60_000, random: () => 1 } });

    await h.sockets.latest.close(DisconnectReason.connectionLost, "getaddrinfo ENOTFOUND web.whatsapp.com");
    const closed = h.logLines.map((l) => JSON.parse(l)).find((l) => l.msg === "WhatsApp connection closed");
    expect(closed).toMatchObject({ statusCode: 408, reason: "getaddrinfo ENOTFOUND web.whatsapp.com" });
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

  it("405 (outdated client): the version is fetched again before the next socket", async () => {
    const versions: Array<[number, number, number]> = [
      [2, 3000, 1],
      [2, 3000, 2],
    ];
    let calls = 0;
    h = await startHarness({ fetchVersion: async () => versions[Math.min(calls++, 1)] });
    expect(h.sockets.latest.options.version).toEqual([2, 3000, 1]);
    await h.sockets.latest.close(405, "Connection Failure");
    await vi.waitFor(() => expect(h.sockets.sockets).toHaveLength(2));
    expect(calls).toBe(2);
    expect(h.sockets.latest.options.version).toEqual([2, 3000, 2]);
  });

  it("a persistent outage (500, 411...) is told to the admin group after the set time, and again when connected", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    h = await startHarness({
      outageAlertMinutes: 10,
      outboxPollIntervalMs: 60_000,
      reconnect: { baseMs: 1_000, maxMs: 60_000, random: () => 1 },
    });
    await h.sockets.latest.close(DisconnectReason.badSession, "Stream Errored (unknown)");
    for (let minute = 1; minute < 10; minute += 1) {
      await vi.advanceTimersByTimeAsync(60_000);
      // Still failing: every new socket closes again.
      if (!h.sockets.latest.closed) await h.sockets.latest.close(DisconnectReason.multideviceMismatch);
    }
    expect(h.adminNotices).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.adminNotices).toHaveLength(1);
    expect(h.adminNotices[0]).toMatch(/tidak terhubung sejak 10 menit/);
    expect(h.adminNotices[0]).toMatch(/kode 411/);

    await vi.advanceTimersByTimeAsync(60_000);
    if (h.sockets.latest.closed) await vi.advanceTimersByTimeAsync(60_000);
    await h.sockets.latest.open();
    expect(h.adminNotices).toHaveLength(2);
    expect(h.adminNotices[1]).toMatch(/tersambung kembali/);
    // A short drop afterwards tells nobody.
    await h.sockets.latest.close(DisconnectReason.connectionLost);
    await vi.advanceTimersByTimeAsync(1_000);
    await h.sockets.latest.open();
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(h.adminNotices).toHaveLength(2);
  });

  it("loggedOut (401) of a linked device: clears the stored session, tells the admins and starts a new pairing", async () => {
    h = await startHarness();
    const first = h.sockets.latest;
    first.emit("creds.update", LINKED);
    await h.settle();
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
    expect(h.whatsapp.status()).toBe("stopped");
    expect(h.sockets.sockets).toHaveLength(1);
    expect(h.adminNotices).toHaveLength(1);
    expect(h.adminNotices[0]).toMatch(/diambil alih/);
  });

  it("forbidden (403): stops and tells the admins", async () => {
    h = await startHarness();
    await h.sockets.latest.close(DisconnectReason.forbidden);
    expect(h.whatsapp.status()).toBe("stopped");
    expect(h.sockets.sockets).toHaveLength(1);
    expect(h.adminNotices[0]).toMatch(/403/);
  });

  it("stop() ends the socket and no reconnect follows", async () => {
    h = await startHarness();
    const socket = h.sockets.latest;
    await h.whatsapp.stop();
    expect(socket.ended).toBe(true);
    expect(h.whatsapp.status()).toBe("stopped");
    expect(h.sockets.sockets).toHaveLength(1);
  });
});

describe("WhatsApp connection: stop while connecting", () => {
  let opened: OpenedDatabase | undefined;
  afterEach(async () => {
    await opened?.close();
  });

  it("stop() while the session is still loading leaves no socket open", async () => {
    opened = await openTestDatabase();
    const db = opened.db;
    const sockets = createFakeSocketFactory();
    let release: () => void = () => {};
    const loading = new Promise<void>((resolve) => {
      release = resolve;
    });
    const connection = createWhatsAppConnection({
      makeSocket: sockets.factory,
      loadAuth: async (): Promise<DbAuthState> => {
        await loading;
        return loadDbAuthState(db, SESSION);
      },
      socketOptions: {},
      display: { qr: () => {}, pairingCode: () => {} },
      onEvents: () => {},
      logger: pino({ level: "silent" }),
    });
    const started = connection.start();
    const stopped = connection.stop();
    release();
    await started;
    await stopped;
    expect(sockets.sockets.filter((s) => !s.ended)).toEqual([]);
    expect(connection.status).toBe("stopped");
  });

  it("stop() while a socket is opening ends it", async () => {
    opened = await openTestDatabase();
    const db = opened.db;
    const sockets = createFakeSocketFactory();
    const connection = createWhatsAppConnection({
      makeSocket: sockets.factory,
      loadAuth: () => loadDbAuthState(db, SESSION),
      socketOptions: {},
      display: { qr: () => {}, pairingCode: () => {} },
      onEvents: () => {},
      logger: pino({ level: "silent" }),
    });
    await connection.start();
    expect(connection.status).toBe("connecting");
    await connection.stop();
    expect(sockets.latest.ended).toBe(true);
  });
});
