// The network map: the view the page draws, its table, its exports' selection. Reads go through the
// snapshot (network-snapshot.server.ts), cached by data version; the saved layout (positions a
// coordinator dragged) lives in network-layout.server.ts, re-exported here so callers import one module.
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { todayIso } from "~/lib/partnership-status";
import { largePartnerships, type OrgEdge, type SelectedNetwork } from "~/lib/network/select";
import type {
  ChangeSet,
  NetworkAnalytics,
  NetworkFilters,
  NetworkSnapshot,
  NetworkTableRow,
  NetworkView,
} from "~/lib/network/types";
import { filtersToSearchParams } from "~/lib/network/filters";
import { buildNetworkView, selectionParts } from "~/lib/network/view";
import { latestDataVersion } from "./audit.server";
import { betweennessValues, networkAnalytics } from "./network-analytics.server";
import { savedLayout } from "./network-layout.server";
import { eventSinceDate } from "./events.server";
import { loadChanges } from "./network-changes.server";
import { clientOf, snapshotAt } from "./network-snapshot.server";

export { eventSinceDate } from "./events.server";
export { loadChanges } from "./network-changes.server";
export { loadSnapshot, resetSnapshotCache } from "./network-snapshot.server";
export {
  DEFAULT_LAYOUT_KEY,
  LAYOUT_MAX_COORDINATE,
  LAYOUT_MAX_POSITIONS,
  positionsInSnapshot,
  resetLayout,
  saveLayout,
  validPositions,
  type SaveLayoutResult,
} from "./network-layout.server";

import {
  computedLayout,
  layoutRefreshDue,
  partsFor,
  resetDerivedCaches,
  type Positions,
} from "./network-derived.server";

export { LAYOUT_REFRESH_MS } from "./network-derived.server";

/** Tests: forget the computed layout (and the views built on it). */
export function resetLayoutCache(): void {
  resetDerivedCaches();
  viewCache = [];
}

// Built views, most recent first, for the views most asked for (the default map, a few filters):
// a request on unchanged data then costs the version and saved-layout queries only. Views are
// treated as immutable by their readers.
const VIEW_CACHE_MAX = 16;
let viewCache: { client: unknown; key: string; view: NetworkPageView }[] = [];

// ---------------------------------------------------------------------------------------------
// Reading

/** The changes the filters ask for (since a date, or since an event), or null. */
async function changesFor(db: Db, filters: NetworkFilters, today: string): Promise<ChangeSet | null> {
  const since = filters.sinceEventId ? await eventSinceDate(db, filters.sinceEventId) : filters.since;
  return since ? loadChanges(db, since, today) : null;
}

/** The view, with the partnerships it draws by name (to pick one to light up). */
export type NetworkPageView = NetworkView & { partnerships: { id: string; name: string }[] };

/**
 * The map: data version → snapshot (cached) → positions (computed, cached; overlaid by the saved
 * layout) → changes (when asked) → the view. The number of queries does not depend on the size of
 * the network: 2 when the snapshot is cached (version, saved layout), + 6 when it is read again,
 * + 2 or 3 for "changes since".
 */
export async function loadNetworkView(
  db: Db,
  _user: AuthUser,
  filters: NetworkFilters,
  today: string = todayIso(),
): Promise<NetworkPageView> {
  const snapshot = await snapshotAt(db, await latestDataVersion(db), today);
  return networkViewFor(db, snapshot, await savedLayout(db), filters, today);
}

/** The saved layout as savedLayout reads it. */
export type SavedLayout = NonNullable<Awaited<ReturnType<typeof savedLayout>>>;

/**
 * loadNetworkView on a snapshot and a saved layout already read: the map page reads the data
 * version and the saved layout in one statement with its other reads (network-page.server.ts), and
 * gets the view from the same caches (computed layout, built views) without reading them again.
 */
