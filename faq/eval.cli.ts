/**
 * `npm run eval`: routes the project's own evaluation set (tests/faq/eval-set.json, misses listed) and the
 * two blind sets (tests/faq/blind-set.json and blind-set-b.json, figures only) and prints strict top-1, "one step away", the
 * clarifying-question rate, figures per label and class, and a confusion table.
 * `npm run eval -- <path>` evaluates one labelled set and lists its misses.
 * Exits with 1 when a set is below its targets.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { evaluateRouter, meetsBlindTargets, meetsThresholds, parseEvalSet } from "./evaluation.ts";
import { formatEvalReport, type ReportOptions } from "./evaluation-report.ts";
import { loadFaqData } from "./faq-data.ts";
import { createMessageRouter } from "./message-router.ts";

const OWN_SET = new URL("../tests/faq/eval-set.json", import.meta.url);
const BLIND_SETS = [
  new URL("../tests/faq/blind-set.json", import.meta.url),
  new URL("../tests/faq/blind-set-b.json", import.meta.url),
];

function main(args: string[]): number {
  // faq/ cannot see flows/: the categories are the ones intents.json has (bot/ checks them against flows/).
  const data = loadFaqData();
  const router = createMessageRouter(data);
  const run = (url: URL, options: ReportOptions) => {
    const cases = parseEvalSet(JSON.parse(readFileSync(url, "utf8")));
    const report = evaluateRouter(router, cases, data);
    const name = relative(process.cwd(), fileURLToPath(url));
    process.stdout.write(`${formatEvalReport(report, name, options)}\n\n`);
    return options.targets === "blind" ? meetsBlindTargets(report) : meetsThresholds(report);
  };
  if (args[0]) return run(pathToFileURL(args[0]), { targets: "own", misses: true }) ? 0 : 1;
  const own = run(OWN_SET, { targets: "own", misses: true });
  // Every set is run and printed, even after one falls short.
  const blind = BLIND_SETS.map((url) => run(url, { targets: "blind", misses: false }));
  return own && blind.every(Boolean) ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
