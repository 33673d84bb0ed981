import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { APPLICANT, type Harness, startHarness } from "./whatsapp-harness.ts";

const ME = { id: "6281100000000:7@s.whatsapp.net", name: "Helpdesk" };
const LINKED = {
  registered: true,
  me: ME,
  account: {
    details: new Uint8Array([8, 1]),
    accountSignatureKey: new Uint8Array(32),
    accountSignature: new Uint8Array(64),
    deviceSignature: new Uint8Array(64),
  },
};

describe("restarting startWhatsApp on the same database file", () => {
  let dir: string;
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps the login and the keys; the conversation goes on where it was", async () => {
    dir = mkdtempSync(join(tmpdir(), "wa-restart-"));
    const databasePath = join(dir, "helpdesk.db");

    h = await startHarness({ databasePath, open: false, pairingNumber: "6281100000000" });
    const first = h.sockets.latest;
    // Linked: pair-success stores the device identity, then Baileys stores keys as it goes.
    first.emit("creds.update", LINKED);
    await h.settle();
    await first.options.auth.keys.set({ session: { "6281234567890.0": new Uint8Array([7, 7, 7]) } });
    await first.open(ME);
    const menu = await h.say("menu");
    expect(menu[0]).toContain("6. Pengecekan eks THK-II");
    const noiseKey = Buffer.from(first.options.auth.creds.noiseKey.private);
    await h.close();

    h = await startHarness({ databasePath, open: false, pairingNumber: "6281100000000" });
    const second = h.sockets.latest;
    const creds = second.options.auth.creds;
    expect(creds.account).toBeDefined();
    expect(creds.me?.id).toBe(ME.id);
    expect(Buffer.from(creds.noiseKey.private).equals(noiseKey)).toBe(true);
    const sessions = await second.options.auth.keys.get("session", ["6281234567890.0"]);
    expect(Buffer.from(sessions["6281234567890.0"]!).equals(Buffer.from([7, 7, 7]))).toBe(true);
    await second.open(ME);
    // No new pairing was needed: no code asked for, nothing for the admins.
    expect(second.pairingRequests).toEqual([]);
    expect(h.adminNotices).toEqual([]);
    // The menu shown before the restart is still where the conversation stands.
    const next = await h.say("6");
    expect(next.at(-1)).toMatch(/nama/i);
    expect(second.textsTo(APPLICANT)).toEqual(next);
  });
});
