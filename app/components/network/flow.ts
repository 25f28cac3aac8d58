// From the loader's NetworkView to React Flow's nodes and the edge layer's anchors. Pure: no React, no I/O; the page
// memoises the result on the view, so React Flow gets stable arrays.
import { getViewportForBounds, type Viewport } from "@xyflow/react";
import type { TFunction } from "i18next";
import type { ViewNode } from "~/lib/network/types";
import type { NodeAnchor } from "./edge-layer";
import { clusterLabel, type FlowNode } from "./nodes";
import { HUB_SIZE, LAYOUT_SCALE, clusterDiameter, nodeDiameter } from "./style";

/**
 * Layout units (the loader's x/y, the saved layout) to canvas px: LAYOUT_SCALE. The server's layout
 * spaces neighbours about 40 units apart while nodes are 24-64 px wide: spread it so that nodes and
 * the edges between them stay visible. Positions are divided by it again before they are saved.
 */
export { LAYOUT_SCALE };

export function toLayoutUnits(position: { x: number; y: number }): { x: number; y: number } {
  return {
    x: Math.round((position.x / LAYOUT_SCALE) * 10) / 10,
    y: Math.round((position.y / LAYOUT_SCALE) * 10) / 10,
  };
}

/** Edges are drawn by the edge layer, never attached to handles. */
const NO_HANDLES: never[] = [];

/** The width and height in px of a node as nodes.tsx draws it (a square box, a round node in it). */
export function nodeSize(node: ViewNode): number {
  switch (node.kind) {
    case "organisation":
      return nodeDiameter(node.size);
    case "cluster":
      return clusterDiameter(node.count);
    default:
      return HUB_SIZE;
  }
}

/** Half the drawn size of a node: where an arrow pointing at it should stop. */
export function nodeRadius(node: ViewNode | undefined): number {
  if (!node) return 0;
  switch (node.kind) {
    case "organisation":
      return nodeDiameter(node.size) / 2 + 2;
    case "cluster":
      return clusterDiameter(node.count) / 2 + 4;
    default:
      return HUB_SIZE / 2 + 4;
  }
}

export function nodeAriaLabel(node: ViewNode, t: TFunction): string {
  switch (node.kind) {
    case "organisation":
      return t("network.node.organisation", {
        name: node.name,
        type: t(`enums.organisationType.${node.type}`),
        degree: node.degree,
      });
    case "cluster":
      return t("network.node.cluster", { label: clusterLabel(node, t), count: node.count });
    default:
      return t("network.node.partnership", { name: node.label });
  }
}

export function toFlowNodes(
  nodes: readonly ViewNode[],
  t: TFunction,
  options: { draggable: boolean; moved?: ReadonlyMap<string, { x: number; y: number }> },
): FlowNode[] {
  return nodes.map((node): FlowNode => {
    const position = options.moved?.get(node.id) ?? { x: node.x * LAYOUT_SCALE, y: node.y * LAYOUT_SCALE };
    const size = nodeSize(node);
    const common = {
      id: node.id,
      position,
      // Known sizes: React Flow places, fits and shows the nodes on its first render instead of
      // hiding them until a ResizeObserver round has measured each one (and emitting a change per node).
      measured: { width: size, height: size },
      handles: NO_HANDLES,
      ariaLabel: nodeAriaLabel(node, t),
      connectable: false,
      selectable: true,
      // Only organisations are placed by hand: clusters and hubs follow the saved layout's organisations.
      draggable: options.draggable && node.kind === "organisation",
    };
    switch (node.kind) {
      case "organisation":
        return { ...common, type: "organisation", data: node, zIndex: node.focused ? 2 : 1 };
      case "cluster":
        return { ...common, type: "cluster", data: node };
      default:
        return { ...common, type: "partnership", data: node };
    }
  });
}

/** Each node's centre (nodeOrigin is the centre) and radius, for the edge layer. */
export function nodeAnchors(nodes: readonly FlowNode[]): Map<string, NodeAnchor> {
  return new Map(
    nodes.map((node) => [node.id, { x: node.position.x, y: node.position.y, radius: nodeRadius(node.data) }]),
  );
}

/** The pane's size in px (React Flow's width and height in its store). */
export interface PaneSize {
  width: number;
  height: number;
}

/** Zoom limits and margin of the map, as React Flow gets them (fitView's default padding is 0.1). */
export const MAP_ZOOM = { min: 0.01, max: 3, padding: 0.1 } as const;

/**
 * The viewport React Flow's fitView would choose for these nodes in a pane of this size (the same
 * bounds and formula: nodes' measured sizes, the centre as origin). Given as the map's default
 * viewport, React Flow starts fitted instead of fitting a frame later.
 */
export function fittedViewport(
  nodes: readonly FlowNode[],
  pane: PaneSize,
  nodeOrigin: [number, number],
): Viewport {
  if (nodes.length === 0 || pane.width <= 0 || pane.height <= 0) return { x: 0, y: 0, zoom: 1 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    const width = node.measured?.width ?? 0;
    const height = node.measured?.height ?? 0;
    const x = node.position.x - width * nodeOrigin[0];
    const y = node.position.y - height * nodeOrigin[1];
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + width);
    maxY = Math.max(maxY, y + height);
  }
  const bounds = { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
  return getViewportForBounds(bounds, pane.width, pane.height, MAP_ZOOM.min, MAP_ZOOM.max, MAP_ZOOM.padding);
}
