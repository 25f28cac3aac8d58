// The map's edges as a handful of SVG paths instead of one React Flow edge (an <svg>, a <g> and a
// <path> or two) per edge: edges that look the same are drawn as one path of many segments. At 500
// organisations and 1,250 edges that is a few dozen elements instead of ~5,600, and panning no
// longer restyles and hit-tests thousands of SVG elements on every frame (decision 0014).
// Pure: no React, no DOM; the map recomputes it when the view or a node's position changes.
import type { MapEdge } from "~/lib/network/types";
import { trustBand } from "~/lib/signals";
import { CHANGE_COLOURS, TRUST_COLOURS, edgeWidth } from "./style";

/** Where a node is drawn (its centre, canvas px) and how far an arrow pointing at it stops short. */
export interface NodeAnchor {
  x: number;
  y: number;
  radius: number;
}

/** One path standing for every edge drawn with the same stroke (a dashed edge: a path of its own). */
export interface EdgeStroke {
  key: string;
  d: string;
  stroke: string;
  width: number;
  dash: string | null;
  opacity: number;
  /** How many edges the path draws. */
  edges: number;
}

/** Arrowheads of directed relationships, filled, one path per colour. */
export interface EdgeArrows {
  key: string;
  d: string;
  fill: string;
}

export interface EdgeLayer {
  /** In drawing order: change glows, then plain edges, then highlighted ones. */
  strokes: EdgeStroke[];
  arrows: EdgeArrows[];
  /** Edges drawn (those whose both ends are on the map). */
  drawn: number;
}

const RELATIONSHIP_COLOUR = "#334155";
const MEMBERSHIP_COLOUR = "#cbd5e1";
const HIGHLIGHT_COLOUR = "#f59e0b";

interface Stroke {
  /** 0 glow, 1 plain, 2 highlighted: drawn in that order. */
  layer: 0 | 1 | 2;
  stroke: string;
  width: number;
  dash: string | null;
  opacity: number;
}

/** How an edge is drawn: its stroke, and the glow under it when "changes since" marks it. */
export function edgeStrokes(edge: MapEdge): { line: Stroke; glow: Stroke | null; arrow: boolean } {
  switch (edge.kind) {
    case "shared": {
      const width = edgeWidth(edge.weight) + (edge.highlighted ? 1 : 0);
      return {
        line: {
          layer: edge.highlighted ? 2 : 1,
          stroke: TRUST_COLOURS[trustBand(edge.minTrust)],
          width,
          dash: edge.dashed ? "6 4" : null,
          opacity: edge.change === "ended" ? 0.6 : 0.9,
        },
        glow: edge.change
          ? { layer: 0, stroke: CHANGE_COLOURS[edge.change], width: width + 6, dash: null, opacity: 0.35 }
          : null,
        arrow: false,
      };
    }
    case "relationship":
      return {
        line: {
          layer: 1,
          stroke: RELATIONSHIP_COLOUR,
          width: Math.min(4, 1 + Math.log2(Math.max(1, edge.weight))),
          dash: null,
          opacity: 1,
        },
        glow: null,
        arrow: true,
      };
    default:
      return {
        line: {
          layer: edge.highlighted ? 2 : 1,
          stroke: edge.highlighted ? HIGHLIGHT_COLOUR : MEMBERSHIP_COLOUR,
          width: edge.highlighted ? 2 : 1,
          dash: null,
          opacity: 1,
        },
        glow: null,
        arrow: false,
      };
  }
}

/** Widths are rounded to half a pixel so that edges of nearly the same weight share a path. */
function roundWidth(width: number): number {
  return Math.max(0.5, Math.round(width * 2) / 2);
}

function n(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/**
 * Group the view's edges into paths by stroke. A relationship's line stops short of its target so
 * that its arrowhead shows outside the node; an edge with an end not on the map is left out.
 */
export function toEdgeLayer(edges: readonly MapEdge[], anchors: ReadonlyMap<string, NodeAnchor>): EdgeLayer {
  const groups = new Map<string, { stroke: Stroke; parts: string[] }>();
  const arrows = new Map<string, string[]>();
  let drawn = 0;
  const add = (stroke: Stroke, part: string, edgeId: string) => {
    const normalised = { ...stroke, width: roundWidth(stroke.width) };
    // A dashed edge keeps a path of its own: dashing one long path of many segments is redone for
    // every raster tile it crosses (p95 frame 117 against 17 ms at 10,000 organisations), while a
    // path of one edge is skipped by the tiles it does not touch.
    const key = `${normalised.layer}|${normalised.stroke}|${normalised.width}|${normalised.dash ?? ""}|${normalised.opacity}${normalised.dash ? `|${edgeId}` : ""}`;
    const group = groups.get(key);
    if (group) group.parts.push(part);
    else groups.set(key, { stroke: normalised, parts: [part] });
  };
  for (const edge of edges) {
    const source = anchors.get(edge.source);
    const target = anchors.get(edge.target);
    if (!source || !target) continue;
    drawn++;
    const { line, glow, arrow } = edgeStrokes(edge);
    let tx = target.x;
    let ty = target.y;
    const dx = target.x - source.x;
    const dy = target.y - source.y;
    const length = Math.hypot(dx, dy);
    let head: string | null = null;
    if (arrow && length > target.radius * 2) {
      const ux = dx / length;
      const uy = dy / length;
      // The tip on the target's rim; the line ends where the arrowhead's base is.
      const tipX = target.x - ux * target.radius;
      const tipY = target.y - uy * target.radius;
      const headLength = 6 + 2 * line.width;
      const halfWidth = 3.5 + line.width;
      const baseX = tipX - ux * headLength;
      const baseY = tipY - uy * headLength;
      head = `M${n(tipX)} ${n(tipY)}L${n(baseX - uy * halfWidth)} ${n(baseY + ux * halfWidth)}L${n(baseX + uy * halfWidth)} ${n(baseY - ux * halfWidth)}Z`;
      tx = baseX;
      ty = baseY;
    }
    const part = `M${n(source.x)} ${n(source.y)}L${n(tx)} ${n(ty)}`;
    if (glow) add(glow, part, edge.id);
    add(line, part, edge.id);
    if (head) {
      const list = arrows.get(line.stroke);
      if (list) list.push(head);
      else arrows.set(line.stroke, [head]);
    }
  }
  const strokes = [...groups.entries()]
    .sort(([a, ga], [b, gb]) => ga.stroke.layer - gb.stroke.layer || (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, { stroke, parts }]): EdgeStroke => ({
      key,
      d: parts.join(""),
      stroke: stroke.stroke,
      width: stroke.width,
      dash: stroke.dash,
      opacity: stroke.opacity,
      edges: parts.length,
    }));
  return {
    strokes,
    arrows: [...arrows.entries()].map(([fill, parts]) => ({ key: fill, d: parts.join(""), fill })),
    drawn,
  };
}
