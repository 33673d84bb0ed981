import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AuthenticationState,
  addTransactionCapability,
  Curve,
  DEFAULT_CONNECTION_CONFIG,
  generateSignalPubKey,
  initAuthCreds,
  makeCacheableSignalKeyStore,
  type SignalDataTypeMap,
} from "@whiskeysockets/baileys";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { loadDbAuthState } from "../../bot/whatsapp/auth-state.ts";
import type { OpenedDatabase } from "../../db/index.ts";
import { openTestDatabase } from "../support/test-database.ts";

const BOT = "6281100000000@s.whatsapp.net";
const APPLICANT = "6281234567890@s.whatsapp.net";
const PRE_KEY_ID = 31;
const logger = pino({ level: "silent" });

/** The applicant's phone: Baileys' own auth state kept in memory. */
function memoryAuth(): AuthenticationState {
  const data = new Map<string, unknown>();
  return {
    creds: initAuthCreds(),
    keys: makeCacheableSignalKeyStore(
      {
        async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
          const result: { [id: string]: SignalDataTypeMap[T] } = {};
          for (const id of ids) {
            const value = data.get(`${type}:${id}`);
            if (value !== undefined) result[id] = value as SignalDataTypeMap[T];
          }
          return result;
        },
        async set(changes) {
          for (const [type, values] of Object.entries(changes)) {
            for (const [id, value] of Object.entries(values ?? {})) {
              if (value === null || value === undefined) data.delete(`${type}:${id}`);
              else data.set(`${type}:${id}`, value);
            }
          }
        },
      },
      logger,
    ),
  };
}

/** Baileys' real Signal repository (libsignal) over an auth state, wrapped as the socket wraps it. */
const signalOver = (auth: AuthenticationState) =>
  DEFAULT_CONNECTION_CONFIG.makeSignalRepository(
    {
      creds: auth.creds,
      keys: addTransactionCapability(auth.keys, logger, DEFAULT_CONNECTION_CONFIG.transactionOpts),
    },
    logger,
  );

describe("Signal sessions over the SQLite auth store", () => {
  let dir: string;
  let opened: OpenedDatabase | undefined;
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it("a session started before a restart still decrypts and encrypts after the database is reopened", async () => {
    dir = mkdtempSync(join(tmpdir(), "wa-signal-"));
    const file = join(dir, "helpdesk.db");

    // The bot publishes a pre-key bundle (identity, signed pre-key, one pre-key), as it uploads to WhatsApp.
    opened = await openTestDatabase(file);
    const bot = await loadDbAuthState(opened.db, "default");
    const preKey = Curve.generateKeyPair();
    await bot.state.keys.set({ "pre-key": { [PRE_KEY_ID]: preKey } });
    await bot.saveCreds();
    const { creds } = bot.state;

    // The applicant's phone starts a session from that bundle and sends a first (pre-key) message.
    const phone = memoryAuth();
    const phoneSignal = signalOver(phone);
    await phoneSignal.injectE2ESession({
      jid: BOT,
      session: {
        registrationId: creds.registrationId,
        identityKey: generateSignalPubKey(creds.signedIdentityKey.public),
        signedPreKey: {
          keyId: creds.signedPreKey.keyId,
          publicKey: generateSignalPubKey(creds.signedPreKey.keyPair.public),
          signature: creds.signedPreKey.signature,
        },
        preKey: { keyId: PRE_KEY_ID, publicKey: generateSignalPubKey(preKey.public) },
      },
    });
    const first = await phoneSignal.encryptMessage({ jid: BOT, data: Buffer.from("halo, saya mau tanya") });
    expect(first.type).toBe("pkmsg");
    const botSignal = signalOver(bot.state);
    const plain = await botSignal.decryptMessage({
      jid: APPLICANT,
      type: first.type,
      ciphertext: first.ciphertext,
    });
    expect(Buffer.from(plain).toString()).toBe("halo, saya mau tanya");
    await opened.close();

    // Restart: a new process reads the session from the file.
    opened = await openTestDatabase(file);
    const restarted = await loadDbAuthState(opened.db, "default");
    const restartedSignal = signalOver(restarted.state);
    expect(await restartedSignal.validateSession(APPLICANT)).toEqual({ exists: true });
    // The used one-time pre-key was deleted from the file, as the protocol requires.
    expect(await restarted.state.keys.get("pre-key", [String(PRE_KEY_ID)])).toEqual({});

    const reply = await restartedSignal.encryptMessage({
      jid: APPLICANT,
      data: Buffer.from("Silakan, ada yang bisa dibantu?"),
    });
    expect(reply.type).toBe("msg");
    const atPhone = await phoneSignal.decryptMessage({
      jid: BOT,
      type: reply.type,
      ciphertext: reply.ciphertext,
    });
    expect(Buffer.from(atPhone).toString()).toBe("Silakan, ada yang bisa dibantu?");

    const second = await phoneSignal.encryptMessage({ jid: BOT, data: Buffer.from("lupa password") });
    expect(second.type).toBe("msg");
    const again = await restartedSignal.decryptMessage({
      jid: APPLICANT,
      type: second.type,
      ciphertext: second.ciphertext,
    });
    expect(Buffer.from(again).toString()).toBe("lupa password");
  });
});
