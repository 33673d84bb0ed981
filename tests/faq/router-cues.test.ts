import { describe, expect, test } from "vitest";
import { firstNumberedItem, readCues } from "../../faq/router-cues.ts";

describe("firstNumberedItem", () => {
  test.each([
    ["1. lupa password 2. ganti email", "lupa password"],
    ["halo min.\n1) nik tidak ditemukan\n2) kk juga", "nik tidak ditemukan"],
    ["Pagi. 1. apa itu skb? 2. kapan skd?", "apa itu skb?"],
    ["Pertama, boleh daftar 2 formasi? Kedua, umur maksimal berapa?", "boleh daftar 2 formasi?"],
    ["pertama: ukuran foto berapa. kedua: kapan sanggah", "ukuran foto berapa."],
    ["first: can I apply twice? second: age limit?", "can I apply twice?"],
  ])("takes the first of numbered questions: %j", (text, first) => {
    expect(firstNumberedItem(text)).toBe(first);
  });

  test.each([
    "ukuran 1.5 mb boleh?",
    "1. lupa password",
    "umur saya 35 tahun",
    "2. kapan skd 3. kapan skb",
    "pertama kali daftar, akun kedua kalinya gagal",
  ])("finds none without at least two items from 1: %j", (text) => {
    expect(firstNumberedItem(text)).toBeUndefined();
  });
});

describe("readCues: follow-ups", () => {
  // The texts are already normalised here (the router normalises before reading cues).
  test.each([
    "sudah 3 hari menunggu jawaban soal reset password",
    "sudah seminggu nunggu balasan helpdesk",
    "saya sudah isi formulir lupa nomor thk2 kapan dihubungi",
  ])("having waited for an answer is a follow-up: %j", (text) => {
    expect(readCues(text, text).followUp).toBe(true);
  });

  test.each(["berapa lama menunggu jawaban sanggah", "menunggu jawaban pengaman itu apa"])(
    "waiting spoken of in general is no follow-up: %j",
    (text) => {
      expect(readCues(text, text).followUp).toBe(false);
    },
  );
});

describe("readCues: personal problem or question", () => {
  test("a plea particle makes a pronoun-less message the applicant's own case", () => {
    const pleading = readCues("pw lupa gmn dong", "password lupa bagaimana");
    const asking = readCues("pw lupa gmn", "password lupa bagaimana");
    expect(pleading.problem).toBeGreaterThanOrEqual(pleading.question);
    expect(asking.question).toBeGreaterThan(asking.problem);
  });
});
