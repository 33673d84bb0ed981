import { describe, expect, test } from "vitest";
import { KeyScores } from "../../faq/key-scores.ts";

function entries(scores: KeyScores): [number, number][] {
  const seen: [number, number][] = [];
  scores.forEach((key, score) => {
    seen.push([key, score]);
  });
  return seen;
}

describe("KeyScores", () => {
  test("keeps insertion order like a Map: a new key goes last, a set of a present key keeps its place", () => {
    const scores = new KeyScores(5);
    scores.set(3, 0.5);
    scores.set(1, 0.7);
    scores.set(3, 0.9);
    expect(entries(scores)).toEqual([
      [3, 0.9],
      [1, 0.7],
    ]);
    expect(scores.get(3)).toBe(0.9);
    expect(scores.get(0)).toBeUndefined();
  });

  test("the best key is the first of equal scores, none when nothing is above 0", () => {
    const scores = new KeyScores(4);
    expect(scores.bestKey()).toBe(-1);
    expect(scores.max()).toBe(0);
    scores.set(2, 0);
    expect(scores.bestKey()).toBe(-1);
    scores.set(0, 0.4);
    scores.set(1, 0.4);
    expect(scores.bestKey()).toBe(0);
    expect(scores.max()).toBe(0.4);
  });

  test("a deleted key is gone from order, best and max; set again it goes last", () => {
    const scores = new KeyScores(4);
    scores.set(0, 0.9);
    scores.set(1, 0.5);
    scores.set(2, 0.5);
    scores.delete(0);
    expect(scores.get(0)).toBeUndefined();
    expect(scores.bestKey()).toBe(1);
    expect(scores.max()).toBe(0.5);
    scores.set(0, 0.1);
    expect(entries(scores)).toEqual([
      [1, 0.5],
      [2, 0.5],
      [0, 0.1],
    ]);
  });

  test("clear empties it for the next message", () => {
    const scores = new KeyScores(3);
    scores.set(2, 0.3);
    scores.delete(2);
    scores.set(1, 0.2);
    scores.clear();
    expect(entries(scores)).toEqual([]);
    expect(scores.get(1)).toBeUndefined();
    scores.set(2, 0.6);
    expect(entries(scores)).toEqual([[2, 0.6]]);
  });
});
