import { describe, expect, it } from "vitest";
import { createRng } from "~/lib/prng";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function draws(seed: number | string, count = 50): number[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => rng.next());
}

describe("createRng", () => {
  it("gives the same sequence for the same seed", () => {
    expect(draws(42)).toEqual(draws(42));
    expect(draws("network")).toEqual(draws("network"));
    const a = createRng(7);
    const b = createRng(7);
    expect([a.int(1, 6), a.pick(["x", "y", "z"]), a.uuid(), a.shuffle([1, 2, 3, 4, 5])]).toEqual([
      b.int(1, 6),
      b.pick(["x", "y", "z"]),
      b.uuid(),
      b.shuffle([1, 2, 3, 4, 5]),
    ]);
  });

  it("gives different sequences for different seeds", () => {
    expect(draws(1)).not.toEqual(draws(2));
    expect(draws(1)).not.toEqual(draws("1"));
  });

  it("next() stays in [0, 1) and is roughly uniform", () => {
    const values = draws(3, 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it("int(min, max) covers both bounds and nothing outside", () => {
    const rng = createRng(5);
    const values = Array.from({ length: 5000 }, () => rng.int(-2, 3));
    expect(values.every((v) => Number.isInteger(v) && v >= -2 && v <= 3)).toBe(true);
    expect([...new Set(values)].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(rng.int(4, 4)).toBe(4);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
    expect(() => rng.int(0.5, 2)).toThrow(RangeError);
  });

  it("float(min, max) stays in range", () => {
    const rng = createRng(6);
    const values = Array.from({ length: 1000 }, () => rng.float(-1.5, 2.5));
    expect(values.every((v) => v >= -1.5 && v < 2.5)).toBe(true);
  });

  it("pick() returns an element and refuses an empty array", () => {
    const rng = createRng(8);
    const items = ["a", "b", "c"] as const;
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) seen.add(rng.pick(items));
    expect([...seen].sort()).toEqual(["a", "b", "c"]);
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it("weighted() follows the weights and never returns a zero-weight entry", () => {
    const rng = createRng(9);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) {
      counts[
        rng.weighted<keyof typeof counts>([
          ["a", 1],
          ["b", 3],
          ["c", 0],
        ])
      ]++;
    }
    expect(counts.c).toBe(0);
    expect(counts.b / 10_000).toBeGreaterThan(0.72);
    expect(counts.b / 10_000).toBeLessThan(0.78);
    expect(() => rng.weighted([])).toThrow(RangeError);
    expect(() => rng.weighted([["a", 0]])).toThrow(RangeError);
    expect(() => rng.weighted([["a", -1]])).toThrow(RangeError);
  });

  it("chance(p) is true with probability p", () => {
    const rng = createRng(10);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (rng.chance(0.3)) hits++;
    expect(hits / 10_000).toBeGreaterThan(0.27);
    expect(hits / 10_000).toBeLessThan(0.33);
    expect(rng.chance(0)).toBe(false);
    expect(rng.chance(1)).toBe(true);
  });

  it("shuffle() permutes a copy and leaves the input alone", () => {
    const rng = createRng(11);
    const input = Array.from({ length: 20 }, (_, i) => i);
    const shuffled = rng.shuffle(input);
    expect(input).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(shuffled).not.toEqual(input);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(input);
    expect(rng.shuffle([])).toEqual([]);
  });

  it("sample() draws distinct elements", () => {
    const rng = createRng(12);
    const input = ["a", "b", "c", "d", "e"];
    const picked = rng.sample(input, 3);
    expect(picked).toHaveLength(3);
    expect(new Set(picked).size).toBe(3);
    for (const p of picked) expect(input).toContain(p);
    expect(rng.sample(input, 10)).toHaveLength(5);
    expect(rng.sample(input, 0)).toEqual([]);
  });

  it("uuid() is v4-shaped and does not repeat", () => {
    const rng = createRng(13);
    const ids = Array.from({ length: 5000 }, () => rng.uuid());
    expect(ids.filter((id) => !UUID_V4.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("fork() gives an independent, reproducible stream", () => {
    const a = createRng(14).fork("ids");
    const b = createRng(14).fork("ids");
    const c = createRng(14).fork("other");
    const seqA = Array.from({ length: 10 }, () => a.next());
    expect(Array.from({ length: 10 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 10 }, () => c.next())).not.toEqual(seqA);
  });
});
