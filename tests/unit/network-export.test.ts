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
import type { OrgEdge, SelectedNetwork } from "~/lib/network/select";
import type { SnapshotOrganisation, SnapshotPartnership } from "~/lib/network/types";

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
