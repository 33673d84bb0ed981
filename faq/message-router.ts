/**
 * Message routing: FAQ answer, helpdesk form (category), a clarifying question, or "unknown".
 * See faq/README.md for the reasoning; in short:
 *
 * 1. Topic. One index scores the message against every FAQ entry and every category's example
 *    problem statements (faq-index.ts). A category and the FAQ entries that point to it form one topic
 *    (scored by its best member); an entry without a category is a topic of its own. The best topic wins
 *    on content alone, so surface cues never move a message to a different subject.
 * 2. Answer or form. Within a category topic the speech act decides (router-cues.ts): a personal
 *    problem or a bare statement ("nik saya dipakai orang") gets the form; a question ("kalau nik dipakai
 *    orang gimana?") gets the topic's FAQ answer, whose "tidak membantu" still leads to the form.
 * 3. Confidence. When the best topic is weak, or the runner-up is close, the route carries `clarify`:
 *    the two or three candidates to offer instead of guessing. `intent` is still the best candidate.
 * Greetings, thanks and other small talk with no content stay "unknown" and say which kind they are.
 */
import type { FaqEntry, IntentData, SlangMap } from "./faq.schema.ts";
import { createFaqIndex, type FaqIndexSource, OUT_OF_SCOPE_KEY } from "./faq-index.ts";
import type { FaqMatch } from "./faq-search.ts";
import { KeyScores } from "./key-scores.ts";
import { firstNumberedItem, readCues } from "./router-cues.ts";
import { detectSmallTalk, type SmallTalkKind } from "./small-talk.ts";

/** A category id (the form to open), "faq" (answer `faq[0]`) or "unknown". */
export type RouteIntent = string;

/** A topic the message may be about: the FAQ entry to answer or the form to open. */
export interface RouteCandidate {
  /** A FAQ id (kebab-case) or a category id (snake_case). */
  id: string;
  kind: "faq" | "category";
  score: number;
}

export interface Route {
  intent: RouteIntent;
  /** Best FAQ matches first, up to 3 (also for categories and unknown, as suggestions); when the intent is
   * "faq" the first is the entry to answer. */
  faq: FaqMatch[];
  /** Score of the best category topic, when any category matched at all. */
  categoryScore?: number;
  /** Distinct topics, best first, up to 3; the first is what `intent` acts on. */
  candidates: RouteCandidate[];
  /** Present when the bot should ask instead of guessing: ids of the 2-3 candidates to offer. */
  clarify?: string[];
  /** Present when the message is small talk (greeting, thanks, "admin?", insult...). */
  smallTalk?: SmallTalkKind;
}

export interface MessageRouter {
  route(text: string): Route;
  /** The router's own normalisation of a text (for storing questions in a comparable form). */
  normalize(text: string): string;
}

export interface RouterData {
  faq: readonly FaqEntry[];
  intents: IntentData;
  slang: SlangMap;
  outOfScope?: FaqIndexSource["outOfScope"];
  trainClassifier?: FaqIndexSource["trainClassifier"];
}

interface Topic {
  score: number;
  category?: string;
  /** The best FAQ entry of the topic, if any matched. */
  entry?: FaqMatch;
}

