import Graph from "graphology";
import graphologyBetweenness from "graphology-metrics/centrality/betweenness";
import { describe, expect, it } from "vitest";
import { betweennessInWorker } from "~/models/betweenness-worker.server";
import { emptyFilters } from "~/lib/network/filters";
import { betweenness } from "~/lib/network/betweenness";
import {
  analyticsGraph,
  organisationPairs,
  structuralAnalytics,
  type GraphInput,
} from "~/lib/network/metrics";
import { computeLayout, layoutSignature } from "~/lib/network/layout";
import { organisationEdges, selectNetwork } from "~/lib/network/select";
import { pairsOf } from "~/models/network-snapshot.server";
import {
  LARGE_PARTNERSHIP_FROM,
  type NetworkSnapshot,
  type SnapshotOrganisation,
  type SnapshotPartnership,
  type SnapshotRelationship,
} from "~/lib/network/types";
import { createRng } from "~/lib/prng";
import { syntheticSnapshot } from "../fixtures/synthetic-snapshot";

const TODAY = "2026-06-01";

function org(id: string, overrides: Partial<SnapshotOrganisation> = {}): SnapshotOrganisation {
  return {
    id,
    name: `Org ${id}`,
    acronym: null,
    type: "other",
    level: "national",
    countryCode: "NL",
    municipalityId: null,
    hasPilot: false,
    ...overrides,
  };
}

function partnership(
  id: string,
  memberIds: string[],
  overrides: Partial<SnapshotPartnership> = {},
): SnapshotPartnership {
  return {
    id,
    name: `Partnership ${id}`,
    status: "active",
    startDate: "2025-01-01",
    endDate: null,
    countryCode: "NL",
    members: memberIds.map((organisationId, i) => ({
      organisationId,
      role: i === 0 ? "lead" : "partner",
      joinedOn: null,
      leftOn: null,
    })),
    trustIndex: null,
    highestExposure: 0,
    riskCategories: [],
    powerImbalanceExposure: 0,
    ...overrides,
  };
}

function relationship(
  id: string,
  fromId: string,
  toId: string,
  overrides: Partial<SnapshotRelationship> = {},
): SnapshotRelationship {
  return { id, fromId, toId, type: "funds", startsOn: null, endsOn: null, ...overrides };
}

function snapshot(
  organisations: SnapshotOrganisation[],
  partnerships: SnapshotPartnership[] = [],
  relationships: SnapshotRelationship[] = [],
): NetworkSnapshot {
  return { dataVersion: 7, today: TODAY, organisations, partnerships, relationships };
}

const edgeSet = (graph: GraphInput) =>
  new Set(graph.edges.map(([a, b]) => `${graph.nodes[a]}-${graph.nodes[b]}`));

describe("analyticsGraph", () => {
  it("links co-members of current partnerships and current relationships, once per pair", () => {
    const s = snapshot(
      ["a", "b", "c", "d", "e", "f", "g"].map((id) => org(id)),
      [
        partnership("p1", ["a", "b", "c"]),
        partnership("p2", ["a", "b"]), // the same pair again: one edge
        partnership("ended", ["d", "e"], { status: "ended" }),
        partnership("past", ["d", "f"], { endDate: "2026-05-31" }),
        partnership("left", ["e", "f"], {
          members: [
            { organisationId: "e", role: "lead", joinedOn: null, leftOn: "2026-01-01" },
            { organisationId: "f", role: "partner", joinedOn: null, leftOn: null },
          ],
        }),
        partnership("later", ["e", "g"], {
          members: [
            { organisationId: "e", role: "lead", joinedOn: null, leftOn: null },
            { organisationId: "g", role: "partner", joinedOn: "2026-07-01", leftOn: null },
          ],
        }),
        partnership("unknown", ["d", "zz"]),
      ],
      [
        relationship("r1", "c", "d"),
        relationship("r2", "d", "c", { type: "advises" }), // same pair
        relationship("r3", "e", "f", { endsOn: "2026-05-01" }),
        relationship("r4", "e", "g", { startsOn: "2026-09-01" }),
        relationship("r5", "e", "e"),
      ],
    );
    const graph = analyticsGraph(s);
    expect(graph.nodes).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    expect(edgeSet(graph)).toEqual(new Set(["a-b", "a-c", "b-c", "c-d"]));
    for (const [a, b] of graph.edges) expect(a).toBeLessThan(b);
  });
});

