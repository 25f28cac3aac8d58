// How the map draws things: colours by organisation type, borders by level, edge colours by trust
// band, widths by weight. Pure (no React), shared by the nodes, the edges and the legend.
import type { ChangeKind } from "~/lib/network/types";
import type { Level, OrganisationType } from "~/lib/enums";
import type { HealthBand } from "~/lib/signals";

/** Node fill by organisation type (Tailwind 600/700 tones: white labels keep 4.5:1 contrast). */
export const TYPE_COLOURS: Record<OrganisationType, string> = {
  national_authority: "#1d4ed8",
  regional_authority: "#4338ca",
  local_authority: "#0f766e",
  cso: "#b45309",
  international_organisation: "#7e22ce",
  eu_body: "#1e40af",
  funder: "#15803d",
  research_institute: "#be185d",
  other: "#475569",
};

/**
 * Border by level: width and shade, always solid (dashed and dotted borders on circles are slow to
 * paint while panning without a GPU).
 */
export const LEVEL_BORDERS: Record<Level, { colour: string; width: number }> = {
  eu_international: { colour: "#0f172a", width: 6 },
  national: { colour: "#0f172a", width: 3 },
  regional: { colour: "#64748b", width: 3 },
  local: { colour: "#94a3b8", width: 1 },
};

/** Edge colour by the band of the lowest trust index: low red, medium amber, high green, none grey. */
export const TRUST_COLOURS: Record<HealthBand, string> = {
  low: "#dc2626",
  medium: "#d97706",
  high: "#16a34a",
  none: "#94a3b8",
};

/** The glow of an edge or hub marked by "changes since". */
export const CHANGE_COLOURS: Record<ChangeKind, string> = {
  added: "#16a34a",
  ended: "#64748b",
  changed: "#2563eb",
};

/** Organisation node diameter in px: 24 to 64 by its 0-1 size. */
export function nodeDiameter(size: number): number {
  const clamped = Number.isFinite(size) ? Math.min(1, Math.max(0, size)) : 0;
  return Math.round(24 + 40 * clamped);
}

/** Stroke width of a shared-partnership edge: 1 to 8 px on a log scale of its weight. */
export function edgeWidth(weight: number): number {
  if (!(weight > 1)) return 1;
  return Math.min(8, 1 + Math.log2(weight) * 1.75);
}

/** Layout units (the loader's x/y) to canvas px: see LAYOUT_SCALE in flow.ts. */
export const LAYOUT_SCALE = 3;

/**
 * A cluster is drawn about as large as the disc its organisations take in the layout (they sit on a
 * spiral about 21 units apart per sqrt(count)), so that it stays visible next to other clusters.
 */
export function clusterDiameter(count: number): number {
  const n = Number.isFinite(count) && count > 0 ? count : 1;
  return Math.round(Math.max(120, Math.min(6000, LAYOUT_SCALE * 24 * Math.sqrt(n))));
}
export const HUB_SIZE = 18;