// How much the classifier's probability adds to the index score: at 1 the two combine as a noisy OR,
// s + p·(1 − s), the most either may add without passing 1 (faq/README.md has the figures).
const CLASSIFIER_WEIGHT = 1;
// Nothing is routed below this content score: greetings and off-topic text share little with the data.
const MIN_CONTENT_SCORE = 0.35;
// Below this the index match is weak; then a classifier whose best key has less than DIFFUSE_PROBABILITY
// cannot place the message either, and it is off topic.
const WEAK_MATCH_SCORE = 0.5;
const DIFFUSE_PROBABILITY = 0.2;
// Up to this many content terms, a message with as many foreign words as known ones is off topic.
const OFF_TOPIC_MAX_TERMS = 3;
// A form costs the applicant more than an answer, so a weak category match never opens one.
const MIN_FORM_SCORE = 0.4;
// Below this the best topic is a guess worth confirming; a runner-up within CLOSE_RATIO of it is a tie.
const CONFIDENT_SCORE = 0.35;
const CLOSE_RATIO = 0.95;
// Two strong matches that are close are both good answers; asking then costs more than it saves.
const SURE_SCORE = 0.8;
// A candidate worth offering in a clarifying question.
const MIN_CANDIDATE_SCORE = 0.3;
// How far the first of numbered questions is put ahead of the rest.
const FIRST_ITEM_MARGIN = 0.1;
// How far a follow-up puts the ticket-status topic ahead of the retold problem.
const FOLLOW_UP_MARGIN = 0.15;
const MAX_CANDIDATES = 3;
const MIN_SUGGESTION_SCORE = 0.2;
const FAQ_SHOWN = 3;
const MEMO_LIMIT = 5000;
// Things every app or office has; the word after them names whose ("akun shopee", "kartu prakerja").
// biome-ignore format: word lists read better packed
const GENERIC_THINGS = new Set([
  "akun", "password", "aplikasi", "kartu", "daftar", "pendaftaran", "nomor", "beasiswa", "lowongan",
  "email", "pin", "rekening", "saldo", "tagihan", "asuransi", "kode", "pinjaman", "bantuan",
]);
// Words that name this domain's things, not any app's: a message with one of them is about SSCASN.
// biome-ignore format: word lists read better packed
const DOMAIN_ANCHORS = new Set([
  "sscasn", "cpns", "pppk", "asn", "pns", "bkn", "helpdesk", "dukcapil", "nik", "kk", "ktp", "formasi",
  "instansi", "seleksi", "skd", "skb", "dapodik", "thk2", "honorer", "guru", "sanggah", "ijazah",
  "transkrip", "swafoto", "pasfoto", "emeterai", "tiket", "pengaduan", "aduan", "tms", "ms", "pg", "str",
  "prodi", "akreditasi", "kependudukan", "captcha", "pengaman", "biodata", "resume", "pemberkasan",
  "nip", "kemenpan", "pemda", "bkd", "p1", "p2", "p3", "p4", "lulusan", "ujian", "tes", "pasca",
]);