describe("the current rule is the map's", () => {
  it("exploring, forming, paused and not-yet-started partnerships count; ended and expired ones do not", () => {
    const s = snapshot(
      ["a", "b", "c", "d", "e", "f", "g", "h"].map((id) => org(id)),
      [
        partnership("exploring", ["a", "b"], { status: "exploring" }),
        partnership("later", ["b", "c"], { status: "forming", startDate: "2027-01-01" }),
        partnership("paused", ["c", "d"], { status: "paused" }),
        partnership("last-day", ["d", "e"], { endDate: TODAY }),
        partnership("expired", ["e", "f"], { endDate: "2026-05-31" }),
        partnership("ended", ["f", "g"], { status: "ended", endDate: "2027-01-01" }),
      ],
      [
        relationship("later", "g", "h", { startsOn: "2026-06-02" }),
        relationship("today", "a", "h", { startsOn: TODAY, endsOn: TODAY }),
      ],
    );
    expect(edgeSet(analyticsGraph(s))).toEqual(new Set(["a-b", "b-c", "c-d", "d-e", "a-h"]));
  });

  it("analytics and the map without filters see the same links", () => {
    const s = syntheticSnapshot({ organisations: 300, countries: 4, seed: 8 });
    // Vary the statuses and dates so that the rule matters.
    s.partnerships.forEach((p, i) => {
      if (i % 7 === 0) p.status = "ended";
      if (i % 7 === 1) p.status = "exploring";
      if (i % 7 === 2) p.endDate = "2026-01-01";
      if (i % 7 === 3) p.startDate = "2027-01-01";
    });
    s.relationships.forEach((r, i) => {
      if (i % 3 === 0) r.startsOn = "2026-07-01";
      if (i % 3 === 1) r.endsOn = "2026-05-01";
    });
    const graph = analyticsGraph(s);
    const fromMap = new Set(
      organisationEdges(selectNetwork(s, emptyFilters, null))
        .filter((e) => e.source !== e.target)
        .map((e) => [e.source, e.target].sort().join("-")),
    );
    const fromAnalytics = new Set(
      graph.edges.map(([a, b]) => [graph.nodes[a]!, graph.nodes[b]!].sort().join("-")),
    );
    expect(fromAnalytics).toEqual(fromMap);
    expect(fromAnalytics.size).toBeGreaterThan(100);
  });
});

