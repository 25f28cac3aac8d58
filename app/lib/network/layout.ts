// Node positions of the network map, computed on the server once per layout signature (below).
// Pure and deterministic: the same snapshot and seed give the same positions.
//
// Up to FORCE_LAYOUT_MAX_ORGANISATIONS organisations: ForceAtlas2 on the organisation graph (edges:
// shared small current partnerships and current relationships, weighted by how many; each large
// partnership a hidden hub vertex linked to its members, never a clique), starting from country
// sectors, with a light hidden anchor per country so that its organisations stay together.
// It runs on the request path (once per data version), hence the low threshold and iteration counts.
// Above: ForceAtlas2 on the much smaller cluster graph (countries and the type clusters within
// them, aggregated edge weights), then each type cluster's organisations on a golden-angle
// (Vogel) spiral around it, countries pushed apart until their discs no longer overlap.
//
// Ids: organisation uuid, "c:<country>" ("c:none" for no country), "c:<country>:<type>".
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import { createRng } from "../prng";
import { separateDiscs, separatePoints } from "./layout-geometry";
import { organisationPairs, type OrganisationPairs } from "./metrics";
import type { NetworkSnapshot, SnapshotOrganisation } from "./types";

export type Positions = Record<string, { x: number; y: number }>;

/** Up to this many organisations each gets its own ForceAtlas2 body; above, the cluster layout. */
export const FORCE_LAYOUT_MAX_ORGANISATIONS = 1000;

export interface LayoutOptions {
  /** ForceAtlas2 iterations (default: organisations, ITERATIONS_BY_SIZE; clusters 200). */
  iterations?: number;
  seed?: number;
  /** organisationPairs(snapshot) when the caller already has it. */
  pairs?: OrganisationPairs;
}

/** Default ForceAtlas2 iterations of the organisation layout: [up to this many organisations, iterations]. */
const ITERATIONS_BY_SIZE: [number, number][] = [
  [250, 150],
  [500, 100],
  [Infinity, 60],
];

/** Roughly how far apart neighbouring organisations end up, in px. */
export const NODE_SPACING = 40;
/** ForceAtlas2 packs dense groups tightly: organisations are then nudged at least this far apart. */
const MIN_NODE_DISTANCE = NODE_SPACING / 2;
/** Vogel spiral step: points r = s * sqrt(i) apart by the golden angle sit about 1.9 s apart. */
const SPIRAL_STEP = NODE_SPACING / 1.9;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export function countryKey(countryCode: string | null): string {
  return countryCode ?? "none";
}
export function countryClusterId(countryCode: string | null): string {
  return `c:${countryKey(countryCode)}`;
}
export function typeClusterId(org: Pick<SnapshotOrganisation, "countryCode" | "type">): string {
  return `c:${countryKey(org.countryCode)}:${org.type}`;
}

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * Everything computeLayout reads, as a string: the organisations (order, id, country, type) and the
 * weighted pairs and hubs of their current shared partnerships and relationships. Two snapshots
 * with the same signature get the same positions, so the computed layout is cached by it rather
 * than by data version: a follow-up added, a risk scored or a name corrected (each a new data
 * version) no longer runs ForceAtlas2 again.
 */
export function layoutSignature(
  snapshot: NetworkSnapshot,
  { pairs, hubs }: OrganisationPairs = organisationPairs(snapshot),
): string {
  const organisations = snapshot.organisations
    .map((o) => `${o.id}|${o.countryCode ?? ""}|${o.type}`)
    .join(",");
  const pairList = [...pairs.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([key, weight]) => `${key}:${weight}`)
    .join(",");
  const hubList = hubs.map((hub) => hub.members.join(".")).join(",");
  return `${organisations}\n${pairList}\n${hubList}`;
}

export function computeLayout(snapshot: NetworkSnapshot, options: LayoutOptions = {}): Positions {
  if (snapshot.organisations.length === 0) return {};
  return snapshot.organisations.length <= FORCE_LAYOUT_MAX_ORGANISATIONS
    ? organisationLayout(snapshot, options)
    : clusterLayout(snapshot, options);
}

