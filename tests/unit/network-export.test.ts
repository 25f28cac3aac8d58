import { MultiGraph } from "graphology";
import { parse } from "graphology-gexf";
import { describe, expect, it } from "vitest";
import {
  csvCell,
  edgesCsv,
  networkToGexf,
  networkToJson,
  nodesCsv,
  type OrgEdgeLike,
  type SelectedNetworkLike,
} from "~/lib/network/export";
import { emptyFilters } from "~/lib/network/filters";
import {
  organisationDegrees,
  organisationEdges,
  selectNetwork,
  type OrgEdge,
  type SelectedNetwork,
} from "~/lib/network/select";
import {
  LARGE_PARTNERSHIP_FROM,
  type NetworkSnapshot,
  type SnapshotMember,
  type SnapshotOrganisation,
  type SnapshotPartnership,
} from "~/lib/network/types";

// The selection types of select.ts fit the structural ones the exports take.
const _selectedFits = (s: SelectedNetwork): SelectedNetworkLike => s;
const _edgeFits = (e: OrgEdge): OrgEdgeLike => e;

function org(id: string, name: string, overrides: Partial<SnapshotOrganisation> = {}): SnapshotOrganisation {
  return {
    id,
    name,
    acronym: null,
    type: "cso",
    level: "local",
    countryCode: "NL",
    municipalityId: null,
    hasPilot: false,
    ...overrides,
  };
}

function partnership(id: string, name: string): SnapshotPartnership {
  return {
    id,
    name,
    status: "active",
    startDate: null,
    endDate: null,
    countryCode: "NL",
    members: [],
    trustIndex: 3.5,
    highestExposure: 0,
    riskCategories: [],
    powerImbalanceExposure: 0,
  };
}

const tricky = `Stichting <Wel> & "Zijn" 'é' — 東京 🌍`;
const organisations = [
  org("a", tricky, { acronym: "S&W<", type: "cso" }),
  org("b", '=HYPERLINK("http://evil")', { type: "local_authority", countryCode: null }),
  org("c", "Ministère de l'Intérieur", {
    acronym: "MI",
    type: "national_authority",
    level: "national",
    countryCode: "FR",
  }),
  org("d", "Plain, with comma", { type: "funder", level: "national" }),
];
const selected: SelectedNetworkLike = {
  organisations,
  partnerships: [
    { partnership: partnership("p1", 'Pact <One> & "Two"'), memberIds: ["a", "b", "c"], change: "added" },
    { partnership: partnership("p2", "+Second"), memberIds: ["a", "b"], change: null },
  ],
  relationships: [],
  date: "2026-06-01",
};
const edges: OrgEdgeLike[] = [
  {
    kind: "shared",
    source: "a",
    target: "b",
    partnershipIds: ["p1", "p2"],
    minTrust: 2.5,
    dashed: true,
    change: "added",
  },
  {
    kind: "shared",
    source: "a",
    target: "c",
    partnershipIds: ["p1"],
    minTrust: null,
    dashed: false,
    change: null,
  },
  {
    kind: "shared",
    source: "b",
    target: "c",
    partnershipIds: ["p1"],
    minTrust: 3,
    dashed: false,
    change: null,
  },
  { kind: "relationship", id: "r1", source: "d", target: "a", type: "funds" },
  { kind: "relationship", id: "r2", source: "a", target: "d", type: "refers_cases" },
];
const positions = { a: { x: 1.5, y: -2 }, b: { x: 10, y: 20 }, c: { x: -3.25, y: 0 }, d: { x: 0, y: 7 } };
const metrics = {
  degree: { a: 3, b: 2, c: 2, d: 1 },
  betweenness: new Map([
    ["a", 0.5],
    ["b", 0],
    ["c", 0],
    ["d", 0],
  ]),
};

