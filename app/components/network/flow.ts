// From the loader's NetworkView to React Flow's nodes and edges. Pure: no React, no I/O; the page
// memoises the result on the view, so React Flow gets stable arrays.
import { MarkerType } from "@xyflow/react";
import type { TFunction } from "i18next";
import type { NetworkView, ViewEdge, ViewNode } from "~/lib/network/types";
import { trustBand } from "~/lib/signals";
import type { NetworkFlowEdge } from "./edges";
import { clusterLabel, type FlowNode } from "./nodes";
import {
  CHANGE_COLOURS,
  HUB_SIZE,
  LAYOUT_SCALE,
  TRUST_COLOURS,
  clusterDiameter,
  edgeWidth,
  nodeDiameter,
} from "./style";

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
    const common = {
      id: node.id,
      position,
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

function edgeTitle(edge: ViewEdge, labels: ReadonlyMap<string, string>, t: TFunction): string {
  const source = labels.get(edge.source) ?? edge.source;
  const target = labels.get(edge.target) ?? edge.target;
  switch (edge.kind) {
    case "shared":
      return t("network.edge.shared", {
        source,
        target,
        count: edge.weight,
        trust: edge.minTrust === null ? t("signals.notAvailable") : edge.minTrust.toFixed(1),
      });
    case "relationship":
      return t("network.edge.relationship", {
        source,
        target,
        type: t(`enums.relationshipType.${edge.type}`),
        count: edge.weight,
      });
    default:
      return t("network.edge.membership", {
        source,
        target,
        role: t(`enums.memberRole.${edge.role}`),
      });
  }
}

export function toFlowEdges(view: Pick<NetworkView, "nodes" | "edges">, t: TFunction): NetworkFlowEdge[] {
  const byId = new Map(view.nodes.map((node) => [node.id, node]));
  const labels = new Map(view.nodes.map((node) => [node.id, node.label]));
  return view.edges.map((edge): NetworkFlowEdge => {
    const title = edgeTitle(edge, labels, t);
    const base = {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      type: "network" as const,
      selectable: false,
      focusable: false,
      ariaLabel: title,
    };
    switch (edge.kind) {
      case "shared": {
        const colour = TRUST_COLOURS[trustBand(edge.minTrust)];
        return {
          ...base,
          zIndex: edge.highlighted ? 1 : 0,
          style: {
            stroke: colour,
            strokeWidth: edgeWidth(edge.weight) + (edge.highlighted ? 1 : 0),
            strokeDasharray: edge.dashed ? "6 4" : undefined,
            strokeOpacity: edge.change === "ended" ? 0.6 : 0.9,
          },
          data: { title, targetInset: 0, glow: edge.change ? CHANGE_COLOURS[edge.change] : null },
        };
      }
      case "relationship":
        return {
          ...base,
          style: { stroke: "#334155", strokeWidth: Math.min(4, 1 + Math.log2(Math.max(1, edge.weight))) },
          markerEnd: { type: MarkerType.ArrowClosed, color: "#334155", width: 16, height: 16 },
          data: { title, targetInset: nodeRadius(byId.get(edge.target)), glow: null },
        };
      default:
        return {
          ...base,
          style: {
            stroke: edge.highlighted ? "#f59e0b" : "#cbd5e1",
            strokeWidth: edge.highlighted ? 2 : 1,
          },
          data: { title, targetInset: 0, glow: null },
        };
    }
  });
}