describe("large partnerships: hub vertices, not cliques", () => {
  const N = LARGE_PARTNERSHIP_FROM;
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

  it("analyticsGraph: a hub vertex per large partnership, linked to its current members", () => {
    const members = ids("m", N);
    const s = snapshot(
      [...members.map((id) => org(id)), org("x"), org("y")],
      [
        partnership("big", [...members, "y"], {
          members: [...members, "y"].map((organisationId) => ({
            organisationId,
            role: "partner",
            joinedOn: null,
            // y left: 12 current members remain
            leftOn: organisationId === "y" ? "2026-01-01" : null,
          })),
        }),
        partnership("eleven", ids("m", N - 1)),
        partnership("small", ["m0", "x"]),
      ],
    );
    const graph = analyticsGraph(s);
    expect(graph.nodes).toEqual([...members, "x", "y"]);
    expect(graph.hubs).toEqual(["p:big"]);
    const hubEdges = graph.edges.filter(([, b]) => b >= graph.nodes.length);
    expect(hubEdges).toEqual(members.map((_, i) => [i, graph.nodes.length]));
    // eleven: 55 pairs, small: 1
    expect(graph.edges.length - hubEdges.length).toBe(56);
    const { pairs, hubs } = organisationPairs(s);
    expect(pairs.size).toBe(56);
    expect(hubs).toEqual([{ partnershipId: "big", members: members.map((_, i) => i) }]);
  });

  it("structuralAnalytics: components through hubs, arithmetic degree, hubs never listed", () => {
    const a = ids("a", N);
    const b = ids("b", N);
    const s = snapshot(
      [...a, ...b, "x", "lone"].map((id) => org(id)),
      [partnership("A", a), partnership("B", b), partnership("link", ["a0", "x"])],
      [relationship("r", "a1", "a2")],
    );
    const result = structuralAnalytics(s);
    expect(result.organisationCount).toBe(2 * N + 2);
    // A + x, B, lone
    expect(result.components).toBe(3);
    expect(result.largestComponent).toBe(N + 1);
    expect(result.isolated.items.map((i) => i.id)).toEqual(["lone"]);
    expect(result.degree.a0).toBe(N - 1 + 1);
    // a1-a2 also share A: counted twice (accepted over-count)
    expect(result.degree.a1).toBe(N - 1 + 1);
    expect(result.degree.a5).toBe(N - 1);
    expect(result.degree.b3).toBe(N - 1);
    expect(result.degree.x).toBe(1);
    // links: 2 organisation pairs + 2 x 12 memberships
    expect(result.edgeCount).toBe(2 + 2 * N);
    expect(result.topDegree.every((row) => !row.id.startsWith("p:"))).toBe(true);
    expect(result.topDegree[0]!.degree).toBe(N);
    expect(result.partnershipCount.a0).toBe(2);
  });

  it("6,000 members among 10,000 organisations: linear, no RangeError", () => {
    const s = syntheticSnapshot({ organisations: 10_000, countries: 25, seed: 4 });
    s.partnerships.push(
      partnership(
        "huge",
        s.organisations.slice(0, 6_000).map((o) => o.id),
      ),
      partnership(
        "large",
        s.organisations.slice(4_000, 6_000).map((o) => o.id),
      ),
    );
    const started = performance.now();
    const graph = analyticsGraph(s);
    const result = structuralAnalytics(s, graph);
    const ms = performance.now() - started;
    expect(graph.hubs).toEqual(["p:huge", "p:large"]);
    expect(graph.edges.length).toBeLessThan(100_000);
    expect(result.largestComponent).toBeGreaterThanOrEqual(6_000);
    expect(result.degree[s.organisations[4_500]!.id]).toBeGreaterThanOrEqual(5_999 + 1_999);
    expect(ms).toBeLessThan(2_000);
  });
});

describe("structuralAnalytics", () => {
  it("counts components, the largest, isolated organisations and degrees", () => {
    const s = snapshot(
      [
        org("a", { name: "Zeta" }),
        org("b"),
        org("c"),
        org("d"),
        org("e", { name: "Alpha" }),
        org("f", { name: "Beta", acronym: "AAA" }),
      ],
      [partnership("p1", ["a", "b", "c"]), partnership("p2", ["a", "b"])],
      [relationship("r1", "d", "c")],
    );
    const result = structuralAnalytics(s);
    expect(result.dataVersion).toBe(7);
    expect(result.organisationCount).toBe(6);
    expect(result.edgeCount).toBe(4);
    expect(result.components).toBe(3);
    expect(result.largestComponent).toBe(4);
    expect(result.isolated).toEqual({
      count: 2,
      items: [
        { id: "f", label: "AAA" },
        { id: "e", label: "Alpha" },
      ],
    });
    expect(result.degree).toEqual({ a: 2, b: 2, c: 3, d: 1, e: 0, f: 0 });
    expect(result.partnershipCount).toEqual({ a: 2, b: 2, c: 1, d: 0, e: 0, f: 0 });
    expect(result.topDegree[0]).toEqual({ id: "c", label: "Org c", degree: 3 });
    // Ties by label: "Org b" before "Zeta".
    expect(result.topDegree.map((r) => r.id)).toEqual(["c", "b", "a", "d"]);
  });

  it("finds municipalities with a pilot and no CSO partner in a current partnership", () => {
    const municipality = (id: string, hasPilot = true) =>
      org(id, { type: "local_authority", level: "local", municipalityId: `m-${id}`, hasPilot });
    const s = snapshot(
      [
        municipality("m1"), // CSO partner: fine
        municipality("m2"), // only an ended partnership with a CSO
        municipality("m3"), // in no partnership
        municipality("m4", false), // no pilot: not counted
        municipality("m5"), // related to a CSO but shares no partnership
        org("cso1", { type: "cso", level: "local" }),
        org("cso2", { type: "cso", level: "local" }),
        org("nat", { type: "national_authority" }),
      ],
      [
        partnership("p1", ["m1", "cso1", "nat"]),
        partnership("p2", ["m2", "cso2"], { status: "ended" }),
        partnership("p3", ["m2", "nat"]),
        partnership("p4", ["m4", "nat"]),
      ],
      [relationship("r", "m5", "cso2")],
    );
    const result = structuralAnalytics(s);
    expect(result.municipalitiesWithoutCsoPartner.count).toBe(3);
    expect(result.municipalitiesWithoutCsoPartner.items.map((i) => i.id)).toEqual(["m2", "m3", "m5"]);
  });

  it("finds national authorities with no local-level partner in a current partnership", () => {
    const s = snapshot(
      [
        org("n1", { type: "national_authority", level: "national", name: "Ministry B" }),
        org("n2", { type: "national_authority", level: "national", name: "Ministry A" }),
        org("n3", { type: "national_authority", level: "national", name: "Ministry C" }),
        org("n4", { type: "national_authority", level: "regional" }), // not national level
        org("n5", { type: "cso", level: "national" }), // not an authority
        org("loc", { type: "local_authority", level: "local" }),
        org("loc2", { type: "cso", level: "local" }),
      ],
      [
        partnership("p1", ["n1", "loc"]),
        partnership("p2", ["n2", "n3"]),
        partnership("p3", ["n3", "loc2"], {
          members: [
            { organisationId: "n3", role: "lead", joinedOn: null, leftOn: null },
            { organisationId: "loc2", role: "partner", joinedOn: null, leftOn: "2026-02-01" },
          ],
        }),
      ],
    );
    const result = structuralAnalytics(s);
    expect(result.nationalWithoutLocalPartner).toEqual({
      count: 2,
      items: [
        { id: "n2", label: "Ministry A" },
        { id: "n3", label: "Ministry C" },
      ],
    });
  });

  it("caps item lists at 50 and keeps exact counts", () => {
    const orgs = Array.from({ length: 120 }, (_, i) => org(`o${String(i).padStart(3, "0")}`));
    const result = structuralAnalytics(snapshot(orgs));
    expect(result.isolated.count).toBe(120);
    expect(result.isolated.items).toHaveLength(50);
    expect(result.isolated.items[0]!.id).toBe("o000");
    expect(result.components).toBe(120);
    expect(result.largestComponent).toBe(1);
    expect(result.topDegree).toEqual([]);
  });

  it("handles an empty snapshot", () => {
    const result = structuralAnalytics(snapshot([]));
    expect(result).toMatchObject({ organisationCount: 0, edgeCount: 0, components: 0, largestComponent: 0 });
  });
});

