// What the network map derives from a snapshot and keeps in process: the computed layout and the
// organisation-level parts of recent views. Used by network.server.ts (the map's view, its table
// and exports); reset with resetDerivedCaches (tests, through resetLayoutCache).
import type { Db } from "~/db/client.server";
import { filtersToSearchParams } from "~/lib/network/filters";
import { computeLayout, extendLayout, layoutSignature } from "~/lib/network/layout";
import type { NetworkFilters, NetworkSnapshot } from "~/lib/network/types";
import { extendSelectionParts, selectionParts, type SelectionParts } from "~/lib/network/view";
import {
  clientOf,
  extensionOf,
  pairsOf,
  sameStamp,
  snapshotStamp,
  type SnapshotStamp,
} from "./network-snapshot.server";

export type Positions = Record<string, { x: number; y: number }>;

// ---------------------------------------------------------------------------------------------
// Computed layout: cached in process by layout signature (what the layout reads: organisations and
// their current links), one entry. A change elsewhere (a follow-up, a risk, a funding line) makes a
// new data version but the same signature, and keeps the positions.
//
// When the signature changes less than LAYOUT_REFRESH_MS after the last full layout, the previous
// positions are extended instead (extendLayout: new organisations beside their cluster), and the
// full layout runs on the first request after that delay. While organisations are being created
// one after another (an import, a busy day, the load test's mix), ForceAtlas2 then runs at most
// once per LAYOUT_REFRESH_MS instead of once per new organisation; nothing moves under a user's
// eyes more often than that, and a quiet network ends up with its exact, deterministic layout.
// A snapshot that only adds organisations to the cached positions' one (extensionOf) is extended
// without working out its signature (a string of every organisation and pair: 2.6 ms at 2,000
// organisations); the signature of extended positions is then unknown (null), and a later snapshot
// that is not such an extension counts as changed.

/** At most one full layout per this many ms while the network changes; see above. */
export const LAYOUT_REFRESH_MS = 10_000;

let layoutCache: {
  client: unknown;
  /** The snapshot the positions are for. */
  stamp: SnapshotStamp;
  /** layoutSignature of that snapshot; null when it was not worked out (extended positions). */
  signature: string | null;
  positions: Positions;
  /** Date.now() of the last full layout these positions extend (or are). */
  computedAt: number;
  /** Extended positions (false: the full layout of this very signature). */
  provisional: boolean;
} | null = null;

export function computedLayout(db: Db, snapshot: NetworkSnapshot): Positions {
  const client = clientOf(db);
  const cached = layoutCache?.client === client ? layoutCache : null;
  const stamp = snapshotStamp(snapshot);
  const now = Date.now();
  const recent = cached !== null && now - cached.computedAt < LAYOUT_REFRESH_MS;
  const usable = cached !== null && (!cached.provisional || recent);
  if (usable && sameStamp(cached.stamp, stamp)) return cached.positions;
  /** The cached positions extended with the snapshot's new organisations: provisional. */
  const extendCached = (from: NonNullable<typeof layoutCache>, signature: string | null): Positions => {
    const positions = extendLayout(from.positions, snapshot);
    layoutCache = { client, stamp, signature, positions, computedAt: from.computedAt, provisional: true };
    return positions;
  };
  const extension = extensionOf(snapshot);
  if (cached && recent && extension && sameStamp(cached.stamp, extension.base)) {
    return extendCached(cached, null);
  }
  const pairs = pairsOf(snapshot);
  const signature = layoutSignature(snapshot, pairs);
  if (usable && cached.signature === signature) {
    layoutCache = { ...cached, stamp };
    return cached.positions;
  }
  if (cached && recent) return extendCached(cached, signature);
  const positions = computeLayout(snapshot, { pairs });
  layoutCache = { client, stamp, signature, positions, computedAt: now, provisional: false };
  return positions;
}

/** The cached positions are provisional and their full layout is due (views built on them are stale). */
export function layoutRefreshDue(client: unknown): boolean {
  const cached = layoutCache;
  return (
    cached !== null &&
    cached.client === client &&
    cached.provisional &&
    Date.now() - cached.computedAt >= LAYOUT_REFRESH_MS
  );
}

// The organisation-level parts of recent views (selectionParts: selection, edges, degrees; about two
// thirds of a view's cost), by snapshot and filters, most recent first: when the next snapshot only
// adds organisations (extensionOf), a view's parts are extended from its previous version's instead
// of worked out again (extendSelectionParts). Fewer entries than views: at 10,000 organisations the
// organisation-level edges of one selection weigh a few MB.
const PARTS_CACHE_MAX = 4;
let partsCache: { client: unknown; stamp: SnapshotStamp; filters: string; parts: SelectionParts }[] = [];

/** The selection parts of a view without "changes since" (from the cache, extended, or worked out). */
export function partsFor(
  client: unknown,
  snapshot: NetworkSnapshot,
  filters: NetworkFilters,
): SelectionParts {
  const stamp = snapshotStamp(snapshot);
  // What the parts depend on: not the search, the opened clusters, the lit partnership or hubs.
  const key = filtersToSearchParams({
    ...filters,
    q: "",
    expand: [],
    partnershipId: null,
    hubs: false,
  }).toString();
  const mine = partsCache.filter((entry) => entry.client === client && entry.filters === key);
  const hit = mine.find((entry) => sameStamp(entry.stamp, stamp));
  if (hit) return hit.parts;
  const extension = extensionOf(snapshot);
  const base = extension && mine.find((entry) => sameStamp(entry.stamp, extension.base));
  const parts =
    extension && base
      ? extendSelectionParts(base.parts, snapshot, filters, extension.added)
      : selectionParts(snapshot, filters, null);
  partsCache = [
    { client, stamp, filters: key, parts },
    ...partsCache.filter((entry) => entry.client === client && entry.filters !== key),
  ].slice(0, PARTS_CACHE_MAX);
  return parts;
}

/** Tests: forget the computed layout and the views' parts. */
export function resetDerivedCaches(): void {
  layoutCache = null;
  partsCache = [];
}
