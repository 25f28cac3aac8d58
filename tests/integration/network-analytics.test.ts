// The analytics cache (app/models/network-analytics.server.ts). It has no SQL of its own: the
// snapshot is built in memory, so no database is needed here. The worker is the real one, wrapped
// to count calls and check that two computations never overlap.
import type * as BetweennessModule from "~/models/betweenness-worker.server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { betweenness, analyticsGraph } from "~/lib/network/metrics";
import type { NetworkSnapshot } from "~/lib/network/types";
import {
  betweennessValues,
  networkAnalytics,
  resetAnalyticsCache,
  structuralNetworkAnalytics,
  whenAnalyticsSettled,
} from "~/models/network-analytics.server";
import { syntheticSnapshot } from "../fixtures/synthetic-snapshot";

const calls = vi.hoisted(() => ({ started: [] as number[], active: 0, maxActive: 0, fail: false }));

vi.mock("~/models/betweenness-worker.server", async (importOriginal) => {
  const original = await importOriginal<typeof BetweennessModule>();
  return {
    ...original,
    betweennessInWorker: async (...args: Parameters<typeof original.betweennessInWorker>) => {
      calls.started.push(args[0].nodes.length);
      calls.active++;
      calls.maxActive = Math.max(calls.maxActive, calls.active);
      try {
        if (calls.fail) throw new Error("worker failed (test)");
        return await original.betweennessInWorker(...args);
      } finally {
        calls.active--;
      }
    },
  };
});

function versioned(snapshot: NetworkSnapshot, dataVersion: number): NetworkSnapshot {
  return { ...snapshot, dataVersion };
}

beforeEach(() => {
  resetAnalyticsCache();
  calls.started = [];
  calls.active = 0;
  calls.maxActive = 0;
  calls.fail = false;
});
afterEach(async () => {
  await whenAnalyticsSettled();
});

