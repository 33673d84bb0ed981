import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { CATEGORY_IDS, loadFaqData } from "../../faq/faq-data.ts";
import { createMessageRouter, type RouteIntent } from "../../faq/message-router.ts";

interface LabelledMessage {
  text: string;
  intent: RouteIntent;
  faq?: string;
}

const data = loadFaqData();
const router = createMessageRouter(data);
const labelled: LabelledMessage[] = JSON.parse(
  readFileSync(new URL("./labelled-messages.json", import.meta.url), "utf8"),
);

describe("createMessageRouter", () => {
  test.each([
    ["NIK saya dipakai orang lain", "nik_dipakai_orang_lain"],
    ["sy lupa pw akun sscasn", "reset_password"],
    ["mau cek status tiket ABCD", "cek_status"],
  ])("a personal problem goes to its form: %s", (text, intent) => {
    expect(router.route(text).intent).toBe(intent);
  });

  test("a question goes to the FAQ with the best matches first", () => {
    const howToReset = router.route("gmn cara reset pw?");
    expect(howToReset.intent).toBe("faq");
    expect(howToReset.faq[0]?.id).toBe("lupa-password");
    const photoSize = router.route("berapa ukuran foto ktp");
    expect(photoSize.intent).toBe("faq");
    expect(photoSize.faq[0]?.id).toBe("ukuran-format-dokumen");
    expect(photoSize.faq.length).toBeLessThanOrEqual(3);
  });

  test("the same problem asked hypothetically is a question, told personally is a form", () => {
    expect(router.route("kalau nik sudah terdaftar orang lain gimana?").intent).toBe("faq");
    expect(router.route("nik saya sudah terdaftar orang lain, gimana?").intent).toBe(
      "nik_dipakai_orang_lain",
    );
  });

  test.each(["halo", "makasih min", "selamat pagi kak", "asdfghjkl", "resep rendang apa ya", ""])(
    "nothing on topic is unknown: %j",
    (text) => {
      expect(router.route(text).intent).toBe("unknown");
    },
  );

  test("reports the category score when a category matched", () => {
    const route = router.route("lupa password");
    expect(route.categoryScore).toBeGreaterThan(0.5);
    expect(route.categoryScore).toBeLessThanOrEqual(1);
  });
});

describe("labelled applicant messages", () => {
  test("the set is large and spread over every category, many FAQ topics and unknowns", () => {
    expect(labelled.length).toBeGreaterThanOrEqual(120);
    for (const id of CATEGORY_IDS) {
      expect(labelled.filter((message) => message.intent === id).length, id).toBeGreaterThanOrEqual(5);
    }
    expect(new Set(labelled.flatMap((message) => message.faq ?? [])).size).toBeGreaterThanOrEqual(40);
    expect(labelled.filter((message) => message.intent === "unknown").length).toBeGreaterThanOrEqual(10);
    const faqIds = new Set(data.faq.map((entry) => entry.id));
    for (const message of labelled) if (message.faq) expect(faqIds.has(message.faq), message.faq).toBe(true);
  });

  test("intent top-1 and FAQ top-3 accuracy are at least 85%", () => {
    let intentHits = 0;
    let faqHits = 0;
    let faqTotal = 0;
    const misses: string[] = [];
    for (const message of labelled) {
      const route = router.route(message.text);
      if (route.intent === message.intent) intentHits++;
      else misses.push(`intent ${message.intent} -> ${route.intent}: ${message.text}`);
      if (message.faq) {
        faqTotal++;
        if (route.faq.some((match) => match.id === message.faq)) faqHits++;
        else misses.push(`faq ${message.faq} not in top 3: ${message.text}`);
      }
    }
    const intentAccuracy = intentHits / labelled.length;
    const faqAccuracy = faqHits / faqTotal;
    console.log(
      `router on ${labelled.length} labelled messages: intent top-1 ${(intentAccuracy * 100).toFixed(1)}%, ` +
        `FAQ top-3 ${(faqAccuracy * 100).toFixed(1)}% (${faqTotal} FAQ questions)`,
    );
    if (misses.length > 0) console.log(misses.join("\n"));
    expect(intentAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(faqAccuracy).toBeGreaterThanOrEqual(0.85);
  });
});
