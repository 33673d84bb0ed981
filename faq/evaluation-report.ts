import {
  BLIND_TARGETS,
  EVAL_THRESHOLDS,
  type EvalMiss,
  type EvalReport,
  type EvalTally,
} from "./evaluation.ts";

export interface ReportOptions {
  /** Which targets the set is held to: the project's own set or the blind set. */
  targets: "own" | "blind";
  /** List every miss. Off for the blind set: it is for measuring, never for patching message by message. */
  misses: boolean;
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Plain-text report for the terminal: accuracies, tallies per label and class, confusion, misses. */
export function formatEvalReport(report: EvalReport, setName: string, options: ReportOptions): string {
  const targets =
    options.targets === "blind"
      ? `required strict >= ${pct(BLIND_TARGETS.strictTop1)}, clarify <= ${pct(BLIND_TARGETS.maxClarifyRate)}`
      : `required strict >= ${pct(EVAL_THRESHOLDS.strictTop1)}, intent top-1 >= ${pct(EVAL_THRESHOLDS.intentTop1)}, FAQ top-3 >= ${pct(EVAL_THRESHOLDS.faqTop3)}`;
  const lines = [
    `Evaluation set: ${setName} (${report.total} messages, ${report.faqTotal} FAQ questions)`,
    "",
    `Strict top-1 ${pct(report.strictTop1)}  one step away ${pct(report.oneStepAway)}  clarifying question ${pct(report.clarifyRate)}   (${targets})`,
    `Intent  top-1 ${pct(report.intentTop1)}  top-3 ${pct(report.intentTop3)}`,
    `FAQ     top-1 ${pct(report.faqTop1)}  top-3 ${pct(report.faqTop3)}`,
    "",
    ...tallyTable("label", report.byLabel),
    ...(report.byClass.size > 0 ? ["", ...tallyTable("class", report.byClass)] : []),
    "",
    "Confusion (rows: expected, columns: routed)",
    ...confusionTable(report),
  ];
  if (options.misses) lines.push("", `Misses (${report.misses.length})`, ...report.misses.map(describeMiss));
  else lines.push("", `Misses: ${report.misses.length} (not listed: measure on this set, never tune to it)`);
  return lines.join("\n");
}

function tallyTable(title: string, tallies: ReadonlyMap<string, EvalTally>): string[] {
  const width = Math.max(title.length, ...[...tallies.keys()].map((key) => key.length));
  const header = `${title.padEnd(width)} |     n  strict  1-step  clarify`;
  const rows = [...tallies]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([key, tally]) =>
        `${key.padEnd(width)} | ${String(tally.total).padStart(5)} ${pct(tally.strict / tally.total).padStart(7)} ${pct(tally.oneStep / tally.total).padStart(7)} ${pct(tally.clarified / tally.total).padStart(8)}`,
    );
  return [header, "-".repeat(header.length), ...rows];
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
  const got =
    miss.kind === "intent"
      ? `routed ${miss.intent}`
      : miss.kind === "faq"
        ? "wrong answer first"
        : "right, but asked back";
  const clarify = miss.clarify ? ` clarify=[${miss.clarify.join(", ")}]` : "";
  return `- [${miss.expected}] ${got}; faq=[${miss.faq.join(", ")}]${clarify}: ${miss.text}`;
}
