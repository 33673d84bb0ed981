import {
  type AuthenticationCreds,
  type AuthenticationState,
  BufferJSON,
  initAuthCreds,
  makeCacheableSignalKeyStore,
  proto,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from "@whiskeysockets/baileys";
import type { Db } from "../../db/schema.ts";
import {
  clearWhatsAppAuth,
  loadWhatsAppCreds,
  readWhatsAppKeys,
  saveWhatsAppCreds,
  type WhatsAppKeyWrite,
  writeWhatsAppKeys,
} from "../../db/whatsapp-auth.repository.ts";

/** Baileys' logger interface (not exported by name from the package root). */
export type BaileysLogger = NonNullable<Parameters<typeof makeCacheableSignalKeyStore>[1]>;

/** Baileys' auth state kept in the project's database (its multi-file store is not meant for production). */
export interface DbAuthState {
  state: AuthenticationState;
  /** Stores the current creds; call on every `creds.update`. */
  saveCreds(): Promise<void>;
  /** Deletes creds and keys: the next socket starts a new pairing. */
  clear(): Promise<void>;
}

export const serialize = (value: unknown): string => JSON.stringify(value, BufferJSON.replacer);
export const deserialize = <T>(json: string): T => JSON.parse(json, BufferJSON.reviver) as T;

/** The raw key store over the database: reads per type, writes every change of one call in one transaction. */
export function createDbKeyStore(db: Db, session: string): SignalKeyStore {
  return {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const stored = await readWhatsAppKeys(db, session, type, ids);
      const result: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const [id, json] of stored) {
        const value = deserialize<SignalDataTypeMap[T]>(json);
        // Baileys expects a protobuf object here, not the plain object JSON gives back.
        result[id] =
          type === "app-state-sync-key"
            ? (proto.Message.AppStateSyncKeyData.fromObject(
                value as object,
              ) as unknown as SignalDataTypeMap[T])
            : value;
      }
      return result;
    },
    async set(data: SignalDataSet) {
      const writes: WhatsAppKeyWrite[] = [];
      for (const [type, values] of Object.entries(data)) {
        for (const [id, value] of Object.entries(values ?? {})) {
          writes.push({
            type,
            id,
            valueJson: value === null || value === undefined ? null : serialize(value),
          });
        }
      }
      await writeWhatsAppKeys(db, session, writes);
    },
    async clear() {
      await clearWhatsAppAuth(db, session);
    },
  };
}

/**
 * Loads (or creates) the session's creds and wraps the key store in Baileys' cache, which keeps
 * hot keys in memory and writes through to the database.
 */
export async function loadDbAuthState(db: Db, session: string, logger?: BaileysLogger): Promise<DbAuthState> {
  const stored = await loadWhatsAppCreds(db, session);
  const creds: AuthenticationCreds = stored === undefined ? initAuthCreds() : deserialize(stored);
  const keys = makeCacheableSignalKeyStore(createDbKeyStore(db, session), logger);
  return {
    state: { creds, keys },
    saveCreds: () => saveWhatsAppCreds(db, session, serialize(creds)),
    async clear() {
      await keys.clear?.();
      await clearWhatsAppAuth(db, session);
    },
  };
}
