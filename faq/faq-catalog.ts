import type { FaqEntry, IntentData, SlangMap } from "./faq.schema.ts";
import { createMessageRouter, type MessageRouter, type Route } from "./message-router.ts";

export interface FaqCatalogData {
  faq: readonly FaqEntry[];
  intents: IntentData;
  slang: SlangMap;
  outOfScope?: readonly string[];
}

export interface PhrasingAddition {
  faqId: string;
  phrasing: string;
}

/**
 * The live FAQ: the shipped entries plus what admins add while the bot runs. Adding rebuilds the
 * router (index, idf weights and typo vocabulary all depend on every phrasing); that takes a fraction of a
 * second and happens only on an admin command, never on the per-message path.
 */
export interface FaqCatalog {
  route(text: string): Route;
  normalize(text: string): string;
  entry(id: string): FaqEntry | undefined;
  entries(): readonly FaqEntry[];
  /** Adds a phrasing to an entry; false when the entry does not exist. */
  addPhrasing(faqId: string, phrasing: string): boolean;
  /** Adds an entry; throws when the id is taken. */
  addEntry(entry: FaqEntry): void;
  /** Applies stored additions with a single rebuild; additions for unknown entries are returned, not applied. */
  addAll(additions: {
    entries: readonly FaqEntry[];
    phrasings: readonly PhrasingAddition[];
  }): PhrasingAddition[];
}

export function createFaqCatalog(data: FaqCatalogData): FaqCatalog {
  const entries = new Map<string, FaqEntry>(data.faq.map((entry) => [entry.id, entry]));
  let router: MessageRouter = build();

  function build(): MessageRouter {
    return createMessageRouter({ ...data, faq: [...entries.values()] });
  }

  function put(entry: FaqEntry): void {
    if (entries.has(entry.id)) throw new Error(`FAQ entry "${entry.id}" already exists`);
    entries.set(entry.id, entry);
  }

  function append({ faqId, phrasing }: PhrasingAddition): boolean {
    const entry = entries.get(faqId);
    if (!entry) return false;
    // A copy: the shipped entry objects stay as loaded.
    if (!entry.phrasings.includes(phrasing)) {
      entries.set(faqId, { ...entry, phrasings: [...entry.phrasings, phrasing] });
    }
    return true;
  }

  return {
    route: (text) => router.route(text),
    normalize: (text) => router.normalize(text),
    entry: (id) => entries.get(id),
    entries: () => [...entries.values()],
    addPhrasing(faqId, phrasing) {
      if (!append({ faqId, phrasing })) return false;
      router = build();
      return true;
    },
    addEntry(entry) {
      put(entry);
      router = build();
    },
    addAll(additions) {
      for (const entry of additions.entries) if (!entries.has(entry.id)) put(entry);
      const skipped = additions.phrasings.filter((addition) => !append(addition));
      if (additions.entries.length > 0 || additions.phrasings.length > skipped.length) router = build();
      return skipped;
    },
  };
}
