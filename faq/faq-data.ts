import { readFileSync } from "node:fs";
import type { z } from "zod";
import {
  type FaqEntry,
  faqEntrySchemaFor,
  type IntentData,
  intentDataSchemaFor,
  outOfScopeSchema,
  type SlangMap,
  slangMapSchema,
} from "./faq.schema.ts";

export type { FaqEntry, FaqPhase, IntentData, SlangMap } from "./faq.schema.ts";

export interface FaqData {
  faq: FaqEntry[];
  intents: IntentData;
  slang: SlangMap;
  /** Example messages about something else (other apps, banks, other services): the off-topic topic. */
  outOfScope: string[];
  /** The categories (helpdesk forms) the data was checked against. */
  categoryIds: readonly string[];
}

export interface FaqDataOptions {
  /**
   * The categories that exist: flows/ owns the list and bot/ hands it in. intents.json must then have
   * examples for exactly these, and every `categoryId` of faq.json must be one of them. Without it the
   * categories are the ones intents.json has (faq/'s own tools and tests, which cannot see flows/).
   */
  categoryIds?: readonly string[];
  /** Default: faq/data next to this module. */
  dataDir?: URL;
}

/** Raised when a data file is missing, is not JSON, or breaks its schema; the message names file and entry. */
export class FaqDataError extends Error {
  override readonly name = "FaqDataError";
}

const DATA_DIR = new URL("./data/", import.meta.url);

/** Reads and validates intents.json, faq.json, slang.json and out-of-scope.json. */
export function loadFaqData(options: FaqDataOptions = {}): FaqData {
  const dataDir = options.dataDir ?? DATA_DIR;
  const intents = parseIntents(readJson(dataDir, "intents.json"), options.categoryIds);
  const categoryIds = options.categoryIds ?? Object.keys(intents);
  return {
    faq: parseFaqEntries(readJson(dataDir, "faq.json"), categoryIds),
    intents,
    slang: parseSlang(readJson(dataDir, "slang.json")),
    outOfScope: parseOutOfScope(readJson(dataDir, "out-of-scope.json")),
    categoryIds,
  };
}

/**
 * Validates FAQ entries one by one so an error names the entry (a `categoryId` must be one of
 * `categoryIds`), then checks ids and cross-references.
 */
export function parseFaqEntries(
  raw: unknown,
  categoryIds: readonly string[],
  fileName = "faq.json",
): FaqEntry[] {
  if (!Array.isArray(raw)) throw new FaqDataError(`${fileName}: expected an array of FAQ entries`);
  const schema = faqEntrySchemaFor(categoryIds);
  const entries = raw.map((item: unknown, index) => {
    const label = entryLabel(item, index);
    const result = schema.safeParse(item);
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

/** Examples per category; given `categoryIds`, exactly those categories (every one, no other). */
export function parseIntents(
  raw: unknown,
  categoryIds?: readonly string[],
  fileName = "intents.json",
): IntentData {
  return parseWith(intentDataSchemaFor(categoryIds), raw, fileName);
}

export function parseSlang(raw: unknown, fileName = "slang.json"): SlangMap {
  return parseWith(slangMapSchema, raw, fileName);
}

/** The off-topic examples of all groups, in one list (the groups only help the reader). */
export function parseOutOfScope(raw: unknown, fileName = "out-of-scope.json"): string[] {
  return Object.values(parseWith(outOfScopeSchema, raw, fileName)).flat();
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
