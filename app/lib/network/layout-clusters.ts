// The cluster layout (above FORCE_LAYOUT_MAX_ORGANISATIONS organisations): ForceAtlas2 on the
// cluster graph (countries and the type clusters within them, aggregated edge weights), then each type
// cluster's organisations on a golden-angle (Vogel) spiral around it, countries pushed apart until
// their discs no longer overlap. See layout.ts.
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import { createRng } from "../prng";
import { separateDiscs } from "./layout-geometry";
import {
  countriesOf,
  countryKey,
  GOLDEN_ANGLE,
  NODE_SPACING,
  round,
  SPIRAL_STEP,
  typeClusterId,
  type LayoutOptions,
  type Positions,
} from "./layout-common";
import { organisationPairs } from "./metrics";
import type { NetworkSnapshot } from "./types";

interface TypeCluster {
  id: string;
  country: string;
  members: number[];
  radius: number;
  /** Offset from the country centre. */
  dx: number;
  dy: number;
}

export function clusterLayout(snapshot: NetworkSnapshot, options: LayoutOptions): Positions {
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
