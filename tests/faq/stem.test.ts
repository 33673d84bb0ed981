import { describe, expect, test } from "vitest";
import { stem } from "../../faq/stem.ts";

describe("stem", () => {
  test("different affixed forms of one root meet", () => {
    expect(new Set(["ditemukan", "menemukan", "temukan", "temu"].map(stem))).toEqual(new Set(["temu"]));
    expect(new Set(["mendaftar", "terdaftar", "pendaftaran", "didaftarkan", "daftar"].map(stem))).toEqual(
      new Set(["daftar"]),
    );
    expect(new Set(["pengaduan", "mengadu", "aduan"].map(stem))).toEqual(new Set(["adu"]));
    expect(new Set(["dipakai", "memakai", "terpakai", "pakai"].map(stem))).toEqual(new Set(["pakai"]));
  });

  test("strips the Jakarta nasal prefixes nge- and ng-", () => {
    expect(stem("ngecek")).toBe("cek");
    expect(stem("ngadu")).toBe("adu");
  });

  test("strips particles and possessives", () => {
    expect(stem("caranya")).toBe("cara");
    expect(stem("bisakah")).toBe("bisa");
  });

  test("leaves short words, codes and listed exceptions alone", () => {
    expect(stem("nik")).toBe("nik");
    expect(stem("thk2")).toBe("thk2");
    expect(stem("perguruan")).toBe("perguruan");
    expect(stem("menikah")).toBe("nikah");
  });
});
