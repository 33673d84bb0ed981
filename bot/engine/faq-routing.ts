import type { FaqData } from "../../faq/faq-data.ts";
import { createMessageRouter } from "../../faq/message-router.ts";
import type { FaqAnswer, FaqRouting } from "./routing.types.ts";

/** Connects the FAQ module to the engine: routing of free text plus lookup of an entry's answer. */
export function createFaqRouting(data: FaqData): FaqRouting {
  const router = createMessageRouter(data);
  const entries = new Map<string, FaqAnswer>(
    data.faq.map((e) => [e.id, { id: e.id, answer: e.answer, link: e.link, categoryId: e.categoryId }]),
  );
  return {
    route: (text) => router.route(text),
    entry: (id) => entries.get(id),
  };
}
