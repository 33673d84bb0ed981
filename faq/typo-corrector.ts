/** A vocabulary word a misspelt word was taken for, with how sure that is (0..1). */
export interface Correction {
  term: string;
  similarity: number;
}

export interface TypoCorrector {
  /** The closest vocabulary word within the allowed edit distance, or null. */
  correct(word: string): Correction | null;
}

// Shorter words are too ambiguous to correct (resep/reset, ktp/kts).
const MIN_LENGTH = 6;
// One typo per word up to this length, two above it.
const ONE_TYPO_UP_TO = 8;
const MAX_CACHED = 5000;

/**
 * Symmetric-delete spelling correction (as in SymSpell): every vocabulary word is stored under each form
 * with one or two letters deleted, so a lookup is a handful of hash probes instead of a scan of the
 * vocabulary; candidates are then checked with the optimal-string-alignment distance (a swap of two
 * neighbouring letters, "catpcha", counts as one typo). Built once per index.
 */
export function createTypoCorrector(vocabulary: Iterable<string>): TypoCorrector {
  const byDeletion = new Map<string, Set<string>>();
  for (const term of vocabulary) {
    if (term.length < MIN_LENGTH - 1 || /\d/.test(term)) continue;
    for (const variant of deletions(term, term.length > ONE_TYPO_UP_TO - 1 ? 2 : 1)) {
      const terms = byDeletion.get(variant) ?? new Set<string>();
      terms.add(term);
      byDeletion.set(variant, terms);
    }
  }
  const cache = new Map<string, Correction | null>();

  function lookup(word: string): Correction | null {
    const maxDistance = word.length > ONE_TYPO_UP_TO ? 2 : 1;
    let best: (Correction & { distance: number }) | null = null;
    for (const variant of deletions(word, maxDistance)) {
      for (const term of byDeletion.get(variant) ?? []) {
        const distance = osaDistance(word, term, maxDistance);
        if (distance > maxDistance) continue;
        const similarity = (1 - distance / Math.max(word.length, term.length)) ** 2;
        if (!best || similarity > best.similarity || (similarity === best.similarity && term < best.term)) {
          best = { term, similarity, distance };
        }
      }
    }
    return best ? { term: best.term, similarity: best.similarity } : null;
  }

  return {
    correct(word) {
      if (word.length < MIN_LENGTH || /\d/.test(word)) return null;
      const cached = cache.get(word);
      if (cached !== undefined) return cached;
      const found = lookup(word);
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(word, found);
      return found;
    },
  };
}

/** The word itself and every form with up to `depth` letters deleted. */
function deletions(word: string, depth: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let level = 0; level < depth; level++) {
    const next: string[] = [];
    for (const current of frontier) {
      for (let i = 0; i < current.length; i++) {
        const variant = current.slice(0, i) + current.slice(i + 1);
        if (!out.has(variant)) {
          out.add(variant);
          next.push(variant);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** Optimal string alignment distance, giving up (returning limit + 1) once it exceeds `limit`. */
export function osaDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
  }
  return d[rows * cols - 1]!;
}
