import Graph from "graphology";
import graphologyBetweenness from "graphology-metrics/centrality/betweenness";
import { describe, expect, it } from "vitest";
import { betweennessInWorker } from "~/models/betweenness-worker.server";
import { analyticsGraph, betweenness, structuralAnalytics, type GraphInput } from "~/lib/network/metrics";
import type {
  NetworkSnapshot,
  SnapshotOrganisation,
  SnapshotPartnership,
  SnapshotRelationship,
} from "~/lib/network/types";
import { createRng } from "~/lib/prng";

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

describe("betweennessInWorker", () => {
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
