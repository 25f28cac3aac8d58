import { describe, expect, test } from "vitest";
import {
  organisationTypes,
  type MemberRole,
  type OrganisationType,
  type RelationshipType,
} from "~/lib/enums";
import { emptyFilters } from "~/lib/network/filters";
import { clusterIdOf, groupForView, type GroupOptions } from "~/lib/network/lod";
import { organisationEdges, selectNetwork } from "~/lib/network/select";
import {
  LARGE_PARTNERSHIP_FROM,
  LOD_MAX_ORGANISATION_NODES,
  type NetworkFilters,
  type NetworkSnapshot,
  type SnapshotOrganisation,
  type SnapshotPartnership,
  type SnapshotRelationship,
  type ViewEdge,
  type ViewNode,
} from "~/lib/network/types";
import { buildNetworkView } from "~/lib/network/view";
import { createRng } from "~/lib/prng";

// A tiny snapshot builder.
function org(id: string, countryCode: string | null, type: OrganisationType = "cso"): SnapshotOrganisation {
  return {
    id,
    name: `Organisation ${id}`,
    acronym: null,
    type,
    level: "local",
    countryCode,
    municipalityId: null,
    hasPilot: false,
  };
}

function partnership(
  id: string,
  members: (string | [string, MemberRole])[],
  over: Partial<SnapshotPartnership> = {},
): SnapshotPartnership {
  return {
    id,
    name: `Partnership ${id}`,
    status: "active",
    startDate: "2020-01-01",
    endDate: null,
    countryCode: null,
    members: members.map((m) => {
      const [organisationId, role] = typeof m === "string" ? [m, "partner" as MemberRole] : m;
      return { organisationId, role, joinedOn: null, leftOn: null };
    }),
    trustIndex: null,
    highestExposure: 0,
    riskCategories: [],
    powerImbalanceExposure: 0,
    ...over,
  };
}

function relationship(
  id: string,
  fromId: string,
  toId: string,
  type: RelationshipType = "funds",
): SnapshotRelationship {
  return { id, fromId, toId, type, startsOn: null, endsOn: null };
}

function snapshot(over: Partial<NetworkSnapshot>): NetworkSnapshot {
  return {
    dataVersion: 7,
    today: "2025-06-15",
    organisations: [],
    partnerships: [],
    relationships: [],
    ...over,
  };
}

/** Many organisations of one country (and type), ids "<prefix>1".."<prefix>n". */
function many(prefix: string, n: number, countryCode: string | null, type: OrganisationType = "cso") {
  return Array.from({ length: n }, (_, i) => org(`${prefix}${i + 1}`, countryCode, type));
}

function view(
  snap: NetworkSnapshot,
  options: Partial<GroupOptions> = {},
  filters: Partial<NetworkFilters> = {},
) {
  const selected = selectNetwork(snap, { ...emptyFilters, ...filters }, null);
  return groupForView(selected, organisationEdges(selected), {
    expand: [],
    focusId: null,
    partnershipId: null,
    hubs: false,
    positions: {},
    ...options,
  });
}

const nodeIds = (nodes: ViewNode[], kind?: ViewNode["kind"]) =>
  nodes.filter((n) => kind === undefined || n.kind === kind).map((n) => n.id);
const orgNodeCount = (nodes: ViewNode[]) => nodes.filter((n) => n.kind === "organisation").length;
const edgeById = (edges: ViewEdge[], id: string) => edges.find((e) => e.id === id);

describe("clusterIdOf", () => {
  test("country, type within a country, none", () => {
    expect(clusterIdOf({ countryCode: "FR", type: "cso" }, false)).toBe("c:FR");
    expect(clusterIdOf({ countryCode: "FR", type: "cso" }, true)).toBe("c:FR:cso");
    expect(clusterIdOf({ countryCode: null, type: "eu_body" }, false)).toBe("c:none");
    expect(clusterIdOf({ countryCode: null, type: "eu_body" }, true)).toBe("c:none:eu_body");
  });
});