/**
 * Positions for a changed snapshot without running ForceAtlas2: the previous layout's positions
 * where it has them, each new organisation on a golden-angle spiral around its type cluster (or
 * country, or, for a new country, a point beside the previous layout), after the cluster's members
 * already placed. Deterministic: the same previous positions and snapshot give the same result.
 * Used between two full layouts while the network keeps changing (network.server.ts).
 */
export function extendLayout(previous: Positions, snapshot: NetworkSnapshot): Positions {
  const positions: Positions = { ...previous };
  const placed = new Map<string, number>();
  let maxX = 0;
  let minY = Infinity;
  for (const p of Object.values(previous)) {
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
  }
  if (!Number.isFinite(minY)) minY = 0;
  let newCountries = 0;
  for (const o of snapshot.organisations) {
    const cluster = typeClusterId(o);
    placed.set(cluster, (placed.get(cluster) ?? 0) + (previous[o.id] ? 1 : 0));
  }
  for (const o of snapshot.organisations) {
    if (previous[o.id]) continue;
    const cluster = typeClusterId(o);
    const country = countryClusterId(o.countryCode);
    if (!positions[country]) {
      positions[country] = {
        x: round(maxX + NODE_SPACING * 4),
        y: round(minY + newCountries * NODE_SPACING * 6),
      };
      newCountries++;
    }
    if (!positions[cluster]) positions[cluster] = positions[country]!;
    const centre = positions[cluster]!;
    const i = placed.get(cluster) ?? 0;
    placed.set(cluster, i + 1);
    const r = SPIRAL_STEP * Math.sqrt(i + 0.5);
    const a = i * GOLDEN_ANGLE;
    positions[o.id] = { x: round(centre.x + Math.cos(a) * r), y: round(centre.y + Math.sin(a) * r) };
  }
  return positions;
}

