// Structural analytics of the organisation network (components, isolated organisations, gaps);
// betweenness centrality (Brandes) is in betweenness.ts. Pure: no I/O, no server modules.
//
// "Current" throughout (the map's rule, partnership-status.ts): a partnership that is not ended
// (isCurrentPartnership: status not "ended", end date not before today) with its members present on
// snapshot.today (joined on or before, last day on or after), and relationships running on
// snapshot.today (isCurrentRelationship).
//
// Large partnerships (LARGE_PARTNERSHIP_FROM current members or more) are not expanded into cliques:
// each is a hub vertex linked to its members (the bipartite, projection-free model), so the graph stays
// O(organisations + memberships + relationships). Components through hubs are exact; shortest paths
// through a large partnership have length 2 instead of 1 (betweenness counts organisation pairs only,
// hubs are never sources, targets or listed).
import { isCurrentPartnership, isCurrentRelationship } from "../partnership-status";
import {
  LARGE_PARTNERSHIP_FROM,
  type NetworkAnalytics,
  type NetworkSnapshot,
  type SnapshotOrganisation,
  type SnapshotPartnership,
} from "./types";

export { isCurrentPartnership, isCurrentRelationship };

export interface GraphInput {
  /** Organisation ids: vertices 0 .. nodes.length - 1. */
  nodes: string[];
  /**
   * Hub vertices of large partnerships ("p:<uuid>"): vertex nodes.length + h is hubs[h]. Optional:
   * `betweenness` and `structuralAnalytics` take any edge end >= nodes.length as a hub vertex.
   */
  hubs?: string[];
  /**
   * Undirected, deduplicated: organisation pairs [i, j] (i < j < nodes.length), then memberships
   * [organisation, hub vertex] of large partnerships.
   */
  edges: [number, number][];
}

/** Cap on the ids and labels listed by each analytics item list (counts stay exact). */
export const ANALYTICS_ITEMS_CAP = 50;
/** How many organisations topDegree lists. */
export const TOP_COUNT = 10;

function onOrBefore(date: string | null, today: string): boolean {
  return date === null || date <= today;
}
function onOrAfter(date: string | null, today: string): boolean {
  return date === null || date >= today;
}

/**
 * Current partnerships with the distinct ids of their members present on snapshot.today
 * (organisations missing from the snapshot left out).
 */
export function currentPartnershipMembers(
  snapshot: NetworkSnapshot,
): { partnership: SnapshotPartnership; memberIds: string[] }[] {
  const known = new Set(snapshot.organisations.map((o) => o.id));
  const result: { partnership: SnapshotPartnership; memberIds: string[] }[] = [];
  for (const partnership of snapshot.partnerships) {
    if (!isCurrentPartnership(partnership, snapshot.today)) continue;
    const ids = new Set<string>();
    for (const member of partnership.members) {
      if (!known.has(member.organisationId)) continue;
      if (!onOrBefore(member.joinedOn, snapshot.today)) continue;
      if (!onOrAfter(member.leftOn, snapshot.today)) continue;
      ids.add(member.organisationId);
    }
    result.push({ partnership, memberIds: [...ids] });
  }
  return result;
}

/** A large current partnership as a hub: its id and its current members' organisation indexes. */
export interface PartnershipHub {
  partnershipId: string;
  members: number[];
}

/**
 * Weighted undirected pairs of organisation indexes (i < j): shared small current partnerships plus
 * current relationships. Keys are i * n + j. Large partnerships (LARGE_PARTNERSHIP_FROM current members
 * or more) make no pairs: they are listed in `hubs`. Shared by the layout and the analytics graph;
 * O(organisations + memberships + relationships).
 */
export interface OrganisationPairs {
  index: Map<string, number>;
  pairs: Map<number, number>;
  hubs: PartnershipHub[];
}

