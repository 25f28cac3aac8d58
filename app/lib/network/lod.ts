// Level of detail: turns a selection (organisation level) into the nodes and edges the page draws,
// never more than `max` organisation and partnership-hub nodes together. Beyond that, organisations are
// grouped by country (and by type within a large country) into cluster nodes that open on demand, with
// aggregated edges. Pure; O(organisations + members + edges).
//
// The work is split by concern: lod-clusters.ts (cluster ids, which organisations are nodes),
// lod-positions.ts (positions and fallback placement), lod-hubs.ts (partnership hubs within the budget,
// membership edges) and lod-edges.ts (edges carried onto the nodes, aggregated); this module puts the
// view together (nodes, then edges) and re-exports what callers used from it.
import type { OrganisationType } from "../enums";
import { isLargePartnership, organisationDegrees, type OrgEdge, type SelectedNetwork } from "./select";
import { countryKeyOf, groupOrganisations, parseClusterId } from "./lod-clusters";
import { aggregateRelationshipEdges, aggregateSharedEdges, type NodesOfView } from "./lod-edges";
import { appendHubs, chooseHubs, withoutHubs } from "./lod-hubs";
import { placement, type Placement, type Point } from "./lod-positions";
import { LOD_MAX_ORGANISATION_NODES, type NodeId, type ViewEdge, type ViewNode } from "./types";

export { clusterIdOf } from "./lod-clusters";
export { AGGREGATED_PARTNERSHIP_IDS_MAX } from "./lod-edges";
export type { Point } from "./lod-positions";

export interface GroupOptions {
  /** Cluster ids the user opened, in order. */
  expand: string[];
  /** The searched organisation: its country (and type cluster) open first. */
  focusId: string | null;
  /** The partnership whose members are lit up. */
  partnershipId: string | null;
  /** Partnerships as hub nodes with membership edges (shared edges then left out). */
  hubs: boolean;
  /** By node id (organisation uuid, "c:…", "p:…"); missing ones get a deterministic fallback. */
  positions: Record<string, Point>;
  /** Most organisation nodes plus partnership hubs (default LOD_MAX_ORGANISATION_NODES). */
  max?: number;
  /** organisationDegrees(selected, edges) when the caller already has it. */
  degree?: Record<string, number>;
}

export interface GroupedView {
  nodes: ViewNode[];
  edges: ViewEdge[];
  clustered: boolean;
  expandRefused: string[];
  /** Large partnerships (ids) whose hub did not fit in the budget: not drawn. */
  hubsLeftOut: string[];
}

interface ClusterAcc {
  id: string;
  countryKey: string;
  type: OrganisationType | null;
  count: number;
  byType: Partial<Record<OrganisationType, number>>;
  highlighted: boolean;
}

/**
 * Groups a selection for the view.
 *
 * - Budget: organisation nodes + partnership hubs <= `max` (cluster nodes do not count). Room is kept for
 *   the hubs of large partnerships (isLargePartnership), up to half of `max`: reserved = min(number of
 *   large partnerships, floor(max / 2)), and organisations may use `max - reserved` nodes.
 * - If there are at most `max - reserved` selected organisations, every one is a node (no clusters).
 * - Else organisations are grouped by country into cluster nodes "c:XX" ("c:none" without a country).
 *   An expansion "c:XX" opens the country: with at most LOD_COUNTRY_SPLIT_FROM organisations they are
 *   shown as nodes, else its type clusters "c:XX:<type>" are, and those open in turn when expanded.
 *   The focused organisation's country (and type cluster) open first, then `expand` in order, each while
 *   the organisation nodes stay within `max - reserved`; the others are listed in `expandRefused`. Unknown cluster
 *   ids (e.g. a country the filters now leave out) are ignored.
 * - Edges: organisation-level edges whose ends fall in the same node are dropped; between nodes that
 *   stand for groups, shared edges are summed (weight = partnerships over all pairs, partnershipIds
 *   distinct and capped at 50, minTrust the lowest, dashed any, change the strongest) and relationship
 *   edges counted per direction and type. Ids: "s:<a>|<b>" (a < b), "r:<relationship id>" between two
 *   organisations, "r:<a>|<b>|<type>" when aggregated, "m:<partnership>|<node>" for memberships.
 * - Hubs: a partnership drawn as a hub is a node "p:<uuid>" with a membership edge to each member's node
 *   (members in one cluster merged into one edge, keeping the strongest role: lead, partner, funder,
 *   observer). Each selected partnership is drawn either as a hub or as shared edges, never both.
 *   Candidates: every large partnership whose members fall in at least two nodes (always, `hubs` or not:
 *   it has no shared edges); with `hubs`, also every small partnership (when clustered, only those with a
 *   member shown as an organisation node). The room left (max - organisation nodes) goes to large
 *   partnerships first, then by visible members (most first), then selection order. A small partnership
 *   without a hub is drawn as shared edges (as without `hubs`); a large one without room is left out
 *   (`hubsLeftOut`). Hubs are emitted in selection order, after the other nodes.
 * - Organisation degree: organisationDegrees (distinct neighbours over shared and relationship edges at
 *   organisation level, before grouping, plus members - 1 per large partnership); size = degree / highest
 *   degree (0 when that is 0).
 * - highlighted: an organisation that is a member of `partnershipId`'s selected partnership, a cluster
 *   containing one, that partnership's hub and membership edges, and an edge that stands for a pair of
 *   organisations sharing that partnership. focused: the organisation node whose id is `focusId`.
 * - Positions: `positions[id]` when present. Else a cluster takes the centroid of its organisations'
 *   positions, or a spot on a circle (countries in code order; type clusters around their country);
 *   an organisation a spot on a golden-angle spiral around its cluster's position; a hub the centroid
 *   of its members' nodes.
 */
