// Level of detail, positions: where the view's nodes stand. A node's saved or computed position when it
// has one; else a deterministic fallback: a cluster at the centroid of its organisations' positions or on
// a circle, an organisation on a golden-angle spiral around its cluster, a hub at its members' centroid.
// Pure.
import { organisationTypes, type OrganisationType } from "../enums";
import { clusterIdOf, countryKeyOf, type Grouping } from "./lod-clusters";
import type { SnapshotOrganisation } from "./types";

export type Point = { x: number; y: number };

/** Radius of the circle countries without a position are placed on. */
const COUNTRY_RING = 1000;
/** Radius of the circle type clusters without a position are placed on, around their country. */
const TYPE_RING = 150;
/** Spacing of the golden-angle spiral organisations without a position are placed on. */
const SPIRAL_STEP = 20;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

type PointSums = Map<string, { x: number; y: number; n: number }>;

function sumPoint(sums: PointSums, key: string, point: Point) {
  const sum = sums.get(key);
  if (sum) {
    sum.x += point.x;
    sum.y += point.y;
    sum.n += 1;
  } else sums.set(key, { x: point.x, y: point.y, n: 1 });
}

function centroidOf(sums: PointSums, key: string): Point | null {
  const sum = sums.get(key);
  return sum && sum.n > 0 ? { x: sum.x / sum.n, y: sum.y / sum.n } : null;
}

export interface Placement {
  /** A country cluster's position ("c:<country key>"), computed once. */
  countryAnchor: (key: string) => Point;
  /** A type cluster's position ("c:<country key>:<type>"), computed once. */
  typeAnchor: (countryKey: string, type: OrganisationType) => Point;
  /**
   * An organisation node's position. Without a saved one, the next spot on its cluster's spiral: call
   * it once per organisation node, in the order of the nodes.
   */
  organisationPoint: (org: SnapshotOrganisation) => Point;
}

/**
 * Positions of a grouping's nodes: `positions[id]` when present. Else a cluster takes the centroid of its
 * organisations' positions, or a spot on a circle (countries in code order; type clusters around their
 * country); an organisation a spot on a golden-angle spiral around its cluster's position.
 */
export function placement(
  organisations: SnapshotOrganisation[],
  grouping: Pick<Grouping, "byCountry" | "countryState">,
  positions: Record<string, Point>,
): Placement {
  const { byCountry, countryState } = grouping;
  // Centroids of the organisations that have a position, by country and by type cluster.
  const countrySums: PointSums = new Map();
  const typeSums: PointSums = new Map();
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
  return { countryAnchor, typeAnchor, organisationPoint };
}

/** A hub's position when it has no saved one: the centroid of its members' nodes ((0, 0) without any). */
export function hubPoint(members: Iterable<Point>): Point {
  let x = 0;
  let y = 0;
  let n = 0;
  for (const member of members) {
    x += member.x;
    y += member.y;
    n += 1;
  }
  return n > 0 ? { x: x / n, y: y / n } : { x: 0, y: 0 };
}
