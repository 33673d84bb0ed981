import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  randomFillSync,
} from "node:crypto";

// Personal data (NIK, KK, form answers, drafts, attachment bytes) is stored encrypted with AES-256-GCM.
// Every ciphertext names the key it was made with (one key-id byte), so a new key can take over while old
// rows are still readable with the previous one, and the start-up pass re-encrypts them (key rotation).
//
// Text columns:  "enc1.<key id, 2 hex>:" + base64(iv | ciphertext | tag)
// Blob columns:  "ENC1" | key id | iv | ciphertext | tag   (also the per-message conversation snapshot)
// Legacy rows written before encryption carry neither prefix (a NIK is digits, JSON starts with "{", a file
// with its JPG/PDF signature), which is how the start-up pass finds them.

export const DATA_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const TEXT_PREFIX = "enc1.";
const BLOB_MAGIC = Buffer.from("ENC1", "latin1");

// Random IVs drawn from a pool refilled 512 at a time: one call to the system's generator per 512 values
// instead of one per message (the per-call cost dominated encryption on the per-message path).
const IV_POOL = Buffer.alloc(IV_BYTES * 512);
let ivOffset = IV_POOL.length;

function nextIv(): Buffer {
  if (ivOffset >= IV_POOL.length) {
    randomFillSync(IV_POOL);
    ivOffset = 0;
  }
  // Copied out: the pool is overwritten on refill.
  const iv = Buffer.from(IV_POOL.subarray(ivOffset, ivOffset + IV_BYTES));
  ivOffset += IV_BYTES;
  return iv;
}

export class DataKeyError extends Error {
  override name = "DataKeyError";
}

interface DerivedKey {
  id: number;
  encryption: Buffer;
  lookup: Buffer;
}

function derive(master: Buffer): DerivedKey {
  if (master.length !== DATA_KEY_BYTES) {
    throw new DataKeyError(`a data key must be ${DATA_KEY_BYTES} bytes, got ${master.length}`);
  }
  // Separate keys per purpose (HKDF), so the lookup hash never reuses the encryption key.
  const sub = (info: string, length: number) =>
    Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `asn-helpdesk/${info}`, length));
  return {
    id: sub("key-id", 1)[0]!,
    encryption: sub("aes-256-gcm/v1", DATA_KEY_BYTES),
    lookup: sub("nik-lookup/v1", DATA_KEY_BYTES),
  };
}

/**
 * The configured keys, derived once: the current one encrypts, any listed previous one still decrypts.
 * `context` (table, column and row) is bound to each ciphertext as associated data, so a value copied into
 * another row or column does not decrypt there.
 */
export class DataCipher {
  readonly #current: DerivedKey;
  readonly #byId = new Map<number, DerivedKey>();

