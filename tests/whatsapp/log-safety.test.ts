import { afterEach, describe, expect, test } from "vitest";
import { capturedLogger, leaksIn, SECRET } from "../support/log-capture.ts";
import { APPLICANT, type Harness, startHarness, ticketNumberIn } from "./whatsapp-harness.ts";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("WhatsApp logs", () => {
  test("a full reset-password form at debug level leaves no NIK, KK, security answer or phone number", async () => {
    const capture = capturedLogger();
    harness = await startHarness({ logger: capture.logger });
    const answers = [
      "menu",
      "4",
      "Siti Rahmawati",
      SECRET.nik,
      SECRET.kk,
      "Kabupaten Bogor",
      "17 Agustus 1995",
      "ya",
      SECRET.securityQuestion,
      SECRET.securityAnswer,
    ];
    for (const answer of answers) expect(await harness.say(answer)).not.toHaveLength(0);
    const number = ticketNumberIn(await harness.say("1"));
    expect(number).toBeDefined();
    expect(capture.lines.length).toBeGreaterThan(5);
    expect(leaksIn(capture.text())).toEqual([]);
    // The applicant's phone number is personal data too.
    expect(capture.text()).not.toContain(APPLICANT.split("@")[0]);
  });
});
