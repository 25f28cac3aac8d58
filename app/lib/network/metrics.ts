// Structural analytics of the organisation network (components, isolated organisations, gaps)
// and betweenness centrality (Brandes). Pure: no I/O, no server modules.
//
// "Current" throughout: a partnership that is not ended (status "ended", or an end date before
// today) with its members present on snapshot.today (joined on or before, last day on or after),
// and relationships running on snapshot.today.
import type { NetworkAnalytics, NetworkSnapshot, SnapshotPartnership, SnapshotRelationship } from "./types";

export interface GraphInput {
  nodes: string[];
  /** Undirected, indexes into nodes, deduplicated. */
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

/** The partnership is not ended on `today` (any other status counts, also before its start). */
export function isCurrentPartnership(partnership: SnapshotPartnership, today: string): boolean {
  return partnership.status !== "ended" && onOrAfter(partnership.endDate, today);
}

/** The relationship runs on `today`. */
export function isCurrentRelationship(relationship: SnapshotRelationship, today: string): boolean {
  return onOrBefore(relationship.startsOn, today) && onOrAfter(relationship.endsOn, today);
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

/**
 * Weighted undirected pairs of organisation indexes (i < j): shared current partnerships plus
 * current relationships. Keys are i * n + j. Shared by the layout and the analytics graph.
 */
export function organisationPairs(snapshot: NetworkSnapshot): {
  index: Map<string, number>;
  pairs: Map<number, number>;
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
  for (const { memberIds } of currentPartnershipMembers(snapshot)) {
    const idx = memberIds.map((id) => index.get(id)!);
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
  return { index, pairs };
}

/** Organisations as nodes (snapshot order); an edge per pair sharing a current partnership or relationship. */
export function analyticsGraph(snapshot: NetworkSnapshot): GraphInput {
  const n = snapshot.organisations.length;
  const { pairs } = organisationPairs(snapshot);
  const keys = [...pairs.keys()].sort((a, b) => a - b);
  return {
    nodes: snapshot.organisations.map((o) => o.id),
    edges: keys.map((key) => [Math.floor(key / n), key % n] as [number, number]),
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
 */
export function structuralAnalytics(
  snapshot: NetworkSnapshot,
  graph: GraphInput = analyticsGraph(snapshot),
): StructuralAnalytics {
  const orgs = snapshot.organisations;
  const n = orgs.length;
  const label = (i: number) => orgs[i]!.acronym ?? orgs[i]!.name;

  // Degree and union-find components.
  const degreeArr = new Int32Array(n);
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
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
    degreeArr[a]!++;
    degreeArr[b]!++;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  }
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

  // Compressed adjacency (CSR).
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const edge = graph.edges[e]!;
    const a = edge[0];
    const b = edge[1];
    if (!(a >= 0 && a < n && b >= 0 && b < n) || a !== (a | 0) || b !== (b | 0))
      throw new RangeError("betweenness: edge " + e + " refers to a missing node");
    offsets[a + 1]!++;
    offsets[b + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const adjacency = new Int32Array(2 * m);
  const fill = offsets.slice(0, n);
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

  const sigma = new Float64Array(n);
  const distance = new Int32Array(n);
  const delta = new Float64Array(n);
  const stack = new Int32Array(n);
  const queue = new Int32Array(n);
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
      const coefficient = (1 + delta[w]!) / sigma[w]!;
      for (let p = offsets[w]!, end = offsets[w + 1]!; p < end; p++) {
        const v = adjacency[p]!;
        if (distance[v] === dw - 1) delta[v]! += sigma[v]! * coefficient;
      }
      if (w !== source) result[w]! += delta[w]!;
    }
  }

  let scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 1;
  if (sources.length < n && sources.length > 0) scale *= n / sources.length;
  for (let i = 0; i < n; i++) result[i]! *= scale;
  return result;
}