/** graphology-metrics' normalised betweenness of the same graph, in node order. */
function reference(graph: GraphInput): number[] {
  const g = new Graph({ type: "undirected" });
  graph.nodes.forEach((id) => g.addNode(id));
  for (const [a, b] of graph.edges) g.addEdge(graph.nodes[a]!, graph.nodes[b]!);
  const values = graphologyBetweenness(g, { normalized: true, getEdgeWeight: null });
  return graph.nodes.map((id) => values[id]!);
}

function randomGraph(n: number, m: number, seed: number): GraphInput {
  const rng = createRng(seed);
  const seen = new Set<string>();
  const edges: [number, number][] = [];
  while (edges.length < m) {
    const a = rng.int(0, n - 1);
    const b = rng.int(0, n - 1);
    if (a === b) continue;
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push([a, b]);
  }
  return { nodes: Array.from({ length: n }, (_, i) => `n${i}`), edges };
}

const path: GraphInput = {
  nodes: ["a", "b", "c", "d", "e"],
  edges: [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
  ],
};
const star: GraphInput = {
  nodes: ["hub", "a", "b", "c", "d", "e"],
  edges: [
    [0, 1],
    [0, 2],
    [0, 3],
    [0, 4],
    [0, 5],
  ],
};

describe("betweenness", () => {
  it.each([
    ["path", path],
    ["star", star],
    [
      "two components",
      {
        nodes: ["a", "b", "c", "x", "y", "z", "lone"],
        edges: [
          [0, 1],
          [1, 2],
          [3, 4],
          [4, 5],
          [3, 5],
        ],
      } as GraphInput,
    ],
    ["random 200", randomGraph(200, 500, 1)],
    ["random 300 sparse", randomGraph(300, 320, 2)],
  ])("matches graphology-metrics exactly on a %s graph", (_name, graph) => {
    const ours = betweenness(graph, { samples: null });
    const theirs = reference(graph);
    expect(ours).toHaveLength(graph.nodes.length);
    ours.forEach((value, i) => expect(Math.abs(value - theirs[i]!)).toBeLessThan(1e-9));
  });

  it("gives known values on a path and a star", () => {
    // Path of 5: the middle node is on 4 shortest paths (unordered pairs), normalised by (n-1)(n-2)/2 = 6.
    expect([...betweenness(path, { samples: null })].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([
      0, 0.5, 0.666667, 0.5, 0,
    ]);
    expect(betweenness(star, { samples: null })[0]).toBeCloseTo(1, 12);
  });

  it("handles tiny graphs", () => {
    expect([...betweenness({ nodes: [], edges: [] }, { samples: null })]).toEqual([]);
    expect([...betweenness({ nodes: ["a", "b"], edges: [[0, 1]] }, { samples: null })]).toEqual([0, 0]);
  });

  it("estimates from a seeded sample of sources: deterministic, scaled by n / k, close to exact", () => {
    const graph = randomGraph(400, 1200, 3);
    const exact = betweenness(graph, { samples: null });
    const a = betweenness(graph, { samples: 200, seed: 5 });
    const b = betweenness(graph, { samples: 200, seed: 5 });
    const c = betweenness(graph, { samples: 200, seed: 6 });
    expect([...b]).toEqual([...a]);
    expect([...c]).not.toEqual([...a]);
    const sum = (values: Float64Array) => values.reduce((s, v) => s + v, 0);
    // The estimate is unbiased: totals agree within a few percent.
    expect(Math.abs(sum(a) - sum(exact)) / sum(exact)).toBeLessThan(0.1);
    // The top broker of the exact ranking is among the estimate's top 5.
    const rank = (values: Float64Array) => [...values.keys()].sort((x, y) => values[y]! - values[x]!);
    expect(rank(a).slice(0, 5)).toContain(rank(exact)[0]);
    // samples >= n is exact.
    expect([...betweenness(graph, { samples: 400 })]).toEqual([...exact]);
  });

  it("refuses an edge to a missing node", () => {
    expect(() => betweenness({ nodes: ["a"], edges: [[0, 3]] }, { samples: null })).toThrow(RangeError);
  });
});

/** Brute force: for each pair of organisations, the share of shortest paths through each other organisation. */
function bruteForce(graph: GraphInput): number[] {
  const n = graph.nodes.length;
  let vertices = n;
  for (const [a, b] of graph.edges) vertices = Math.max(vertices, a + 1, b + 1);
  const adjacency: number[][] = Array.from({ length: vertices }, () => []);
  for (const [a, b] of graph.edges) {
    adjacency[a]!.push(b);
    adjacency[b]!.push(a);
  }
  const bfs = (source: number) => {
    const distance = new Array<number>(vertices).fill(-1);
    const sigma = new Array<number>(vertices).fill(0);
    distance[source] = 0;
    sigma[source] = 1;
    const queue = [source];
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head]!;
      for (const w of adjacency[v]!) {
        if (distance[w] === -1) {
          distance[w] = distance[v]! + 1;
          queue.push(w);
        }
        if (distance[w] === distance[v]! + 1) sigma[w]! += sigma[v]!;
      }
    }
    return { distance, sigma };
  };
  const all = Array.from({ length: n }, (_, i) => bfs(i));
  const values = new Array<number>(n).fill(0);
  for (let s = 0; s < n; s++)
    for (let t = s + 1; t < n; t++) {
      const dst = all[s]!.distance[t]!;
      if (dst <= 0) continue;
      for (let v = 0; v < n; v++) {
        if (v === s || v === t) continue;
        const dsv = all[s]!.distance[v]!;
        const dvt = all[v]!.distance[t]!;
        if (dsv < 0 || dvt < 0 || dsv + dvt !== dst) continue;
        values[v]! += (all[s]!.sigma[v]! * all[v]!.sigma[t]!) / all[s]!.sigma[t]!;
      }
    }
  return values.map((v) => (n > 2 ? (2 * v) / ((n - 1) * (n - 2)) : v));
}