describe("networkToGexf", () => {
  const xml = networkToGexf(selected, edges, {
    positions,
    metrics,
    generatedAt: new Date("2026-06-02T10:00:00Z"),
  });

  it("writes GEXF 1.3 that parses back with every node, edge and attribute", () => {
    expect(xml).toContain('version="1.3"');
    expect(xml).toContain("2026-06-02");
    const graph = parse(MultiGraph, xml);
    expect(graph.order).toBe(4);
    expect(graph.size).toBe(5);
    const a = graph.getNodeAttributes("a");
    expect(a).toMatchObject({
      label: tricky,
      name: tricky,
      acronym: "S&W<",
      type: "cso",
      level: "local",
      country: "NL",
      degree: 3,
      betweenness: 0.5,
      x: 1.5,
      y: -2,
    });
    expect(graph.getNodeAttributes("b")).toMatchObject({
      name: '=HYPERLINK("http://evil")',
      type: "local_authority",
    });
    expect(graph.getNodeAttribute("b", "country")).toBeUndefined();
    expect(graph.getNodeAttributes("c")).toMatchObject({
      name: "Ministère de l'Intérieur",
      acronym: "MI",
      level: "national",
      x: -3.25,
      y: 0,
    });

    const shared = graph
      .undirectedEdges()
      .map((e) => [graph.extremities(e).sort().join("-"), graph.getEdgeAttributes(e)] as const);
    expect(shared.map(([pair]) => pair).sort()).toEqual(["a-b", "a-c", "b-c"]);
    const ab = shared.find(([pair]) => pair === "a-b")![1];
    expect(ab).toMatchObject({
      weight: 2,
      partnerships: 'Pact <One> & "Two"; +Second',
      minTrust: 2.5,
      dashed: true,
      change: "added",
    });
    const ac = shared.find(([pair]) => pair === "a-c")![1];
    expect(ac).toMatchObject({ weight: 1, dashed: false });
    expect(ac.minTrust).toBeUndefined();

    const directed = graph.directedEdges().map((e) => ({
      source: graph.source(e),
      target: graph.target(e),
      type: graph.getEdgeAttribute(e, "type"),
    }));
    expect(directed).toEqual(
      expect.arrayContaining([
        { source: "d", target: "a", type: "funds" },
        { source: "a", target: "d", type: "refers_cases" },
      ]),
    );
    expect(directed).toHaveLength(2);
  });

  it("replaces characters XML cannot carry and skips edges to organisations not selected", () => {
    const withControl: SelectedNetworkLike = {
      ...selected,
      organisations: [org("x", "bad\u0001name"), org("y", "ok")],
    };
    const out = networkToGexf(
      withControl,
      [...edges, { kind: "relationship", id: "r9", source: "x", target: "y", type: "advises" }],
      {
        positions: {},
        generatedAt: new Date(),
      },
    );
    const graph = parse(MultiGraph, out);
    expect(graph.getNodeAttribute("x", "name")).toBe("bad\uFFFDname");
    expect(graph.size).toBe(1);
    // Degrees computed from the edges when no metrics are given.
    expect(graph.getNodeAttribute("x", "degree")).toBe(1);
    expect(graph.getNodeAttribute("x", "x")).toBeUndefined();
  });
});

