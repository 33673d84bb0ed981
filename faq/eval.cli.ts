/**
 * `npm run eval [-- <path to a labelled set>]`: routes every message of the evaluation set
 * (default tests/faq/eval-set.json) and prints top-1/top-3 accuracy for intent and FAQ, a confusion table
 * and the misses. Exits with 1 when the accuracy is below the required thresholds.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { evaluateRouter, meetsThresholds, parseEvalSet } from "./evaluation.ts";
import { formatEvalReport } from "./evaluation-report.ts";
import { loadFaqData } from "./faq-data.ts";
import { createMessageRouter } from "./message-router.ts";

const DEFAULT_SET = new URL("../tests/faq/eval-set.json", import.meta.url);

function main(args: string[]): number {
  const setUrl = args[0] ? pathToFileURL(args[0]) : DEFAULT_SET;
  const cases = parseEvalSet(JSON.parse(readFileSync(setUrl, "utf8")));
  // faq/ cannot see flows/: the categories are the ones intents.json has (bot/ checks them against flows/).
  const data = loadFaqData();
  const report = evaluateRouter(createMessageRouter(data), cases, data.categoryIds);
  process.stdout.write(`${formatEvalReport(report, relative(process.cwd(), fileURLToPath(setUrl)))}\n`);
  return meetsThresholds(report) ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