export async function networkViewFor(
  db: Db,
  snapshot: NetworkSnapshot,
  saved: SavedLayout | null,
  filters: NetworkFilters,
  today: string = snapshot.today,
): Promise<NetworkPageView> {
  const asksForChanges = Boolean(filters.since || filters.sinceEventId);
  // Views without "changes since" depend only on the snapshot, the saved layout and the filters.
  const key = asksForChanges
    ? null
    : [
        snapshot.dataVersion,
        snapshot.revision ?? 0,
        snapshot.today,
        saved ? `${saved.version}@${saved.updatedAt.getTime()}` : "-",
        filtersToSearchParams(filters).toString(),
      ].join("|");
  const client = clientOf(db);
  if (key !== null && !layoutRefreshDue(client)) {
    const hit = viewCache.find((entry) => entry.client === client && entry.key === key);
    if (hit) return hit.view;
  }
  const computed = computedLayout(db, snapshot);
  const positions: Positions = saved ? { ...computed, ...saved.positions } : computed;
  const changes = asksForChanges ? await changesFor(db, filters, today) : null;
  const built = buildNetworkView(snapshot, filters, {
    changes,
    parts: asksForChanges ? undefined : partsFor(client, snapshot, filters),
    positions,
    layout: {
      saved: saved !== null,
      version: saved?.version ?? null,
      updatedAt: saved ? saved.updatedAt.toISOString() : null,
    },
  });
  const view = { ...built, partnerships: partnershipsInView(snapshot, built) };
  if (key !== null) {
    viewCache = [
      { client, key, view },
      ...viewCache.filter((entry) => entry.client === client && entry.key !== key),
    ].slice(0, VIEW_CACHE_MAX);
  }
  return view;
}