describe("betweenness with hub vertices", () => {
  it("counts organisation pairs only: a hub carries paths but is neither a source, a target nor listed", () => {
    // 12 organisations in one large partnership (hub vertex 13), organisation 12 linked to organisation 0 only.
    const nodes = Array.from({ length: 13 }, (_, i) => `o${i}`);
    const edges: [number, number][] = [[0, 12]];
    for (let i = 0; i < 12; i++) edges.push([i, 13]);
    const values = betweenness({ nodes, hubs: ["p:big"], edges }, { samples: null });
    expect(values).toHaveLength(13);
    // o0 is on the paths from o12 to o1..o11: 11 pairs of 12 * 11 / 2 = 66
    expect(values[0]).toBeCloseTo(11 / 66, 12);
    for (let i = 1; i < 13; i++) expect(values[i]).toBe(0);
    // Hubs implied by the edges (as in the worker, which passes only the organisation count): same values.
    expect([...betweenness({ nodes, edges }, { samples: null })]).toEqual([...values]);
  });

  it("matches a brute force on random graphs with hubs", () => {
    const rng = createRng("hub-betweenness");
    for (let round = 0; round < 3; round++) {
      const base = randomGraph(60, 70, round + 10);
      const hubs = ["p:h0", "p:h1", "p:h2"];
      const edges = [...base.edges];
      hubs.forEach((_, h) => {
        for (const member of rng.sample([...base.nodes.keys()], 12)) edges.push([member, 60 + h]);
      });
      const graph: GraphInput = { nodes: base.nodes, hubs, edges };
      const ours = betweenness(graph, { samples: null });
      const expected = bruteForce(graph);
      ours.forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThan(1e-9));
      // Without hubs the brute force is graphology's value too.
      const plain = reference(base);
      bruteForce(base).forEach((value, i) => expect(Math.abs(value - plain[i]!)).toBeLessThan(1e-9));
      // Sampling draws organisations only.
      const sampled = betweenness(graph, { samples: 20, seed: 3 });
      expect(sampled).toHaveLength(60);
      expect(sampled.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    }
  });

  it("refuses an edge between two hub vertices, and a hub vertex without an edge", () => {
    expect(() =>
      betweenness(
        {
          nodes: ["a"],
          edges: [
            [0, 1],
            [1, 2],
          ],
        },
        { samples: null },
      ),
    ).toThrow(/missing node/);
    expect(() => betweenness({ nodes: ["a"], hubs: ["p:x"], edges: [[0, 2]] }, { samples: null })).toThrow(
      RangeError,
    );
  });
});

