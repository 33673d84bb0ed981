import { stem } from "./stem.ts";

/**
 * Words that carry no topic in applicants' messages (pronouns, function words, question words,
 * greetings, politeness). They are dropped before matching; the router reads question words and
 * pronouns separately as cues.
 */
// biome-ignore format: a word list reads better packed
export const STOPWORDS: ReadonlySet<string> = new Set([
  // pronouns
  "saya", "aku", "gue", "kamu", "anda", "kami", "kita", "dia", "mereka", "beliau",
  // function words
  "yang", "dengan", "untuk", "karena", "tapi", "tetapi", "jadi", "lagi", "saja", "sama", "dari", "dalam",
  "kepada", "seperti", "tentang", "kalau", "kalo", "terus", "memang", "di", "ke", "pada", "oleh", "dan",
  "atau", "juga", "pun", "ini", "itu", "tersebut", "ada", "adalah", "akan", "jika", "bila", "apabila",
  "padahal", "lalu", "kemudian", "agar", "supaya", "biar", "kan", "nah", "pas", "saat", "waktu", "ketika",
  "buat", "bikin", "sudah", "belum", "masih", "sedang", "harus", "perlu", "bisa", "dapat", "boleh",
  "sekarang", "tadi", "kemarin", "dulu", "besok", "banget", "sangat", "sekali", "gitu", "begitu", "kok",
  "ya", "yah", "ok", "oke", "baik", "gimana", "kira", "aja", "nya", "mana", "hal", "soal", "jg", "pak",
  // words that tell the story around a problem, not its topic ("sudah coba berkali-kali tetap ...")
  "coba", "kali", "berkali", "tetap", "ternyata", "padahal", "selalu", "sering", "setiap", "hanya",
  "beberapa", "mungkin", "kayaknya", "sepertinya", "katanya", "tiba", "gitu", "sih", "deh",
  // question words
  "apa", "apakah", "bagaimana", "kenapa", "mengapa", "kapan", "dimana", "berapa", "siapa", "bisakah",
  "bolehkah", "maksud", "cara", "caranya", "tanya", "bertanya", "nanya", "info", "informasi", "mau", "ingin",
  // politeness and greetings
  "tolong", "bantu", "bantuan", "mohon", "minta", "halo", "hai", "hi", "hello", "helo", "salam", "pagi",
  "siang", "sore", "malam", "assalamualaikum", "permisi", "terima", "kasih", "maaf", "izin", "admin",
]);

/**
 * Content terms of an already normalised text: stopwords and long numbers (a NIK says nothing about the
 * topic) dropped, stemmed, unique. Small numbers stay: "pengaman 1" and "pengaman 2" are different entries.
 */
export function contentTerms(normalised: string, stemWord: (word: string) => string = stem): string[] {
  const terms: string[] = [];
  for (const word of normalised.split(" ")) {
    if (word.length === 0 || STOPWORDS.has(word) || LONG_NUMBER.test(word)) continue;
    const term = stemWord(word);
    if (!terms.includes(term)) terms.push(term);
  }
  return terms;
}

const LONG_NUMBER = /^\d{3,}$/;

/** `stem` with a bounded memory: chat vocabulary is small, so most words are stemmed once. */
export function createCachedStemmer(limit = 20_000): (word: string) => string {
  const cache = new Map<string, string>();
  return (word) => {
    let stemmed = cache.get(word);
    if (stemmed === undefined) {
      stemmed = stem(word);
      if (cache.size >= limit) cache.clear();
      cache.set(word, stemmed);
    }
    return stemmed;
  };
}
