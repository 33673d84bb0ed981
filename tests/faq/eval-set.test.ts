import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  EVAL_FLOORS,
  EVAL_THRESHOLDS,
  evaluateRouter,
  intentOfLabel,
  parseEvalSet,
} from "../../faq/evaluation.ts";
import { formatEvalReport } from "../../faq/evaluation-report.ts";
import { loadFaqData } from "../../faq/faq-data.ts";
import { createMessageRouter } from "../../faq/message-router.ts";

const data = loadFaqData();
const { categoryIds } = data;
const cases = parseEvalSet(JSON.parse(readFileSync(new URL("./eval-set.json", import.meta.url), "utf8")));

describe("evaluation set (tests/faq/eval-set.json)", () => {
  test("has 300+ messages labelled with a category, a FAQ entry or unknown, covering all of them", () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const faqIds = new Set(data.faq.map((entry) => entry.id));
    for (const item of cases) {
      for (const label of [item.label, ...(item.alt ?? [])]) {
        const known = label === "unknown" || categoryIds.includes(label) || faqIds.has(label);
        expect(known, `${label}: ${item.text}`).toBe(true);
      }
    }
    for (const id of categoryIds)
      expect(cases.filter((c) => c.label === id).length, id).toBeGreaterThanOrEqual(10);
    expect(cases.filter((c) => c.label === "unknown").length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.label).filter((l) => faqIds.has(l))).size).toBeGreaterThanOrEqual(50);
    expect(new Set(cases.map((c) => c.text)).size).toBe(cases.length);
  });

  test("no message is copied from the FAQ data the router is built from", () => {
    const source = new Set(
      [
        ...data.faq.flatMap((entry) => [entry.question, ...entry.phrasings]),
        ...Object.values(data.intents).flatMap((intent) => intent.examples),
        ...data.outOfScope,
      ].map((text) => text.toLowerCase().trim()),
    );
    expect(cases.filter((c) => source.has(c.text.toLowerCase().trim())).map((c) => c.text)).toEqual([]);
  });

  test(`routing keeps intent top-1 >= ${EVAL_THRESHOLDS.intentTop1}, FAQ top-3 >= ${EVAL_THRESHOLDS.faqTop3} and strict top-1 >= ${EVAL_FLOORS.own.strictTop1}`, () => {
    const report = evaluateRouter(createMessageRouter(data), cases, data);
    // The full report (confusion table, misses) is what `npm run eval` prints; shown here when failing.
    const summary = formatEvalReport(report, "tests/faq/eval-set.json", { targets: "own", misses: true });
    expect(report.intentTop1, summary).toBeGreaterThanOrEqual(EVAL_THRESHOLDS.intentTop1);
    expect(report.faqTop3, summary).toBeGreaterThanOrEqual(EVAL_THRESHOLDS.faqTop3);
    expect(report.strictTop1, summary).toBeGreaterThanOrEqual(EVAL_FLOORS.own.strictTop1);
  });

  test("the report counts hits, confusion and misses consistently", () => {
    const report = evaluateRouter(createMessageRouter(data), cases, data);
    let confusionTotal = 0;
    for (const row of report.confusion.values()) for (const count of row.values()) confusionTotal += count;
    expect(confusionTotal).toBe(cases.length);
    const diagonal = [...report.confusion].reduce((sum, [intent, row]) => sum + (row.get(intent) ?? 0), 0);
    expect(diagonal / cases.length).toBeCloseTo(report.intentTop1, 10);
    expect(report.misses.filter((miss) => miss.kind === "intent")).toHaveLength(cases.length - diagonal);
    expect(report.misses).toHaveLength(cases.length - Math.round(report.strictTop1 * cases.length));
    const byLabel = [...report.byLabel.values()];
    expect(byLabel.reduce((sum, tally) => sum + tally.total, 0)).toBe(cases.length);
    for (const tally of byLabel) {
      expect(tally.oneStep).toBeGreaterThanOrEqual(tally.strict);
      expect(tally.strict + tally.clarified).toBeLessThanOrEqual(tally.total);
    }
    expect(report.intentTop3).toBeGreaterThanOrEqual(report.intentTop1);
    expect(report.faqTop3).toBeGreaterThanOrEqual(report.faqTop1);
    expect(intentOfLabel("lupa-password", categoryIds)).toBe("faq");
    expect(intentOfLabel("reset_password", categoryIds)).toBe("reset_password");
    expect(intentOfLabel("unknown", categoryIds)).toBe("unknown");
    expect(report.intents).toEqual([...categoryIds, "faq", "unknown"]);
  });
});
