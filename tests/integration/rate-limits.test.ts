// Fixed-window rate limiting with the counters in the database (app/models/rate-limits.server.ts).
// Every test passes its own `now`, aligned to a window, so no test depends on the clock.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rateLimits } from "~/db/schema";
import { hitRateLimit, pruneRateLimits } from "~/models/rate-limits.server";
import { createRateLimit, nextSeq } from "../factories";
import { testDb } from "../helpers/db";

const { db } = await testDb();
const MINUTE = 60_000;
/** A window start: a whole minute (and a whole hour) since the epoch. */
const T0 = Date.UTC(2031, 0, 1, 10, 0, 0);
const at = (ms: number) => new Date(T0 + ms);
const key = (label: string) => `test:${label}:${nextSeq()}`;

async function storedCount(k: string, windowStart: Date): Promise<number | undefined> {
  const [row] = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, k), eq(rateLimits.windowStart, windowStart)));
  return row?.count;
}

describe("hitRateLimit", () => {
  it("counts attempts per key and allows up to the limit", async () => {
    const k = key("ip");
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await hitRateLimit(db, k, 3, MINUTE, at(i * 1000)));
    expect(results.map((r) => r.count)).toEqual([1, 2, 3, 4, 5]);
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(await storedCount(k, at(0))).toBe(5);
  });

  it("keeps separate counters for separate keys", async () => {
    const a = key("a");
    const b = key("b");
    await hitRateLimit(db, a, 3, MINUTE, at(0));
    await hitRateLimit(db, a, 3, MINUTE, at(0));
    const first = await hitRateLimit(db, b, 3, MINUTE, at(0));
    expect(first.count).toBe(1);
    expect((await hitRateLimit(db, a, 3, MINUTE, at(0))).count).toBe(3);
  });

  it("starts again in the next window", async () => {
    const k = key("window");
    for (let i = 0; i < 4; i++) await hitRateLimit(db, k, 3, MINUTE, at(10_000));
    expect((await hitRateLimit(db, k, 3, MINUTE, at(MINUTE - 1))).allowed).toBe(false);
    const next = await hitRateLimit(db, k, 3, MINUTE, at(MINUTE));
    expect(next).toMatchObject({ count: 1, allowed: true });
    // Both windows are stored on their own rows.
    expect(await storedCount(k, at(0))).toBe(5);
    expect(await storedCount(k, at(MINUTE))).toBe(1);
  });

  it("aligns windows to multiples of the window length", async () => {
    const k = key("align");
    await hitRateLimit(db, k, 3, 10 * MINUTE, at(7 * MINUTE + 1234));
    expect(await storedCount(k, at(0))).toBe(1);
  });

  it("counts every one of 20 concurrent attempts", async () => {
    const k = key("concurrent");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => hitRateLimit(db, k, 10, MINUTE, at(i))),
    );
    expect(results.map((r) => r.count).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(await storedCount(k, at(0))).toBe(20);
  });

  it("answers the seconds left in the window as retryAfterSeconds", async () => {
    const k = key("retry");
    expect((await hitRateLimit(db, k, 1, MINUTE, at(0))).retryAfterSeconds).toBe(60);
    expect((await hitRateLimit(db, k, 1, MINUTE, at(15_000))).retryAfterSeconds).toBe(45);
    expect((await hitRateLimit(db, k, 1, MINUTE, at(15_001))).retryAfterSeconds).toBe(45);
    expect((await hitRateLimit(db, k, 1, MINUTE, at(59_500))).retryAfterSeconds).toBe(1);
    expect((await hitRateLimit(db, k, 1, MINUTE, at(59_999))).retryAfterSeconds).toBe(1);
  });

  it("keeps retryAfterSeconds within the window for any instant", async () => {
    const k = key("retry-range");
    for (const offset of [0, 1, 999, 1000, 30_000, 59_001, 59_999]) {
      const { retryAfterSeconds } = await hitRateLimit(db, k, 1, MINUTE, at(offset));
      expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(retryAfterSeconds).toBeLessThanOrEqual(60);
      // Waiting that long lands in the next window.
      expect(T0 + offset + retryAfterSeconds * 1000).toBeGreaterThanOrEqual(T0 + MINUTE);
    }
  });
});

describe("pruneRateLimits", () => {
  it("deletes windows that started before the given instant and keeps the rest", async () => {
    const k = key("prune");
    await createRateLimit(db, { key: k, windowStart: at(-2 * MINUTE), count: 4 });
    await createRateLimit(db, { key: k, windowStart: at(-MINUTE), count: 2 });
    await createRateLimit(db, { key: k, windowStart: at(0), count: 1 });
    await pruneRateLimits(db, at(-MINUTE));
    expect(await storedCount(k, at(-2 * MINUTE))).toBeUndefined();
    expect(await storedCount(k, at(-MINUTE))).toBe(2);
    expect(await storedCount(k, at(0))).toBe(1);
  });

  it("lets a pruned key count from 1 again", async () => {
    const k = key("prune-again");
    await hitRateLimit(db, k, 3, MINUTE, at(-10 * MINUTE));
    await hitRateLimit(db, k, 3, MINUTE, at(-10 * MINUTE));
    await pruneRateLimits(db, at(-5 * MINUTE));
    expect(await storedCount(k, at(-10 * MINUTE))).toBeUndefined();
    expect((await hitRateLimit(db, k, 3, MINUTE, at(-10 * MINUTE))).count).toBe(1);
  });
});
