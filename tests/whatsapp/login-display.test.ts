import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { terminalLoginDisplay } from "../../bot/whatsapp/login-display.ts";

function capture() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  return { stream, text: () => chunks.join("") };
}

describe("terminal login display", () => {
  it("prints the instructions and the QR code drawn in block characters", () => {
    const out = capture();
    terminalLoginDisplay(out.stream).qr("2@ref,noise,identity,adv");
    expect(out.text()).toMatch(/^Tautkan WhatsApp helpdesk: .*pindai kode QR ini\.\n/);
    expect(out.text()).toMatch(/[█▀▄]{5,}/);
  });

  it("prints a pairing code in two groups of four with where to type it", () => {
    const out = capture();
    terminalLoginDisplay(out.stream).pairingCode("ABCD1234");
    expect(out.text()).toContain("Kode pairing WhatsApp: ABCD-1234");
    expect(out.text()).toContain("Tautkan dengan nomor telepon");
  });
});