/** A minimal RFC 4180 parser for the tests. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  expect(cell).toBe("");
  expect(row).toEqual([]);
  return rows;
}

describe("csvCell", () => {
  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(0.25)).toBe("0.25");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("quotes semicolons and tabs too (Excel in French splits on them)", () => {
    expect(csvCell("Nord; Sud")).toBe('"Nord; Sud"');
    expect(csvCell("a\tb")).toBe('"a\tb"');
    expect(csvCell("a;b,c")).toBe('"a;b,c"');
  });

  it("guards cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+31 20")).toBe("'+31 20");
    expect(csvCell("-x")).toBe("'-x");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    // Guarded, then quoted for the tab.
    expect(csvCell("\tcmd")).toBe(`"'\tcmd"`);
    expect(csvCell("=1;2")).toBe(`"'=1;2"`);
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell("a=b")).toBe("a=b");
    // Numbers are data, not text: a negative number stays a number.
    expect(csvCell(-2)).toBe("-2");
  });
});

describe("nodesCsv and edgesCsv", () => {
  const nodeLabels = {
    headers: { id: "ID", name: "Naam", type: "Soort" },
    type: (t: string) => `type:${t}`,
    level: (l: string) => `level:${l}`,
  };

  it("writes a BOM, CRLF line ends, translated headers and one row per organisation", () => {
    const text = nodesCsv(selected, metrics, nodeLabels);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    // Every line ends in CRLF: no bare LF outside a quoted cell.
    expect(text.split("\r\n").filter((line) => line.includes("\n"))).toEqual([]);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([
      "ID",
      "kind",
      "Naam",
      "acronym",
      "Soort",
      "level",
      "country",
      "degree",
      "partnerships",
      "betweenness",
      "status",
      "trustIndex",
    ]);
    expect(rows).toHaveLength(5);
    expect(rows[1]).toEqual([
      "a",
      "organisation",
      tricky,
      "S&W<",
      "type:cso",
      "level:local",
      "NL",
      "3",
      "2",
      "0.5",
      "",
      "",
    ]);
    expect(rows[2]).toEqual([
      "b",
      "organisation",
      `'=HYPERLINK("http://evil")`,
      "",
      "type:local_authority",
      "level:local",
      "",
      "2",
      "2",
      "0",
      "",
      "",
    ]);
    expect(rows[4]).toEqual([
      "d",
      "organisation",
      "Plain, with comma",
      "",
      "type:funder",
      "level:national",
      "NL",
      "1",
      "0",
      "0",
      "",
      "",
    ]);
  });

  it("leaves betweenness empty until it is computed", () => {
    const rows = parseCsv(nodesCsv(selected, { degree: metrics.degree }, nodeLabels).slice(1));
    expect(rows[1]![9]).toBe("");
  });

  it("writes shared and relationship edges with names, weights and guarded partnership names", () => {
    const text = edgesCsv(selected, edges, {
      headers: { kind: "Kind" },
      relationshipType: (t) => `rel:${t}`,
      yesNo: (v) => (v ? "ja" : "nee"),
    });
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]![0]).toBe("Kind");
    expect(rows).toHaveLength(6);
    expect(rows[1]).toEqual([
      "shared",
      "a",
      tricky,
      "b",
      `'=HYPERLINK("http://evil")`,
      "",
      "2",
      'Pact <One> & "Two"; +Second',
      "2.5",
      "ja",
      "added",
      "",
    ]);
    expect(rows[2]).toEqual([
      "shared",
      "a",
      tricky,
      "c",
      "Ministère de l'Intérieur",
      "",
      "1",
      'Pact <One> & "Two"',
      "",
      "nee",
      "",
      "",
    ]);
    expect(rows[4]).toEqual([
      "relationship",
      "d",
      "Plain, with comma",
      "a",
      tricky,
      "rel:funds",
      "1",
      "",
      "",
      "",
      "",
      "",
    ]);
    // A cell that starts with "+" is guarded.
    const onlySecond = edgesCsv(
      selected,
      [{ ...(edges[0] as Extract<OrgEdgeLike, { kind: "shared" }>), partnershipIds: ["p2"] }],
      {
        headers: {},
        relationshipType: (t) => t,
      },
    );
    expect(parseCsv(onlySecond.slice(1))[1]![7]).toBe("'+Second");
  });
});

describe("networkToJson", () => {
  it("lists nodes with metrics and positions, partnerships and edges", () => {
    const json = networkToJson(selected, edges, metrics, {
      generatedAt: new Date("2026-06-02T10:00:00Z"),
      positions,
    });
    expect(json.version).toBe(1);
    expect(json.generatedAt).toBe("2026-06-02T10:00:00.000Z");
    expect(json.nodes[0]).toEqual({
      kind: "organisation",
      id: "a",
      name: tricky,
      acronym: "S&W<",
      type: "cso",
      level: "local",
      countryCode: "NL",
      degree: 3,
      partnerships: 2,
      betweenness: 0.5,
      x: 1.5,
      y: -2,
    });
    expect(json.partnerships[0]).toEqual({
      id: "p1",
      name: 'Pact <One> & "Two"',
      status: "active",
      memberIds: ["a", "b", "c"],
      change: "added",
      large: false,
    });
    expect(json.edges[0]).toMatchObject({
      kind: "shared",
      weight: 2,
      partnershipIds: ["p1", "p2"],
      dashed: true,
    });
    expect(json.edges[3]).toEqual({
      kind: "relationship",
      id: "r1",
      source: "d",
      target: "a",
      type: "funds",
      weight: 1,
    });
    // Round-trips through JSON text.
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(networkToJson(selected, edges, { degree: {} }).nodes[0]).toMatchObject({ betweenness: null });
    // No large partnership: organisation nodes only, and the given edges only.
    expect(json.nodes.every((n) => n.kind === "organisation")).toBe(true);
    expect(json.edges).toHaveLength(edges.length);
  });
});

// ---------------------------------------------------------------------------------------------
// Large partnerships (LARGE_PARTNERSHIP_FROM visible members or more): no shared edges, so the
// exports carry a partnership node "p:<uuid>" and one membership edge per visible member.

describe("large partnerships in the exports", () => {
  const bigIds = Array.from({ length: 12 }, (_, i) => `m${String(i).padStart(2, "0")}`);
  const smallIds = Array.from({ length: 11 }, (_, i) => `s${String(i).padStart(2, "0")}`);
  const member = (organisationId: string, role: SnapshotMember["role"] = "partner"): SnapshotMember => ({
    organisationId,
    role,
    joinedOn: null,
    leftOn: null,
  });
  const big: SnapshotPartnership = {
    ...partnership("big", "=Big alliance"),
    trustIndex: 4.25,
    powerImbalanceExposure: 16,
    members: [
      // m00 left as a funder, then came back as the lead: the role present on the date counts.
      { ...member("m00", "funder"), leftOn: "2025-01-01" },
      member("m00", "lead"),
      member("m01", "funder"),
      ...bigIds.slice(2).map((id) => member(id)),
    ],
  };
  const small: SnapshotPartnership = {
    ...partnership("small", "Small pact"),
    members: [member("s00", "lead"), ...smallIds.slice(1).map((id) => member(id))],
  };
  const snap: NetworkSnapshot = {
    dataVersion: 1,
    today: "2026-06-01",
    organisations: [...bigIds, ...smallIds].map((id) => org(id, `Org ${id}`)),
    partnerships: [big, small],
    relationships: [{ id: "r1", fromId: "m00", toId: "s00", type: "funds", startsOn: null, endsOn: null }],
  };
  const sel = selectNetwork(snap, emptyFilters, {
    since: "2026-01-01",
    added: ["big"],
    ended: [],
    changed: [],
  });
  const orgEdges = organisationEdges(sel);
  const degree = organisationDegrees(sel, orgEdges);
  const positions = Object.fromEntries(
    [...bigIds, ...smallIds].map((id, i) => [id, { x: i, y: id.startsWith("m") ? 10 : -10 }]),
  );

  it("uses a selection where the 12-member partnership has no shared edges and the 11-member one has", () => {
    expect(LARGE_PARTNERSHIP_FROM).toBe(12);
    expect(sel.partnerships.map((p) => [p.partnership.id, p.memberIds.length])).toEqual([
      ["big", 12],
      ["small", 11],
    ]);
    // 11 * 10 / 2 pairs of the small partnership, none of the big one, and the relationship.
    expect(orgEdges.filter((e) => e.kind === "shared")).toHaveLength(55);
    expect(orgEdges.some((e) => e.kind === "shared" && e.partnershipIds.includes("big"))).toBe(false);
    expect(degree.m05).toBe(11);
    expect(degree.m00).toBe(12);
    expect(degree.s03).toBe(10);
  });

  it("GEXF: one partnership node and twelve directed membership edges; shared edges for the small one", () => {
    const graph = parse(
      MultiGraph,
      networkToGexf(sel, orgEdges, { positions, generatedAt: new Date("2026-06-02T00:00:00Z") }),
    );
    expect(graph.order).toBe(23 + 1);
    const partnershipNodes = graph.filterNodes((_n, a) => a.kind === "partnership");
    expect(partnershipNodes).toEqual(["p:big"]);
    expect(graph.filterNodes((_n, a) => a.kind === "organisation")).toHaveLength(23);
    expect(graph.getNodeAttributes("p:big")).toMatchObject({
      label: "=Big alliance",
      name: "=Big alliance",
      status: "active",
      trustIndex: 4.25,
      change: "added",
      degree: 12,
      // The members' centroid: x 0..11, y 10.
      x: 5.5,
      y: 10,
    });

    const memberships = graph.filterEdges((_e, a) => a.kind === "membership");
    expect(memberships).toHaveLength(12);
    for (const e of memberships) {
      expect(graph.isDirected(e)).toBe(true);
      expect(graph.target(e)).toBe("p:big");
    }
    expect(memberships.map((e) => graph.source(e)).sort()).toEqual(bigIds);
    const roleOf = (id: string) =>
      graph.getEdgeAttribute(
        memberships.find((e) => graph.source(e) === id)!,
        "role",
      );
    expect(roleOf("m00")).toBe("lead");
    expect(roleOf("m01")).toBe("funder");
    expect(roleOf("m07")).toBe("partner");
    expect(graph.getEdgeAttributes(memberships[0]!)).toMatchObject({
      minTrust: 4.25,
      dashed: true,
      weight: 1,
    });

    const shared = graph.filterEdges((_e, a) => a.kind === "shared");
    expect(shared).toHaveLength(55);
    expect(
      shared.every((e) => graph.isUndirected(e) && graph.getEdgeAttribute(e, "partnershipIds") === "small"),
    ).toBe(true);
    expect(graph.filterEdges((_e, a) => a.kind === "relationship")).toHaveLength(1);
    // Degrees count the large partnership's members when no metrics are given (organisationDegrees).
    expect(graph.getNodeAttribute("m05", "degree")).toBe(11);
    expect(graph.getNodeAttribute("m00", "degree")).toBe(12);
    expect(graph.getNodeAttribute("s03", "degree")).toBe(10);
  });

  it("JSON: one partnership node and twelve membership edges, after the organisations and the given edges", () => {
    const json = networkToJson(sel, orgEdges, { degree }, { positions, generatedAt: new Date(0) });
    expect(json.nodes).toHaveLength(24);
    const hubs = json.nodes.filter((n) => n.kind === "partnership");
    expect(hubs).toEqual([
      {
        kind: "partnership",
        id: "p:big",
        partnershipId: "big",
        name: "=Big alliance",
        status: "active",
        trustIndex: 4.25,
        countryCode: "NL",
        change: "added",
        degree: 12,
        x: 5.5,
        y: 10,
      },
    ]);
    expect(json.nodes.at(-1)!.id).toBe("p:big");
    const memberships = json.edges.filter((e) => e.kind === "membership");
    expect(memberships).toHaveLength(12);
    expect(memberships.map((e) => e.source)).toEqual(bigIds);
    expect(
      memberships.every((e) => e.target === "p:big" && e.partnershipId === "big" && e.weight === 1),
    ).toBe(true);
    expect(memberships[0]).toMatchObject({ source: "m00", role: "lead" });
    expect(json.edges.filter((e) => e.kind === "shared")).toHaveLength(55);
    expect(json.edges).toHaveLength(55 + 1 + 12);
    expect(json.partnerships.map((p) => [p.id, p.large])).toEqual([
      ["big", true],
      ["small", false],
    ]);
    // Every edge's ends are nodes.
    const ids = new Set(json.nodes.map((n) => n.id));
    expect(json.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    expect(json.nodes.find((n) => n.id === "m05")).toMatchObject({
      kind: "organisation",
      degree: 11,
      partnerships: 1,
    });
  });

  it("CSV: a partnership row with a kind column, and twelve membership rows with roles", () => {
    const nodes = parseCsv(
      nodesCsv(
        sel,
        { degree },
        {
          headers: {},
          type: (t) => t,
          level: (l) => l,
          kind: (k) => `kind:${k}`,
          status: (st) => `status:${st}`,
        },
      ).slice(1),
    );
    expect(nodes).toHaveLength(1 + 23 + 1);
    expect(nodes.filter((r) => r[1] === "kind:organisation")).toHaveLength(23);
    expect(nodes.at(-1)).toEqual([
      "p:big",
      "kind:partnership",
      "'=Big alliance",
      "",
      "",
      "",
      "NL",
      "12",
      "",
      "",
      "status:active",
      "4.25",
    ]);
    expect(nodes.find((r) => r[0] === "m05")![7]).toBe("11");

    const rows = parseCsv(
      edgesCsv(sel, orgEdges, {
        headers: {},
        kind: (k) => `kind:${k}`,
        relationshipType: (t) => t,
        role: (r) => `role:${r}`,
        yesNo: (v) => (v ? "Y" : "N"),
      }).slice(1),
    );
    expect(rows).toHaveLength(1 + 55 + 1 + 12);
    const memberships = rows.filter((r) => r[0] === "kind:membership");
    expect(memberships).toHaveLength(12);
    expect(memberships[0]).toEqual([
      "kind:membership",
      "m00",
      "Org m00",
      "p:big",
      "'=Big alliance",
      "",
      "1",
      "",
      "4.25",
      "Y",
      "added",
      "role:lead",
    ]);
    expect(memberships.every((r) => r[3] === "p:big")).toBe(true);
    expect(memberships.map((r) => r[11])).toEqual([
      "role:lead",
      "role:funder",
      ...Array(10).fill("role:partner"),
    ]);
    expect(rows.filter((r) => r[0] === "kind:shared")).toHaveLength(55);
  });

  it("a partnership that drops to 11 visible members is exported as shared edges again", () => {
    const fewer = selectNetwork(
      {
        ...snap,
        partnerships: [
          {
            ...big,
            members: big.members.map((m) =>
              m.organisationId === "m11" ? { ...m, leftOn: "2026-01-01" } : m,
            ),
          },
        ],
      },
      emptyFilters,
      null,
    );
    const fewerEdges = organisationEdges(fewer);
    const json = networkToJson(fewer, fewerEdges, { degree: organisationDegrees(fewer, fewerEdges) });
    expect(json.nodes.some((n) => n.kind === "partnership")).toBe(false);
    expect(json.edges.some((e) => e.kind === "membership")).toBe(false);
    expect(json.edges.filter((e) => e.kind === "shared")).toHaveLength(55);
    const graph = parse(
      MultiGraph,
      networkToGexf(fewer, fewerEdges, { positions: {}, generatedAt: new Date(0) }),
    );
    expect(graph.hasNode("p:big")).toBe(false);
    expect(graph.filterEdges((_e, a) => a.kind === "shared")).toHaveLength(55);
    expect(
      parseCsv(edgesCsv(fewer, fewerEdges, { headers: {}, relationshipType: (t) => t }).slice(1)),
    ).toHaveLength(1 + 55 + 1);
  });
});