describe("betweennessInWorker", () => {
  it("handles hub vertices like the in-process computation", async () => {
    const s = syntheticSnapshot({
      organisations: 200,
      countries: 3,
      seed: 5,
      large: { count: 2, members: 40 },
    });
    const graph = analyticsGraph(s);
    expect(graph.hubs).toHaveLength(2);
    expect(graph.edges.filter(([, b]) => b >= 200)).toHaveLength(80);
    expect([...(await betweennessInWorker(graph, { samples: null }))]).toEqual([
      ...betweenness(graph, { samples: null }),
    ]);
  });

  it("gives the in-process result", async () => {
    const graph = randomGraph(300, 900, 4);
    expect([...(await betweennessInWorker(graph, { samples: null }))]).toEqual([
      ...betweenness(graph, { samples: null }),
    ]);
    expect([...(await betweennessInWorker(graph, { samples: 50, seed: 9 }))]).toEqual([
      ...betweenness(graph, { samples: 50, seed: 9 }),
    ]);
  });

  it("rejects when the computation fails in the worker", async () => {
    await expect(betweennessInWorker({ nodes: ["a"], edges: [[0, 3]] }, { samples: null })).rejects.toThrow(
      /missing node/,
    );
  });
});

describe("organisation pairs worked out once per snapshot", () => {
  it("gives the analytics graph, the layout's signature and the layout what they compute themselves", () => {
    const s = syntheticSnapshot({ organisations: 300, countries: 4, seed: 11 });
    const pairs = pairsOf(s);
    expect(pairsOf(s)).toBe(pairs);
    expect(pairs).toEqual(organisationPairs(s));
    expect(analyticsGraph(s, pairs)).toEqual(analyticsGraph(s));
    expect(layoutSignature(s, pairs)).toBe(layoutSignature(s));
    expect(computeLayout(s, { pairs })).toEqual(computeLayout(s));
    // Another snapshot object (as after a new organisation): its own pairs.
    const grown = { ...s, organisations: [...s.organisations] };
    expect(pairsOf(grown)).not.toBe(pairs);
  });
});
