import { readFileSync } from "node:fs";
import type { z } from "zod";
import {
  type FaqEntry,
  faqEntrySchema,
  type IntentData,
  intentDataSchema,
  type SlangMap,
  slangMapSchema,
} from "./faq.schema.ts";

export { CATEGORY_IDS, type CategoryId, isCategoryId } from "./category-ids.ts";
export type { FaqEntry, FaqPhase, IntentData, SlangMap } from "./faq.schema.ts";

export interface FaqData {
  faq: FaqEntry[];
  intents: IntentData;
  slang: SlangMap;
}

/** Raised when a data file is missing, is not JSON, or breaks its schema; the message names file and entry. */
export class FaqDataError extends Error {
  override readonly name = "FaqDataError";
}

const DATA_DIR = new URL("./data/", import.meta.url);

/** Reads and validates faq.json, intents.json and slang.json (default: faq/data next to this module). */
export function loadFaqData(dataDir: URL = DATA_DIR): FaqData {
  return {
    faq: parseFaqEntries(readJson(dataDir, "faq.json"), "faq.json"),
    intents: parseIntents(readJson(dataDir, "intents.json"), "intents.json"),
    slang: parseSlang(readJson(dataDir, "slang.json"), "slang.json"),
  };
}

/** Validates FAQ entries one by one so an error names the entry, then checks ids and cross-references. */
export function parseFaqEntries(raw: unknown, fileName = "faq.json"): FaqEntry[] {
  if (!Array.isArray(raw)) throw new FaqDataError(`${fileName}: expected an array of FAQ entries`);
  const entries = raw.map((item: unknown, index) => {
    const label = entryLabel(item, index);
    const result = faqEntrySchema.safeParse(item);
    if (!result.success) throw new FaqDataError(`${fileName}: ${label}: ${describeIssues(result.error)}`);
    return result.data;
  });
  const ids = new Set<string>();
  for (const entry of entries) {
    if (ids.has(entry.id)) throw new FaqDataError(`${fileName}: duplicate id "${entry.id}"`);
    ids.add(entry.id);
  }
  for (const entry of entries) {
    for (const related of entry.related ?? []) {
      if (!ids.has(related)) {
        throw new FaqDataError(`${fileName}: entry "${entry.id}": related id "${related}" does not exist`);
      }
    }
  }
  return entries;
}

export function parseIntents(raw: unknown, fileName = "intents.json"): IntentData {
  return parseWith(intentDataSchema, raw, fileName);
}

export function parseSlang(raw: unknown, fileName = "slang.json"): SlangMap {
  return parseWith(slangMapSchema, raw, fileName);
}

function parseWith<T>(schema: z.ZodType<T>, raw: unknown, fileName: string): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw new FaqDataError(`${fileName}: ${describeIssues(result.error)}`);
  return result.data;
}

function readJson(dir: URL, fileName: string): unknown {
  const url = new URL(fileName, dir);
  let text: string;
  try {
    text = readFileSync(url, "utf8");
  } catch (error) {
    throw new FaqDataError(`${fileName}: cannot read ${url.pathname} (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FaqDataError(`${fileName}: invalid JSON (${(error as Error).message})`);
  }
}

function entryLabel(item: unknown, index: number): string {
  const id = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : undefined;
  return typeof id === "string" ? `entry ${index} ("${id}")` : `entry ${index}`;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
}
