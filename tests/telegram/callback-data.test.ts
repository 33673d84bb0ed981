import { describe, expect, test } from "vitest";
import {
  createChoiceCodec,
  decodeAdminAction,
  encodeAdminAction,
  MAX_CALLBACK_DATA_BYTES,
} from "../../bot/telegram/callback-data.ts";

describe("choice values as callback data", () => {
  test("a value that fits is sent as it is", () => {
    const codec = createChoiceCodec();
    expect(codec.encode("kategori:cek_dapodik")).toBe("kategori:cek_dapodik");
    expect(codec.decode("kategori:cek_dapodik")).toEqual({ kind: "value", value: "kategori:cek_dapodik" });
  });

  test("a value over 64 bytes (counting multi-byte letters) gets a short stand-in that decodes back", () => {
    const codec = createChoiceCodec();
    const long = `pilihan:${"é".repeat(30)}`; // 68 bytes, 38 characters
    const data = codec.encode(long);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(MAX_CALLBACK_DATA_BYTES);
    expect(data).not.toBe(long);
    expect(codec.encode(long)).toBe(data);
    expect(codec.decode(data)).toEqual({ kind: "value", value: long });
  });

  test("a stand-in from another process (before a restart) is reported as unknown", () => {
    const other = createChoiceCodec();
    const data = other.encode("x".repeat(100));
    expect(createChoiceCodec().decode(data)).toEqual({ kind: "unknown" });
  });

  test("a value that looks like a stand-in is not confused with one", () => {
    const codec = createChoiceCodec();
    const data = codec.encode("~#abc");
    expect(data).not.toBe("~#abc");
    expect(codec.decode(data)).toEqual({ kind: "value", value: "~#abc" });
  });
});

describe("admin card buttons", () => {
  test("round-trip and reject anything else", () => {
    for (const action of ["accept", "process", "answer"] as const) {
      expect(decodeAdminAction(encodeAdminAction(action, "K7QM-2HXD-9RWA"))).toEqual({
        action,
        ticketNumber: "K7QM-2HXD-9RWA",
      });
    }
    expect(decodeAdminAction("kategori:cek_dapodik")).toBeUndefined();
    expect(decodeAdminAction("adm:x:K7QM-2HXD-9RWA")).toBeUndefined();
    expect(decodeAdminAction("adm:a:")).toBeUndefined();
  });
});
