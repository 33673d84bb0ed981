/**
 * One huge message must not hold up every other chat: routing and anonymising a 64 KB text (WhatsApp
 * allows 65,536 characters) are timed on their own, uncapped, and through the engine, which reads at most
 * 4,096 characters. Shapes that made the old code quadratic are included (one long word, digit runs,
 * dashed codes, many "@", a long run of letters the glued-word splitter tried every cut of). Before the
 * linear rewrite one such message took 5-12 s.
 */
import { pino } from "pino";
import { createConversationEngine } from "../bot/engine/conversation-engine.ts";
import { createFaqRouting } from "../bot/engine/faq-routing.ts";
import { openDatabase } from "../db/index.ts";
import { loadFaqData } from "../faq/faq-data.ts";
import { CATEGORY_IDS } from "../flows/categories/index.ts";

const SIZE = 65_536;
// Generous on a shared 2-core machine; quadratic handling of one shape takes seconds.
const TARGET_ROUTE_MS = 250;
const TARGET_ENGINE_MS = 100;

const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
const SHAPES: Record<string, string> = {
  words: fill("saya lupa password akun sscasn tolong bantu "),
  // The follow-up cue looks around report words ("tiket", "lapor", "form"): once quadratic.
  "report words": fill("tiket lapor form "),
  "one word": fill("a"),
  "one long word, no repeats": fill("abcdefghijklmnopqrstuvwxyz"),
  digits: fill("1"),
  "dashed codes": fill("a1-"),
  "at signs": fill("a@"),
  punctuation: `${fill("!")}x`,
  emoji: fill("😀"),
};

export async function runLongMessageBenchmark(): Promise<{ passed: boolean }> {
  const routing = createFaqRouting(loadFaqData({ categoryIds: CATEGORY_IDS }));
  const database = await openDatabase(":memory:");
  const engine = createConversationEngine({ db: database.db, routing, logger: pino({ level: "silent" }) });
  routing.route("warm up the index");
  let worstRoute = 0;
  let worstEngine = 0;
  let worstShape = "";
  let n = 0;
  for (const [shape, text] of Object.entries(SHAPES)) {
    let started = performance.now();
    routing.route(text);
    routing.anonymize(text);
    const routeMs = performance.now() - started;
    started = performance.now();
    await engine.handle({
      channel: "bench",
      chatId: `long-${n}`,
      userId: "u",
      messageId: `long-${n++}`,
      content: { kind: "text", text },
    });
    const engineMs = performance.now() - started;
    if (routeMs > worstRoute) worstShape = shape;
    worstRoute = Math.max(worstRoute, routeMs);
    worstEngine = Math.max(worstEngine, engineMs);
  }
  await database.close();
  const passed = worstRoute <= TARGET_ROUTE_MS && worstEngine <= TARGET_ENGINE_MS;
  console.log(
    `long message: routing + anonymising 64 KB worst ${worstRoute.toFixed(0)} ms (${worstShape}, target ${TARGET_ROUTE_MS}), ` +
      `engine turn on 64 KB worst ${worstEngine.toFixed(0)} ms (target ${TARGET_ENGINE_MS}) ${passed ? "PASS" : "FAIL"}`,
  );
  return { passed };
}
