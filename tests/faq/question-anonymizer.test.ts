import { describe, expect, test } from "vitest";
import { loadFaqData } from "../../faq/faq-data.ts";
import { normalizeMessage } from "../../faq/normalize.ts";
import { anonymizeQuestion } from "../../faq/question-anonymizer.ts";

const { slang } = loadFaqData();
const anonymize = (text: string) => anonymizeQuestion(text, (t) => normalizeMessage(t, slang));

describe("anonymizeQuestion", () => {
  test("masks NIK, KK and phone numbers however they are written", () => {
    expect(anonymize("NIK saya 3201015708950001 tidak ditemukan")).toBe("nik saya # tidak ditemukan");
    expect(anonymize("kk 3201 0112 0115 0003 gak valid")).toBe("kk # tidak valid");
    expect(anonymize("wa sy 0812-3456-7890")).toBe("whatsapp saya #");
    expect(anonymize("nik3201015708950001")).toBe("nik #");
  });

  test("masks e-mail addresses and ticket-like codes", () => {
    const text = anonymize("email siti.aminah@example.com, tiket K7QM-2HXD-9RWA");
    expect(text).not.toContain("siti");
    expect(text).not.toMatch(/k7qm|2hxd/);
    expect(text).toContain("email");
  });

  test("keeps short numbers and the wording, normalised", () => {
    expect(anonymize("Umur 36 masih bisa daftar CPNS 2024??")).toBe("umur 36 masih bisa daftar cpns 2024");
    expect(anonymize("lupa jwbn pengaman 2")).toBe("lupa jawaban pengaman 2");
  });

  test("never keeps a run of 8 or more digits", () => {
    for (const text of ["no hp 081234567890", "3201 2345 6789 0001", "nip 199001012020121001"]) {
      expect(anonymize(text)).not.toMatch(/\d{8,}|(\d+ ){2,}\d+/);
    }
  });

  test("masks e-mails and codes found word by word, however they are glued", () => {
    expect(anonymize("kirim ke budi@mail.co.id.")).toBe("kirim ke email");
    expect(anonymize("no-K7QM-2HXD-9RWA-x")).not.toMatch(/k7qm|2hxd|9rwa/);
    expect(anonymize("a@")).not.toContain("email");
  });
});
