// A small seeded pseudo-random number generator for deterministic data (synthetic networks,
// benchmarks, property tests). sfc32 (Chris Doty-Humphrey's Small Fast Counting generator,
// 128-bit state, passes PractRand) seeded through cyrb128. Pure: no I/O, no global state.
// Not for anything secret: use node:crypto for tokens.

export type Seed = number | string;

/** A weighted choice: the value and its relative weight (>= 0). */
export type WeightedEntry<T> = readonly [value: T, weight: number];

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One value, chosen with probability proportional to its weight. */
  weighted<T>(entries: readonly WeightedEntry<T>[]): T;
  /** True with probability p (0..1). */
  chance(p: number): boolean;
  /** A shuffled copy (Fisher-Yates); the input is left untouched. */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct elements (fewer if the array is shorter), in random order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** A uuid v4-shaped string drawn from this generator (deterministic, not unique by magic). */
  uuid(): string;
  /** An independent generator derived from this one's seed and a label. */
  fork(label: string): Rng;
}

/** cyrb128: hashes a string into four 32-bit words, the sfc32 state. */
function cyrb128(input: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < input.length; i++) {
    const k = input.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32: returns the next 32-bit unsigned integer on each call. */
function sfc32(state: [number, number, number, number]): () => number {
  let [a, b, c, d] = state;
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** A generator for a seed: the same seed always gives the same sequence. */
export function createRng(seed: Seed): Rng {
  const key = typeof seed === "number" ? `n:${seed}` : `s:${seed}`;
  const raw = sfc32(cyrb128(key));
  // Mix the state away from the hash before the first output.
  for (let i = 0; i < 15; i++) raw();

  const next = () => raw() / 4294967296;

  const int = (min: number, max: number): number => {
    if (!Number.isInteger(min) || !Number.isInteger(max))
      throw new RangeError(`int(${min}, ${max}): integers only`);
    if (max < min) throw new RangeError(`int(${min}, ${max}): max is below min`);
    return min + Math.floor(next() * (max - min + 1));
  };

  const rng: Rng = {
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    pick(items) {
      if (items.length === 0) throw new RangeError("pick() from an empty array");
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted(entries) {
      let total = 0;
      for (const [, weight] of entries) {
        if (!(weight >= 0)) throw new RangeError(`weighted(): negative or invalid weight ${weight}`);
        total += weight;
      }
      if (entries.length === 0 || total <= 0)
        throw new RangeError("weighted() needs a positive total weight");
      let roll = next() * total;
      for (const [value, weight] of entries) {
        if (roll < weight) return value;
        roll -= weight;
      }
      // Rounding: fall back on the last entry with a weight.
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i];
        if (entry && entry[1] > 0) return entry[0];
      }
      throw new RangeError("weighted(): unreachable");
    },
    chance: (p) => next() < p,
    shuffle(items) {
      const copy = items.slice();
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = copy[i] as (typeof copy)[number];
        copy[i] = copy[j] as (typeof copy)[number];
        copy[j] = tmp;
      }
      return copy;
    },
    sample(items, count) {
      // Partial Fisher-Yates: only the first `count` positions are drawn.
      const copy = items.slice();
      const n = Math.max(0, Math.min(count, copy.length));
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (copy.length - i));
        const tmp = copy[i] as (typeof copy)[number];
        copy[i] = copy[j] as (typeof copy)[number];
        copy[j] = tmp;
      }
      return copy.slice(0, n);
    },
    uuid() {
      const bytes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const word = raw();
        bytes.push(word >>> 24, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff);
      }
      bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
      bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
      const hex = bytes.map((b) => HEX[b] ?? "00");
      return [
        hex.slice(0, 4).join(""),
        hex.slice(4, 6).join(""),
        hex.slice(6, 8).join(""),
        hex.slice(8, 10).join(""),
        hex.slice(10, 16).join(""),
      ].join("-");
    },
    fork: (label) => createRng(`${key}/${label}`),
  };
  return rng;
}
