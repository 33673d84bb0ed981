import { describe, expect, it } from "vitest";
import { PROVINCES, provinceName } from "../../../flows/validation/provinces.ts";

describe("PROVINCES", () => {
  it("holds the 38 Kemendagri codes from 11 to 96", () => {
    const codes = Object.keys(PROVINCES).map(Number);
    expect(codes).toHaveLength(38);
    expect(Math.min(...codes)).toBe(11);
    expect(Math.max(...codes)).toBe(96);
  });

  it("uses Kemendagri numbering (91 = Papua, 92 = Papua Barat) and includes the 2022 Papua provinces", () => {
    expect(provinceName("91")).toBe("Papua");
    expect(provinceName("92")).toBe("Papua Barat");
    expect(provinceName("93")).toBe("Papua Selatan");
    expect(provinceName("94")).toBe("Papua Tengah");
    expect(provinceName("95")).toBe("Papua Pegunungan");
    expect(provinceName("96")).toBe("Papua Barat Daya");
    expect(provinceName("65")).toBe("Kalimantan Utara");
    expect(provinceName("11")).toBe("Aceh");
  });

  it.each(["10", "20", "22", "37", "50", "54", "66", "77", "83", "90", "97", "99", "00", "toString", ""])(
    "knows no province %s",
    (code) => {
      expect(provinceName(code)).toBeUndefined();
    },
  );
});