describe("groupForView: level of detail", () => {
  // 601 organisations: NL 200 (split: 120 CSOs, 80 local authorities), BE 100, none 50, FR 251 funders.
  const big = snapshot({
    organisations: [
      ...many("nlc", 120, "NL", "cso"),
      ...many("nll", 80, "NL", "local_authority"),
      ...many("be", 100, "BE"),
      ...many("x", 50, null, "eu_body"),
      ...many("fr", 251, "FR", "funder"),
    ],
    partnerships: [partnership("p1", ["nlc1", "be1", "be2", "x1"])],
  });

  test("at most max organisations: every organisation is a node", () => {
    const at = snapshot({ organisations: big.organisations.slice(0, LOD_MAX_ORGANISATION_NODES) });
    const grouped = view(at, { expand: ["c:NL"] });
    expect(grouped.clustered).toBe(false);
    expect(orgNodeCount(grouped.nodes)).toBe(LOD_MAX_ORGANISATION_NODES);
    expect(grouped.nodes.every((n) => n.kind === "organisation")).toBe(true);
    expect(grouped.expandRefused).toEqual([]);
  });

  test("max + 1 organisations: country clusters only", () => {
    const over = snapshot({ organisations: big.organisations.slice(0, LOD_MAX_ORGANISATION_NODES + 1) });
    const grouped = view(over);
    expect(grouped.clustered).toBe(true);
    expect(nodeIds(grouped.nodes)).toEqual(["c:NL", "c:BE", "c:none", "c:FR"]);
    const nl = grouped.nodes[0];
    expect(nl).toMatchObject({
      kind: "cluster",
      label: "NL",
      countryCode: "NL",
      type: null,
      count: 200,
      byType: { cso: 120, local_authority: 80 },
    });
    expect(grouped.nodes[2]).toMatchObject({ label: "none", countryCode: null, count: 50 });
    expect(grouped.nodes[3]).toMatchObject({ count: 151 });
  });

  test("expanding a small country shows its organisations", () => {
    const grouped = view(big, { expand: ["c:BE"] });
    expect(orgNodeCount(grouped.nodes)).toBe(100);
    expect(nodeIds(grouped.nodes, "cluster")).toEqual(["c:NL", "c:none", "c:FR"]);
    expect(nodeIds(grouped.nodes, "organisation")).toContain("be42");
    expect(grouped.expandRefused).toEqual([]);
  });

  test("a large country opens into type clusters, which open in turn", () => {
    const types = view(big, { expand: ["c:NL"] });
    expect(orgNodeCount(types.nodes)).toBe(0);
    expect(nodeIds(types.nodes, "cluster")).toEqual([
      "c:NL:cso",
      "c:NL:local_authority",
      "c:BE",
      "c:none",
      "c:FR",
    ]);
    expect(types.nodes[0]).toMatchObject({ label: "NL · cso", countryCode: "NL", type: "cso", count: 120 });

    const cso = view(big, { expand: ["c:NL", "c:NL:cso"] });
    expect(orgNodeCount(cso.nodes)).toBe(120);
    expect(nodeIds(cso.nodes, "cluster")).toEqual(["c:NL:local_authority", "c:BE", "c:none", "c:FR"]);
  });

  test("expansions beyond the budget are refused, in order", () => {
    const grouped = view(big, {
      expand: ["c:BE", "c:NL:cso", "c:NL:local_authority", "c:none", "c:FR", "c:FR:funder", "c:XX", "c:BE"],
    });
    // 100 + 120 + 80 + 50 = 350 organisations; FR's 251 funders would make 601
    expect(orgNodeCount(grouped.nodes)).toBe(350);
    expect(grouped.expandRefused).toEqual(["c:FR:funder"]);
    expect(nodeIds(grouped.nodes, "cluster")).toEqual(["c:FR:funder"]);

    const small = view(
      snapshot({ organisations: [...many("a", 6, "AA"), ...many("b", 5, "BB"), ...many("c", 3, "CC")] }),
      { max: 10, expand: ["c:AA", "c:BB", "c:CC"] },
    );
    expect(small.expandRefused).toEqual(["c:BB"]);
    expect(orgNodeCount(small.nodes)).toBe(9);
    expect(nodeIds(small.nodes, "cluster")).toEqual(["c:BB"]);
  });

  test("an expansion that fills the budget exactly is accepted", () => {
    const countries = view(
      snapshot({ organisations: [...many("a", 6, "AA"), ...many("b", 4, "BB"), ...many("c", 3, "CC")] }),
      { max: 10, expand: ["c:AA", "c:BB", "c:CC"] },
    );
    expect(countries.expandRefused).toEqual(["c:CC"]);
    expect(orgNodeCount(countries.nodes)).toBe(10);

    const types = view(
      snapshot({
        organisations: [
          ...many("s", 100, "SS", "cso"),
          ...many("f", 51, "SS", "funder"),
          ...many("t", 10, "TT"),
        ],
      }),
      { max: 151, expand: ["c:SS:cso", "c:SS:funder", "c:TT"] },
    );
    expect(types.expandRefused).toEqual(["c:TT"]);
    expect(orgNodeCount(types.nodes)).toBe(151);
    expect(nodeIds(types.nodes, "cluster")).toEqual(["c:TT"]);
  });

  test("the focused organisation opens its cluster first", () => {
    const small = view(
      snapshot({ organisations: [...many("a", 6, "AA"), ...many("b", 5, "BB"), ...many("c", 3, "CC")] }),
      { max: 10, expand: ["c:AA", "c:BB"], focusId: "b2" },
    );
    expect(small.expandRefused).toEqual(["c:AA"]);
    expect(nodeIds(small.nodes, "cluster")).toEqual(["c:AA", "c:CC"]);
    expect(small.nodes.find((n) => n.id === "b2")).toMatchObject({ kind: "organisation", focused: true });
    expect(small.nodes.filter((n) => n.kind === "organisation" && n.focused)).toHaveLength(1);

    // In a country that splits: the country and the focus's type cluster open, nothing else.
    const split = view(big, { focusId: "nll7" });
    expect(orgNodeCount(split.nodes)).toBe(80);
    expect(nodeIds(split.nodes, "cluster")).toEqual(["c:NL:cso", "c:BE", "c:none", "c:FR"]);
    expect(split.nodes.find((n) => n.id === "nll7")).toMatchObject({ focused: true });
  });

  test("unclustered: the focused node is marked", () => {
    const grouped = view(snapshot({ organisations: many("a", 3, "AA") }), { focusId: "a2" });
    expect(grouped.nodes.map((n) => n.kind === "organisation" && n.focused)).toEqual([false, true, false]);
  });
});