/** The partnerships a view draws (hubs or shared edges) and the selected one, by name. */
function partnershipsInView(snapshot: NetworkSnapshot, view: NetworkView): { id: string; name: string }[] {
  const ids = new Set<string>();
  for (const node of view.nodes) if (node.kind === "partnership") ids.add(node.partnershipId);
  for (const edge of view.edges)
    if (edge.kind === "shared") for (const id of edge.partnershipIds) ids.add(id);
  if (view.filters.partnershipId) ids.add(view.filters.partnershipId);
  return snapshot.partnerships
    .filter((p) => ids.has(p.id))
    .map((p) => ({ id: p.id, name: p.name }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
}

/** Structural analytics of the whole network (cached by data version); never waits for betweenness. */
export async function loadNetworkAnalytics(db: Db, today: string = todayIso()): Promise<NetworkAnalytics> {
  const snapshot = await snapshotAt(db, await latestDataVersion(db), today);
  return networkAnalytics(snapshot, clientOf(db));
}

export interface NetworkSelection {
  snapshot: NetworkSnapshot;
  selected: SelectedNetwork;
  edges: OrgEdge[];
  /** Distinct neighbours within the selection. */
  degree: Record<string, number>;
  /** Last ready betweenness (may lag behind the data version), or null. */
  betweenness: Map<string, number> | null;
  positions: Positions;
  changes: ChangeSet | null;
}

/** The organisations the filters select, at organisation level (no level of detail): table and exports. */
export async function loadNetworkSelection(
  db: Db,
  filters: NetworkFilters,
  today: string = todayIso(),
): Promise<NetworkSelection> {
  const snapshot = await snapshotAt(db, await latestDataVersion(db), today);
  const changes = await changesFor(db, filters, today);
  const { selected, edges, degree } = changes
    ? selectionParts(snapshot, filters, changes)
    : partsFor(clientOf(db), snapshot, filters);
  // Starts the betweenness computation for this version if none ran (off the request path).
  networkAnalytics(snapshot, clientOf(db));
  const saved = await savedLayout(db);
  const computed = computedLayout(db, snapshot);
  return {
    snapshot,
    selected,
    edges,
    degree,
    betweenness: betweennessValues(undefined, clientOf(db)),
    positions: saved ? { ...computed, ...saved.positions } : computed,
    changes,
  };
}

export type NetworkTableSort =
  "name" | "type" | "level" | "country" | "degree" | "partnerships" | "betweenness";

export interface NetworkTableRequest {
  sort: NetworkTableSort;
  dir: "asc" | "desc";
  page: number;
  pageSize?: number;
}

export interface NetworkTableEdgeRow {
  source: string;
  /** An organisation id, or "p:<uuid>" for a large partnership's hub (membership). */
  target: string;
  kind: "shared" | "relationship" | "membership";
  /**
   * Shared: the partnerships' names joined; relationship: its type (a code for the page to
   * translate); membership (a large partnership drawn as a hub): the partnership's name.
   */
  label: string;
  weight: number;
  minTrust: number | null;
}

export interface NetworkTable {
  rows: NetworkTableRow[];
  total: number;
  page: number;
  pageCount: number;
  edges: { rows: NetworkTableEdgeRow[]; total: number };
  /** Names of the organisations and partnership hubs the listed edges join, by id. */
  names: Record<string, string>;
}

export const NETWORK_TABLE_PAGE_SIZE = 50;
export const NETWORK_TABLE_EDGES_MAX = 200;

/** The map's organisations as a table (the accessible alternative to the map), one page at a time. */
export async function loadNetworkTable(
  db: Db,
  filters: NetworkFilters,
  request: NetworkTableRequest,
  today: string = todayIso(),
): Promise<NetworkTable> {
  const { selected, edges, degree, betweenness } = await loadNetworkSelection(
    db,
    { ...filters, since: null, sinceEventId: null },
    today,
  );
  const partnershipCount = new Map<string, number>();
  for (const { memberIds } of selected.partnerships)
    for (const id of memberIds) partnershipCount.set(id, (partnershipCount.get(id) ?? 0) + 1);

  const all: NetworkTableRow[] = selected.organisations.map((org) => ({
    id: org.id,
    name: org.name,
    acronym: org.acronym,
    type: org.type,
    level: org.level,
    countryCode: org.countryCode,
    degree: degree[org.id] ?? 0,
    partnerships: partnershipCount.get(org.id) ?? 0,
    betweenness: betweenness ? (betweenness.get(org.id) ?? null) : null,
  }));
  const sign = request.dir === "desc" ? -1 : 1;
  const byName = (a: NetworkTableRow, b: NetworkTableRow) =>
    a.name.localeCompare(b.name, "en") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const key = (row: NetworkTableRow): string | number => {
    switch (request.sort) {
      case "type":
        return row.type;
      case "level":
        return row.level;
      case "country":
        return row.countryCode ?? "";
      case "degree":
        return row.degree;
      case "partnerships":
        return row.partnerships;
      case "betweenness":
        return row.betweenness ?? -1;
      default:
        return "";
    }
  };
  all.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const primary = ka < kb ? -1 : ka > kb ? 1 : 0;
    return sign * primary || sign * (request.sort === "name" ? byName(a, b) : 0) || byName(a, b);
  });

  const pageSize = Math.max(1, Math.min(500, Math.floor(request.pageSize ?? NETWORK_TABLE_PAGE_SIZE)));
  const pageCount = Math.max(1, Math.ceil(all.length / pageSize));
  const page = Math.min(Math.max(1, Math.floor(request.page) || 1), pageCount);

  const names = new Map(selected.partnerships.map((p) => [p.partnership.id, p.partnership.name]));
  const edgeRows: NetworkTableEdgeRow[] = edges.map((edge) =>
    edge.kind === "shared"
      ? {
          source: edge.source,
          target: edge.target,
          kind: "shared",
          label: edge.partnershipIds.map((id) => names.get(id) ?? id).join(", "),
          weight: edge.partnershipIds.length,
          minTrust: edge.minTrust,
        }
      : {
          source: edge.source,
          target: edge.target,
          kind: "relationship",
          label: edge.type,
          weight: 1,
          minTrust: null,
        },
  );
  for (const { partnership, memberIds } of largePartnerships(selected))
    for (const member of memberIds)
      edgeRows.push({
        source: member,
        target: `p:${partnership.id}`,
        kind: "membership",
        label: partnership.name,
        weight: 1,
        minTrust: partnership.trustIndex,
      });
  edgeRows.sort((a, b) => b.weight - a.weight || (a.source + a.target < b.source + b.target ? -1 : 1));
  const listed = edgeRows.slice(0, NETWORK_TABLE_EDGES_MAX);
  const organisationNames = new Map(
    selected.organisations.map((o) => [o.id, o.acronym ? `${o.name} (${o.acronym})` : o.name]),
  );
  const edgeNames: Record<string, string> = {};
  for (const edge of listed)
    for (const id of [edge.source, edge.target])
      edgeNames[id] = id.startsWith("p:") ? edge.label : (organisationNames.get(id) ?? id);

  return {
    rows: all.slice((page - 1) * pageSize, page * pageSize),
    total: all.length,
    page,
    pageCount,
    edges: { rows: listed, total: edgeRows.length },
    names: edgeNames,
  };
}
