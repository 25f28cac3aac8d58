// JSON export of the network's selection: organisations and large partnerships' nodes (with positions
// and metrics), the selected partnerships, and shared, relationship and membership edges. Pure.
import type { Level, MemberRole, OrganisationType, PartnershipStatus, RelationshipType } from "../enums";
import {
  largePartnershipExports,
  partnershipCounts,
  partnershipPositions,
  type ExportMetrics,
  type OrgEdgeLike,
  type SelectedNetworkLike,
} from "./export-common";
import { isLargePartnership } from "./select";
import type { ChangeKind, SnapshotPartnership } from "./types";

export type NetworkJsonNode =
  | {
      kind: "organisation";
      id: string;
      name: string;
      acronym: string | null;
      type: OrganisationType;
      level: Level;
      countryCode: string | null;
      degree: number;
      partnerships: number;
      betweenness: number | null;
      x?: number;
      y?: number;
    }
  | {
      /** A large partnership: "p:<uuid>". */
      kind: "partnership";
      id: string;
      partnershipId: string;
      name: string;
      status: PartnershipStatus;
      trustIndex: number | null;
      countryCode: string | null;
      change: ChangeKind | null;
      /** Visible members (its membership edges). */
      degree: number;
      x?: number;
      y?: number;
    };

export type NetworkJsonEdge =
  | {
      kind: "shared";
      source: string;
      target: string;
      weight: number;
      partnershipIds: string[];
      minTrust: number | null;
      dashed: boolean;
      change: ChangeKind | null;
    }
  | { kind: "relationship"; id: string; source: string; target: string; type: RelationshipType; weight: 1 }
  | {
      /** Organisation -> large partnership node "p:<uuid>". */
      kind: "membership";
      source: string;
      target: string;
      partnershipId: string;
      role: MemberRole;
      weight: 1;
    };

export interface NetworkJson {
  version: 1;
  generatedAt: string;
  date: string;
  /** Organisations, then the large partnerships' nodes. */
  nodes: NetworkJsonNode[];
  partnerships: {
    id: string;
    name: string;
    status: SnapshotPartnership["status"];
    memberIds: string[];
    change: ChangeKind | null;
    /** Large (isLargePartnership): a node with membership edges rather than shared edges. */
    large: boolean;
  }[];
  /** The given edges (shared, relationship), then the membership edges. */
  edges: NetworkJsonEdge[];
}

export function networkToJson(
  selected: SelectedNetworkLike,
  edges: readonly OrgEdgeLike[],
  metrics: ExportMetrics,
  options: { generatedAt?: Date; positions?: Record<string, { x: number; y: number }> } = {},
): NetworkJson {
  const counts = partnershipCounts(selected);
  const large = largePartnershipExports(selected);
  const organisationNodes: NetworkJsonNode[] = selected.organisations.map((o) => {
    const position = options.positions?.[o.id];
    return {
      kind: "organisation" as const,
      id: o.id,
      name: o.name,
      acronym: o.acronym,
      type: o.type,
      level: o.level,
      countryCode: o.countryCode,
      degree: metrics.degree[o.id] ?? 0,
      partnerships: counts.get(o.id) ?? 0,
      betweenness: metrics.betweenness?.get(o.id) ?? null,
      ...(position ? { x: position.x, y: position.y } : {}),
    };
  });
  const hubPositions = partnershipPositions(large, options.positions);
  const partnershipNodes: NetworkJsonNode[] = large.nodes.map((p) => {
    const position = hubPositions.get(p.id);
    return {
      kind: "partnership" as const,
      id: p.id,
      partnershipId: p.partnershipId,
      name: p.name,
      status: p.status,
      trustIndex: p.trustIndex,
      countryCode: p.countryCode,
      change: p.change,
      degree: p.degree,
      ...(position ? { x: position.x, y: position.y } : {}),
    };
  });
  return {
    version: 1,
    generatedAt: (options.generatedAt ?? new Date()).toISOString(),
    date: selected.date,
    nodes: [...organisationNodes, ...partnershipNodes],
    partnerships: selected.partnerships.map((p) => ({
      id: p.partnership.id,
      name: p.partnership.name,
      status: p.partnership.status,
      memberIds: p.memberIds,
      change: p.change,
      large: isLargePartnership(p),
    })),
    edges: [
      ...edges.map((e): NetworkJsonEdge =>
        e.kind === "shared"
          ? {
              kind: "shared",
              source: e.source,
              target: e.target,
              weight: e.partnershipIds.length,
              partnershipIds: e.partnershipIds,
              minTrust: e.minTrust,
              dashed: e.dashed,
              change: e.change,
            }
          : {
              kind: "relationship",
              id: e.id,
              source: e.source,
              target: e.target,
              type: e.type,
              weight: 1,
            },
      ),
      ...large.memberships.map((m): NetworkJsonEdge => ({
        kind: "membership",
        source: m.source,
        target: m.target,
        partnershipId: m.partnershipId,
        role: m.role,
        weight: 1,
      })),
    ],
  };
}