describe("groupForView: edges", () => {
  // A: a1 a2, B: b1 b2, C: c1; max 3 so five organisations cluster.
  const snap = snapshot({
    organisations: [org("a1", "AA"), org("a2", "AA"), org("b1", "BB"), org("b2", "BB"), org("c1", "CC")],
    partnerships: [
      partnership("P", [["a1", "lead"], "a2", "b1"], { trustIndex: 3 }),
      partnership("Q", ["a1", ["b1", "lead"], ["b2", "observer"]], {
        trustIndex: 2,
        powerImbalanceExposure: 12,
      }),
      partnership("R", ["c1"]),
    ],
    relationships: [
      relationship("r1", "a1", "b1"),
      relationship("r2", "a2", "b2"),
      relationship("r3", "b1", "a1"),
      relationship("r4", "a1", "a2", "advises"),
    ],
  });

  test("between clusters: shared edges summed, relationships counted per direction, self-loops dropped", () => {
    const grouped = view(snap, { max: 3 });
    expect(grouped.clustered).toBe(true);
    expect(grouped.edges).toEqual([
      {
        kind: "shared",
        id: "s:c:AA|c:BB",
        source: "c:AA",
        target: "c:BB",
        // a1-b1 (P, Q), a2-b1 (P), a1-b2 (Q); a1-a2 and b1-b2 stay inside a cluster
        weight: 4,
        partnershipIds: ["P", "Q"],
        minTrust: 2,
        dashed: true,
        change: null,
        highlighted: false,
      },
      {
        kind: "relationship",
        id: "r:c:AA|c:BB|funds",
        source: "c:AA",
        target: "c:BB",
        type: "funds",
        weight: 2,
      },
      {
        kind: "relationship",
        id: "r:c:BB|c:AA|funds",
        source: "c:BB",
        target: "c:AA",
        type: "funds",
        weight: 1,
      },
    ]);
  });

  test("between organisations and clusters once a cluster opens", () => {
    const grouped = view(snap, { max: 3, expand: ["c:AA"] });
    expect(nodeIds(grouped.nodes)).toEqual(["a1", "a2", "c:BB", "c:CC"]);
    expect(edgeById(grouped.edges, "s:a1|a2")).toMatchObject({
      weight: 1,
      partnershipIds: ["P"],
      minTrust: 3,
    });
    expect(edgeById(grouped.edges, "s:a1|c:BB")).toMatchObject({ weight: 3, partnershipIds: ["P", "Q"] });
    expect(edgeById(grouped.edges, "s:a2|c:BB")).toMatchObject({ weight: 1, dashed: false });
    expect(edgeById(grouped.edges, "r:r4")).toEqual({
      kind: "relationship",
      id: "r:r4",
      source: "a1",
      target: "a2",
      type: "advises",
      weight: 1,
    });
    expect(edgeById(grouped.edges, "r:a1|c:BB|funds")).toMatchObject({ weight: 1 });
    expect(edgeById(grouped.edges, "r:c:BB|a1|funds")).toMatchObject({ weight: 1 });
    expect(edgeById(grouped.edges, "r:a2|c:BB|funds")).toMatchObject({ weight: 1 });
  });

  test("unclustered: one edge per pair, ids from the organisations and the relationship", () => {
    const grouped = view(snap);
    expect(grouped.clustered).toBe(false);
    expect(grouped.edges.filter((e) => e.kind === "shared").map((e) => e.id)).toEqual([
      "s:a1|a2",
      "s:a1|b1",
      "s:a2|b1",
      "s:a1|b2",
      "s:b1|b2",
    ]);
    expect(edgeById(grouped.edges, "s:a1|b1")).toMatchObject({ weight: 2, minTrust: 2, dashed: true });
    expect(grouped.edges.filter((e) => e.kind === "relationship").map((e) => e.id)).toEqual([
      "r:r1",
      "r:r2",
      "r:r3",
      "r:r4",
    ]);
  });

  test("degree is distinct neighbours at organisation level, size scaled by the highest", () => {
    const grouped = view(snap);
    const degrees = Object.fromEntries(
      grouped.nodes.flatMap((n) => (n.kind === "organisation" ? [[n.id, [n.degree, n.size]]] : [])),
    );
    // a1: a2, b1, b2; b1: a1, a2, b2; a2: a1, b1, b2 (via r2); b2: a1, b1, a2; c1: none
    expect(degrees).toEqual({ a1: [3, 1], a2: [3, 1], b1: [3, 1], b2: [3, 1], c1: [0, 0] });
    const lone = view(snapshot({ organisations: [org("z", "ZZ")] }));
    expect(lone.nodes[0]).toMatchObject({ degree: 0, size: 0 });

    const star = view(
      snapshot({
        organisations: [org("h", "AA"), org("s1", "AA"), org("s2", "AA")],
        relationships: [
          relationship("e1", "h", "s1"),
          relationship("e2", "s1", "h"),
          relationship("e3", "h", "s2"),
        ],
      }),
    );
    expect(star.nodes.map((n) => (n.kind === "organisation" ? [n.degree, n.size] : null))).toEqual([
      [2, 1],
      [1, 0.5],
      [1, 0.5],
    ]);
  });

  test("the selected partnership lights up its members, their clusters and its edges", () => {
    const clustered = view(snap, { max: 3, expand: ["c:AA"], partnershipId: "Q" });
    const lit = clustered.nodes.filter((n) => n.highlighted).map((n) => n.id);
    expect(lit).toEqual(["a1", "c:BB"]);
    expect(edgeById(clustered.edges, "s:a1|c:BB")).toMatchObject({ highlighted: true });
    expect(edgeById(clustered.edges, "s:a2|c:BB")).toMatchObject({ highlighted: false });
    expect(edgeById(clustered.edges, "s:a1|a2")).toMatchObject({ highlighted: false });

    const flat = view(snap, { partnershipId: "P" });
    expect(flat.nodes.filter((n) => n.highlighted).map((n) => n.id)).toEqual(["a1", "a2", "b1"]);
    expect(flat.edges.filter((e) => e.kind === "shared" && e.highlighted).map((e) => e.id)).toEqual([
      "s:a1|a2",
      "s:a1|b1",
      "s:a2|b1",
    ]);
  });

  test("hubs: partnership nodes with membership edges, no shared edges", () => {
    const flat = view(snap, { hubs: true, partnershipId: "Q" });
    expect(nodeIds(flat.nodes, "partnership")).toEqual(["p:P", "p:Q", "p:R"]);
    expect(flat.edges.some((e) => e.kind === "shared")).toBe(false);
    expect(flat.edges.filter((e) => e.kind === "relationship")).toHaveLength(4);
    expect(flat.edges.filter((e) => e.kind === "membership")).toEqual([
      { kind: "membership", id: "m:P|a1", source: "a1", target: "p:P", role: "lead", highlighted: false },
      { kind: "membership", id: "m:P|a2", source: "a2", target: "p:P", role: "partner", highlighted: false },
      { kind: "membership", id: "m:P|b1", source: "b1", target: "p:P", role: "partner", highlighted: false },
      { kind: "membership", id: "m:Q|a1", source: "a1", target: "p:Q", role: "partner", highlighted: true },
      { kind: "membership", id: "m:Q|b1", source: "b1", target: "p:Q", role: "lead", highlighted: true },
      { kind: "membership", id: "m:Q|b2", source: "b2", target: "p:Q", role: "observer", highlighted: true },
      { kind: "membership", id: "m:R|c1", source: "c1", target: "p:R", role: "partner", highlighted: false },
    ]);
    expect(flat.nodes.find((n) => n.id === "p:Q")).toMatchObject({
      kind: "partnership",
      partnershipId: "Q",
      label: "Partnership Q",
      status: "active",
      trustIndex: 2,
      highlighted: true,
    });
  });

  test("hubs when clustered: members in one cluster merged (strongest role), hubs within the budget", () => {
    // No organisation node: no hub, the partnerships are drawn as shared edges between clusters instead.
    const none = view(snap, { max: 3, hubs: true });
    expect(nodeIds(none.nodes, "partnership")).toEqual([]);
    expect(none.edges).toEqual(view(snap, { max: 3 }).edges);

    // Room for both hubs (2 organisation nodes + 2 hubs = max 4).
    const open = view(snap, { max: 4, hubs: true, expand: ["c:AA"] });
    expect(nodeIds(open.nodes, "partnership")).toEqual(["p:P", "p:Q"]);
    expect(open.edges.some((e) => e.kind === "shared")).toBe(false);
    expect(
      open.edges.filter((e) => e.kind === "membership").map((e) => [e.id, e.kind === "membership" && e.role]),
    ).toEqual([
      ["m:P|a1", "lead"],
      ["m:P|a2", "partner"],
      ["m:P|c:BB", "partner"],
      ["m:Q|a1", "partner"],
      ["m:Q|c:BB", "lead"],
    ]);

    // Room for one hub (max 3): P (first of the largest) gets it, Q falls back to shared edges.
    const tight = view(snap, { max: 3, hubs: true, expand: ["c:AA"] });
    expect(nodeIds(tight.nodes, "partnership")).toEqual(["p:P"]);
    expect(orgNodeCount(tight.nodes) + nodeIds(tight.nodes, "partnership").length).toBe(3);
    expect(tight.edges.filter((e) => e.kind === "membership").map((e) => e.id)).toEqual([
      "m:P|a1",
      "m:P|a2",
      "m:P|c:BB",
    ]);
    // Q's pairs a1-b1 and a1-b2 (b1-b2 stays inside c:BB); P's pairs are not drawn as edges
    expect(tight.edges.filter((e) => e.kind === "shared")).toEqual([
      {
        kind: "shared",
        id: "s:a1|c:BB",
        source: "a1",
        target: "c:BB",
        weight: 2,
        partnershipIds: ["Q"],
        minTrust: 2,
        dashed: true,
        change: null,
        highlighted: false,
      },
    ]);
    expect(tight.hubsLeftOut).toEqual([]);
  });

  test("hubs unclustered beyond the budget: the largest partnerships get hubs, the others shared edges", () => {
    // 5 organisations, max 7: room for 2 hubs among P (3 members), Q (3), R (1); max 6: room for 1.
    const grouped = view(snap, { max: 7, hubs: true });
    expect(grouped.clustered).toBe(false);
    expect(nodeIds(grouped.nodes, "partnership")).toEqual(["p:P", "p:Q"]);
    expect(grouped.edges.filter((e) => e.kind === "shared")).toEqual([]);
    const smaller = view(snap, { max: 6, hubs: true });
    expect(nodeIds(smaller.nodes, "partnership")).toEqual(["p:P"]);
    expect(smaller.edges.filter((e) => e.kind === "shared").map((e) => e.id)).toEqual([
      "s:a1|b1",
      "s:a1|b2",
      "s:b1|b2",
    ]);
  });

  test("positions: saved ones kept, clusters at their members' centroid, hubs at their members' centroid", () => {
    const positions = {
      a1: { x: 0, y: 0 },
      a2: { x: 10, y: 20 },
      b1: { x: 100, y: 100 },
      "p:Q": { x: -5, y: -5 },
    };
    const clustered = view(snap, { max: 3, positions });
    expect(clustered.nodes.find((n) => n.id === "c:AA")).toMatchObject({ x: 5, y: 10 });
    expect(clustered.nodes.find((n) => n.id === "c:BB")).toMatchObject({ x: 100, y: 100 });
    const cc = clustered.nodes.find((n) => n.id === "c:CC");
    expect(Number.isFinite(cc?.x) && Number.isFinite(cc?.y)).toBe(true);

    const withSaved = view(snap, { max: 3, positions: { ...positions, "c:AA": { x: 1, y: 2 } } });
    expect(withSaved.nodes.find((n) => n.id === "c:AA")).toMatchObject({ x: 1, y: 2 });

    const hubs = view(snap, { hubs: true, positions });
    expect(hubs.nodes.find((n) => n.id === "a2")).toMatchObject({ x: 10, y: 20 });
    // P: a1, a2, b1 -> centroid; Q saved
    expect(hubs.nodes.find((n) => n.id === "p:P")).toMatchObject({ x: 110 / 3, y: 40 });
    expect(hubs.nodes.find((n) => n.id === "p:Q")).toMatchObject({ x: -5, y: -5 });
  });

  test("positions: missing ones are deterministic, finite and distinct", () => {
    const organisations = [...many("a", 40, "AA"), ...many("b", 40, "BB")];
    const first = view(snapshot({ organisations }));
    const second = view(snapshot({ organisations }));
    expect(first.nodes).toEqual(second.nodes);
    const spots = new Set(first.nodes.map((n) => `${n.x.toFixed(3)},${n.y.toFixed(3)}`));
    expect(spots.size).toBe(80);
    expect(first.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y))).toBe(true);
  });
});