export function createMessageRouter(data: RouterData): MessageRouter {
  const index = createFaqIndex(data);
  // The categories are the ones the data has examples for (checked against flows/' list on loading).
  const categories: ReadonlySet<string> = new Set(Object.keys(data.intents));
  // Where messages about an already filed report go (the ticket-status form), if the data names one.
  const followUpCategory = Object.entries(data.intents).find(([, intent]) => intent.followUps)?.[0];
  const categoryOf = new Map<string, string>();
  for (const entry of data.faq) if (entry.categoryId) categoryOf.set(entry.id, entry.categoryId);
  const keys = new RouterKeys(index.keys, categories, categoryOf);
  const followUpKey = followUpCategory === undefined ? -1 : keys.number(followUpCategory);
  const offTopicKey = keys.numbers.get(OUT_OF_SCOPE_KEY) ?? -1;
  const ranking = new TopicRanking(keys);

  // Chat traffic repeats itself ("halo", "lupa password"): bounded memos keep repeats off the index.
  const memo = new Map<string, Route>();
  const normalisedMemo = new Map<string, string>();
  // The scores of the message being routed (one at a time: routing never yields).
  const scores = new KeyScores(keys.names.length);

  function normalize(text: string): string {
    let normalised = normalisedMemo.get(text);
    if (normalised === undefined) {
      normalised = index.normalize(text);
      if (normalisedMemo.size >= MEMO_LIMIT) normalisedMemo.clear();
      normalisedMemo.set(text, normalised);
    }
    return normalised;
  }

  /**
   * Index scores with the classifier's vote, into `into` when given; returns the best key (-1: none above 0)
   * and the best raw index score (is it on topic at all).
   */
  function scoreText(normalised: string, into?: KeyScores): { best: number; content: number } {
    const found = index.match(normalised);
    // Whether the message is on topic at all is the index's call: the classifier always picks some key.
    let content = 0;
    // The index says how well a key's phrasings explain the message; the classifier, which key the
    // message's words and letter groups point to when no phrasing matches closely. Only keys the index
    // found get the classifier's vote: it breaks near-ties and lifts what was said differently.
    // Keys that end below MIN_SUGGESTION_SCORE are never routed, suggested or offered; with thousands of
    // entries a common word touches most of them, so only the best of those is kept (what putFirst and
    // bestKey compare against).
    let best = -1;
    let bestScore = -1;
    for (let i = 0; i < found.count; i++) {
      const key = found.keys[i]!;
      const score = found.scores[i]!;
      content = Math.max(content, score);
      const combined = score + CLASSIFIER_WEIGHT * found.probabilities[i]! * (1 - score);
      if (combined >= MIN_SUGGESTION_SCORE) into?.set(key, combined);
      if (combined > bestScore) [best, bestScore] = [key, combined];
    }
    if (best >= 0) into?.set(best, bestScore);
    // A weak match that the classifier cannot place either (no key near a fifth of the probability) is a
    // message about something else that happens to share a word or two with the data.
    if (content < WEAK_MATCH_SCORE && found.surest < DIFFUSE_PROBABILITY) content = 0;
    return { best: bestScore > 0 ? best : -1, content };
  }

  function namesOtherThing(words: readonly string[]): boolean {
    if (words.some((word) => DOMAIN_ANCHORS.has(word))) return false;
    return words.some(
      (word, i) =>
        GENERIC_THINGS.has(word) && i + 1 < words.length && index.coverage(words[i + 1]!).foreign === 1,
    );
  }

  function route(text: string): Route {
    const normalised = normalize(text);
    // "1. ... 2. ...": two questions at once; the first asked is answered first (the bot gives one answer,
    // and the applicant asks the next). Scored before the whole message, which fills `scores`.
    const first = firstNumberedItem(text);
    const item = first === undefined ? undefined : scoreText(normalize(first));
    scores.clear();
    const whole = scoreText(normalised, scores);
    let contentScore = whole.content;
    if (item) {
      putFirst(scores, item.best, FIRST_ITEM_MARGIN);
      // The first question is on topic by itself, whatever the list numbers and the other items share.
      contentScore = Math.max(contentScore, item.content);
    }
    // "jadwal kereta ke bandung", "harga emas hari ini": a short message made half of words the domain never
    // uses is about something else, however well its one known word matches.
    const coverage = index.coverage(normalised);
    const terms = coverage.known + coverage.foreign;
    if (coverage.foreign > 0 && coverage.foreign >= coverage.known && terms <= OFF_TOPIC_MAX_TERMS) {
      contentScore = 0;
    }
    // "lupa password akun game", "daftar kartu prakerja": a thing every app has (akun, password, kartu)
    // named by a word foreign to the domain is that other app's thing, unless a word of this domain
    // (sscasn, nik, formasi...) says otherwise.
    if (coverage.foreign > 0 && namesOtherThing(normalised.split(" "))) contentScore = 0;
    const cues = readCues(text, normalised);
    if (cues.followUp && followUpKey >= 0) {
      // A message about a report already filed is about its status, whatever problem it retells ("sudah
      // lapor nik dipakai orang, blm dijawab"), and never below a routable score.
      putFirst(scores, followUpKey, FOLLOW_UP_MARGIN, CONFIDENT_SCORE);
      contentScore = Math.max(contentScore, scores.get(followUpKey)!);
    }
    // Closest to the examples of other subjects ("lupa pin atm", "daftar tni"): about something else. The
    // off-topic examples are never offered, suggested or answered.
    if (offTopicKey >= 0 && scores.bestKey() === offTopicKey) contentScore = 0;
    if (offTopicKey >= 0) scores.delete(offTopicKey);
    const { topics, bestCategory, faqMatches } = ranking.rank(scores);
    const categoryScore = bestCategory?.score;
    const base = categoryScore === undefined ? {} : { categoryScore: round(categoryScore) };
    const smallTalk = detectSmallTalk(text);
    const best = topics[0];

    // A personal problem or a bare statement asks for help with a case; a question asks for information.
    const wantsForm = best !== undefined && cues.problem >= cues.question;
    const candidates = toCandidates(topics, wantsForm);
    const clarify = best ? clarifyIds(topics, candidates) : undefined;
    // A form costs the applicant more than an answer: a weak category match opens one only if confirmed.
    const weakForm = candidates[0]?.kind === "category" && candidates[0].score < MIN_FORM_SCORE && !clarify;

    if (!best || contentScore < MIN_CONTENT_SCORE || smallTalk?.pure || weakForm) {
      return {
        intent: "unknown",
        faq: faqMatches.slice(0, FAQ_SHOWN),
        candidates: smallTalk?.pure ? [] : candidates,
        ...base,
        // Only pure small talk: "halo, gaji pppk berapa?" is an unanswered question, not a greeting.
        ...(smallTalk?.pure ? { smallTalk: smallTalk.kind } : {}),
      };
    }
    const chosen = candidates[0]!;
    const intent: RouteIntent = chosen.kind === "category" ? chosen.id : "faq";
    const faq =
      intent === "faq"
        ? [
            { id: chosen.id, score: round(scores.get(keys.number(chosen.id)) ?? 0) },
            ...faqMatches.filter((m) => m.id !== chosen.id),
          ]
        : faqMatches;
    return {
      intent,
      faq: faq.slice(0, FAQ_SHOWN),
      candidates,
      ...base,
      ...(clarify ? { clarify } : {}),
    };
  }

  return {
    normalize,
    route(text) {
      const known = memo.get(text);
      if (known) return known;
      const routed = route(text);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(text, routed);
      return routed;
    },
  };
}

