import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { whatsappSocketLease } from "../../bot/whatsapp/start-whatsapp.ts";
import { whatsappHealth } from "../../bot/whatsapp/whatsapp-health.ts";
import { findLease } from "../../db/instance-lease.repository.ts";
import { createFakeSocketFactory } from "./fake-socket.ts";
import { APPLICANT, type Harness, startHarness } from "./whatsapp-harness.ts";

// Two instances of the bot on one database, each with the WhatsApp channel: the number's socket is held by
// one of them through a lease; the other stands by (healthy) and connects once the holder is gone.

const ME = { id: "6281100000000:7@s.whatsapp.net", name: "Helpdesk" };
const LEASE = "whatsapp-socket:default";
const WAIT = { timeout: 20_000, interval: 20 };

describe("WhatsApp socket held by one instance at a time", () => {
  let dir: string;
  const running: Harness[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "wa-standby-"));
  });
  afterEach(async () => {
    for (const h of running.splice(0)) await h.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  async function instance(id: string, sockets: ReturnType<typeof createFakeSocketFactory>) {
    const h = await startHarness({
      databasePath: join(dir, "helpdesk.db"),
      open: false,
      sockets,
      instance: { id, leaseSeconds: 2 },
    });
    running.push(h);
    return h;
  }

  it("the second instance stands by; a clean stop hands the socket over", async () => {
    expect(whatsappSocketLease("default")).toBe(LEASE);
    const sockets = createFakeSocketFactory();
    const a = await instance("a", sockets);
    await sockets.latest.open(ME);
    const b = await instance("b", sockets);
    expect(sockets.sockets).toHaveLength(1);
    expect(a.whatsapp.status()).toBe("open");
    expect(b.whatsapp.status()).toBe("standby");
    expect(whatsappHealth(b.whatsapp.status())).toMatchObject({ connected: true, state: "standby" });
    expect((await findLease(b.app.db, LEASE))?.holder).toBe("a");

    await a.close();
    running.splice(running.indexOf(a), 1);
    await expect.poll(() => sockets.sockets.length, WAIT).toBe(2);
    await sockets.latest.open(ME);
    expect(b.whatsapp.status()).toBe("open");
    expect(sockets.maxAlive).toBe(1);
    // The conversation goes on with the instance that holds the socket now.
    const menu = await b.say("menu");
    expect(menu[0]).toContain("6. Pengecekan eks THK-II");
    expect(sockets.latest.textsTo(APPLICANT)).toEqual(menu);
  });

  it("a holder that loses its database closes its socket before the other instance connects", async () => {
    const sockets = createFakeSocketFactory();
    const a = await instance("a", sockets);
    const first = sockets.latest;
    await first.open(ME);
    const b = await instance("b", sockets);
    expect(b.whatsapp.status()).toBe("standby");

    // The holder's database connection breaks: it cannot renew its lease any more.
    await a.app.close();
    await expect.poll(() => sockets.sockets.length, WAIT).toBe(2);
    // Fencing: its socket was closed before the next one was made.
    expect(first.ended).toBe(true);
    expect(sockets.maxAlive).toBe(1);
    expect(a.whatsapp.status()).toBe("standby");
    await sockets.latest.open(ME);
    expect(b.whatsapp.status()).toBe("open");
    expect((await findLease(b.app.db, LEASE))?.holder).toBe("b");
  });
});