export function groupForView(
  selected: SelectedNetwork,
  edges: OrgEdge[],
  options: GroupOptions,
): GroupedView {
  const max = options.max ?? LOD_MAX_ORGANISATION_NODES;
  const organisations = selected.organisations;

  // Room kept for the hubs of large partnerships.
  let largeCount = 0;
  for (const sp of selected.partnerships) if (isLargePartnership(sp)) largeCount++;
  const reserved = Math.min(largeCount, Math.floor(max / 2));
  const orgBudget = max - reserved;

  const grouping = groupOrganisations(organisations, orgBudget, options.focusId, options.expand);
  const { clustered, expandRefused, nodeOf } = grouping;
  const place = placement(organisations, grouping, options.positions);
  const view: NodesOfView = {
    ...organisationAndClusterNodes(selected, edges, options, nodeOf, place),
    nodeOf,
  };

  // Which partnerships are drawn as hubs (see the budget above).
  const { hubbed, hubsLeftOut } = chooseHubs(selected, nodeOf, { clustered, hubs: options.hubs, max });

  // Edges: shared, relationships, then the hubs' memberships (the hubs after the other nodes).
  const litPartnership = options.partnershipId;
  const viewEdges: ViewEdge[] = aggregateSharedEdges(
    organisations,
    edges,
    view,
    withoutHubs(selected, hubbed),
    litPartnership,
  );
  for (const edge of aggregateRelationshipEdges(edges, nodeOf)) viewEdges.push(edge);
  appendHubs(selected, hubbed, { ...view, positions: options.positions, litPartnership }, viewEdges);

  return { nodes: view.nodes, edges: viewEdges, clustered, expandRefused, hubsLeftOut };
}

/**
 * The organisation and cluster nodes, in the order organisations first appear (a cluster where its first
 * organisation is), with their degree and size, highlight, focus and position; and their index by id.
 */
function organisationAndClusterNodes(
  selected: SelectedNetwork,
  edges: OrgEdge[],
  options: GroupOptions,
  nodeOf: Map<string, NodeId>,
  place: Placement,
): { nodes: ViewNode[]; nodeIndex: Map<NodeId, number> } {
  const organisations = selected.organisations;

  // Degrees at organisation level.
  const degree = options.degree ?? organisationDegrees(selected, edges);
  let maxDegree = 0;
  for (const org of organisations) maxDegree = Math.max(maxDegree, degree[org.id] ?? 0);

  const highlightedOrgs = new Set<string>();
  if (options.partnershipId !== null) {
    const lit = selected.partnerships.find((p) => p.partnership.id === options.partnershipId);
    if (lit) for (const id of lit.memberIds) highlightedOrgs.add(id);
  }

  const nodes: ViewNode[] = [];
  const nodeIndex = new Map<NodeId, number>();
  const clusters = new Map<string, ClusterAcc>();
  for (const org of organisations) {
    const nodeId = nodeOf.get(org.id) as NodeId;
    const highlighted = highlightedOrgs.has(org.id);
    if (nodeId === org.id) {
      const orgDegree = degree[org.id] ?? 0;
      const point = place.organisationPoint(org);
      nodeIndex.set(nodeId, nodes.length);
      nodes.push({
        kind: "organisation",
        id: org.id,
        label: org.acronym ?? org.name,
        name: org.name,
        type: org.type,
        level: org.level,
        countryCode: org.countryCode,
        degree: orgDegree,
        size: maxDegree === 0 ? 0 : orgDegree / maxDegree,
        x: point.x,
        y: point.y,
        highlighted,
        focused: org.id === options.focusId,
      });
      continue;
    }
    let cluster = clusters.get(nodeId);
    if (!cluster) {
      const parsed = parseClusterId(nodeId);
      cluster = {
        id: nodeId,
        countryKey: countryKeyOf(org),
        type: parsed?.type !== undefined ? org.type : null,
        count: 0,
        byType: {},
        highlighted: false,
      };
      clusters.set(nodeId, cluster);
      nodeIndex.set(nodeId, nodes.length);
      // A placeholder, replaced once the cluster is complete.
      nodes.push({
        kind: "cluster",
        id: nodeId,
        label: "",
        countryCode: null,
        type: null,
        count: 0,
        byType: {},
        x: 0,
        y: 0,
        highlighted: false,
      });
    }
    cluster.count += 1;
    cluster.byType[org.type] = (cluster.byType[org.type] ?? 0) + 1;
    cluster.highlighted ||= highlighted;
  }
  for (const cluster of clusters.values()) {
    const countryCode = cluster.countryKey === "none" ? null : cluster.countryKey;
    const point =
      cluster.type === null
        ? place.countryAnchor(cluster.countryKey)
        : place.typeAnchor(cluster.countryKey, cluster.type);
    nodes[nodeIndex.get(cluster.id) as number] = {
      kind: "cluster",
      id: cluster.id,
      label: cluster.type === null ? cluster.countryKey : `${cluster.countryKey} · ${cluster.type}`,
      countryCode,
      type: cluster.type,
      count: cluster.count,
      byType: cluster.byType,
      x: point.x,
      y: point.y,
      highlighted: cluster.highlighted,
    };
  }
  return { nodes, nodeIndex };
}
