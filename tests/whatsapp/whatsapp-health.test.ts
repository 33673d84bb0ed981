import { expect, test } from "vitest";
import { whatsappHealth } from "../../bot/whatsapp/whatsapp-health.ts";

test("WhatsApp is healthy when its socket is open or another instance holds it, not while (re)connecting", () => {
  expect(whatsappHealth("open")).toMatchObject({ connected: true, state: "open" });
  expect(whatsappHealth("standby")).toMatchObject({
    connected: true,
    detail: expect.stringMatching(/^standby/),
  });
  for (const status of ["connecting", "waiting", "idle", "stopped"]) {
    expect(whatsappHealth(status)).toEqual({
      connected: false,
      detail: `connection ${status}`,
      state: status,
    });
  }
});
