import { describe, expect, it } from "vitest";
import {
  computeLayout,
  countryClusterId,
  extendLayout,
  FORCE_LAYOUT_MAX_ORGANISATIONS,
  layoutSignature,
  NODE_SPACING,
} from "~/lib/network/layout";
import type { NetworkSnapshot, SnapshotPartnership } from "~/lib/network/types";
import { syntheticSnapshot } from "../fixtures/synthetic-snapshot";

type Positions = ReturnType<typeof computeLayout>;

/** Mean distance between organisations of the same country, and of different countries. */
function countrySeparation(snapshot: NetworkSnapshot, positions: Positions) {
  let intra = 0;
  let intraCount = 0;
  let inter = 0;
  let interCount = 0;
  const orgs = snapshot.organisations;
  // A deterministic subsample keeps this quadratic check quick on big snapshots.
  const step = Math.max(1, Math.floor(orgs.length / 600));
  for (let i = 0; i < orgs.length; i += step) {
    for (let j = i + 1; j < orgs.length; j += step) {
      const a = positions[orgs[i]!.id]!;
      const b = positions[orgs[j]!.id]!;
      const d = Math.hypot(a.x - b.x, a.y - b.y);
      if (orgs[i]!.countryCode === orgs[j]!.countryCode) {
        intra += d;
        intraCount++;
      } else {
        inter += d;
        interCount++;
      }
    }
  }
  return { intra: intra / intraCount, inter: inter / interCount };
}

/** The distance from each of a sample of organisations to its nearest other organisation. */
function nearestDistances(snapshot: NetworkSnapshot, positions: Positions, sample = 400): number[] {
  const orgs = snapshot.organisations;
  const step = Math.max(1, Math.floor(orgs.length / sample));
  const result: number[] = [];
  for (let i = 0; i < orgs.length; i += step) {
    const a = positions[orgs[i]!.id]!;
    let best = Infinity;
    for (let j = 0; j < orgs.length; j++) {
      if (j === i) continue;
      const b = positions[orgs[j]!.id]!;
      best = Math.min(best, Math.hypot(a.x - b.x, a.y - b.y));
    }
    result.push(best);
  }
  return result;
}

function expectFinitePositions(snapshot: NetworkSnapshot, positions: Positions) {
  for (const o of snapshot.organisations) {
    const p = positions[o.id];
    expect(p, o.id).toBeDefined();
    expect(Number.isFinite(p!.x) && Number.isFinite(p!.y)).toBe(true);
  }
}

