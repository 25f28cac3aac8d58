// Structural analytics of the organisation network (components, isolated organisations, gaps)
// and betweenness centrality (Brandes). Pure: no I/O, no server modules.
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
export function organisationPairs(snapshot: NetworkSnapshot): {
  index: Map<string, number>;
  pairs: Map<number, number>;
  hubs: PartnershipHub[];
} {
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
 * "p:<uuid>") with an edge to each of its current members.
 */
export function analyticsGraph(snapshot: NetworkSnapshot): GraphInput {
  const n = snapshot.organisations.length;
  const { pairs, hubs } = organisationPairs(snapshot);
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
 * Betweenness centrality (Brandes 2001), unweighted and undirected, normalised like
 * graphology-metrics' `betweenness(graph, { normalized: true })`: the sum over sources of the
 * dependencies, times 1 / ((n - 1)(n - 2)). With `samples` = k, only k sources drawn with a
 * seeded generator, scaled by n / k (Brandes & Pich 2007); null: every source (exact).
 *
 * Hub vertices (edge ends >= nodes.length: large partnerships, see GraphInput) carry shortest paths but
 * are neither sources nor targets, and get no value: the result has one entry per organisation
 * (nodes.length), normalised over organisation pairs. A hub vertex must link only organisations and
 * every vertex up to the highest index must have an edge (else RangeError "missing node").
 *
 * Self-contained on purpose: betweennessInWorker (betweenness.ts) ships this function's source
 * text to a worker thread, so it references nothing outside its own body (no imports, no
 * module-level helpers).
 */
export function betweenness(
  graph: GraphInput,
  options: { samples: number | null; seed?: number },
): Float64Array {
  const n = graph.nodes.length;
  const m = graph.edges.length;
  const result = new Float64Array(n);
  if (n === 0) return result;

  // Vertices: organisations, then hub vertices (declared in graph.hubs, or implied by the edges).
  let vertexCount = n + (graph.hubs ? graph.hubs.length : 0);
  for (let e = 0; e < m; e++) {
    const edge = graph.edges[e]!;
    const a = edge[0];
    const b = edge[1];
    if (!(a >= 0 && b >= 0) || a !== (a | 0) || b !== (b | 0) || (a >= n && b >= n))
      throw new RangeError("betweenness: edge " + e + " refers to a missing node");
    if (a + 1 > vertexCount) vertexCount = a + 1;
    if (b + 1 > vertexCount) vertexCount = b + 1;
  }
  if (graph.hubs && vertexCount > n + graph.hubs.length)
    throw new RangeError("betweenness: an edge refers to a missing node");

  // Compressed adjacency (CSR).
  const offsets = new Int32Array(vertexCount + 1);
  for (let e = 0; e < m; e++) {
    const edge = graph.edges[e]!;
    offsets[edge[0] + 1]!++;
    offsets[edge[1] + 1]!++;
  }
  for (let v = n; v < vertexCount; v++) {
    if (offsets[v + 1] === 0) throw new RangeError("betweenness: hub vertex " + v + " is a missing node");
  }
  for (let i = 0; i < vertexCount; i++) offsets[i + 1]! += offsets[i]!;
  const adjacency = new Int32Array(2 * m);
  const fill = offsets.slice(0, vertexCount);
  for (let e = 0; e < m; e++) {
    const edge = graph.edges[e]!;
    adjacency[fill[edge[0]]!++] = edge[1];
    adjacency[fill[edge[1]]!++] = edge[0];
  }

  // Sources: all, or a seeded sample (sfc32 seeded with splitmix-style mixing of the seed).
  let sources: Int32Array;
  const samples = options.samples;
  if (samples === null || samples >= n) {
    sources = new Int32Array(n);
    for (let i = 0; i < n; i++) sources[i] = i;
  } else {
    if (!(samples > 0)) throw new RangeError("betweenness: samples must be positive");
    const s = (options.seed ?? 1) | 0;
    let a = 0x9e3779b9 ^ s;
    let b = 0x243f6a88 + s;
    let c = 0xb7e15162 ^ (s << 7);
    let d = 1;
    const next = () => {
      a |= 0;
      b |= 0;
      c |= 0;
      d |= 0;
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      return (t >>> 0) / 4294967296;
    };
    for (let i = 0; i < 16; i++) next();
    const pool = new Int32Array(n);
    for (let i = 0; i < n; i++) pool[i] = i;
    for (let i = 0; i < samples; i++) {
      const j = i + Math.floor(next() * (n - i));
      const tmp = pool[i]!;
      pool[i] = pool[j]!;
      pool[j] = tmp;
    }
    sources = pool.slice(0, samples);
  }

  const sigma = new Float64Array(vertexCount);
  const distance = new Int32Array(vertexCount);
  const delta = new Float64Array(vertexCount);
  const stack = new Int32Array(vertexCount);
  const queue = new Int32Array(vertexCount);
  for (let k = 0; k < sources.length; k++) {
    const source = sources[k]!;
    sigma.fill(0);
    distance.fill(-1);
    delta.fill(0);
    sigma[source] = 1;
    distance[source] = 0;
    let head = 0;
    let tail = 0;
    let top = 0;
    queue[tail++] = source;
    while (head < tail) {
      const v = queue[head++]!;
      stack[top++] = v;
      const dv = distance[v]!;
      for (let p = offsets[v]!, end = offsets[v + 1]!; p < end; p++) {
        const w = adjacency[p]!;
        if (distance[w]! < 0) {
          distance[w] = dv + 1;
          queue[tail++] = w;
        }
        if (distance[w] === dv + 1) sigma[w]! += sigma[v]!;
      }
    }
    // Dependencies in order of non-increasing distance; predecessors are the neighbours one step closer.
    while (top > 0) {
      const w = stack[--top]!;
      const dw = distance[w]!;
      // Only organisations are targets: a hub vertex passes on its dependency, not a pair of its own.
      const coefficient = ((w < n ? 1 : 0) + delta[w]!) / sigma[w]!;
      for (let p = offsets[w]!, end = offsets[w + 1]!; p < end; p++) {
        const v = adjacency[p]!;
        if (distance[v] === dw - 1) delta[v]! += sigma[v]! * coefficient;
      }
      if (w !== source && w < n) result[w]! += delta[w]!;
    }
  }

  let scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 1;
  if (sources.length < n && sources.length > 0) scale *= n / sources.length;
  for (let i = 0; i < n; i++) result[i]! *= scale;
  return result;
}