export function organisationPairs(snapshot: NetworkSnapshot): OrganisationPairs {
  const index = new Map<string, number>();
  snapshot.organisations.forEach((o, i) => index.set(o.id, i));
  const n = snapshot.organisations.length;
  const pairs = new Map<number, number>();
  const add = (a: number, b: number) => {
    if (a === b) return;
    const key = a < b ? a * n + b : b * n + a;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  };
  const hubs: PartnershipHub[] = [];
  for (const { partnership, memberIds } of currentPartnershipMembers(snapshot)) {
    const idx = memberIds.map((id) => index.get(id)!);
    if (idx.length >= LARGE_PARTNERSHIP_FROM) {
      hubs.push({ partnershipId: partnership.id, members: idx });
      continue;
    }
    for (let i = 0; i < idx.length; i++) {
      for (let j = i + 1; j < idx.length; j++) add(idx[i]!, idx[j]!);
    }
  }
  for (const relationship of snapshot.relationships) {
    if (!isCurrentRelationship(relationship, snapshot.today)) continue;
    const a = index.get(relationship.fromId);
    const b = index.get(relationship.toId);
    if (a === undefined || b === undefined) continue;
    add(a, b);
  }
  return { index, pairs, hubs };
}

/**
 * Organisations as nodes (snapshot order); an edge per pair sharing a small current partnership or a
 * current relationship (sorted), then each large current partnership as a hub vertex (`hubs`, ids
 * "p:<uuid>") with an edge to each of its current members. `pairs`: organisationPairs(snapshot) when
 * the caller already has it.
 */
export function analyticsGraph(
  snapshot: NetworkSnapshot,
  { pairs, hubs }: OrganisationPairs = organisationPairs(snapshot),
): GraphInput {
  const n = snapshot.organisations.length;
  const keys = [...pairs.keys()].sort((a, b) => a - b);
  const edges = keys.map((key) => [Math.floor(key / n), key % n] as [number, number]);
  hubs.forEach((hub, h) => {
    for (const member of hub.members) edges.push([member, n + h]);
  });
  return {
    nodes: snapshot.organisations.map((o) => o.id),
    hubs: hubs.map((hub) => `p:${hub.partnershipId}`),
    edges,
  };
}

export type StructuralAnalytics = Omit<NetworkAnalytics, "betweenness"> & {
  degree: Record<string, number>;
  partnershipCount: Record<string, number>;
};

const compareLabels = (a: { label: string; id: string }, b: { label: string; id: string }) =>
  a.label.localeCompare(b.label, "en") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function capped(items: { id: string; label: string }[]): {
  count: number;
  items: { id: string; label: string }[];
} {
  return { count: items.length, items: items.sort(compareLabels).slice(0, ANALYTICS_ITEMS_CAP) };
}

/**
 * Components, isolated organisations, gaps (no CSO partner, no local partner), degrees.
 * `graph`: analyticsGraph(snapshot) when the caller already has it.
 *
 * With hub vertices (large partnerships): components are computed through them (exact); degree is the
 * distinct neighbours through organisation pairs plus, per large partnership, its other members
 * (members - 1, arithmetic: a neighbour also reached another way is counted twice, an accepted
 * over-count that keeps this linear); edgeCount counts organisation pairs plus one link per membership
 * of a large partnership (graph.edges.length). Hubs are never listed (isolated, topDegree).
 */
