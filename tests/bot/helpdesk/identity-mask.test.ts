import { describe, expect, test } from "vitest";
import { adminMessages } from "../../../bot/helpdesk/admin.messages.ts";
import { maskIdentityNumber } from "../../../bot/helpdesk/identity-mask.ts";
import type { Ticket } from "../../../db/index.ts";

// 32 01 01 | 57 08 95 | 0001: Jawa Barat, Kabupaten Bogor, a district; born 17-08-1995 (female: day + 40).
const NIK = "3201015708950001";
const KK = "3201011201150003";

const ticket: Ticket = {
  number: "K7QM-2HXD-9RWA",
  category: "nik_kk_tidak_ditemukan",
  status: "Pertanyaan",
  channel: "telegram",
  chatId: "1",
  userId: "1",
  applicantName: "Siti Aminah",
  nik: NIK,
  kk: KK,
  answers: {
    nama: "Siti Aminah",
    nik: NIK,
    kk: KK,
    tempat_lahir: "Kabupaten Bogor",
    tanggal_lahir: "1995-08-17",
  },
  answerText: null,
  handledById: null,
  handledByName: null,
  createdAt: "2026-12-01T03:00:00.000Z",
  updatedAt: "2026-12-01T03:00:00.000Z",
  personalDataPurgedAt: null,
};

describe("NIK masking on the admin card", () => {
  test("the card leaves at least four NIK digits that neither the birth date nor the birth place give away", () => {
    const card = adminMessages.card(ticket);
    const shown = /NIK: (\S+)/.exec(card)?.[1];
    expect(shown).toHaveLength(16);
    // The card shows the birth date (NIK digits 7-12) and the birth place (province and regency, digits
    // 1-4, e.g. Kabupaten Bogor = 3201). What stays unknown is the district (5-6) and the serial (13-16).
    const derivable = new Set([0, 1, 2, 3, 6, 7, 8, 9, 10, 11]);
    const unknown = [...shown!].filter((ch, i) => ch === "*" && !derivable.has(i)).length;
    expect(unknown).toBeGreaterThanOrEqual(4); // at least 10,000 candidates
    expect(card).toContain("Tanggal lahir");
    expect(card).not.toContain(NIK);
    expect(card).not.toContain(KK);
  });

  test("NIK and KK are masked alike: province code and the last two digits", () => {
    expect(maskIdentityNumber(NIK)).toBe("32************01");
    expect(maskIdentityNumber(KK)).toBe("32************03");
    const card = adminMessages.card(ticket);
    expect(card).toContain("NIK: 32************01");
    expect(card).toContain("KK: 32************03");
  });

  test("short or odd values never leak", () => {
    expect(maskIdentityNumber("123")).toBe("****");
    expect(maskIdentityNumber("1234567")).toBe("*******");
  });
});
