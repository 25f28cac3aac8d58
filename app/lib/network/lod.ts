// Level of detail: turns a selection (organisation level) into the nodes and edges the page draws,
// never more than `max` organisation and partnership-hub nodes together. Beyond that, organisations are
// grouped by country (and by type within a large country) into cluster nodes that open on demand, with
// aggregated edges. Pure; O(organisations + members + edges).
import { memberRoles, organisationTypes, type MemberRole, type OrganisationType } from "../enums";
import {
  isLargePartnership,
  isMemberOn,
  organisationDegrees,
  strongerChange,
  type OrgEdge,
  type SelectedNetwork,
  type SelectedPartnership,
} from "./select";
import {
  DASHED_POWER_IMBALANCE_FROM,
  LOD_COUNTRY_SPLIT_FROM,
  LOD_MAX_ORGANISATION_NODES,
  type ChangeKind,
  type NodeId,
  type SnapshotOrganisation,
  type ViewEdge,
  type ViewNode,
} from "./types";

export type Point = { x: number; y: number };

/** Most partnership ids an aggregated shared edge carries (its weight still counts them all). */
export const AGGREGATED_PARTNERSHIP_IDS_MAX = 50;
/** Radius of the circle countries without a position are placed on. */
const COUNTRY_RING = 1000;
/** Radius of the circle type clusters without a position are placed on, around their country. */
const TYPE_RING = 150;
/** Spacing of the golden-angle spiral organisations without a position are placed on. */
const SPIRAL_STEP = 20;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

function countryKeyOf(org: { countryCode: string | null }): string {
  return org.countryCode ?? "none";
}

/**
 * The cluster an organisation falls in: "c:<country>" ("c:none" without a country), or with
 * `expandedCountry` its type cluster within the country, "c:<country>:<type>".
 */
export function clusterIdOf(
  org: { countryCode: string | null; type: OrganisationType },
  expandedCountry: boolean,
): string {
  const country = `c:${countryKeyOf(org)}`;
  return expandedCountry ? `${country}:${org.type}` : country;
}

/** Splits a cluster id into its country key and type (undefined for a country cluster); null if not one. */
function parseClusterId(id: string): { country: string; type: string | undefined } | null {
  const match = /^c:([^:]+)(?::([^:]+))?$/.exec(id);
  if (!match) return null;
  return { country: match[1] as string, type: match[2] };
}

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

function sumPoint(sums: Map<string, { x: number; y: number; n: number }>, key: string, point: Point) {
  const sum = sums.get(key);
  if (sum) {
    sum.x += point.x;
    sum.y += point.y;
    sum.n += 1;
  } else sums.set(key, { x: point.x, y: point.y, n: 1 });
}

