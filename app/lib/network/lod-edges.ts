// Level of detail, edges: organisation-level edges (select.ts) carried onto the view's nodes. Edges whose
// ends fall in the same node are dropped; edges between nodes that stand for groups are aggregated
// (shared edges summed, relationship edges counted per direction and type). Pure.
import { strongerChange, type OrgEdge } from "./select";
import type { ChangeKind, NodeId, SnapshotOrganisation, ViewEdge, ViewNode } from "./types";

/** Most partnership ids an aggregated shared edge carries (its weight still counts them all). */
export const AGGREGATED_PARTNERSHIP_IDS_MAX = 50;

export type SharedOrgEdge = Extract<OrgEdge, { kind: "shared" }>;

interface SharedAcc {
  source: NodeId;
  target: NodeId;
  aggregated: boolean;
  weight: number;
  partnershipIds: Set<string>;
  minTrust: number | null;
  dashed: boolean;
  change: ChangeKind | null;
  highlighted: boolean;
}

/** The view's nodes so far (organisations and clusters) and where each organisation is drawn. */
export interface NodesOfView {
  nodes: ViewNode[];
  /** Position in `nodes` by node id. */
  nodeIndex: Map<NodeId, number>;
  /** Each organisation's node id. */
  nodeOf: Map<string, NodeId>;
}

/**
 * Shared edges between the view's nodes, "s:<a>|<b>" (a < b): per pair of nodes, weight = partnerships
 * over all pairs of organisations, partnershipIds distinct (capped at AGGREGATED_PARTNERSHIP_IDS_MAX when
 * aggregated), minTrust the lowest, dashed any, change the strongest; highlighted when one of the pairs
 * shares `litPartnership`. `keep` gives the part of an edge to draw (null: none), e.g. without the
 * partnerships drawn as hubs. In the order pairs first appear.
 */
export function aggregateSharedEdges(
  organisations: SnapshotOrganisation[],
  edges: OrgEdge[],
  view: NodesOfView,
  keep: (edge: SharedOrgEdge) => SharedOrgEdge | null,
  litPartnership: string | null,
): ViewEdge[] {
  const { nodes, nodeIndex, nodeOf } = view;
  // Organisations by position: pairs are keyed by number (lower * n + higher), cheaper than strings.
  const orgIndex = new Map<string, number>();
  for (const org of organisations) orgIndex.set(org.id, orgIndex.size);
  const orgCount = orgIndex.size;
  const nodeCount = nodes.length;
  // Each organisation's node, by position in `nodes`.
  const slotOf = new Int32Array(orgCount);
  for (const org of organisations) {
    slotOf[orgIndex.get(org.id) as number] = nodeIndex.get(nodeOf.get(org.id) as NodeId) as number;
  }
  const shared = new Map<number, SharedAcc>();
  for (const orgEdge of edges) {
    if (orgEdge.kind !== "shared") continue;
    const edge = keep(orgEdge);
    if (edge === null) continue;
    const sa = orgIndex.get(edge.source);
    const sb = orgIndex.get(edge.target);
    if (sa === undefined || sb === undefined) continue;
    const ia = slotOf[sa] as number;
    const ib = slotOf[sb] as number;
    if (ia === ib) continue;
    const a = (nodes[ia] as ViewNode).id;
    const b = (nodes[ib] as ViewNode).id;
    const key = ia < ib ? ia * nodeCount + ib : ib * nodeCount + ia;
    const lit = litPartnership !== null && edge.partnershipIds.includes(litPartnership);
    const acc = shared.get(key);
    if (!acc) {
      const aggregated = a !== edge.source || b !== edge.target;
      const ids = aggregated
        ? edge.partnershipIds.slice(0, AGGREGATED_PARTNERSHIP_IDS_MAX)
        : edge.partnershipIds;
      shared.set(key, {
        source: a < b ? a : b,
        target: a < b ? b : a,
        aggregated,
        weight: edge.partnershipIds.length,
        partnershipIds: new Set(ids),
        minTrust: edge.minTrust,
        dashed: edge.dashed,
        change: edge.change,
        highlighted: lit,
      });
      continue;
    }
    acc.weight += edge.partnershipIds.length;
    for (const id of edge.partnershipIds) {
      if (acc.partnershipIds.size >= AGGREGATED_PARTNERSHIP_IDS_MAX) break;
      acc.partnershipIds.add(id);
    }
    if (edge.minTrust !== null && (acc.minTrust === null || edge.minTrust < acc.minTrust))
      acc.minTrust = edge.minTrust;
    acc.dashed ||= edge.dashed;
    acc.change = strongerChange(acc.change, edge.change);
    acc.highlighted ||= lit;
  }
  const viewEdges: ViewEdge[] = [];
  for (const acc of shared.values()) {
    viewEdges.push({
      kind: "shared",
      id: `s:${acc.source}|${acc.target}`,
      source: acc.source,
      target: acc.target,
      weight: acc.weight,
      partnershipIds: [...acc.partnershipIds],
      minTrust: acc.minTrust,
      dashed: acc.dashed,
      change: acc.change,
      highlighted: acc.highlighted,
    });
  }
  return viewEdges;
}

/**
 * Relationship edges between the view's nodes: "r:<relationship id>" between two organisation nodes,
 * else "r:<a>|<b>|<type>" with weight the relationships it stands for. In the order they first appear.
 */
export function aggregateRelationshipEdges(
  edges: OrgEdge[],
  nodeOf: Map<string, NodeId>,
): Extract<ViewEdge, { kind: "relationship" }>[] {
  const relationships = new Map<string, Extract<ViewEdge, { kind: "relationship" }>>();
  for (const edge of edges) {
    if (edge.kind !== "relationship") continue;
    const a = nodeOf.get(edge.source);
    const b = nodeOf.get(edge.target);
    if (a === undefined || b === undefined || a === b) continue;
    if (a === edge.source && b === edge.target) {
      relationships.set(`r:${edge.id}`, {
        kind: "relationship",
        id: `r:${edge.id}`,
        source: a,
        target: b,
        type: edge.type,
        weight: 1,
      });
      continue;
    }
    const id = `r:${a}|${b}|${edge.type}`;
    const acc = relationships.get(id);
    if (acc) acc.weight += 1;
    else
      relationships.set(id, { kind: "relationship", id, source: a, target: b, type: edge.type, weight: 1 });
  }
  return [...relationships.values()];
}
