// Shared pieces of the network exports (export-gexf.ts, export-csv.ts, export-json.ts): the structural
// selection types, the metrics the exports write, and the large partnerships' nodes and membership
// edges with their positions. Pure.
//
// The selection types are declared structurally here (SelectedNetworkLike, OrgEdgeLike) so that
// the exports depend on select.ts's shape (SelectedNetwork and OrgEdge fit them) and its pure helpers.
//
// Large partnerships (isLargePartnership: LARGE_PARTNERSHIP_FROM visible members or more) have no shared
// edges (organisationEdges does not project them into member pairs): the exports write each as a
// partnership node "p:<uuid>" with one membership edge per visible member (organisation -> partnership),
// as the map draws them. Degrees count their members (organisationDegrees).
import type { MemberRole, PartnershipStatus, RelationshipType } from "../enums";
import { isLargePartnership, isMemberOn } from "./select";
import {
  DASHED_POWER_IMBALANCE_FROM,
  type ChangeKind,
  type SnapshotOrganisation,
  type SnapshotPartnership,
  type SnapshotRelationship,
} from "./types";

export interface SelectedNetworkLike {
  organisations: SnapshotOrganisation[];
  partnerships: { partnership: SnapshotPartnership; memberIds: string[]; change: ChangeKind | null }[];
  relationships: SnapshotRelationship[];
  date: string;
}

export type OrgEdgeLike =
  | {
      kind: "shared";
      source: string;
      target: string;
      partnershipIds: string[];
      minTrust: number | null;
      dashed: boolean;
      change: ChangeKind | null;
    }
  | { kind: "relationship"; id: string; source: string; target: string; type: RelationshipType };

/** Every edge kind an export writes: membership edges link an organisation to a large partnership. */
export type ExportEdgeKind = OrgEdgeLike["kind"] | "membership";
/** Every node kind an export writes. */
export type ExportNodeKind = "organisation" | "partnership";

export interface ExportMetrics {
  /** Distinct neighbours per organisation id (organisationDegrees: large partnerships' members count). */
  degree: Record<string, number>;
  /** Betweenness per organisation id (analytics cache), when computed. */
  betweenness?: Map<string, number> | null;
}

/** Partnership names by id, from the selection. */
export function partnershipNames(selected: SelectedNetworkLike): Map<string, string> {
  return new Map(selected.partnerships.map((p) => [p.partnership.id, p.partnership.name]));
}

/** Selected partnerships per organisation id. */
export function partnershipCounts(selected: SelectedNetworkLike): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of selected.partnerships) {
    for (const id of p.memberIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** A large partnership's node in the exports (as on the map: "p:<uuid>"). */
export interface ExportPartnershipNode {
  id: string;
  partnershipId: string;
  name: string;
  status: PartnershipStatus;
  trustIndex: number | null;
  countryCode: string | null;
  change: ChangeKind | null;
  /** Visible members: its membership edges. */
  degree: number;
  /** One of its open power-imbalance risks has exposure >= DASHED_POWER_IMBALANCE_FROM. */
  dashed: boolean;
}

/** A membership edge: a visible member (organisation id) -> its large partnership's node. */
export interface ExportMembership {
  source: string;
  target: string;
  partnershipId: string;
  role: MemberRole;
}

/** The node id of a partnership in the exports and on the map. */
export function partnershipNodeId(partnershipId: string): string {
  return `p:${partnershipId}`;
}

/**
 * The large partnerships of a selection (isLargePartnership), in selection order: one node each and one
 * membership per visible member (memberIds order). The role is that of the member's first entry present
 * on the selection's date (as the map does); "partner" if none is (cannot happen for a selectNetwork
 * selection).
 */
export function largePartnershipExports(selected: SelectedNetworkLike): {
  nodes: ExportPartnershipNode[];
  memberships: ExportMembership[];
} {
  const nodes: ExportPartnershipNode[] = [];
  const memberships: ExportMembership[] = [];
  for (const selectedPartnership of selected.partnerships) {
    if (!isLargePartnership(selectedPartnership)) continue;
    const { partnership, memberIds, change } = selectedPartnership;
    const id = partnershipNodeId(partnership.id);
    const roles = new Map<string, MemberRole>();
    for (const member of partnership.members) {
      if (!roles.has(member.organisationId) && isMemberOn(member, selected.date))
        roles.set(member.organisationId, member.role);
    }
    nodes.push({
      id,
      partnershipId: partnership.id,
      name: partnership.name,
      status: partnership.status,
      trustIndex: partnership.trustIndex,
      countryCode: partnership.countryCode,
      change,
      degree: memberIds.length,
      dashed: partnership.powerImbalanceExposure >= DASHED_POWER_IMBALANCE_FROM,
    });
    for (const source of memberIds) {
      memberships.push({
        source,
        target: id,
        partnershipId: partnership.id,
        role: roles.get(source) ?? "partner",
      });
    }
  }
  return { nodes, memberships };
}

/**
 * Partnership nodes' positions: the saved/computed one ("p:<uuid>" in positions), else the centroid of
 * its members that have one; none when no member has one. One pass over the memberships.
 */
export function partnershipPositions(
  large: { nodes: readonly ExportPartnershipNode[]; memberships: readonly ExportMembership[] },
  positions: Record<string, { x: number; y: number }> | undefined,
): Map<string, { x: number; y: number }> {
  const result = new Map<string, { x: number; y: number }>();
  if (!positions) return result;
  const sums = new Map<string, { x: number; y: number; n: number }>();
  for (const m of large.memberships) {
    const point = positions[m.source];
    if (!point) continue;
    const sum = sums.get(m.target) ?? { x: 0, y: 0, n: 0 };
    sum.x += point.x;
    sum.y += point.y;
    sum.n += 1;
    sums.set(m.target, sum);
  }
  for (const node of large.nodes) {
    const own = positions[node.id];
    const sum = sums.get(node.id);
    if (own) result.set(node.id, own);
    else if (sum) result.set(node.id, { x: sum.x / sum.n, y: sum.y / sum.n });
  }
  return result;
}
