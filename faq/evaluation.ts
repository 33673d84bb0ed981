import { z } from "zod";
import type { MessageRouter, Route, RouteIntent } from "./message-router.ts";

/** The accuracy the router must keep on the evaluation set (tests/faq/eval-set.json). */
export const EVAL_THRESHOLDS = { intentTop1: 0.95, faqTop3: 0.95 } as const;

const evalCaseSchema = z.strictObject({
  text: z.string(),
  /** A category id (snake_case), a FAQ id (kebab-case) or "unknown". */
  label: z.string().min(1),
  /** Other labels that are just as right, for a message asking several things at once. */
  alt: z.array(z.string().min(1)).optional(),
});

export type EvalCase = z.infer<typeof evalCaseSchema>;

export function parseEvalSet(raw: unknown): EvalCase[] {
  return z.array(evalCaseSchema).parse(raw);
}

/** The intent a label stands for: a category is itself, a FAQ id means "faq". */
export function intentOfLabel(label: string, categoryIds: readonly string[]): RouteIntent {
  if (label === "unknown") return "unknown";
  return categoryIds.includes(label) ? label : "faq";
}

export interface EvalMiss {
  text: string;
  expected: string;
  intent: RouteIntent;
  faq: string[];
  clarify?: string[];
  /** What went wrong: the intent (top-1), or the FAQ entry was not among the top 3. */
  kind: "intent" | "faq";
}

export interface EvalReport {
  /** Every intent the router can give: the categories, then "faq" and "unknown". */
  intents: readonly RouteIntent[];
  total: number;
  intentTop1: number;
  intentTop3: number;
  faqTotal: number;
  faqTop1: number;
  faqTop3: number;
  /** Share of messages where the bot would ask a clarifying question. */
  clarifyRate: number;
  /** expected intent -> routed intent -> count */
  confusion: Map<RouteIntent, Map<RouteIntent, number>>;
  misses: EvalMiss[];
}

/** Runs every case through the router and measures intent and FAQ accuracy (shares 0..1). */
export function evaluateRouter(
  router: MessageRouter,
  cases: readonly EvalCase[],
  categoryIds: readonly string[],
): EvalReport {
  let intentTop1 = 0;
  let intentTop3 = 0;
  let faqTotal = 0;
  let faqTop1 = 0;
  let faqTop3 = 0;
  let clarified = 0;
  const confusion = new Map<RouteIntent, Map<RouteIntent, number>>();
  const misses: EvalMiss[] = [];

  for (const item of cases) {
    const route = router.route(item.text);
    const expected = intentOfLabel(item.label, categoryIds);
    const accepted = new Set([item.label, ...(item.alt ?? [])]);
    const row = confusion.get(expected) ?? new Map<RouteIntent, number>();
    row.set(route.intent, (row.get(route.intent) ?? 0) + 1);
    confusion.set(expected, row);
    if (route.clarify) clarified++;
    const miss = (kind: EvalMiss["kind"]) =>
      misses.push({
        text: item.text,
        expected: item.label,
        intent: route.intent,
        faq: route.faq.map((match) => match.id),
        ...(route.clarify ? { clarify: route.clarify } : {}),
        kind,
      });

    if (route.intent === expected) intentTop1++;
    else miss("intent");
    if (rankedIntents(route).slice(0, 3).includes(expected)) intentTop3++;
    if (expected === "faq") {
      faqTotal++;
      if (accepted.has(route.faq[0]?.id ?? "")) faqTop1++;
      if (route.faq.slice(0, 3).some((match) => accepted.has(match.id))) faqTop3++;
      else if (route.intent === expected) miss("faq");
    }
  }
  const share = (count: number, of: number) => (of === 0 ? 1 : count / of);
  return {
    intents: [...categoryIds, "faq", "unknown"],
    total: cases.length,
    intentTop1: share(intentTop1, cases.length),
    intentTop3: share(intentTop3, cases.length),
    faqTotal,
    faqTop1: share(faqTop1, faqTotal),
    faqTop3: share(faqTop3, faqTotal),
    clarifyRate: share(clarified, cases.length),
    confusion,
    misses,
  };
}

/** The intents of a route in order of preference: the chosen one, its runners-up, then "unknown". */
export function rankedIntents(route: Route): RouteIntent[] {
  const ranked: RouteIntent[] = [route.intent];
  for (const candidate of route.candidates) {
    const intent: RouteIntent = candidate.kind === "faq" ? "faq" : (candidate.id as RouteIntent);
    if (!ranked.includes(intent)) ranked.push(intent);
  }
  if (!ranked.includes("unknown")) ranked.push("unknown");
  return ranked;
}

export function meetsThresholds(report: EvalReport): boolean {
  return report.intentTop1 >= EVAL_THRESHOLDS.intentTop1 && report.faqTop3 >= EVAL_THRESHOLDS.faqTop3;
}
