// What the two network layouts (layout.ts: organisations; layout-clusters.ts: clusters) and the
// extension of a layout share: the positions' type, options, spacing, cluster ids, rounding and the
// countries by size.
import type { OrganisationPairs } from "./metrics";
import type { SnapshotOrganisation } from "./types";

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
export const ITERATIONS_BY_SIZE: [number, number][] = [
  [250, 150],
  [500, 100],
  [Infinity, 60],
];

/** Roughly how far apart neighbouring organisations end up, in px. */
export const NODE_SPACING = 40;
/** ForceAtlas2 packs dense groups tightly: organisations are then nudged at least this far apart. */
export const MIN_NODE_DISTANCE = NODE_SPACING / 2;
/** Vogel spiral step: points r = s * sqrt(i) apart by the golden angle sit about 1.9 s apart. */
export const SPIRAL_STEP = NODE_SPACING / 1.9;
export const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export function countryKey(countryCode: string | null): string {
  return countryCode ?? "none";
}
export function countryClusterId(countryCode: string | null): string {
  return `c:${countryKey(countryCode)}`;
}
export function typeClusterId(org: Pick<SnapshotOrganisation, "countryCode" | "type">): string {
  return `c:${countryKey(org.countryCode)}:${org.type}`;
}

export const round = (v: number) => Math.round(v * 10) / 10;

/** Countries by decreasing size (then code), with their organisations' indexes. */
export function countriesOf(orgs: SnapshotOrganisation[]): [string, number[]][] {
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
