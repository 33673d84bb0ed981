import { expect, test } from "vitest";
import { typedFeedback } from "../../../bot/engine/ticket-feedback.ts";

const said = (text: string) => typedFeedback({ kind: "text", text }, "K7QM-2HXD-9RWA");

test("typed verdicts: numbers, the labels, and how applicants really answer", () => {
  for (const text of [
    "1",
    "Ya",
    "ya kak",
    "Sudah, terima kasih",
    "udah bisa min",
    "Alhamdulillah sudah bisa!",
    "sip",
  ]) {
    expect(said(text), text).toBe("selesai");
  }
  for (const text of ["2", "Masih bermasalah", "belum kak", "masih gagal", "Blm bisa min.", "tetap sama"]) {
    expect(said(text), text).toBe("masih");
  }
  // Anything longer is a message of its own, not a verdict.
  for (const text of [
    "3",
    "bagaimana cara reset password",
    "sudah saya coba tapi masih error di captcha",
    "",
  ]) {
    expect(said(text), text).toBeUndefined();
  }
});