describe("groupForView: large partnerships", () => {
  const N = LARGE_PARTNERSHIP_FROM;
  // AA: a1..a12 (all members of "big"), BB: b1..b8 (b1, b2 members of "big" too: 14 members).
  const organisations = [...many("a", N, "AA"), ...many("b", 8, "BB")];
  const bigMembers: (string | [string, MemberRole])[] = [
    ["a1", "lead"],
    ...organisations.slice(1, N).map((o) => o.id),
    "b1",
    ["b2", "funder"],
  ];
  const snap = snapshot({
    organisations,
    partnerships: [
      partnership("big", bigMembers, { trustIndex: 3.5 }),
      partnership("small", ["a1", "b3"], { trustIndex: 2 }),
    ],
    relationships: [relationship("r", "b4", "b5")],
  });

  test("always a hub with membership edges, never pairs, even without hubs mode", () => {
    const grouped = view(snap, { partnershipId: "big" });
    expect(grouped.clustered).toBe(false);
    expect(nodeIds(grouped.nodes, "partnership")).toEqual(["p:big"]);
    expect(grouped.nodes.find((n) => n.id === "p:big")).toMatchObject({
      kind: "partnership",
      trustIndex: 3.5,
      highlighted: true,
    });
    const memberships = grouped.edges.filter((e) => e.kind === "membership");
    expect(memberships).toHaveLength(N + 2);
    expect(memberships[0]).toEqual({
      kind: "membership",
      id: "m:big|a1",
      source: "a1",
      target: "p:big",
      role: "lead",
      highlighted: true,
    });
    expect(memberships.find((e) => e.source === "b2")).toMatchObject({ role: "funder" });
    expect(grouped.edges.filter((e) => e.kind === "shared").map((e) => e.id)).toEqual(["s:a1|b3"]);
    // degree: 13 other members of "big", plus b3 for a1
    const degree = (id: string) => grouped.nodes.find((n) => n.id === id);
    expect(degree("a1")).toMatchObject({ degree: N + 2, size: 1 });
    expect(degree("a5")).toMatchObject({ degree: N + 1 });
    expect(degree("b4")).toMatchObject({ degree: 1 });
    expect(grouped.hubsLeftOut).toEqual([]);
  });

  test("its hub counts against the budget: organisations + hubs <= max", () => {
    // 20 organisations and a large partnership: max 21 fits both, max 20 clusters.
    const fits = view(snap, { max: 21 });
    expect(fits.clustered).toBe(false);
    expect(orgNodeCount(fits.nodes) + nodeIds(fits.nodes, "partnership").length).toBe(21);

    const over = view(snap, { max: 20 });
    expect(over.clustered).toBe(true);
    expect(nodeIds(over.nodes, "partnership")).toEqual(["p:big"]);
    expect(
      over.edges.filter((e) => e.kind === "membership").map((e) => [e.id, e.kind === "membership" && e.role]),
    ).toEqual([
      ["m:big|c:AA", "lead"],
      // b1 partner, b2 funder: the strongest role
      ["m:big|c:BB", "partner"],
    ]);
    // Expanding AA (12) leaves room for the hub; expanding BB too would make 20 + 1: refused.
    const open = view(snap, { max: 20, expand: ["c:AA", "c:BB"] });
    expect(open.expandRefused).toEqual(["c:BB"]);
    expect(orgNodeCount(open.nodes)).toBe(N);
    expect(nodeIds(open.nodes, "partnership")).toEqual(["p:big"]);
  });

  test("within one cluster: no hub; without room: left out and listed", () => {
    const inside = snapshot({
      organisations: [...many("a", N, "AA"), ...many("b", 8, "BB")],
      partnerships: [
        partnership(
          "big",
          many("a", N, "AA").map((o) => o.id),
        ),
      ],
    });
    const clustered = view(inside, { max: 8 });
    expect(clustered.clustered).toBe(true);
    expect(nodeIds(clustered.nodes, "partnership")).toEqual([]);
    expect(clustered.edges).toEqual([]);

    // 3 large partnerships with max 4: 2 reserved, so organisations get 2; the third hub is left out.
    const three = snapshot({
      organisations: [...many("a", N, "AA"), ...many("b", N + 1, "BB"), ...many("c", 1, "CC")],
      partnerships: [
        partnership("pa", [...many("a", N, "AA").map((o) => o.id), "c1"]),
        partnership("pb", [...many("b", N + 1, "BB").map((o) => o.id), "c1"]),
        partnership(
          "pab",
          [...many("a", 6, "AA"), ...many("b", 6, "BB")].map((o) => o.id),
        ),
      ],
    });
    const grouped = view(three, { max: 4, expand: ["c:CC"] });
    expect(orgNodeCount(grouped.nodes)).toBe(1);
    // largest first: pb (14), pa (13); pab (12) too, since 1 + 3 <= 4
    expect(nodeIds(grouped.nodes, "partnership")).toEqual(["p:pa", "p:pb", "p:pab"]);
    const full = view(three, { max: 3, expand: ["c:CC"] });
    expect(orgNodeCount(full.nodes)).toBe(1);
    expect(nodeIds(full.nodes, "partnership")).toEqual(["p:pa", "p:pb"]);
    expect(full.hubsLeftOut).toEqual(["pab"]);
    // The page's view carries them, so the page can say a partnership is not drawn.
    const page = buildNetworkView(
      three,
      { ...emptyFilters, expand: ["c:CC"] },
      { changes: null, positions: {}, layout: { saved: false, version: null, updatedAt: null }, max: 3 },
    );
    expect(page.hubsLeftOut).toEqual(["pab"]);
    expect(
      buildNetworkView(
        three,
        { ...emptyFilters, expand: ["c:CC"] },
        { changes: null, positions: {}, layout: { saved: false, version: null, updatedAt: null }, max: 4 },
      ).hubsLeftOut,
    ).toEqual([]);
  });
});

