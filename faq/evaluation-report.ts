import { EVAL_THRESHOLDS, type EvalMiss, type EvalReport } from "./evaluation.ts";

/** Plain-text report for the terminal: accuracies, a confusion table of intents, then every miss. */
export function formatEvalReport(report: EvalReport, setName: string): string {
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
  const lines = [
    `Evaluation set: ${setName} (${report.total} messages, ${report.faqTotal} labelled with a FAQ entry)`,
    "",
    `Intent  top-1 ${pct(report.intentTop1)}  top-3 ${pct(report.intentTop3)}   (required top-1 >= ${pct(EVAL_THRESHOLDS.intentTop1)})`,
    `FAQ     top-1 ${pct(report.faqTop1)}  top-3 ${pct(report.faqTop3)}   (required top-3 >= ${pct(EVAL_THRESHOLDS.faqTop3)})`,
    `Clarifying question asked for ${pct(report.clarifyRate)} of messages`,
    "",
    "Confusion (rows: expected, columns: routed)",
    ...confusionTable(report),
    "",
    `Misses (${report.misses.length})`,
    ...report.misses.map(describeMiss),
  ];
  return lines.join("\n");
}

function confusionTable(report: EvalReport): string[] {
  const rows = report.intents;
  const columns = rows.filter((column) =>
    [...report.confusion.values()].some((row) => (row.get(column) ?? 0) > 0),
  );
  const width = Math.max(...rows.map((row) => row.length));
  const header = `${"".padEnd(width)} | ${columns.map((_, i) => `c${i + 1}`.padStart(4)).join(" ")}`;
  const body = rows
    .filter((row) => report.confusion.has(row))
    .map((row) => {
      const counts = report.confusion.get(row)!;
      return `${row.padEnd(width)} | ${columns.map((column) => String(counts.get(column) ?? 0).padStart(4)).join(" ")}`;
    });
  const legend = columns.map((column, i) => `c${i + 1}=${column}`).join("  ");
  return [header, "-".repeat(header.length), ...body, legend];
}

function describeMiss(miss: EvalMiss): string {
  const got = miss.kind === "intent" ? `routed ${miss.intent}` : "FAQ not in top 3";
  const clarify = miss.clarify ? ` clarify=[${miss.clarify.join(", ")}]` : "";
  return `- [${miss.expected}] ${got}; faq=[${miss.faq.join(", ")}]${clarify}: ${miss.text}`;
}
