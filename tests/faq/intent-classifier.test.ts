import { describe, expect, test } from "vitest";
import { trainIntentClassifier } from "../../faq/intent-classifier.ts";

const classifier = trainIntentClassifier([
  { key: "reset", text: "lupa password akun" },
  { key: "reset", text: "reset password tidak bisa login" },
  { key: "dapodik", text: "data dapodik tidak terbaca" },
  { key: "dapodik", text: "guru honorer dapodik belum valid" },
  { key: "jadwal", text: "jadwal tes skd kapan" },
]);

describe("trainIntentClassifier", () => {
  test("gives a probability per key that sums to 1, the key whose words the message shares first", () => {
    const probabilities = classifier.probabilities("password saya lupa");
    expect([...probabilities.keys()].sort()).toEqual(["dapodik", "jadwal", "reset"]);
    const total = [...probabilities.values()].reduce((sum, p) => sum + p, 0);
    expect(total).toBeCloseTo(1, 10);
    expect(probabilities.get("reset")).toBeGreaterThan(0.6);
  });

  test("letter groups carry a misspelling no word matches", () => {
    const probabilities = classifier.probabilities("dapodiknya");
    expect(probabilities.get("dapodik")).toBeGreaterThan(probabilities.get("reset")!);
    expect(probabilities.get("dapodik")).toBeGreaterThan(probabilities.get("jadwal")!);
  });

  test("a message with nothing the training saw gets no probabilities at all", () => {
    expect(classifier.probabilities("qqq zzz").size).toBe(0);
    expect(classifier.probabilities("").size).toBe(0);
  });
});
