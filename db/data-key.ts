import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, existsSync, openSync, readFileSync, writeSync } from "node:fs";
import { DATA_KEY_BYTES, DataCipher, DataKeyError, parseDataKey } from "./data-cipher.ts";

/** Where the data key comes from; see DATA_KEY, DATA_KEY_FILE and DATA_KEY_PREVIOUS in .env.example. */
export interface DataKeySettings {
  /** The current key (DATA_KEY). */
  key?: Buffer;
  /** A file holding the current key (DATA_KEY_FILE); it must exist. */
  keyFile?: string;
  /** Keys being rotated out: still decrypt, never encrypt (DATA_KEY_PREVIOUS). */
  previousKeys?: readonly Buffer[];
}

export interface LoadedDataKey {
  cipher: DataCipher;
  /** Set when no key was configured and a new key file was created beside the database. */
  createdKeyFile?: string;
}

/** The default key file of a database file: beside it, same name plus ".key". */
export function defaultKeyFile(databasePath: string): string {
  return `${databasePath}.key`;
}

/**
 * Resolves the data key of a database: DATA_KEY, else DATA_KEY_FILE, else (for a file database) the key
 * file beside it, created (mode 0600) when missing. An in-memory database without settings gets a random key.
 */
export function loadDataKey(databasePath: string | undefined, settings: DataKeySettings = {}): LoadedDataKey {
  const previous = settings.previousKeys ?? [];
  if (settings.key) return { cipher: new DataCipher(settings.key, previous) };
  if (settings.keyFile) return { cipher: new DataCipher(readKeyFile(settings.keyFile), previous) };
  if (databasePath === undefined) return { cipher: new DataCipher(randomBytes(DATA_KEY_BYTES), previous) };

  const file = defaultKeyFile(databasePath);
  if (existsSync(file)) return { cipher: new DataCipher(readKeyFile(file), previous) };
  const key = randomBytes(DATA_KEY_BYTES);
  writeKeyFile(file, key);
  return { cipher: new DataCipher(key, previous), createdKeyFile: file };
}

function readKeyFile(file: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new DataKeyError(`cannot read the data key file ${file} (${reason})`);
  }
  // A key file copied in with a loose mode is tightened rather than left readable by others.
  chmodSync(file, 0o600);
  try {
    return parseDataKey(text);
  } catch (error) {
    throw new DataKeyError(`data key file ${file}: ${(error as Error).message}`);
  }
}

function writeKeyFile(file: string, key: Buffer): void {
  // "wx": never overwrite a key that appeared meanwhile; 0o600 from the first byte, not chmod after.
  const fd = openSync(file, "wx", 0o600);
  try {
    writeSync(fd, `${key.toString("base64")}\n`);
  } finally {
    closeSync(fd);
  }
}