describe("networkAnalytics", () => {
  const base = syntheticSnapshot({ organisations: 300, countries: 4, seed: 21 });

  it("answers 'computing' first, then the exact betweenness once the worker is done", async () => {
    const snapshot = versioned(base, 10);
    const first = networkAnalytics(snapshot);
    expect(first.dataVersion).toBe(10);
    expect(first.organisationCount).toBe(300);
    expect(first.betweenness).toEqual({
      status: "computing",
      method: "exact",
      samples: null,
      dataVersion: 10,
      top: [],
    });
    expect(betweennessValues()).toBeNull();

    await whenAnalyticsSettled();
    const second = networkAnalytics(snapshot);
    expect(second.betweenness?.status).toBe("ready");
    expect(second.betweenness?.dataVersion).toBe(10);
    expect(second.betweenness?.method).toBe("exact");

    const graph = analyticsGraph(snapshot);
    const expected = betweenness(graph, { samples: null });
    const best = [...expected.keys()].sort((a, b) => expected[b]! - expected[a]!)[0]!;
    expect(second.betweenness?.top).toHaveLength(10);
    expect(second.betweenness?.top[0]).toMatchObject({ id: graph.nodes[best], value: expected[best] });
    const values = betweennessValues(10)!;
    expect(values.size).toBe(300);
    expect(values.get(graph.nodes[best]!)).toBe(expected[best]);
    expect(betweennessValues(11)).toBeNull();
    expect(betweennessValues()).toBe(values);
    expect(calls.started).toEqual([300]);
  });

  it("memoises per data version: same object, no second computation", async () => {
    const snapshot = versioned(base, 20);
    const a = networkAnalytics(snapshot);
    expect(networkAnalytics(snapshot)).toBe(a);
    expect(structuralNetworkAnalytics(snapshot).components).toBe(a.components);
    await whenAnalyticsSettled();
    const b = networkAnalytics(snapshot);
    expect(b).not.toBe(a); // betweenness arrived
    expect(networkAnalytics(snapshot)).toBe(b);
    expect(calls.started).toHaveLength(1);
  });

  it("serves the previous version's betweenness while a new version is computed", async () => {
    networkAnalytics(versioned(base, 30));
    await whenAnalyticsSettled();

    const changed = versioned(syntheticSnapshot({ organisations: 320, countries: 4, seed: 22 }), 31);
    const during = networkAnalytics(changed);
    expect(during.dataVersion).toBe(31);
    expect(during.organisationCount).toBe(320);
    expect(during.betweenness).toMatchObject({ status: "computing", dataVersion: 30 });
    expect(during.betweenness?.top).toHaveLength(10);
    expect(betweennessValues()!.size).toBe(300);

    await whenAnalyticsSettled();
    const after = networkAnalytics(changed);
    expect(after.betweenness).toMatchObject({ status: "ready", dataVersion: 31 });
    expect(betweennessValues(31)!.size).toBe(320);
  });

  it("never runs two computations at once, and starts only the newest version waiting", async () => {
    networkAnalytics(versioned(base, 40));
    for (const [version, size] of [
      [41, 301],
      [42, 302],
      [43, 303],
    ] as const) {
      networkAnalytics(
        versioned(syntheticSnapshot({ organisations: size, countries: 3, seed: version }), version),
      );
    }
    // A version that is already running is not queued again.
    networkAnalytics(versioned(base, 40));
    await whenAnalyticsSettled();
    expect(calls.maxActive).toBe(1);
    expect(calls.started).toEqual([300, 303]);
    expect(betweennessValues(43)!.size).toBe(303);
  });

  it("samples above 2,000 organisations", async () => {
    const big = versioned(syntheticSnapshot({ organisations: 2100, countries: 8, seed: 3 }), 50);
    expect(networkAnalytics(big).betweenness).toMatchObject({
      status: "computing",
      method: "sampled",
      samples: 200,
    });
    await whenAnalyticsSettled();
    const ready = networkAnalytics(big).betweenness;
    expect(ready).toMatchObject({ status: "ready", method: "sampled", samples: 200, dataVersion: 50 });
    expect(ready?.top.length).toBe(10);
  });

  it("does not retry a failed version, and keeps the last good figures", async () => {
    networkAnalytics(versioned(base, 60));
    await whenAnalyticsSettled();
    calls.fail = true;
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    networkAnalytics(versioned(base, 61));
    await whenAnalyticsSettled();
    expect(errors).toHaveBeenCalledOnce();
    errors.mockRestore();
    const after = networkAnalytics(versioned(base, 61));
    expect(after.betweenness).toMatchObject({ status: "ready", dataVersion: 60 });
    await whenAnalyticsSettled();
    expect(calls.started).toHaveLength(2);
  });

  it("treats a new day as a new version: current partnerships depend on the date", async () => {
    const today = versioned(base, 80);
    const first = networkAnalytics(today);
    await whenAnalyticsSettled();
    // Every partnership ends today: tomorrow they are no longer current.
    const ending: NetworkSnapshot = {
      ...today,
      partnerships: today.partnerships.map((p) => ({ ...p, endDate: today.today })),
    };
    expect(networkAnalytics(ending).edgeCount).toBe(first.edgeCount);
    const tomorrow = { ...ending, today: "2026-06-02" };
    const next = networkAnalytics(tomorrow);
    expect(next.edgeCount).toBeLessThan(first.edgeCount);
    expect(next.betweenness).toMatchObject({ status: "computing", dataVersion: 80 });
    await whenAnalyticsSettled();
    expect(networkAnalytics(tomorrow).betweenness).toMatchObject({ status: "ready", dataVersion: 80 });
    expect(calls.started).toHaveLength(2);
  });

  it("reset forgets the cache", async () => {
    networkAnalytics(versioned(base, 70));
    await whenAnalyticsSettled();
    expect(betweennessValues()).not.toBeNull();
    resetAnalyticsCache();
    expect(betweennessValues()).toBeNull();
    expect(networkAnalytics(versioned(base, 70)).betweenness?.status).toBe("computing");
  });
});
