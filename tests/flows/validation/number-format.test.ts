import { describe, expect, it } from "vitest";
import { formatBytes, formatNumberId } from "../../../flows/validation/number-format.ts";

describe("formatNumberId", () => {
  it.each([
    [0, 0, "0"],
    [500, 0, "500"],
    [10_000, 0, "10.000"],
    [1_234_567, 0, "1.234.567"],
    [3.1, 1, "3,1"],
    [3, 1, "3"],
  ])("formats %d with %d decimals as %s", (value, digits, text) => {
    expect(formatNumberId(value, digits)).toBe(text);
  });
});

describe("formatBytes", () => {
  it.each([
    [512, "512 byte"],
    [200 * 1024, "200 KB"],
    [200 * 1024 + 1, "200 KB"],
    [1536, "1,5 KB"],
    [3 * 1024 * 1024, "3 MB"],
    [Math.round(3.1 * 1024 * 1024), "3,1 MB"],
    [Math.round(3.14 * 1024 * 1024), "3,1 MB"],
  ])("formats %d bytes as %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it("can round up so a size just over a limit never reads as the limit", () => {
    expect(formatBytes(200 * 1024 + 1, "up")).toBe("200,1 KB");
    expect(formatBytes(200 * 1024, "up")).toBe("200 KB");
    expect(formatBytes(3 * 1024 * 1024 + 1, "up")).toBe("3,1 MB");
  });
});
