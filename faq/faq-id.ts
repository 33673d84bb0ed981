const MAX_WORDS = 6;
const MAX_LENGTH = 48;

/**
 * A kebab-case id for an entry an admin adds, made from its question ("Kapan pengumuman SKB?" ->
 * "kapan-pengumuman-skb"); "-2", "-3"... when taken.
 */
export function newFaqId(question: string, taken: (id: string) => boolean): string {
  const words = question
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean)
    .slice(0, MAX_WORDS);
  let base = words.join("-").slice(0, MAX_LENGTH).replace(/-+$/, "");
  if (base === "") base = "faq";
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken(id)) return id;
  }
}