  constructor(currentKey: Buffer, previousKeys: readonly Buffer[] = []) {
    this.#current = derive(currentKey);
    this.#byId.set(this.#current.id, this.#current);
    for (const key of previousKeys) {
      const derived = derive(key);
      if (derived.encryption.equals(this.#current.encryption)) continue;
      if (this.#byId.has(derived.id)) {
        throw new DataKeyError(
          "two configured data keys share a key id; generate another new key (openssl rand -base64 32)",
        );
      }
      this.#byId.set(derived.id, derived);
    }
  }

  /** A random key for databases that live only in memory (tests, one-off tools). */
  static ephemeral(): DataCipher {
    return new DataCipher(randomBytes(DATA_KEY_BYTES));
  }

  get keyId(): number {
    return this.#current.id;
  }

  /** The prefix every text encrypted with the current key starts with. */
  get currentTextPrefix(): string {
    return textPrefix(this.#current.id);
  }

  /** The first bytes of every blob encrypted with the current key. */
  get currentBlobPrefix(): Buffer {
    return Buffer.concat([BLOB_MAGIC, Buffer.of(this.#current.id)]);
  }

  encryptText(plain: string, context: string): string {
    return this.currentTextPrefix + this.#seal(Buffer.from(plain, "utf8"), context).toString("base64");
  }

  decryptText(stored: string, context: string): string {
    if (!isEncryptedText(stored)) throw new DataKeyError(`${context}: value is not encrypted`);
    const id = Number.parseInt(stored.slice(TEXT_PREFIX.length, TEXT_PREFIX.length + 2), 16);
    const sealed = Buffer.from(stored.slice(TEXT_PREFIX.length + 3), "base64");
    return this.#open(id, sealed, context).toString("utf8");
  }

  encryptBytes(plain: Uint8Array, context: string): Buffer {
    return Buffer.concat([this.currentBlobPrefix, this.#seal(plain, context)]);
  }

  decryptBytes(stored: Uint8Array, context: string): Buffer {
    const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
    if (!isEncryptedBytes(bytes)) throw new DataKeyError(`${context}: value is not encrypted`);
    return this.#open(bytes[BLOB_MAGIC.length]!, bytes.subarray(BLOB_MAGIC.length + 1), context);
  }

  /** Text as stored: "" stays "" (nothing to hide, and purged rows keep it), anything else is encrypted. */
  sealText(plain: string, context: string): string {
    return plain === "" ? "" : this.encryptText(plain, context);
  }

  /** The inverse of sealText; a legacy clear value (not yet migrated) is returned as it is. */
  openText(stored: string, context: string): string {
    return isEncryptedText(stored) ? this.decryptText(stored, context) : stored;
  }

  openBytes(stored: Uint8Array, context: string): Buffer {
    return isEncryptedBytes(stored) ? this.decryptBytes(stored, context) : Buffer.from(stored);
  }

  /** JSON stored as an encrypted blob (no base64: this runs on every message). */
  sealJson(value: unknown, context: string): Buffer {
    return this.encryptBytes(Buffer.from(JSON.stringify(value), "utf8"), context);
  }

  /**
   * The inverse of sealJson; legacy clear JSON text (not yet migrated) is parsed as it is, and so is text
   * that arrived as bytes (a PostgreSQL bytea column holds whatever SQLite had kept as text).
   */
  openJson(stored: string | Uint8Array, context: string): unknown {
    const text =
      typeof stored !== "string" && isEncryptedBytes(stored)
        ? this.decryptBytes(stored, context).toString("utf8")
        : this.openText(typeof stored === "string" ? stored : Buffer.from(stored).toString("utf8"), context);
    return JSON.parse(text);
  }

  /** Keyed hash for equality lookups on a NIK without storing it in clear (hex HMAC-SHA256). */
  lookupHash(value: string): string {
    return createHmac("sha256", this.#current.lookup).update(value, "utf8").digest("hex");
  }

  /** Whether a key id is one this cipher can decrypt. */
  knowsKeyId(id: number): boolean {
    return this.#byId.has(id);
  }

  #seal(plain: Uint8Array, context: string): Buffer {
    const iv = nextIv();
    const cipher = createCipheriv("aes-256-gcm", this.#current.encryption, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    // GCM output is as long as the input, and final() adds nothing.
    const body = cipher.update(plain);
    cipher.final();
    return Buffer.concat([iv, body, cipher.getAuthTag()]);
  }

  #open(id: number, sealed: Buffer, context: string): Buffer {
    const key = this.#byId.get(id);
    if (!key) {
      throw new DataKeyError(
        `${context}: encrypted with data key id ${hex(id)}, which is not configured (set it as DATA_KEY or DATA_KEY_PREVIOUS)`,
      );
    }
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new DataKeyError(`${context}: ciphertext is truncated`);
    const decipher = createDecipheriv("aes-256-gcm", key.encryption, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new DataKeyError(`${context}: ciphertext does not authenticate (wrong key or altered data)`);
    }
  }
}

function hex(id: number): string {
  return id.toString(16).padStart(2, "0");
}

function textPrefix(id: number): string {
  return `${TEXT_PREFIX}${hex(id)}:`;
}

export function isEncryptedText(value: string): boolean {
  return value.startsWith(TEXT_PREFIX) && value.charAt(TEXT_PREFIX.length + 2) === ":";
}

export function isEncryptedBytes(value: Uint8Array): boolean {
  return (
    value.length > BLOB_MAGIC.length && Buffer.from(value.subarray(0, BLOB_MAGIC.length)).equals(BLOB_MAGIC)
  );
}

/** The key id of a stored text or blob, or undefined for a legacy clear value. */
export function storedKeyId(value: string | Uint8Array | null): number | undefined {
  if (value === null) return undefined;
  if (typeof value === "string") {
    return isEncryptedText(value)
      ? Number.parseInt(value.slice(TEXT_PREFIX.length, TEXT_PREFIX.length + 2), 16)
      : undefined;
  }
  return isEncryptedBytes(value) ? value[BLOB_MAGIC.length] : undefined;
}

/**
 * Parses a data key as given in settings or a key file: 32 bytes in base64 (44 characters, from
 * `openssl rand -base64 32`) or hex (64 characters). Throws DataKeyError otherwise.
 */
export function parseDataKey(text: string): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/]{43}=$/.test(value)) return Buffer.from(value, "base64");
  throw new DataKeyError(
    "a data key must be 32 random bytes as base64 (openssl rand -base64 32) or 64 hex digits",
  );
}
