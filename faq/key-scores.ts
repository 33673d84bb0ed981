/**
 * The router's scores of one message by key number: what a Map<key, score> did, over arrays allocated once
 * per router. With thousands of FAQ entries a common word touches most of them, and a Map (its entries,
 * their string keys, the lookups) cost more per message than the index and the classifier together.
 * Iteration follows insertion order like a Map's, which decides ties (the first of equal scores wins).
 */
export class KeyScores {
  readonly #order: Int32Array;
  readonly #value: Float64Array;
  /** Where a key stands in #order, or -1 when absent; only entries of present keys are ever set. */
  readonly #position: Int32Array;
  #count = 0;

  constructor(keys: number) {
    this.#order = new Int32Array(keys);
    this.#value = new Float64Array(keys);
    this.#position = new Int32Array(keys).fill(-1);
  }

  /** Empties the board; costs the keys it held, not all keys. */
  clear(): void {
    for (let i = 0; i < this.#count; i++) {
      const key = this.#order[i]!;
      if (key >= 0) this.#position[key] = -1;
    }
    this.#count = 0;
  }

  /** Sets a key's score; a new key goes last in the order. */
  set(key: number, score: number): void {
    if (this.#position[key]! < 0) {
      this.#position[key] = this.#count;
      this.#order[this.#count++] = key;
    }
    this.#value[key] = score;
  }

  get(key: number): number | undefined {
    return this.#position[key]! < 0 ? undefined : this.#value[key];
  }

  delete(key: number): void {
    const at = this.#position[key]!;
    if (at < 0) return;
    this.#order[at] = -1;
    this.#position[key] = -1;
  }

  /** Calls `visit` for every key in insertion order. */
  forEach(visit: (key: number, score: number) => void): void {
    for (let i = 0; i < this.#count; i++) {
      const key = this.#order[i]!;
      if (key >= 0) visit(key, this.#value[key]!);
    }
  }

  /** The highest score, 0 when none is above it. */
  max(): number {
    let best = 0;
    for (let i = 0; i < this.#count; i++) {
      const key = this.#order[i]!;
      if (key >= 0 && this.#value[key]! > best) best = this.#value[key]!;
    }
    return best;
  }

  /** The first key with the highest score above 0, or -1. */
  bestKey(): number {
    let best = -1;
    let bestScore = 0;
    for (let i = 0; i < this.#count; i++) {
      const key = this.#order[i]!;
      if (key >= 0 && this.#value[key]! > bestScore) {
        best = key;
        bestScore = this.#value[key]!;
      }
    }
    return best;
  }
}