/** Countries by decreasing size (then code), with their organisations' indexes. */
function countriesOf(orgs: SnapshotOrganisation[]): [string, number[]][] {
  const byCountry = new Map<string, number[]>();
  orgs.forEach((o, i) => {
    const key = countryKey(o.countryCode);
    const list = byCountry.get(key);
    if (list) list.push(i);
    else byCountry.set(key, [i]);
  });
  return [...byCountry.entries()].sort(
    (a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
}

function organisationLayout(snapshot: NetworkSnapshot, options: LayoutOptions): Positions {
  const orgs = snapshot.organisations;
  const n = orgs.length;
  const rng = createRng(`layout:${options.seed ?? 1}`);
  const { pairs, hubs } = options.pairs ?? organisationPairs(snapshot);
  const countries = countriesOf(orgs);

  const graph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  // Initial positions: each country gets an angular sector proportional to its size.
  const radius = 10 * Math.sqrt(n);
  let angle = 0;
  for (const [key, members] of countries) {
    const sector = (2 * Math.PI * members.length) / n;
    const mid = angle + sector / 2;
    graph.addNode(`anchor:${key}`, {
      x: Math.cos(mid) * radius * 0.7,
      y: Math.sin(mid) * radius * 0.7,
    });
    for (const i of members) {
      const a = angle + rng.next() * sector;
      const r = radius * (0.3 + 0.7 * Math.sqrt(rng.next()));
      graph.addNode(String(i), { x: Math.cos(a) * r, y: Math.sin(a) * r });
    }
    angle += sector;
  }
  for (const [key, weight] of pairs) {
    const a = Math.floor(key / n);
    const b = key % n;
    graph.addEdge(String(a), String(b), { weight });
  }
  // Large partnerships: a hidden hub at its members' centroid, linked to each member.
  hubs.forEach((hub, h) => {
    let x = 0;
    let y = 0;
    for (const i of hub.members) {
      const p = graph.getNodeAttributes(String(i)) as { x: number; y: number };
      x += p.x;
      y += p.y;
    }
    const id = `hub:${h}`;
    graph.addNode(id, { x: x / hub.members.length, y: y / hub.members.length });
    for (const i of hub.members) graph.addEdge(id, String(i), { weight: 1 });
  });
  // Hidden country anchors (only when there is more than one country): a light pull together.
  if (countries.length > 1) {
    for (const [key, members] of countries) {
      for (const i of members) graph.addEdge(`anchor:${key}`, String(i), { weight: 0.5 });
    }
  }

  const settings = {
    ...forceAtlas2.inferSettings(graph),
    barnesHutOptimize: n > 500,
  };
  const mapping = forceAtlas2(graph, {
    iterations: options.iterations ?? ITERATIONS_BY_SIZE.find(([upTo]) => n <= upTo)![1],
    settings,
    getEdgeWeight: "weight",
  });

  // Scale the organisations to a canvas about NODE_SPACING * sqrt(n) across, centred on 0.
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const p = mapping[String(i)]!;
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const span = Math.max(maxX - minX, maxY - minY);
  const target = NODE_SPACING * Math.sqrt(n);
  const factor = span > 0 && Number.isFinite(span) ? target / span : 0;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;

  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = mapping[String(i)]!;
    xs[i] = (p.x - cx) * factor;
    ys[i] = (p.y - cy) * factor;
  }
  separatePoints(xs, ys, MIN_NODE_DISTANCE);

  const positions: Positions = {};
  const sums = new Map<string, { x: number; y: number; count: number }>();
  const addTo = (id: string, x: number, y: number) => {
    const sum = sums.get(id);
    if (sum) {
      sum.x += x;
      sum.y += y;
      sum.count++;
    } else sums.set(id, { x, y, count: 1 });
  };
  orgs.forEach((o, i) => {
    const x = xs[i]!;
    const y = ys[i]!;
    positions[o.id] = { x: round(x), y: round(y) };
    addTo(countryClusterId(o.countryCode), x, y);
    addTo(typeClusterId(o), x, y);
  });
  for (const [id, sum] of sums) positions[id] = { x: round(sum.x / sum.count), y: round(sum.y / sum.count) };
  return positions;
}

interface TypeCluster {
  id: string;
  country: string;
  members: number[];
  radius: number;
  /** Offset from the country centre. */
  dx: number;
  dy: number;
}

function clusterLayout(snapshot: NetworkSnapshot, options: LayoutOptions): Positions {
  const orgs = snapshot.organisations;
  const n = orgs.length;
  const { pairs, hubs } = options.pairs ?? organisationPairs(snapshot);

  // Degrees, to put each cluster's best connected organisations at its centre (a large partnership
  // adds its other members, arithmetically).
  const degree = new Int32Array(n);
  for (const key of pairs.keys()) {
    degree[Math.floor(key / n)]!++;
    degree[key % n]!++;
  }
  for (const hub of hubs) for (const i of hub.members) degree[i]! += hub.members.length - 1;

  const clusters = new Map<string, TypeCluster>();
  const clusterOf = new Array<TypeCluster>(n);
  orgs.forEach((o, i) => {
    const id = typeClusterId(o);
    let cluster = clusters.get(id);
    if (!cluster) {
      cluster = { id, country: countryKey(o.countryCode), members: [], radius: 0, dx: 0, dy: 0 };
      clusters.set(id, cluster);
    }
    cluster.members.push(i);
    clusterOf[i] = cluster;
  });
  for (const cluster of clusters.values()) {
    cluster.members.sort((a, b) => degree[b]! - degree[a]! || (orgs[a]!.id < orgs[b]!.id ? -1 : 1));
    cluster.radius = SPIRAL_STEP * Math.sqrt(cluster.members.length) + SPIRAL_STEP;
  }

  // The cluster graph: type clusters, country nodes, aggregated edges.
  const graph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  const countries = countriesOf(orgs);
  const rng = createRng(`layout-clusters:${options.seed ?? 1}`);
  const ringRadius = 100 * Math.sqrt(countries.length);
  countries.forEach(([key], ci) => {
    const a = (2 * Math.PI * ci) / countries.length;
    graph.addNode(`c:${key}`, { x: Math.cos(a) * ringRadius, y: Math.sin(a) * ringRadius });
  });
  for (const cluster of clusters.values()) {
    const country = graph.getNodeAttributes(`c:${cluster.country}`) as { x: number; y: number };
    graph.addNode(cluster.id, {
      x: country.x + rng.float(-10, 10),
      y: country.y + rng.float(-10, 10),
    });
    graph.addEdge(cluster.id, `c:${cluster.country}`, { weight: cluster.members.length });
  }
  for (const [key, weight] of pairs) {
    const a = clusterOf[Math.floor(key / n)]!.id;
    const b = clusterOf[key % n]!.id;
    if (a === b) continue;
    if (graph.hasEdge(a, b)) graph.updateEdgeAttribute(a, b, "weight", (w?: number) => (w ?? 0) + weight);
    else graph.addEdge(a, b, { weight });
  }
  // Large partnerships spanning type clusters: a hidden hub linked to each, weighted by members there.
  hubs.forEach((hub, h) => {
    const perCluster = new Map<string, number>();
    for (const i of hub.members) {
      const id = clusterOf[i]!.id;
      perCluster.set(id, (perCluster.get(id) ?? 0) + 1);
    }
    if (perCluster.size < 2) return;
    let x = 0;
    let y = 0;
    for (const id of perCluster.keys()) {
      const p = graph.getNodeAttributes(id) as { x: number; y: number };
      x += p.x;
      y += p.y;
    }
    const hubId = `hub:${h}`;
    graph.addNode(hubId, { x: x / perCluster.size, y: y / perCluster.size });
    for (const [id, weight] of perCluster) graph.addEdge(hubId, id, { weight });
  });
  const mapping = forceAtlas2(graph, {
    iterations: options.iterations ?? 200,
    settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 500 },
    getEdgeWeight: "weight",
  });

  // Within each country: the largest type cluster at the centre, the others on a ring around
  // it, in the direction ForceAtlas2 put them (so links to other countries face them).
  const countryRadius = new Map<string, number>();
  for (const [key] of countries) {
    const centre = mapping[`c:${key}`]!;
    const inCountry = [...clusters.values()]
      .filter((c) => c.country === key)
      .sort((a, b) => b.members.length - a.members.length || (a.id < b.id ? -1 : 1));
    const [core, ...ring] = inCountry;
    if (!core) continue;
    if (ring.length === 0) {
      countryRadius.set(key, core.radius);
      continue;
    }
    const gap = SPIRAL_STEP;
    const widest = Math.max(...ring.map((c) => c.radius));
    const arcs = ring.map((c) => 2 * c.radius + gap);
    const circumference = arcs.reduce((s, v) => s + v, 0);
    const r = Math.max(core.radius + gap + widest, circumference / (2 * Math.PI));
    const direction = (c: TypeCluster) => {
      const p = mapping[c.id]!;
      return Math.atan2(p.y - centre.y, p.x - centre.x);
    };
    const ordered = ring
      .map((c, i) => ({ c, share: (2 * Math.PI * arcs[i]!) / circumference, angle: direction(c) }))
      .sort((a, b) => a.angle - b.angle);
    let angle = ordered[0]!.angle - ordered[0]!.share / 2;
    for (const { c, share } of ordered) {
      const a = angle + share / 2;
      c.dx = Math.cos(a) * r;
      c.dy = Math.sin(a) * r;
      angle += share;
    }
    countryRadius.set(key, r + widest);
  }

  // Country centres: ForceAtlas2's, scaled to about the area the discs need, then pushed apart.
  const centres = countries.map(([key]) => {
    const p = mapping[`c:${key}`]!;
    return { key, x: p.x, y: p.y, r: countryRadius.get(key) ?? SPIRAL_STEP };
  });
  separateDiscs(centres, NODE_SPACING * 2);

  const positions: Positions = {};
  const centreOf = new Map(centres.map((c) => [c.key, c]));
  for (const c of centres) positions[`c:${c.key}`] = { x: round(c.x), y: round(c.y) };
  for (const cluster of clusters.values()) {
    const centre = centreOf.get(cluster.country)!;
    const cx = centre.x + cluster.dx;
    const cy = centre.y + cluster.dy;
    positions[cluster.id] = { x: round(cx), y: round(cy) };
    cluster.members.forEach((orgIndex, i) => {
      const r = SPIRAL_STEP * Math.sqrt(i + 0.5);
      const a = i * GOLDEN_ANGLE;
      positions[orgs[orgIndex]!.id] = { x: round(cx + Math.cos(a) * r), y: round(cy + Math.sin(a) * r) };
    });
  }
  return positions;
}
