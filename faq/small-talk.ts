/**
 * Small talk: greetings, thanks, "ok", "admin?", insults, "are you a bot?". Read from the raw words,
 * because the normaliser drops exactly these (honorifics like "min", fillers, greetings).
 */
export const SMALL_TALK_KINDS = [
  "greeting",
  "thanks",
  "acknowledgement",
  "human",
  "complaint",
  "bot",
  "help",
  "laughter",
] as const;
export type SmallTalkKind = (typeof SMALL_TALK_KINDS)[number];

export interface SmallTalk {
  kind: SmallTalkKind;
  /** Every word of the message is small talk ("halo min", "makasih ya kak"): no question hides in it. */
  pure: boolean;
}

// biome-ignore format: word lists read better packed
const WORDS: Record<SmallTalkKind, readonly string[]> = {
  greeting: [
    "halo", "hallo", "helo", "hello", "hai", "hay", "hi", "hei", "hey", "hola", "pagi", "siang", "sore",
    "malam", "selamat", "salam", "assalamualaikum", "asalamualaikum", "assalamu", "alaikum", "ass", "wr", "wb",
    "permisi", "misi", "punten", "p", "ping", "tes", "test", "testing", "morning", "evening", "afternoon",
    "shalom", "om", "swastiastu",
  ],
  thanks: [
    "terima", "kasih", "makasih", "makasi", "mksh", "trims", "thanks", "thank", "thx", "tq", "tengkyu",
    "nuhun", "hatur", "matur", "nuwun", "suwun", "terimakasih",
  ],
  acknowledgement: [
    "ok", "oke", "okay", "okey", "oce", "siap", "sip", "baik", "mantap", "mantab", "paham", "mengerti",
    "noted", "done", "nice", "keren", "iya", "yup", "betul", "jelas", "good", "sudah", "cukup",
  ],
  human: [
    "cs", "operator", "petugas", "manusia", "orang", "beneran", "asli", "live",
    "agent", "human", "person", "ngobrol", "bicara", "telepon", "telpon", "nelpon",
  ],
  complaint: [
    "goblok", "goblog", "bodoh", "bodo", "tolol", "bego", "anjing", "anjir", "anjay", "bangsat", "kampret",
    "babi", "brengsek", "sialan", "tai", "taik", "payah", "jelek", "lemot", "lambat", "lama", "nyebelin",
    "kesel", "kecewa", "stupid", "useless",
  ],
  bot: ["bot", "botnya", "robot", "chatbot", "mesin", "ai", "ngapain", "kabar", "kabarnya"],
  help: ["tolong", "bantu", "bantuan", "help", "tolongin"],
  laughter: ["wkwk", "wk", "haha", "hehe", "hihi", "xixi", "awokawok", "lol"],
};

// "admin?" alone asks for a person; "pagi min" only addresses one.
const VOCATIVES = new Set(["admin", "min", "mimin", "adminnya"]);

// Words that may surround small talk without making it a question.
// biome-ignore format: word lists read better packed
const GLUE = new Set([
  "ya", "yah", "yaa", "kak", "ka", "kakak", "gan", "sis", "bro", "pak", "bu", "mas", "mbak", "mba", "bang",
  "sob", "nih", "dong", "deh", "sih", "kok", "aja", "saja", "banget", "bgt", "amat", "sekali", "semua",
  "semuanya", "atas", "bantuannya", "infonya", "informasinya", "jawabannya", "balasannya", "responnya", "nya",
  "ini", "itu", "yang", "yg", "sama", "dengan", "dgn", "ada", "gak", "ga", "nggak", "tidak", "kamu", "lu", "lo",
  "loe", "kau", "you", "your", "are", "is", "a", "so", "much", "very", "apa", "ngapain", "bisa", "mau",
  "ke", "sm", "the", "gimana", "gmn", "bagaimana", "wah", "oh", "eh", "hmm", "siapa", "juga",
  "lagi", "sedang", "beneran", "asli", "dulu", "saya", "sy", "aku", "balesnya", "balasnya", "responnya",
  "bales", "balas", "respon", "jawab", "nunggu", "menunggu", "tunggu", "banyak", "bnyk", "byk",
]);

const CLASS_OF = new Map<string, SmallTalkKind>();
for (const kind of SMALL_TALK_KINDS)
  for (const word of WORDS[kind]) if (!CLASS_OF.has(word)) CLASS_OF.set(word, kind);

// When several kinds occur, the one that most changes the reply wins ("halo bot goblok" is a complaint).
const PRIORITY: readonly SmallTalkKind[] = [
  "complaint",
  "bot",
  "human",
  "help",
  "thanks",
  "greeting",
  "acknowledgement",
  "laughter",
];

// Letters and digits together: "p1" (priority 1) is no "p" (ping).
const WORD = /[\p{L}\p{N}]+/gu;
const ALL_DIGITS = /^\p{N}+$/u;
const STRETCHED = /(\p{L})\1{2}/u;

/** The kind of small talk in a message, or undefined when it has no small-talk word at all. */
export function detectSmallTalk(text: string): SmallTalk | undefined {
  const lower = text.toLowerCase();
  const words = lower.match(WORD) ?? [];
  if (STRETCHED.test(lower)) for (let i = 0; i < words.length; i++) words[i] = collapse(words[i]!);
  if (words.length === 0) return undefined;
  const kinds = new Set<SmallTalkKind>();
  let pure = true;
  let addressed = false;
  for (const word of words) {
    if (ALL_DIGITS.test(word)) continue; // "halo 2" is still a greeting
    const kind = CLASS_OF.get(word) ?? (isLaughter(word) ? "laughter" : undefined);
    if (kind) kinds.add(kind);
    else if (VOCATIVES.has(word)) addressed = true;
    else if (!GLUE.has(word)) pure = false;
  }
  if (addressed && kinds.size === 0 && pure) kinds.add("human");
  const kind = PRIORITY.find((candidate) => kinds.has(candidate));
  return kind ? { kind, pure } : undefined;
}

/** "halooo" -> "halo", "makasiiih" -> "makasih"; double letters ("assalamualaikum") stay. */
function collapse(word: string): string {
  return word.replace(/(\p{L})\1{2,}/gu, "$1");
}

function isLaughter(word: string): boolean {
  return /^(?:wk|kw|ha|he|hi|xi)+[wkhaei]?$/.test(word) && word.length >= 4;
}
