/**
 * Per-message cost of FAQ routing (normalise, index, classifier, cues) with the FAQ grown to 500 entries,
 * the size the project plans for, and to 5,000. Every message is new to the router (its memo would answer
 * repeats), so each pays its normalisation, typo correction and scoring. Targets: p99 under 1 ms at 500
 * entries, under 2 ms at 5,000.
 * Each message is timed ROUNDS times (a new trailing word each time) and its median is kept: the machine is
 * shared, and a time slice lost to another process says nothing about the router's cost.
 */
import { readFileSync } from "node:fs";
import type { FaqEntry } from "../faq/faq.schema.ts";
import { loadFaqData } from "../faq/faq-data.ts";
import { createMessageRouter } from "../faq/message-router.ts";

const ROUNDS = 5;

export interface FaqRoutingCost {
  entries: number;
  buildMs: number;
  messages: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export async function runFaqRoutingCost(entries: number): Promise<FaqRoutingCost> {
  const data = loadFaqData();
  // Grown with copies of the shipped entries under new ids: the vocabulary and postings grow as they would.
  const faq: FaqEntry[] = [];
  for (let copy = 0; faq.length < entries; copy++) {
    for (const entry of data.faq) {
      if (faq.length >= entries) break;
      faq.push(copy === 0 ? entry : { ...entry, id: `${entry.id}-${copy}`, related: [] });
    }
  }
  let started = performance.now();
  const router = createMessageRouter({ ...data, faq });
  const buildMs = performance.now() - started;

  const texts = ["eval-set.json", "labelled-messages.json", "blind-set.json"].flatMap((name) =>
    (
      JSON.parse(readFileSync(new URL(`../tests/faq/${name}`, import.meta.url), "utf8")) as { text: string }[]
    ).map((item) => item.text),
  );
  for (const text of texts) router.route(`${text} pemanasan`); // warm up the JIT
  const times: number[] = [];
  for (const text of texts) {
    const rounds: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // A different trailing word each round: a new text for the memo, the same words for the index.
      const tail = ["ya", "kak", "min", "dong", "tolong"][round]!;
      started = performance.now();
      router.route(`${text} ${tail}`);
      rounds.push(performance.now() - started);
    }
    times.push(rounds.sort((a, b) => a - b)[ROUNDS >> 1]!);
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(times.length * share))]!;
  return {
    entries: faq.length,
    buildMs,
    messages: times.length,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: at(1),
  };
}