function centroidOf(sums: Map<string, { x: number; y: number; n: number }>, key: string): Point | null {
  const sum = sums.get(key);
  return sum && sum.n > 0 ? { x: sum.x / sum.n, y: sum.y / sum.n } : null;
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
  const { positions } = options;
  const organisations = selected.organisations;
  const orgById = new Map<string, SnapshotOrganisation>();
  // Organisations by position: pairs are keyed by number (lower * n + higher), cheaper than strings.
  const orgIndex = new Map<string, number>();
  for (const org of organisations) {
    orgById.set(org.id, org);
    orgIndex.set(org.id, orgIndex.size);
  }
  const orgCount = orgIndex.size;

  // Degrees at organisation level.
  const degree = organisationDegrees(selected, edges);
  let maxDegree = 0;
  for (const org of organisations) maxDegree = Math.max(maxDegree, degree[org.id] ?? 0);

  // Room kept for the hubs of large partnerships.
  let largeCount = 0;
  for (const sp of selected.partnerships) if (isLargePartnership(sp)) largeCount++;
  const reserved = Math.min(largeCount, Math.floor(max / 2));
  const orgBudget = max - reserved;

  const highlightedOrgs = new Set<string>();
  if (options.partnershipId !== null) {
    const lit = selected.partnerships.find((p) => p.partnership.id === options.partnershipId);
    if (lit) for (const id of lit.memberIds) highlightedOrgs.add(id);
  }

  // Groups by country, and by type within a country.
  const byCountry = new Map<string, SnapshotOrganisation[]>();
  const typeCounts = new Map<string, number>();
  for (const org of organisations) {
    const key = countryKeyOf(org);
    const list = byCountry.get(key);
    if (list) list.push(org);
    else byCountry.set(key, [org]);
    const typeId = clusterIdOf(org, true);
    typeCounts.set(typeId, (typeCounts.get(typeId) ?? 0) + 1);
  }

  const clustered = organisations.length > orgBudget;
  const countryState = new Map<string, "organisations" | "types">();
  const openTypes = new Set<string>();
  const expandRefused: string[] = [];

  if (clustered) {
    const requests: string[] = [];
    const focus = options.focusId !== null ? orgById.get(options.focusId) : undefined;
    if (focus) {
      requests.push(clusterIdOf(focus, false));
      if ((byCountry.get(countryKeyOf(focus))?.length ?? 0) > LOD_COUNTRY_SPLIT_FROM)
        requests.push(clusterIdOf(focus, true));
    }
    requests.push(...options.expand);

    let used = 0;
    const seen = new Set<string>();
    for (const id of requests) {
      if (seen.has(id)) continue;
      seen.add(id);
      const parsed = parseClusterId(id);
      const members = parsed ? byCountry.get(parsed.country) : undefined;
      if (!parsed || !members) continue;
      const split = members.length > LOD_COUNTRY_SPLIT_FROM;
      if (!split || parsed.type === undefined) {
        // The country itself (a type id of a country too small to split opens the country).
        if (countryState.has(parsed.country)) continue;
        if (split) countryState.set(parsed.country, "types");
        else if (used + members.length <= orgBudget) {
          countryState.set(parsed.country, "organisations");
          used += members.length;
        } else expandRefused.push(id);
        continue;
      }
      const count = typeCounts.get(id);
      if (count === undefined || openTypes.has(id)) continue;
      // Opening a type cluster opens its country into type clusters (which costs no organisation node).
      countryState.set(parsed.country, "types");
      if (used + count <= orgBudget) {
        openTypes.add(id);
        used += count;
      } else expandRefused.push(id);
    }
  }

  const nodeOf = new Map<string, NodeId>();
  for (const org of organisations) {
    if (!clustered) {
      nodeOf.set(org.id, org.id);
      continue;
    }
    const state = countryState.get(countryKeyOf(org));
    if (state === "organisations") nodeOf.set(org.id, org.id);
    else if (state === "types") {
      const typeId = clusterIdOf(org, true);
      nodeOf.set(org.id, openTypes.has(typeId) ? org.id : typeId);
    } else nodeOf.set(org.id, clusterIdOf(org, false));
  }

  // Positions: centroids of the organisations that have one, by country and by type cluster.
  const countrySums = new Map<string, { x: number; y: number; n: number }>();
  const typeSums = new Map<string, { x: number; y: number; n: number }>();
  for (const org of organisations) {
    const point = positions[org.id];
    if (!point) continue;
    sumPoint(countrySums, countryKeyOf(org), point);
    sumPoint(typeSums, clusterIdOf(org, true), point);
  }
  const countryKeys = [...byCountry.keys()].sort();
  const countryIndex = new Map(countryKeys.map((key, index) => [key, index]));
  const anchors = new Map<string, Point>();
  const countryAnchor = (key: string): Point => {
    const id = `c:${key}`;
    let point = anchors.get(id);
    if (!point) {
      const index = countryIndex.get(key) ?? 0;
      const angle = (2 * Math.PI * index) / Math.max(1, countryKeys.length);
      point = positions[id] ??
        centroidOf(countrySums, key) ?? {
          x: COUNTRY_RING * Math.cos(angle),
          y: COUNTRY_RING * Math.sin(angle),
        };
      anchors.set(id, point);
    }
    return point;
  };
  const typeAnchor = (countryKey: string, type: OrganisationType): Point => {
    const id = `c:${countryKey}:${type}`;
    let point = anchors.get(id);
    if (!point) {
      const around = countryAnchor(countryKey);
      const angle = (2 * Math.PI * organisationTypes.indexOf(type)) / organisationTypes.length;
      point = positions[id] ??
        centroidOf(typeSums, id) ?? {
          x: around.x + TYPE_RING * Math.cos(angle),
          y: around.y + TYPE_RING * Math.sin(angle),
        };
      anchors.set(id, point);
    }
    return point;
  };
  const spiralIndex = new Map<string, number>();
  const organisationPoint = (org: SnapshotOrganisation): Point => {
    const saved = positions[org.id];
    if (saved) return saved;
    const inTypes = countryState.get(countryKeyOf(org)) === "types";
    const anchorId = inTypes ? clusterIdOf(org, true) : clusterIdOf(org, false);
    const anchor = inTypes ? typeAnchor(countryKeyOf(org), org.type) : countryAnchor(countryKeyOf(org));
    const index = spiralIndex.get(anchorId) ?? 0;
    spiralIndex.set(anchorId, index + 1);
    const radius = SPIRAL_STEP * Math.sqrt(index + 1);
    const angle = index * GOLDEN_ANGLE;
    return { x: anchor.x + radius * Math.cos(angle), y: anchor.y + radius * Math.sin(angle) };
  };

  // Nodes, in the order organisations first appear.
  const nodes: ViewNode[] = [];
  const nodeIndex = new Map<NodeId, number>();
  const clusters = new Map<string, ClusterAcc>();
  for (const org of organisations) {
    const nodeId = nodeOf.get(org.id) as NodeId;
    const highlighted = highlightedOrgs.has(org.id);
    if (nodeId === org.id) {
      const orgDegree = degree[org.id] ?? 0;
      const point = organisationPoint(org);
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
        ? countryAnchor(cluster.countryKey)
        : typeAnchor(cluster.countryKey, cluster.type);
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

  // Which partnerships are drawn as hubs (see the budget above).
  let orgNodeCount = 0;
  for (const org of organisations) if (nodeOf.get(org.id) === org.id) orgNodeCount++;
  const candidates: { sp: SelectedPartnership; large: boolean; order: number }[] = [];
  selected.partnerships.forEach((sp, order) => {
    const large = isLargePartnership(sp);
    if (!large && !options.hubs) return;
    if (large) {
      const first = nodeOf.get(sp.memberIds[0] as string);
      if (sp.memberIds.some((id) => nodeOf.get(id) !== first)) candidates.push({ sp, large, order });
    } else if (!clustered || sp.memberIds.some((id) => nodeOf.get(id) === id)) {
      candidates.push({ sp, large, order });
    }
  });
  candidates.sort(
    (a, b) =>
      Number(b.large) - Number(a.large) || b.sp.memberIds.length - a.sp.memberIds.length || a.order - b.order,
  );
  const room = Math.max(0, max - orgNodeCount);
  const hubbed = new Set<string>();
  const hubsLeftOut: string[] = [];
  for (const candidate of candidates) {
    if (hubbed.size < room) hubbed.add(candidate.sp.partnership.id);
    else if (candidate.large) hubsLeftOut.push(candidate.sp.partnership.id);
  }
  const byPartnership = new Map(selected.partnerships.map((sp) => [sp.partnership.id, sp]));
  // A shared edge's partnerships that are not drawn as hubs, with its figures recomputed from them.
  const notHubbed = (
    edge: Extract<OrgEdge, { kind: "shared" }>,
  ): Extract<OrgEdge, { kind: "shared" }> | null => {
    if (hubbed.size === 0) return edge;
    const ids = edge.partnershipIds.filter((id) => !hubbed.has(id));
    if (ids.length === edge.partnershipIds.length) return edge;
    if (ids.length === 0) return null;
    let minTrust: number | null = null;
    let dashed = false;
    let change: ChangeKind | null = null;
    for (const id of ids) {
      const sp = byPartnership.get(id);
      if (!sp) continue;
      const trust = sp.partnership.trustIndex;
      if (trust !== null && (minTrust === null || trust < minTrust)) minTrust = trust;
      dashed ||= sp.partnership.powerImbalanceExposure >= DASHED_POWER_IMBALANCE_FROM;
      change = strongerChange(change, sp.change);
    }
    return { ...edge, partnershipIds: ids, minTrust, dashed, change };
  };

  // Edges.
  const viewEdges: ViewEdge[] = [];
  const litPartnership = options.partnershipId;
  {
    const nodeCount = nodes.length;
    // Each organisation's node, by position in `nodes`.
    const slotOf = new Int32Array(orgCount);
    for (const org of organisations) {
      slotOf[orgIndex.get(org.id) as number] = nodeIndex.get(nodeOf.get(org.id) as NodeId) as number;
    }
    const shared = new Map<number, SharedAcc>();
    for (const orgEdge of edges) {
      if (orgEdge.kind !== "shared") continue;
      const edge = notHubbed(orgEdge);
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
  }

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
  viewEdges.push(...relationships.values());

  {
    const roleRank = (role: MemberRole) => memberRoles.indexOf(role);
    for (const { partnership, memberIds, change } of selected.partnerships) {
      if (!hubbed.has(partnership.id)) continue;
      const visible = new Set(memberIds);
      const roles = new Map<string, MemberRole>();
      for (const member of partnership.members) {
        const id = member.organisationId;
        if (visible.has(id) && !roles.has(id) && isMemberOn(member, selected.date))
          roles.set(id, member.role);
      }
      const hubId = `p:${partnership.id}`;
      const lit = partnership.id === litPartnership;
      const memberships = new Map<NodeId, MemberRole>();
      for (const id of memberIds) {
        const nodeId = nodeOf.get(id);
        if (nodeId === undefined) continue;
        const role = roles.get(id) ?? "partner";
        const previous = memberships.get(nodeId);
        if (previous === undefined || roleRank(role) < roleRank(previous)) memberships.set(nodeId, role);
      }
      let point: Point | undefined = positions[hubId];
      if (!point && memberships.size > 0) {
        let x = 0;
        let y = 0;
        for (const nodeId of memberships.keys()) {
          const node = nodes[nodeIndex.get(nodeId) as number] as ViewNode;
          x += node.x;
          y += node.y;
        }
        point = { x: x / memberships.size, y: y / memberships.size };
      }
      nodes.push({
        kind: "partnership",
        id: hubId,
        partnershipId: partnership.id,
        label: partnership.name,
        status: partnership.status,
        trustIndex: partnership.trustIndex,
        change,
        x: point?.x ?? 0,
        y: point?.y ?? 0,
        highlighted: lit,
      });
      for (const [nodeId, role] of memberships) {
        viewEdges.push({
          kind: "membership",
          id: `m:${partnership.id}|${nodeId}`,
          source: nodeId,
          target: hubId,
          role,
          highlighted: lit,
        });
      }
    }
  }

  return { nodes, edges: viewEdges, clustered, expandRefused, hubsLeftOut };
}