/** Puts `key` ahead of every other score by `margin` (at least at `floor`, at most 1). */
function putFirst(scores: KeyScores, key: number, margin: number, floor = 0): void {
  if (key < 0) return;
  scores.set(key, Math.min(1, Math.max(floor, scores.max()) + margin));
}

/**
 * The router's keys by number: the index's keys (FAQ ids, category ids, the off-topic key) plus any category
 * without examples, with what each is and where it sorts. Built once per router.
 */
class RouterKeys {
  readonly names: string[];
  readonly numbers: Map<string, number>;
  readonly isCategory: Uint8Array;
  /** The key naming the key's topic: its category (for a category or an entry with one) or itself. */
  readonly topic: Int32Array;
  /** Position of the name in localeCompare order: topics and FAQ matches tie on it as they did by name. */
  readonly rank: Int32Array;

  constructor(
    indexKeys: readonly string[],
    categories: ReadonlySet<string>,
    categoryOf: ReadonlyMap<string, string>,
  ) {
    this.names = [...indexKeys];
    for (const category of [...categories, ...categoryOf.values()])
      if (!this.names.includes(category)) this.names.push(category);
    this.numbers = new Map(this.names.map((name, key) => [name, key]));
    this.isCategory = Uint8Array.from(this.names, (name) => (categories.has(name) ? 1 : 0));
    this.topic = Int32Array.from(this.names, (name, key) => {
      const category = categories.has(name) ? undefined : categoryOf.get(name);
      return category === undefined ? key : this.numbers.get(category)!;
    });
    this.rank = new Int32Array(this.names.length);
    [...this.names.keys()]
      .sort((a, b) => this.names[a]!.localeCompare(this.names[b]!))
      .forEach((key, position) => {
        this.rank[key] = position;
      });
  }

  number(name: string): number {
    return this.numbers.get(name) ?? -1;
  }
}

interface Ranked {
  /** The best topics, best first, as many as candidates and the clarifying question can use. */
  topics: Topic[];
  /** The best topic that is a category, wherever it ranks. */
  bestCategory?: Topic;
  /** The best FAQ matches, best first, one more than shown (the chosen answer may be among them). */
  faqMatches: FaqMatch[];
}

/**
 * Merges each category with the FAQ entries that point to it (other entries stand alone) and picks the
 * few best topics and FAQ matches. Only those are ever read, so they are selected in one pass instead of
 * sorting every key the message touched; the order is the same as a full sort's (score, then name).
 */
class TopicRanking {
  readonly #topicScore: Float64Array;
  /** The topic's best FAQ entry (-1: none yet), by the topic's key. */
  readonly #topicEntry: Int32Array;
  readonly #topicEntryScore: Float64Array;
  readonly #topics: number[] = [];
  readonly #seen: Uint8Array;

  constructor(private readonly keys: RouterKeys) {
    const size = keys.names.length;
    this.#topicScore = new Float64Array(size);
    this.#topicEntry = new Int32Array(size).fill(-1);
    this.#topicEntryScore = new Float64Array(size);
    this.#seen = new Uint8Array(size);
  }