describe("buildNetworkView", () => {
  const snap = snapshot({
    organisations: [
      { ...org("1", "BE", "national_authority"), name: "Fedasil" },
      { ...org("2", "BE"), name: "Caritas International", acronym: "CI" },
      { ...org("3", "NL", "national_authority"), name: "Dienst Terugkeer en Vertrek", acronym: "DT&V" },
      { ...org("4", "NL"), name: "Fedasil-like CSO" },
    ],
    partnerships: [partnership("conex", ["1", "2"], { name: "CONEX" })],
  });
  const layout = { saved: true, version: 3, updatedAt: "2025-06-01T10:00:00.000Z" };

  test("searches, selects, groups, and passes changes and layout through", () => {
    const changes = { since: "2025-01-01", added: ["conex"], ended: [], changed: [] };
    const result = buildNetworkView(
      snap,
      { ...emptyFilters, q: "fedasil", partnershipId: "conex" },
      { changes, positions: {}, layout },
    );
    expect(result.focusId).toBe("1");
    expect(result.searchMatches).toBe(2);
    expect(result.organisationCount).toBe(4);
    expect(result.dataVersion).toBe(7);
    expect(result.clustered).toBe(false);
    expect(result.changes).toBe(changes);
    expect(result.layout).toBe(layout);
    expect(result.nodes.filter((n) => n.kind === "organisation" && n.focused).map((n) => n.id)).toEqual([
      "1",
    ]);
    expect(result.nodes.filter((n) => n.highlighted).map((n) => n.id)).toEqual(["1", "2"]);
    expect(result.edges).toEqual([
      expect.objectContaining({ id: "s:1|2", change: "added", highlighted: true, weight: 1 }),
    ]);
  });

  test("the search only counts selected organisations", () => {
    const result = buildNetworkView(
      snap,
      { ...emptyFilters, q: "FEDASIL", countries: ["NL"] },
      { changes: null, positions: {}, layout },
    );
    expect(result.focusId).toBe("4");
    expect(result.searchMatches).toBe(1);
    expect(result.organisationCount).toBe(2);
    const none = buildNetworkView(
      snap,
      { ...emptyFilters, q: "zzz" },
      { changes: null, positions: {}, layout },
    );
    expect([none.focusId, none.searchMatches]).toEqual([null, 0]);
  });
});

