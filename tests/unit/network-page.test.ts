// The network page's pure helpers: the layout form's parsing, node sizes and edge widths, and the
// translation of the loader's view into React Flow nodes and the edge layer (styles by trust, dashes, arrows).
import type { TFunction } from "i18next";
import { describe, expect, test } from "vitest";
import { toEdgeLayer, type NodeAnchor } from "~/components/network/edge-layer";
import { getNodesBounds, getViewportForBounds } from "@xyflow/react";
import {
  fittedViewport,
  LAYOUT_SCALE,
  MAP_ZOOM,
  nodeAnchors,
  toFlowNodes,
  toLayoutUnits,
} from "~/components/network/flow";
import { parseLayoutForm } from "~/components/network/layout-form";
import { clusterLabel } from "~/components/network/nodes";
import {
  CHANGE_COLOURS,
  clusterDiameter,
  edgeWidth,
  HUB_SIZE,
  nodeDiameter,
  TRUST_COLOURS,
} from "~/components/network/style";
import type { ViewEdge, ViewNode } from "~/lib/network/types";

const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";
const C = "33333333-3333-4333-8333-333333333333";

/** Echoes the key and its values, so the tests see what would be translated. */
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key} ${JSON.stringify(values)}` : key) as unknown as TFunction;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe("parseLayoutForm", () => {
  test("reads positions and the version the user started from", () => {
    expect(
      parseLayoutForm(form({ positions: JSON.stringify({ [A]: { x: 1.5, y: -2 } }), version: "3" })),
    ).toEqual({
      ok: true,
      positions: { [A]: { x: 1.5, y: -2 } },
      version: 3,
    });
    expect(
      parseLayoutForm(form({ positions: JSON.stringify({ [A]: { x: 0, y: 0 } }), version: "" })),
    ).toMatchObject({
      ok: true,
      version: null,
    });
  });

  test.each([
    ["not JSON", { positions: "{", version: "" }],
    ["an array", { positions: "[]", version: "" }],
    ["nothing moved", { positions: "{}", version: "" }],
    ["a non-uuid id", { positions: JSON.stringify({ "c:NL": { x: 1, y: 1 } }), version: "" }],
    ["a string coordinate", { positions: JSON.stringify({ [A]: { x: "1", y: 1 } }), version: "" }],
    ["an infinite coordinate", { positions: `{"${A}":{"x":1e400,"y":1}}`, version: "" }],
    ["a huge coordinate", { positions: JSON.stringify({ [A]: { x: 2e6, y: 1 } }), version: "" }],
    ["a negative version", { positions: JSON.stringify({ [A]: { x: 1, y: 1 } }), version: "-1" }],
    ["a fractional version", { positions: JSON.stringify({ [A]: { x: 1, y: 1 } }), version: "1.5" }],
  ])("refuses %s", (_what, fields) => {
    expect(parseLayoutForm(form(fields))).toEqual({ ok: false });
  });

  test("refuses a form without positions", () => {
    expect(parseLayoutForm(form({ version: "1" }))).toEqual({ ok: false });
  });
});

describe("sizes and widths", () => {
  test("organisation nodes are 24 to 64 px by size, clamped", () => {
    expect(nodeDiameter(0)).toBe(24);
    expect(nodeDiameter(1)).toBe(64);
    expect(nodeDiameter(0.5)).toBe(44);
    expect(nodeDiameter(-3)).toBe(24);
    expect(nodeDiameter(7)).toBe(64);
    expect(nodeDiameter(Number.NaN)).toBe(24);
  });

  test("clusters are drawn about as large as their organisations' disc, at least 120 px", () => {
    expect(clusterDiameter(1)).toBe(120);
    expect(clusterDiameter(400)).toBeGreaterThan(clusterDiameter(100));
    expect(clusterDiameter(400) / clusterDiameter(100)).toBeCloseTo(2, 1);
    expect(clusterDiameter(10_000_000)).toBe(6000);
  });

  test("edge width grows on a log scale from 1 to at most 8 px", () => {
    expect(edgeWidth(1)).toBe(1);
    expect(edgeWidth(0)).toBe(1);
    expect(edgeWidth(2)).toBeGreaterThan(edgeWidth(1));
    expect(edgeWidth(4) - edgeWidth(2)).toBeCloseTo(edgeWidth(2) - edgeWidth(1));
    expect(edgeWidth(10_000)).toBe(8);
  });
});

const organisation = (
  id: string,
  overrides: Partial<Extract<ViewNode, { kind: "organisation" }>> = {},
): ViewNode => ({
  kind: "organisation",
  id,
  label: `Org ${id.slice(0, 2)}`,
  name: `Organisation ${id.slice(0, 2)}`,
  type: "cso",
  level: "local",
  countryCode: "NL",
  degree: 1,
  size: 0.5,
  x: 10,
  y: 20,
  highlighted: false,
  focused: false,
  ...overrides,
});

const cluster: ViewNode = {
  kind: "cluster",
  id: "c:BE",
  label: "BE",
  countryCode: "BE",
  type: null,
  count: 700,
  byType: { cso: 400, local_authority: 300 },
  x: 0,
  y: 0,
  highlighted: false,
};

test("a type cluster's label names the type in the reader's language", () => {
  expect(clusterLabel({ label: "NL", countryCode: "NL", type: null }, t)).toBe("NL");
  expect(clusterLabel({ label: "NL · local_authority", countryCode: "NL", type: "local_authority" }, t)).toBe(
    'network.cluster.typeLabel {"country":"NL","type":"enums.organisationType.local_authority"}',
  );
  // Organisations without a country: their cluster's key is "none", its label says what it is.
  expect(clusterLabel({ label: "none", countryCode: null, type: null }, t)).toBe("common.international");
});

describe("toFlowNodes", () => {
  test("keeps ids, types and positions; only organisations are draggable, and only for editors", () => {
    const nodes = toFlowNodes([organisation(A), cluster], t, { draggable: true });
    expect(nodes.map((n) => [n.id, n.type, n.position, n.draggable])).toEqual([
      [A, "organisation", { x: 10 * LAYOUT_SCALE, y: 20 * LAYOUT_SCALE }, true],
      ["c:BE", "cluster", { x: 0, y: 0 }, false],
    ]);
    expect(toFlowNodes([organisation(A)], t, { draggable: false })[0]?.draggable).toBe(false);
  });

  test("a moved node takes its new position; a focused one is raised; each has an accessible label", () => {
    const moved = new Map([[A, { x: 99, y: 98 }]]);
    const [node] = toFlowNodes([organisation(A, { focused: true })], t, { draggable: true, moved });
    expect(node?.position).toEqual({ x: 99, y: 98 });
    expect(node?.zIndex).toBe(2);
    expect(node?.ariaLabel).toContain("network.node.organisation");
    expect(node?.ariaLabel).toContain("Organisation 11");
  });
});

test("each node carries the size nodes.tsx draws it at, so React Flow need not measure it first", () => {
  const hub: ViewNode = {
    kind: "partnership",
    id: "p:1",
    partnershipId: A,
    label: "P",
    status: "active",
    trustIndex: null,
    change: null,
    x: 0,
    y: 0,
    highlighted: false,
  };
  const nodes = toFlowNodes([organisation(A, { size: 0.5 }), organisation(B, { size: 1 }), cluster, hub], t, {
    draggable: false,
  });
  expect(nodes.map((n) => n.measured)).toEqual([
    { width: nodeDiameter(0.5), height: nodeDiameter(0.5) },
    { width: 64, height: 64 },
    { width: clusterDiameter(700), height: clusterDiameter(700) },
    { width: HUB_SIZE, height: HUB_SIZE },
  ]);
  expect(nodes.every((n) => Array.isArray(n.handles) && n.handles.length === 0)).toBe(true);
});

test("canvas positions go back to layout units before they are saved", () => {
  const [node] = toFlowNodes([organisation(A, { x: 12.3, y: -45.6 })], t, { draggable: true });
  expect(node && toLayoutUnits(node.position)).toEqual({ x: 12.3, y: -45.6 });
});

describe("toEdgeLayer", () => {
  const anchors = new Map<string, NodeAnchor>([
    [A, { x: 0, y: 0, radius: 10 }],
    [B, { x: 100, y: 0, radius: 20 }],
    [C, { x: 0, y: 100, radius: 10 }],
  ]);
  const shared = (overrides: Partial<Extract<ViewEdge, { kind: "shared" }>>): ViewEdge => ({
    kind: "shared",
    id: "s1",
    source: A,
    target: B,
    weight: 1,
    partnershipIds: ["p"],
    minTrust: null,
    dashed: false,
    change: null,
    highlighted: false,
    ...overrides,
  });

  test("edges drawn alike share one path; colour by the band of the lowest trust, dashes for power imbalance", () => {
    const layer = toEdgeLayer(
      [
        shared({ id: "low1", minTrust: 2, dashed: true, weight: 4 }),
        shared({ id: "low2", target: C, minTrust: 1.5, dashed: true, weight: 4 }),
        shared({ id: "high", minTrust: 4.2 }),
        shared({ id: "none", target: C }),
      ],
      anchors,
    );
    expect(layer.drawn).toBe(4);
    // The two dashed edges keep a path each (dashing a long shared path is slow to raster).
    expect(layer.strokes).toHaveLength(4);
    const low = layer.strokes.filter((s) => s.stroke === TRUST_COLOURS.low);
    expect(low.map((s) => [s.d, s.dash, s.edges, s.width])).toEqual([
      ["M0 0L100 0", "6 4", 1, Math.round(edgeWidth(4) * 2) / 2],
      ["M0 0L0 100", "6 4", 1, Math.round(edgeWidth(4) * 2) / 2],
    ]);
    const plain = toEdgeLayer(
      [shared({ id: "a", minTrust: 2 }), shared({ id: "b", target: C, minTrust: 1 })],
      anchors,
    );
    expect(plain.strokes.map((s) => [s.d, s.edges])).toEqual([["M0 0L100 0M0 0L0 100", 2]]);
    expect(layer.strokes.find((s) => s.stroke === TRUST_COLOURS.high)).toMatchObject({
      dash: null,
      edges: 1,
    });
    expect(layer.strokes.find((s) => s.stroke === TRUST_COLOURS.none)?.d).toBe("M0 0L0 100");
  });

  test("glows are drawn first and highlighted edges last", () => {
    const layer = toEdgeLayer(
      [shared({ id: "h", highlighted: true }), shared({ id: "added", target: C, change: "added" })],
      anchors,
    );
    expect(layer.strokes.map((s) => [s.stroke, s.edges])).toEqual([
      [CHANGE_COLOURS.added, 1],
      [TRUST_COLOURS.none, 1],
      [TRUST_COLOURS.none, 1],
    ]);
    expect(layer.strokes[0]?.opacity).toBe(0.35);
    expect(layer.strokes[2]?.width).toBe(2);
  });

  test("a relationship's line stops at its arrowhead, whose tip is on the target's rim", () => {
    const layer = toEdgeLayer(
      [{ kind: "relationship", id: "r1", source: A, target: B, type: "funds", weight: 1 }],
      anchors,
    );
    // Target centre 100, radius 20: tip at 80; head 6 + 2 x width 1 = 8 long, so the line ends at 72.
    expect(layer.strokes[0]?.d).toBe("M0 0L72 0");
    expect(layer.arrows).toHaveLength(1);
    expect(layer.arrows[0]?.d).toBe("M80 0L72 4.5L72 -4.5Z");
  });

  test("an edge with an end not on the map is left out; the layer follows moved nodes", () => {
    const edges = [shared({ id: "gone", target: "c:XX" }), shared({ id: "ok" })];
    expect(toEdgeLayer(edges, anchors).drawn).toBe(1);
    const moved = new Map(anchors).set(B, { x: 50, y: 50, radius: 20 });
    expect(toEdgeLayer(edges, moved).strokes[0]?.d).toBe("M0 0L50 50");
  });

  test("node anchors are the nodes' centres with their radii", () => {
    const anchorsOf = nodeAnchors(toFlowNodes([organisation(A), cluster], t, { draggable: false }));
    expect(anchorsOf.get(A)).toEqual({
      x: 10 * LAYOUT_SCALE,
      y: 20 * LAYOUT_SCALE,
      radius: nodeDiameter(0.5) / 2 + 2,
    });
    expect(anchorsOf.get("c:BE")?.radius).toBeGreaterThan(clusterDiameter(1) / 2);
  });
});

describe("fittedViewport", () => {
  const nodeOrigin: [number, number] = [0.5, 0.5];
  const pane = { width: 1118, height: 558 };
  const nodes = toFlowNodes(
    [
      organisation(A, { size: 0.2 }),
      organisation(B, { size: 1 }),
      { ...cluster, x: -400, y: 250 },
      { ...cluster, id: "c:NL", count: 5000, x: 900, y: -120 },
    ],
    t,
    { draggable: false },
  );

  test("is the viewport React Flow's fitView chooses (its bounds and formula, padding 0.1)", () => {
    const expected = getViewportForBounds(
      getNodesBounds(nodes, { nodeOrigin }),
      pane.width,
      pane.height,
      MAP_ZOOM.min,
      MAP_ZOOM.max,
      MAP_ZOOM.padding,
    );
    const viewport = fittedViewport(nodes, pane, nodeOrigin);
    expect(viewport.zoom).toBeCloseTo(expected.zoom, 10);
    expect(viewport.x).toBeCloseTo(expected.x, 6);
    expect(viewport.y).toBeCloseTo(expected.y, 6);
  });

  test("puts every node inside the pane, within the padding", () => {
    const { x, y, zoom } = fittedViewport(nodes, pane, nodeOrigin);
    for (const node of nodes) {
      const size = node.measured?.width ?? 0;
      const left = x + (node.position.x - size / 2) * zoom;
      const top = y + (node.position.y - size / 2) * zoom;
      expect(left).toBeGreaterThanOrEqual(0);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(left + size * zoom).toBeLessThanOrEqual(pane.width);
      expect(top + size * zoom).toBeLessThanOrEqual(pane.height);
    }
  });

  test("no nodes or no pane: the default viewport", () => {
    expect(fittedViewport([], pane, nodeOrigin)).toEqual({ x: 0, y: 0, zoom: 1 });
    expect(fittedViewport(nodes, { width: 0, height: 0 }, nodeOrigin)).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