export function structuralAnalytics(
  snapshot: NetworkSnapshot,
  graph: GraphInput = analyticsGraph(snapshot),
): StructuralAnalytics {
  const orgs = snapshot.organisations;
  const n = orgs.length;
  const label = (i: number) => orgs[i]!.acronym ?? orgs[i]!.name;

  // Degree and union-find components, over organisations and hub vertices.
  let vertices = n + (graph.hubs?.length ?? 0);
  for (const [a, b] of graph.edges) vertices = Math.max(vertices, a + 1, b + 1);
  const degreeArr = new Int32Array(n);
  const hubSize = new Int32Array(vertices - n);
  const parent = new Int32Array(vertices);
  for (let i = 0; i < vertices; i++) parent[i] = i;
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[x] !== root) {
      const next = parent[x]!;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  for (const [a, b] of graph.edges) {
    if (a < n && b < n) {
      degreeArr[a]!++;
      degreeArr[b]!++;
    } else if (a < n) hubSize[b - n]!++;
    else if (b < n) hubSize[a - n]!++;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  }
  for (const [a, b] of graph.edges) {
    if (a < n && b >= n) degreeArr[a]! += hubSize[b - n]! - 1;
    else if (b < n && a >= n) degreeArr[b]! += hubSize[a - n]! - 1;
  }
  // Components: organisations only (a hub always has members, so it adds no component of its own).
  const sizes = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    sizes.set(r, (sizes.get(r) ?? 0) + 1);
  }
  let largestComponent = 0;
  for (const size of sizes.values()) largestComponent = Math.max(largestComponent, size);

  // Co-members in current partnerships.
  const current = currentPartnershipMembers(snapshot);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const partnershipCount: Record<string, number> = {};
  for (const o of orgs) partnershipCount[o.id] = 0;
  const hasCsoPartner = new Set<string>();
  const hasLocalPartner = new Set<string>();
  for (const { memberIds } of current) {
    const members = memberIds.map((id) => byId.get(id)!);
    const csoCount = members.filter((m) => m.type === "cso").length;
    const localCount = members.filter((m) => m.level === "local").length;
    for (const m of members) {
      partnershipCount[m.id] = (partnershipCount[m.id] ?? 0) + 1;
      if (csoCount - (m.type === "cso" ? 1 : 0) > 0) hasCsoPartner.add(m.id);
      if (localCount - (m.level === "local" ? 1 : 0) > 0) hasLocalPartner.add(m.id);
    }
  }

  const degree: Record<string, number> = {};
  const isolated: { id: string; label: string }[] = [];
  const municipalities: { id: string; label: string }[] = [];
  const national: { id: string; label: string }[] = [];
  orgs.forEach((o, i) => {
    degree[o.id] = degreeArr[i]!;
    if (degreeArr[i] === 0) isolated.push({ id: o.id, label: label(i) });
    if (o.municipalityId !== null && o.hasPilot && !hasCsoPartner.has(o.id))
      municipalities.push({ id: o.id, label: label(i) });
    if (o.level === "national" && o.type === "national_authority" && !hasLocalPartner.has(o.id))
      national.push({ id: o.id, label: label(i) });
  });

  const topDegree = orgs
    .map((o, i) => ({ id: o.id, label: label(i), degree: degreeArr[i]! }))
    .filter((row) => row.degree > 0)
    .sort((a, b) => b.degree - a.degree || compareLabels(a, b))
    .slice(0, TOP_COUNT);

  return {
    dataVersion: snapshot.dataVersion,
    organisationCount: n,
    edgeCount: graph.edges.length,
    components: sizes.size,
    largestComponent,
    isolated: capped(isolated),
    municipalitiesWithoutCsoPartner: capped(municipalities),
    nationalWithoutLocalPartner: capped(national),
    topDegree,
    degree,
    partnershipCount,
  };
}

/**
 * structuralAnalytics of `snapshot` from those of the snapshot it was made from by adding the
 * organisations `added`, which have no current partnership and no relationship: each is isolated
 * (a component of its own, degree 0, in no partnership) and is listed where its type, level and
 * pilot put it. The same figures as structuralAnalytics(snapshot), without a pass over the
 * memberships; null when `previous` does not fit (counts disagree: work them out again).
 */
export function extendStructuralAnalytics(
  previous: StructuralAnalytics,
  snapshot: NetworkSnapshot,
  added: readonly SnapshotOrganisation[],
): StructuralAnalytics | null {
  if (previous.organisationCount + added.length !== snapshot.organisations.length) return null;
  if (added.some((o) => o.id in previous.degree)) return null;
  const item = (o: SnapshotOrganisation) => ({ id: o.id, label: o.acronym ?? o.name });
  const extend = (list: StructuralAnalytics["isolated"], more: SnapshotOrganisation[]) =>
    more.length === 0
      ? list
      : { count: list.count + more.length, items: capped([...list.items, ...more.map(item)]).items };
  const degree = { ...previous.degree };
  const partnershipCount = { ...previous.partnershipCount };
  for (const o of added) {
    degree[o.id] = 0;
    partnershipCount[o.id] = 0;
  }
  return {
    ...previous,
    dataVersion: snapshot.dataVersion,
    organisationCount: snapshot.organisations.length,
    components: previous.components + added.length,
    largestComponent: Math.max(previous.largestComponent, added.length > 0 ? 1 : 0),
    isolated: extend(previous.isolated, [...added]),
    municipalitiesWithoutCsoPartner: extend(
      previous.municipalitiesWithoutCsoPartner,
      added.filter((o) => o.municipalityId !== null && o.hasPilot),
    ),
    nationalWithoutLocalPartner: extend(
      previous.nationalWithoutLocalPartner,
      added.filter((o) => o.level === "national" && o.type === "national_authority"),
    ),
    degree,
    partnershipCount,
  };
}
