// The analytics cache (app/models/network-analytics.server.ts). It has no SQL of its own: the
// snapshot is built in memory, so no database is needed here. The worker is the real one, wrapped
// to count calls and check that two computations never overlap.
import type * as BetweennessModule from "~/models/betweenness-worker.server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { betweenness } from "~/lib/network/betweenness";
import { analyticsGraph, structuralAnalytics } from "~/lib/network/metrics";
import type { NetworkSnapshot, SnapshotOrganisation } from "~/lib/network/types";
import { withNewOrganisations } from "~/models/network-snapshot.server";
import {
  BETWEENNESS_REST_FACTOR,
  betweennessValues,
  networkAnalytics,
  resetAnalyticsCache,
  structuralNetworkAnalytics,
  whenAnalyticsSettled,
} from "~/models/network-analytics.server";
import { syntheticSnapshot } from "../fixtures/synthetic-snapshot";

const calls = vi.hoisted(() => ({
  started: [] as number[],
  /** performance.now() at each computation's start and end. */
  spans: [] as { start: number; end: number }[],
  signals: [] as (AbortSignal | undefined)[],
  active: 0,
  maxActive: 0,
  fail: false,
}));

vi.mock("~/models/betweenness-worker.server", async (importOriginal) => {
  const original = await importOriginal<typeof BetweennessModule>();
  return {
    ...original,
    betweennessInWorker: async (...args: Parameters<typeof original.betweennessInWorker>) => {
      calls.started.push(args[0].nodes.length);
      calls.signals.push(args[2]?.signal);
      calls.active++;
      calls.maxActive = Math.max(calls.maxActive, calls.active);
      const span = { start: performance.now(), end: 0 };
      calls.spans.push(span);
      try {
        if (calls.fail) throw new Error("worker failed (test)");
        return await original.betweennessInWorker(...args);
      } finally {
        calls.active--;
        span.end = performance.now();
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
  calls.spans = [];
  calls.signals = [];
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

  it("rests between computations (a multiple of the last one's duration), then computes the newest version asked for", async () => {
    networkAnalytics(versioned(base, 45));
    await whenAnalyticsSettled();
    expect(calls.started).toHaveLength(1);
    // Asked for during the rest: not started yet, the last figures served as "computing".
    for (const version of [46, 47, 48]) {
      const during = networkAnalytics(
        versioned(syntheticSnapshot({ organisations: 250 + version, countries: 3, seed: version }), version),
      );
      expect(during.betweenness).toMatchObject({ status: "computing", dataVersion: 45 });
    }
    expect(calls.started).toHaveLength(1);
    await whenAnalyticsSettled();
    expect(calls.started).toEqual([300, 298]);
    expect(
      networkAnalytics(versioned(syntheticSnapshot({ organisations: 298, countries: 3, seed: 48 }), 48))
        .betweenness,
    ).toMatchObject({ status: "ready", dataVersion: 48 });
    const [first, second] = calls.spans;
    const rest = BETWEENNESS_REST_FACTOR * (first!.end - first!.start);
    // Timers may fire a millisecond early by performance.now()'s clock.
    expect(second!.start - first!.end).toBeGreaterThanOrEqual(rest - 2);
  });

  describe("a snapshot that only adds organisations (created since, without links)", () => {
    const sorted: NetworkSnapshot = {
      ...base,
      organisations: [...base.organisations].sort((a, b) => (a.name < b.name ? -1 : 1)),
    };
    const newcomer = (i: number): SnapshotOrganisation => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      name: `Newcomer ${i}`,
      acronym: null,
      type: i % 2 ? "national_authority" : "cso",
      level: i % 2 ? "national" : "local",
      countryCode: "AA",
      municipalityId: null,
      hasPilot: false,
    });

    it("extends the figures: no new computation, betweenness carried over and rescaled", async () => {
      const first = versioned(sorted, 70);
      networkAnalytics(first);
      await whenAnalyticsSettled();
      expect(calls.started).toEqual([300]);

      const added = [newcomer(1), newcomer(2), newcomer(3)];
      const next = withNewOrganisations(first, added, 73);
      const result = networkAnalytics(next);
      // The structural figures are those of a full pass.
      const { degree: _d, partnershipCount: _p, ...full } = structuralAnalytics(next);
      expect(result).toMatchObject(full);
      expect(structuralNetworkAnalytics(next)).toEqual(structuralAnalytics(next));
      // Betweenness: ready for the new version at once, equal to an exact computation over it.
      expect(result.betweenness).toMatchObject({ status: "ready", method: "exact", dataVersion: 73 });
      const graph = analyticsGraph(next);
      const exact = betweenness(graph, { samples: null });
      const values = betweennessValues(73)!;
      expect(values.size).toBe(303);
      graph.nodes.forEach((id, i) => expect(values.get(id)).toBeCloseTo(exact[i]!, 12));
      for (const row of result.betweenness!.top) {
        expect(row.value).toBeCloseTo(exact[graph.nodes.indexOf(row.id)]!, 12);
      }
      for (const o of added) expect(values.get(o.id)).toBe(0);
      await whenAnalyticsSettled();
      expect(calls.started).toEqual([300]);

      // And again from the extended one (a chain of merges).
      const after = withNewOrganisations(next, [newcomer(4)], 74);
      expect(networkAnalytics(after).betweenness).toMatchObject({ status: "ready", dataVersion: 74 });
      expect(networkAnalytics(after).organisationCount).toBe(304);
      await whenAnalyticsSettled();
      expect(calls.started).toEqual([300]);
    });

    it("asked for while the base is computed: carried over once it is ready, not computed again", async () => {
      const first = versioned(sorted, 80);
      networkAnalytics(first);
      const next = withNewOrganisations(first, [newcomer(5)], 81);
      expect(networkAnalytics(next).betweenness).toMatchObject({ status: "computing" });
      await whenAnalyticsSettled();
      expect(calls.started).toEqual([300]);
      expect(networkAnalytics(next).betweenness).toMatchObject({ status: "ready", dataVersion: 81 });
    });

    it("a snapshot extending another version than the figures' is computed in full", async () => {
      networkAnalytics(versioned(sorted, 90));
      await whenAnalyticsSettled();
      const elsewhere = withNewOrganisations(versioned(sorted, 91), [newcomer(6)], 92);
      expect(networkAnalytics(elsewhere)).toMatchObject({ organisationCount: 301, dataVersion: 92 });
      expect(networkAnalytics(elsewhere).betweenness).toMatchObject({ status: "computing", dataVersion: 90 });
      await whenAnalyticsSettled();
      expect(calls.started).toEqual([300, 301]);
    });
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
    // The same day: partnerships ending today still count (computed afresh, not from the cache).
    expect(structuralAnalytics(ending, analyticsGraph(ending)).edgeCount).toBe(first.edgeCount);
    const tomorrow = { ...ending, today: "2026-06-02" };
    const next = networkAnalytics(tomorrow);
    expect(next.edgeCount).toBeLessThan(first.edgeCount);
    expect(next.betweenness).toMatchObject({ status: "computing", dataVersion: 80 });
    await whenAnalyticsSettled();
    expect(networkAnalytics(tomorrow).betweenness).toMatchObject({ status: "ready", dataVersion: 80 });
    expect(calls.started).toHaveLength(2);
  });

  it("fails without retrying when there is no earlier result: status 'failed', not null", async () => {
    calls.fail = true;
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const snapshot = versioned(base, 90);
    expect(networkAnalytics(snapshot).betweenness?.status).toBe("computing");
    await whenAnalyticsSettled();
    expect(errors).toHaveBeenCalledOnce();
    errors.mockRestore();
    const after = networkAnalytics(snapshot);
    expect(after.betweenness).toEqual({
      status: "failed",
      method: "exact",
      samples: null,
      dataVersion: 90,
      top: [],
    });
    expect(networkAnalytics(snapshot)).toBe(after);
    await whenAnalyticsSettled();
    expect(calls.started).toHaveLength(1);
    // A newer version is tried again.
    calls.fail = false;
    networkAnalytics(versioned(base, 91));
    await whenAnalyticsSettled();
    expect(networkAnalytics(versioned(base, 91)).betweenness).toMatchObject({
      status: "ready",
      dataVersion: 91,
    });
  });

  it("recomputes an older version too (a restored database), instead of keeping the newer figures", async () => {
    networkAnalytics(versioned(base, 100));
    await whenAnalyticsSettled();
    const restored = versioned(syntheticSnapshot({ organisations: 310, countries: 4, seed: 23 }), 95);
    const during = networkAnalytics(restored);
    expect(during.organisationCount).toBe(310);
    expect(during.betweenness).toMatchObject({ status: "computing", dataVersion: 100 });
    await whenAnalyticsSettled();
    expect(networkAnalytics(restored).betweenness).toMatchObject({ status: "ready", dataVersion: 95 });
    expect(betweennessValues(95)!.size).toBe(310);
    expect(calls.started).toEqual([300, 310]);
  });

  it("is keyed by the database client: another database's figures are never handed out", async () => {
    const clientA = { name: "a" };
    const clientB = { name: "b" };
    const a = versioned(base, 110);
    networkAnalytics(a, clientA);
    await whenAnalyticsSettled();
    expect(networkAnalytics(a, clientA).betweenness?.status).toBe("ready");
    expect(betweennessValues(110, clientA)!.size).toBe(300);
    expect(betweennessValues(110)).toBeNull();

    // Another database at the same data version, with other content.
    const b = versioned(syntheticSnapshot({ organisations: 330, countries: 4, seed: 24 }), 110);
    const fromB = networkAnalytics(b, clientB);
    expect(fromB.organisationCount).toBe(330);
    expect(fromB.betweenness).toMatchObject({ status: "computing", dataVersion: 110, top: [] });
    expect(betweennessValues(110, clientA)).toBeNull();
    expect(betweennessValues(110, clientB)).toBeNull();
    await whenAnalyticsSettled();
    expect(betweennessValues(110, clientB)!.size).toBe(330);
    expect(calls.started).toEqual([300, 330]);
  });

  it("keys by the snapshot's revision: content read again at the same version is recomputed", async () => {
    networkAnalytics(versioned(base, 120));
    await whenAnalyticsSettled();
    const revised: NetworkSnapshot = {
      ...versioned(syntheticSnapshot({ organisations: 305, countries: 4, seed: 25 }), 120),
      revision: 1,
    };
    expect(networkAnalytics(revised).organisationCount).toBe(305);
    await whenAnalyticsSettled();
    expect(networkAnalytics(revised).betweenness).toMatchObject({ status: "ready", dataVersion: 120 });
    expect(betweennessValues(120)!.size).toBe(305);
  });

  it("reset terminates a running computation's worker", () => {
    networkAnalytics(versioned(base, 130));
    const signal = calls.signals[0];
    expect(signal?.aborted).toBe(false);
    resetAnalyticsCache();
    expect(signal?.aborted).toBe(true);
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

describe("betweennessInWorker", () => {
  it("sends the edges as flat pairs and answers what betweenness answers", async () => {
    const actual = await vi.importActual<typeof BetweennessModule>("~/models/betweenness-worker.server");
    expect([
      ...actual.flatEdges([
        [0, 1],
        [2, 3],
      ]),
    ]).toEqual([0, 1, 2, 3]);
    const graph = analyticsGraph(syntheticSnapshot({ organisations: 120, countries: 3, seed: 5 }));
    const edges = graph.edges.map(([a, b]) => [a, b] as [number, number]);
    const value = await actual.betweennessInWorker(graph, { samples: null });
    expect([...value]).toEqual([...betweenness(graph, { samples: null })]);
    // The caller's graph is left as it was (only a copy is transferred).
    expect(graph.edges).toEqual(edges);
    // Hub vertices (large partnerships) travel as a count.
    const hubbed = {
      nodes: ["a", "b", "c", "d"],
      hubs: ["p:x"],
      edges: [
        [0, 4],
        [1, 4],
        [2, 4],
        [2, 3],
      ] as [number, number][],
    };
    const withHubs = await actual.betweennessInWorker(hubbed, { samples: null });
    expect([...withHubs]).toEqual([...betweenness(hubbed, { samples: null })]);
    expect(withHubs[2]).toBeGreaterThan(0);
  });

  it("rejects after the timeout, and when aborted", async () => {
    const actual = await vi.importActual<typeof BetweennessModule>("~/models/betweenness-worker.server");
    const graph = analyticsGraph(syntheticSnapshot({ organisations: 1500, countries: 6, seed: 6 }));
    await expect(actual.betweennessInWorker(graph, { samples: null }, { timeoutMs: 5 })).rejects.toThrow(
      /no answer after 5 ms/,
    );
    const controller = new AbortController();
    const running = actual.betweennessInWorker(graph, { samples: null }, { signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toThrow(/aborted/);
  });
});