describe("computeLayout", () => {
  it("is empty for an empty snapshot and centres a lone organisation", () => {
    const empty: NetworkSnapshot = {
      dataVersion: 1,
      today: "2026-01-01",
      organisations: [],
      partnerships: [],
      relationships: [],
    };
    expect(computeLayout(empty)).toEqual({});
    const one = syntheticSnapshot({ organisations: 1, countries: 1 });
    const positions = computeLayout(one);
    expect(positions[one.organisations[0]!.id]).toEqual({ x: 0, y: 0 });
  });

  it("is deterministic: the same seed gives the same positions, another seed others", () => {
    const snapshot = syntheticSnapshot({ organisations: 150, countries: 4, seed: 3 });
    const a = computeLayout(snapshot, { seed: 7 });
    const b = computeLayout(snapshot, { seed: 7 });
    expect(b).toEqual(a);
    const c = computeLayout(snapshot, { seed: 8 });
    expect(c).not.toEqual(a);
  });

  it("places every organisation and cluster (country, and type within country) at their centroid", () => {
    const snapshot = syntheticSnapshot({ organisations: 120, countries: 3, seed: 5 });
    snapshot.organisations[0]!.countryCode = null;
    const positions = computeLayout(snapshot);
    expectFinitePositions(snapshot, positions);
    expect(positions["c:none"]).toEqual(positions[snapshot.organisations[0]!.id]);
    const first = snapshot.organisations[1]!;
    const members = snapshot.organisations.filter((o) => o.countryCode === first.countryCode);
    const mean = members.reduce((s, o) => s + positions[o.id]!.x, 0) / members.length;
    expect(positions[`c:${first.countryCode}`]!.x).toBeCloseTo(mean, 0);
    const ofType = members.filter((o) => o.type === first.type);
    const meanY = ofType.reduce((s, o) => s + positions[o.id]!.y, 0) / ofType.length;
    expect(positions[`c:${first.countryCode}:${first.type}`]!.y).toBeCloseTo(meanY, 0);
  });

  it("scales to a canvas of about 40 px * sqrt(N) across", () => {
    const snapshot = syntheticSnapshot({ organisations: 400, countries: 5 });
    const positions = computeLayout(snapshot);
    const xs = snapshot.organisations.map((o) => positions[o.id]!.x);
    const ys = snapshot.organisations.map((o) => positions[o.id]!.y);
    const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    expect(span).toBeGreaterThan(40 * 20 * 0.9);
    expect(span).toBeLessThan(40 * 20 * 1.1);
  });

  it("keeps countries in their own region (force layout)", () => {
    const snapshot = syntheticSnapshot({ organisations: 600, countries: 6, seed: 11 });
    const positions = computeLayout(snapshot);
    const { intra, inter } = countrySeparation(snapshot, positions);
    expect(intra).toBeLessThan(inter * 0.8);
    // Dense groups are spread: (almost) no organisation sits on top of another.
    const crowded = nearestDistances(snapshot, positions).filter((d) => d < 10);
    expect(crowded.length).toBeLessThanOrEqual(4);
  });

  it(`lays out the cluster graph above ${FORCE_LAYOUT_MAX_ORGANISATIONS} organisations: countries apart, no stacked nodes`, () => {
    const snapshot = syntheticSnapshot({ organisations: 10_000, countries: 25, seed: 2 });
    const started = performance.now();
    const positions = computeLayout(snapshot);
    const ms = performance.now() - started;
    console.info(`computeLayout: 10,000 organisations in ${ms.toFixed(0)} ms`);
    expectFinitePositions(snapshot, positions);
    const { intra, inter } = countrySeparation(snapshot, positions);
    expect(intra).toBeLessThan(inter * 0.5);
    // Distinct positions: no two organisations on the same spot.
    const spots = new Set(snapshot.organisations.map((o) => `${positions[o.id]!.x},${positions[o.id]!.y}`));
    expect(spots.size).toBe(snapshot.organisations.length);
    expect(Math.min(...nearestDistances(snapshot, positions, 300))).toBeGreaterThan(20);
    const country = snapshot.organisations[0]!.countryCode;
    expect(positions[`c:${country}`]).toBeDefined();
    expect(positions[`c:${country}:${snapshot.organisations[0]!.type}`]).toBeDefined();
    // Deterministic too.
    expect(computeLayout(snapshot)).toEqual(positions);
  });

  it("uses ForceAtlas2 per organisation up to 1,000 organisations, the cluster layout above", () => {
    expect(FORCE_LAYOUT_MAX_ORGANISATIONS).toBe(1000);
    // The cluster layout puts each type cluster's organisations on a spiral around its position.
    const spiral = 0.5 + NODE_SPACING / 1.9;
    const withinTypeDiscs = (snapshot: NetworkSnapshot, positions: Positions) => {
      const counts = new Map<string, number>();
      for (const o of snapshot.organisations) {
        const id = `c:${o.countryCode ?? "none"}:${o.type}`;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return snapshot.organisations.every((o) => {
        const id = `c:${o.countryCode ?? "none"}:${o.type}`;
        const centre = positions[id]!;
        const p = positions[o.id]!;
        return Math.hypot(p.x - centre.x, p.y - centre.y) <= spiral * Math.sqrt(counts.get(id)!);
      });
    };
    const above = syntheticSnapshot({ organisations: 1001, countries: 8, seed: 4 });
    expect(withinTypeDiscs(above, computeLayout(above))).toBe(true);

    const at = syntheticSnapshot({ organisations: 1000, countries: 8, seed: 4 });
    computeLayout(at); // warm up
    const started = performance.now();
    const positions = computeLayout(at);
    const ms = performance.now() - started;
    console.info(`computeLayout: 1,000 organisations (ForceAtlas2) in ${ms.toFixed(0)} ms`);
    expect(withinTypeDiscs(at, positions)).toBe(false);
    expectFinitePositions(at, positions);
    // About 0.4 s on a quiet machine; generous here, for loaded CI machines.
    expect(ms).toBeLessThan(2_000);
  });

  it("a large partnership is a hub, not a clique: 1,000 members stay fast", () => {
    const snapshot = syntheticSnapshot({ organisations: 1000, countries: 6, seed: 9 });
    const big: SnapshotPartnership = {
      ...snapshot.partnerships[0]!,
      id: "big",
      members: snapshot.organisations.map((o) => ({
        organisationId: o.id,
        role: "partner",
        joinedOn: null,
        leftOn: null,
      })),
    };
    snapshot.partnerships.push(big);
    const started = performance.now();
    const positions = computeLayout(snapshot);
    const ms = performance.now() - started;
    expectFinitePositions(snapshot, positions);
    expect(positions["hub:0"]).toBeUndefined();
    // A clique would add 499,500 edges to ForceAtlas2 (tens of seconds).
    expect(ms).toBeLessThan(3_000);
    const { intra, inter } = countrySeparation(snapshot, positions);
    expect(intra).toBeLessThan(inter);
  });

  it("the cluster layout takes a partnership of 6,000 members among 10,000 (no pair blow-up)", () => {
    const snapshot = syntheticSnapshot({ organisations: 10_000, countries: 25, seed: 2 });
    snapshot.partnerships.push({
      ...snapshot.partnerships[0]!,
      id: "huge",
      members: snapshot.organisations.slice(0, 6_000).map((o) => ({
        organisationId: o.id,
        role: "partner",
        joinedOn: null,
        leftOn: null,
      })),
    });
    const started = performance.now();
    const positions = computeLayout(snapshot);
    const ms = performance.now() - started;
    console.info(
      `computeLayout: 10,000 organisations with a 6,000-member partnership in ${ms.toFixed(0)} ms`,
    );
    expectFinitePositions(snapshot, positions);
    expect(ms).toBeLessThan(3_000);
  });
});

describe("layoutSignature", () => {
  const base = syntheticSnapshot({ organisations: 60, seed: 3 });

  it("ignores what the layout does not read: data version, names, trust", () => {
    const other: NetworkSnapshot = {
      ...base,
      dataVersion: base.dataVersion + 7,
      revision: 2,
      organisations: base.organisations.map((o) => ({ ...o, name: `${o.name} (renamed)` })),
      partnerships: base.partnerships.map((p) => ({ ...p, name: `${p.name}!`, trustIndex: 1 })),
    };
    expect(layoutSignature(other)).toBe(layoutSignature(base));
    expect(computeLayout(other)).toEqual(computeLayout(base));
  });

  it("changes with what the layout reads: a country, a type, a partnership's members", () => {
    const signature = layoutSignature(base);
    const [first, ...rest] = base.organisations;
    if (!first) throw new Error("no organisation");
    const moved = { ...base, organisations: [{ ...first, countryCode: "ZZ" }, ...rest] };
    expect(layoutSignature(moved)).not.toBe(signature);
    const retyped = {
      ...base,
      organisations: [
        { ...first, type: first.type === "cso" ? ("funder" as const) : ("cso" as const) },
        ...rest,
      ],
    };
    expect(layoutSignature(retyped)).not.toBe(signature);
    const withMembers = base.partnerships.find((p) => p.members.length >= 2);
    if (!withMembers) throw new Error("no partnership with two members");
    const fewer = {
      ...base,
      partnerships: base.partnerships.map((p) =>
        p === withMembers ? { ...p, members: p.members.slice(0, 1) } : p,
      ),
    };
    expect(layoutSignature(fewer)).not.toBe(signature);
  });
});

describe("extendLayout", () => {
  const before = syntheticSnapshot({ organisations: 80, seed: 5 });
  const previous = computeLayout(before);
  const [template] = before.organisations;
  if (!template) throw new Error("no organisation");
  const added = [
    { ...template, id: "00000000-0000-4000-8000-000000000001", name: "New one" },
    { ...template, id: "00000000-0000-4000-8000-000000000002", name: "New two" },
    { ...template, id: "00000000-0000-4000-8000-000000000003", name: "Elsewhere", countryCode: "QQ" },
  ];
  const after: NetworkSnapshot = { ...before, organisations: [...before.organisations, ...added] };

  it("keeps every known position and places each new organisation once, near its cluster", () => {
    const extended = extendLayout(previous, after);
    for (const [id, p] of Object.entries(previous)) expect(extended[id], id).toEqual(p);
    expectFinitePositions(after, extended);
    const [one, two, elsewhere] = added.map((o) => extended[o.id]!);
    expect(one).not.toEqual(two);
    // Beside its country's organisations: nearer its country's centre than the layout is wide.
    const centre = previous[countryClusterId(template.countryCode)]!;
    const xs = Object.values(previous).map((p) => p.x);
    const width = Math.max(...xs) - Math.min(...xs);
    expect(Math.hypot(one!.x - centre.x, one!.y - centre.y)).toBeLessThan(width / 3);
    // A new country gets a place of its own, outside the previous layout, and a cluster position.
    expect(elsewhere!.x).toBeGreaterThan(Math.max(...xs));
    expect(extended[countryClusterId("QQ")]).toBeDefined();
  });

  it("is deterministic and leaves an unchanged snapshot's positions as they were", () => {
    expect(extendLayout(previous, after)).toEqual(extendLayout(previous, after));
    expect(extendLayout(previous, before)).toEqual(previous);
  });
});