describe("buildNetworkView at 10,000 organisations", () => {
  // 26 countries (25 + none), ~385 organisations each: every country splits into type clusters.
  const rng = createRng("network-lod-10k");
  const countries = [...Array.from({ length: 25 }, (_, i) => `C${String.fromCharCode(65 + i)}`), null];
  const organisations: SnapshotOrganisation[] = Array.from({ length: 10_000 }, (_, i) => ({
    ...org(`o${i}`, rng.pick(countries), rng.pick(organisationTypes)),
    name: `Org ${i}`,
  }));
  // 3 partnerships per organisation on average, 2-6 members (mean 4): 7,500 partnerships.
  const partnerships: SnapshotPartnership[] = Array.from({ length: 7_500 }, (_, i) => {
    const size = rng.int(2, 6);
    const members = new Set<string>();
    while (members.size < size) members.add(`o${rng.int(0, 9_999)}`);
    return partnership(`p${i}`, [...members], {
      trustIndex: rng.chance(0.7) ? Math.round(rng.float(1, 5) * 10) / 10 : null,
      powerImbalanceExposure: rng.int(0, 25),
    });
  });
  const relationships = Array.from({ length: 3_000 }, (_, i) =>
    relationship(`r${i}`, `o${rng.int(0, 9_999)}`, `o${rng.int(0, 9_999)}`),
  );
  const snap = snapshot({ organisations, partnerships, relationships });
  const layout = { saved: false, version: null, updatedAt: null };

  function check(filters: NetworkFilters) {
    const result = buildNetworkView(snap, filters, { changes: null, positions: {}, layout });
    expect(result.clustered).toBe(true);
    expect(result.organisationCount).toBe(10_000);
    const orgNodes = new Set(result.nodes.filter((n) => n.kind === "organisation").map((n) => n.id));
    expect(orgNodes.size).toBeLessThanOrEqual(LOD_MAX_ORGANISATION_NODES);
    const present = new Set(result.nodes.map((n) => n.id));
    const byId = new Map(organisations.map((o) => [o.id, o]));
    const nodeOf = (id: string) => {
      if (orgNodes.has(id)) return id;
      const o = byId.get(id) as SnapshotOrganisation;
      const typeCluster = clusterIdOf(o, true);
      return present.has(typeCluster) ? typeCluster : clusterIdOf(o, false);
    };
    // Every organisation is accounted for once: in an organisation node or a cluster's count.
    const clusterTotal = result.nodes.reduce((sum, n) => sum + (n.kind === "cluster" ? n.count : 0), 0);
    expect(clusterTotal + orgNodes.size).toBe(10_000);

    let expectedShared = 0;
    for (const p of partnerships) {
      const ids = p.members.map((m) => m.organisationId);
      for (let i = 0; i < ids.length; i++)
        for (let j = i + 1; j < ids.length; j++)
          if (nodeOf(ids[i] as string) !== nodeOf(ids[j] as string)) expectedShared++;
    }
    const shared = result.edges.filter((e) => e.kind === "shared");
    expect(shared.reduce((sum, e) => sum + e.weight, 0)).toBe(expectedShared);
    expect(shared.every((e) => e.source < e.target && present.has(e.source) && present.has(e.target))).toBe(
      true,
    );
    expect(new Set(result.edges.map((e) => e.id)).size).toBe(result.edges.length);

    const expectedRelationships = relationships.filter((r) => nodeOf(r.fromId) !== nodeOf(r.toId)).length;
    const rels = result.edges.filter((e) => e.kind === "relationship");
    expect(rels.reduce((sum, e) => sum + e.weight, 0)).toBe(expectedRelationships);
    return result;
  }

  test("clusters only, with consistent aggregated edges", () => {
    const result = check({ ...emptyFilters });
    expect(result.nodes).toHaveLength(26);
  });

  test("a partnership of 6,000 members: one hub, organisations + hubs within the budget, fast", () => {
    const huge = partnership(
      "huge",
      organisations.slice(0, 6_000).map((o) => o.id),
    );
    const withHuge = snapshot({ organisations, partnerships: [...partnerships, huge], relationships });
    for (const hubs of [false, true]) {
      const started = performance.now();
      const result = buildNetworkView(
        withHuge,
        { ...emptyFilters, hubs, expand: ["c:CA", "c:CA:cso", "c:CB", "c:CB:funder"] },
        { changes: null, positions: {}, layout },
      );
      const ms = performance.now() - started;
      const orgNodes = result.nodes.filter((n) => n.kind === "organisation").length;
      const hubNodes = result.nodes.filter((n) => n.kind === "partnership");
      expect(orgNodes).toBeGreaterThan(0);
      expect(orgNodes + hubNodes.length).toBeLessThanOrEqual(LOD_MAX_ORGANISATION_NODES);
      expect(hubNodes.some((n) => n.id === "p:huge")).toBe(true);
      expect(result.edges.some((e) => e.kind === "shared" && e.partnershipIds.includes("huge"))).toBe(false);
      expect(result.edges.length).toBeLessThan(60_000);
      expect(ms).toBeLessThan(3_000);
    }
  });

  test("with a focus and expansions, within the budget", () => {
    const result = check({
      ...emptyFilters,
      q: "Org 4242",
      expand: ["c:CA", "c:CA:cso", "c:CB", "c:CB:funder"],
    });
    expect(result.focusId).toBe("o4242");
    expect(result.nodes.find((n) => n.id === "o4242")).toMatchObject({ focused: true });
    expect(result.nodes.some((n) => n.kind === "organisation")).toBe(true);
  });
});