  rank(scores: KeyScores): Ranked {
    const { isCategory, topic: topicOf, rank: nameRank, names } = this.keys;
    const topicScore = this.#topicScore;
    const topicEntry = this.#topicEntry;
    const topicEntryScore = this.#topicEntryScore;
    const faqBest: number[] = [];
    const faqBestScore: number[] = [];
    scores.forEach((key, score) => {
      // Far below anything that is routed, suggested or offered: not worth a topic.
      if (score < MIN_SUGGESTION_SCORE) return;
      const topic = topicOf[key]!;
      if (this.#seen[topic] === 0) {
        this.#seen[topic] = 1;
        this.#topics.push(topic);
        topicScore[topic] = 0;
      }
      topicScore[topic] = Math.max(topicScore[topic]!, score);
      if (isCategory[key]) return;
      if (topicEntry[topic]! < 0 || score > topicEntryScore[topic]!) {
        topicEntry[topic] = key;
        topicEntryScore[topic] = score;
      }
      insertTop(faqBest, faqBestScore, key, round(score), FAQ_SHOWN + 1, nameRank);
    });
    const best: number[] = [];
    const bestScore: number[] = [];
    let bestCategory = -1;
    for (const topic of this.#topics) {
      insertTop(best, bestScore, topic, topicScore[topic]!, MAX_CANDIDATES, nameRank);
      if (
        isCategory[topic] &&
        (bestCategory < 0 ||
          before(topicScore[topic]!, topic, topicScore[bestCategory]!, bestCategory, nameRank))
      )
        bestCategory = topic;
    }
    const toTopic = (topic: number): Topic => {
      const entry = topicEntry[topic]!;
      return {
        score: topicScore[topic]!,
        ...(isCategory[topic] ? { category: names[topic]! } : {}),
        ...(entry >= 0 ? { entry: { id: names[entry]!, score: topicEntryScore[topic]! } } : {}),
      };
    };
    const ranked: Ranked = {
      topics: best.map(toTopic),
      faqMatches: faqBest.map((key, i) => ({ id: names[key]!, score: faqBestScore[i]! })),
      ...(bestCategory >= 0 ? { bestCategory: toTopic(bestCategory) } : {}),
    };
    for (const topic of this.#topics) {
      this.#seen[topic] = 0;
      topicEntry[topic] = -1;
    }
    this.#topics.length = 0;
    return ranked;
  }
}

/** Whether (score a, key a) sorts before (score b, key b): the higher score, then the name first in order. */
function before(scoreA: number, keyA: number, scoreB: number, keyB: number, rank: Int32Array): boolean {
  return scoreA > scoreB || (scoreA === scoreB && rank[keyA]! < rank[keyB]!);
}

/** Keeps `keys`/`scores` as the best `limit` seen so far, best first, inserting one more. */
function insertTop(
  keys: number[],
  scores: number[],
  key: number,
  score: number,
  limit: number,
  rank: Int32Array,
): void {
  let at = keys.length;
  while (at > 0 && before(score, key, scores[at - 1]!, keys[at - 1]!, rank)) at--;
  if (at >= limit) return;
  keys.splice(at, 0, key);
  scores.splice(at, 0, score);
  if (keys.length > limit) {
    keys.pop();
    scores.pop();
  }
}

function toCandidates(topics: readonly Topic[], wantsForm: boolean): RouteCandidate[] {
  return topics
    .filter((topic, index) => index === 0 || topic.score >= MIN_CANDIDATE_SCORE)
    .slice(0, MAX_CANDIDATES)
    .map((topic) => {
      const form =
        topic.category !== undefined &&
        topic.score >= MIN_FORM_SCORE &&
        (wantsForm || !topic.entry || topic.entry.score < MIN_CONTENT_SCORE);
      return form || !topic.entry
        ? { id: topic.category!, kind: "category" as const, score: round(topic.score) }
        : { id: topic.entry.id, kind: "faq" as const, score: round(topic.score) };
    });
}

function clarifyIds(topics: readonly Topic[], candidates: readonly RouteCandidate[]): string[] | undefined {
  const best = topics[0]!;
  const runnerUp = topics[1];
  const close =
    runnerUp !== undefined && best.score < SURE_SCORE && runnerUp.score >= best.score * CLOSE_RATIO;
  if (!close && best.score >= CONFIDENT_SCORE) return undefined;
  const offered = candidates.filter(
    (candidate, index) =>
      index === 0 || (candidate.score >= MIN_CANDIDATE_SCORE && candidate.score >= best.score * 0.75),
  );
  return offered.length >= 2 ? offered.map((candidate) => candidate.id) : undefined;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
