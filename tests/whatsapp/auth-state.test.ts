import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { proto } from "@whiskeysockets/baileys";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDbKeyStore, loadDbAuthState } from "../../bot/whatsapp/auth-state.ts";
import type { OpenedDatabase } from "../../db/index.ts";
import {
  countWhatsAppKeys,
  loadWhatsAppCreds,
  writeWhatsAppKeys,
} from "../../db/whatsapp-auth.repository.ts";
import { openTestDatabase } from "../support/test-database.ts";

const SESSION = "default";

describe("WhatsApp auth state in the database", () => {
  let dir: string;
  let file: string;
  let opened: OpenedDatabase | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "wa-auth-"));
    file = join(dir, "helpdesk.db");
  });
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it("creds and keys survive a restart: written, database reopened, read back equal", async () => {
    opened = await openTestDatabase(file);
    const first = await loadDbAuthState(opened.db, SESSION);
    first.state.creds.registered = true;
    first.state.creds.me = { id: "6281100000000:7@s.whatsapp.net", name: "Helpdesk" };
    await first.saveCreds();
    const session = new Uint8Array([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const preKey = { public: new Uint8Array(32).fill(1), private: new Uint8Array(32).fill(2) };
    await first.state.keys.set({
      session: { "6281234567890.0": session },
      "pre-key": { "17": preKey },
      "lid-mapping": { "6281234567890": "123456789012345" },
      "app-state-sync-key": {
        AAAAAQ: { keyData: new Uint8Array([4, 4, 4]), timestamp: 1_700_000_000 },
      },
    });
    await opened.close();

    opened = await openTestDatabase(file);
    const second = await loadDbAuthState(opened.db, SESSION);
    const creds = second.state.creds;
    expect(creds.registered).toBe(true);
    expect(creds.me?.id).toBe("6281100000000:7@s.whatsapp.net");
    expect(Buffer.isBuffer(creds.noiseKey.private)).toBe(true);
    expect(Buffer.from(creds.noiseKey.private).equals(Buffer.from(first.state.creds.noiseKey.private))).toBe(
      true,
    );
    expect(
      Buffer.from(creds.signedIdentityKey.public).equals(
        Buffer.from(first.state.creds.signedIdentityKey.public),
      ),
    ).toBe(true);
    expect(creds.advSecretKey).toBe(first.state.creds.advSecretKey);

    const sessions = await second.state.keys.get("session", ["6281234567890.0", "missing.0"]);
    expect(Buffer.isBuffer(sessions["6281234567890.0"])).toBe(true);
    expect(Buffer.from(sessions["6281234567890.0"]!).equals(Buffer.from(session))).toBe(true);
    expect(sessions["missing.0"]).toBeUndefined();

    const preKeys = await second.state.keys.get("pre-key", ["17"]);
    expect(Buffer.from(preKeys["17"]!.private).equals(Buffer.from(preKey.private))).toBe(true);
    expect(Buffer.from(preKeys["17"]!.public).equals(Buffer.from(preKey.public))).toBe(true);

    const lids = await second.state.keys.get("lid-mapping", ["6281234567890"]);
    expect(lids["6281234567890"]).toBe("123456789012345");

    const appKeys = await second.state.keys.get("app-state-sync-key", ["AAAAAQ"]);
    expect(appKeys.AAAAAQ).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(appKeys.AAAAAQ!.keyData!).equals(Buffer.from([4, 4, 4]))).toBe(true);
  });

  it("a null value deletes a key; the deletes and writes of one call land together", async () => {
    opened = await openTestDatabase(file);
    const store = createDbKeyStore(opened.db, SESSION);
    await store.set({ "pre-key": { "1": { public: new Uint8Array(1), private: new Uint8Array(1) } } });
    await store.set({
      "pre-key": { "1": null, "2": { public: new Uint8Array(2), private: new Uint8Array(2) } },
    });
    expect(Object.keys(await store.get("pre-key", ["1", "2"]))).toEqual(["2"]);
    expect(await countWhatsAppKeys(opened.db, SESSION)).toBe(1);
  });

  it("a write that fails half-way leaves no part of the call behind", async () => {
    opened = await openTestDatabase(file);
    await expect(
      writeWhatsAppKeys(opened.db, SESSION, [
        { type: "session", id: "a.0", valueJson: "{}" },
        // Breaks the NOT NULL constraint on the second row, after the first was written.
        { type: "session", id: "b.0", valueJson: undefined as unknown as string },
      ]),
    ).rejects.toThrow(/not.null constraint/i);
    expect(await countWhatsAppKeys(opened.db, SESSION)).toBe(0);
  });

  it("clear() forgets creds and keys of the session only", async () => {
    opened = await openTestDatabase(file);
    const auth = await loadDbAuthState(opened.db, SESSION);
    await auth.saveCreds();
    await auth.state.keys.set({ session: { "a.0": new Uint8Array([1]) } });
    const other = await loadDbAuthState(opened.db, "other");
    await other.saveCreds();
    await other.state.keys.set({ session: { "b.0": new Uint8Array([2]) } });

    await auth.clear();
    expect(await loadWhatsAppCreds(opened.db, SESSION)).toBeUndefined();
    expect(await countWhatsAppKeys(opened.db, SESSION)).toBe(0);
    expect(await loadWhatsAppCreds(opened.db, "other")).toBeDefined();
    expect(await countWhatsAppKeys(opened.db, "other")).toBe(1);
    // The cache is cleared too: a read goes to the (now empty) database.
    expect(await auth.state.keys.get("session", ["a.0"])).toEqual({});
  });
});
