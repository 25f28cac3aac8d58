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
import { clusterLayout } from "./layout-clusters";
import {
  countriesOf,
  countryClusterId,
  FORCE_LAYOUT_MAX_ORGANISATIONS,
  GOLDEN_ANGLE,
  ITERATIONS_BY_SIZE,
  MIN_NODE_DISTANCE,
  NODE_SPACING,
  round,
  SPIRAL_STEP,
  typeClusterId,
  type LayoutOptions,
  type Positions,
} from "./layout-common";
import { separatePoints } from "./layout-geometry";
import { organisationPairs, type OrganisationPairs } from "./metrics";
import type { NetworkSnapshot } from "./types";

export {
  countryClusterId,
  countryKey,
  FORCE_LAYOUT_MAX_ORGANISATIONS,
  NODE_SPACING,
  typeClusterId,
  type LayoutOptions,
  type Positions,
} from "./layout-common";

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
