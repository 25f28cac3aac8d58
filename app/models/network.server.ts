// The network map: the view the page draws, its table, its exports' selection, and the saved
// layout (positions a coordinator dragged, shared by every app instance through graph_layouts).
// Reads go through the snapshot (network-snapshot.server.ts), cached by data version.
import { and, eq } from "drizzle-orm";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { graphLayouts, type GraphNodePositions } from "~/db/schema";
import { computeLayout } from "~/lib/network/layout";
import {
  largePartnerships,
  organisationDegrees,
  organisationEdges,
  selectNetwork,
  type OrgEdge,
  type SelectedNetwork,
} from "~/lib/network/select";
import type {
  ChangeSet,
  NetworkAnalytics,
  NetworkFilters,
  NetworkSnapshot,
  NetworkTableRow,
  NetworkView,
} from "~/lib/network/types";
import { filtersToSearchParams } from "~/lib/network/filters";
import { buildNetworkView } from "~/lib/network/view";
import { latestDataVersion, recordAudit } from "./audit.server";
import { betweennessValues, networkAnalytics } from "./network-analytics.server";
import { clientOf, eventSinceDate, loadChanges, snapshotAt, todayUtc } from "./network-snapshot.server";

export { eventSinceDate, loadChanges, loadSnapshot, resetSnapshotCache } from "./network-snapshot.server";

/** The key of the one layout the map uses. */
export const DEFAULT_LAYOUT_KEY = "default";

type Positions = Record<string, { x: number; y: number }>;

// ---------------------------------------------------------------------------------------------
// Computed layout: cached in process by data version (and revision: see SNAPSHOT_RECHECK_MS), one entry.

let layoutCache: {
  client: unknown;
  dataVersion: number;
  revision: number;
  today: string;
  positions: Positions;
} | null = null;

function computedLayout(db: Db, snapshot: NetworkSnapshot): Positions {
  const cached = layoutCache;
  const revision = snapshot.revision ?? 0;
  if (
    cached &&
    cached.client === clientOf(db) &&
    cached.dataVersion === snapshot.dataVersion &&
    cached.revision === revision &&
    cached.today === snapshot.today
  )
    return cached.positions;
  const positions = computeLayout(snapshot);
  layoutCache = {
    client: clientOf(db),
    dataVersion: snapshot.dataVersion,
    revision,
    today: snapshot.today,
    positions,
  };
  return positions;
}

/** Tests: forget the computed layout (and the views built on it). */
export function resetLayoutCache(): void {
  layoutCache = null;
  viewCache = [];
}

// Built views, most recent first, for the views most asked for (the default map, a few filters):
// a request on unchanged data then costs the version and saved-layout queries only. Views are
// treated as immutable by their readers.
const VIEW_CACHE_MAX = 16;
let viewCache: { client: unknown; key: string; view: NetworkPageView }[] = [];

async function savedLayout(db: Db) {
  const [row] = await db
    .select({
      positions: graphLayouts.positions,
      version: graphLayouts.version,
      updatedAt: graphLayouts.updatedAt,
    })
    .from(graphLayouts)
    .where(eq(graphLayouts.key, DEFAULT_LAYOUT_KEY))
    .limit(1);
  return row ?? null;
}

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
  today: string = todayUtc(),
): Promise<NetworkPageView> {
  const snapshot = await snapshotAt(db, await latestDataVersion(db), today);
  const saved = await savedLayout(db);
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
  if (key !== null) {
    const hit = viewCache.find((entry) => entry.client === client && entry.key === key);
    if (hit) return hit.view;
  }
  const computed = computedLayout(db, snapshot);
  const positions: Positions = saved ? { ...computed, ...saved.positions } : computed;
  const changes = asksForChanges ? await changesFor(db, filters, today) : null;
  const built = buildNetworkView(snapshot, filters, {
    changes,
    positions,
    layout: {
      saved: saved !== null,
      version: saved?.version ?? null,
      updatedAt: saved ? saved.updatedAt.toISOString() : null,
    },
  });
  const view = { ...built, partnerships: partnershipsInView(snapshot, built) };
  if (key !== null) {
    viewCache = [{ client, key, view }, ...viewCache.filter((entry) => entry.client === client)].slice(
      0,
      VIEW_CACHE_MAX,
    );
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
export async function loadNetworkAnalytics(db: Db, today: string = todayUtc()): Promise<NetworkAnalytics> {
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
  today: string = todayUtc(),
): Promise<NetworkSelection> {
  const snapshot = await snapshotAt(db, await latestDataVersion(db), today);
  const changes = await changesFor(db, filters, today);
  const selected = selectNetwork(snapshot, filters, changes);
  const edges = organisationEdges(selected);
  // Starts the betweenness computation for this version if none ran (off the request path).
  networkAnalytics(snapshot, clientOf(db));
  const saved = await savedLayout(db);
  const computed = computedLayout(db, snapshot);
  return {
    snapshot,
    selected,
    edges,
    degree: organisationDegrees(selected, edges),
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
  today: string = todayUtc(),
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

// ---------------------------------------------------------------------------------------------
// Saving the layout

export const LAYOUT_MAX_POSITIONS = 20_000;
export const LAYOUT_MAX_COORDINATE = 1e7;
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** Organisation uuid, partnership hub "p:<uuid>", cluster "c:XX", "c:XX:<type>", "c:none". */
const NODE_ID = new RegExp(`^(?:${UUID}|p:${UUID}|c:(?:[A-Z]{2}|none)(?::[a-z_]{1,40})?)$`, "i");

/** Whether `positions` is a map of node ids to finite coordinates within bounds. */
export function validPositions(positions: unknown): positions is GraphNodePositions {
  if (typeof positions !== "object" || positions === null || Array.isArray(positions)) return false;
  const entries = Object.entries(positions as Record<string, unknown>);
  if (entries.length > LAYOUT_MAX_POSITIONS) return false;
  return entries.every(([id, point]) => {
    if (!NODE_ID.test(id)) return false;
    if (typeof point !== "object" || point === null) return false;
    const { x, y } = point as { x?: unknown; y?: unknown };
    return [x, y].every(
      (v) => typeof v === "number" && Number.isFinite(v) && Math.abs(v) <= LAYOUT_MAX_COORDINATE,
    );
  });
}

export type SaveLayoutResult = { ok: true; version: number } | { ok: false; reason: "stale" | "invalid" };

class StaleLayout extends Error {}

/**
 * Only the positions of nodes the snapshot still has: its organisations, hubs of its partnerships
 * ("p:<id>"), and clusters ("c:…", which come and go with the filters; their ids are few).
 */
export function positionsInSnapshot(
  positions: GraphNodePositions,
  snapshot: NetworkSnapshot,
): GraphNodePositions {
  const organisationIds = new Set(snapshot.organisations.map((o) => o.id));
  const partnershipIds = new Set(snapshot.partnerships.map((p) => p.id));
  return Object.fromEntries(
    Object.entries(positions).filter(([id]) =>
      id.startsWith("c:")
        ? true
        : id.startsWith("p:")
          ? partnershipIds.has(id.slice(2))
          : organisationIds.has(id),
    ),
  );
}

/**
 * Merge positions into the saved layout (creating it). Optimistic concurrency: `expectedVersion`
 * is the version the client read (null: there was none). Positions of nodes no longer in the
 * network (archived organisations and partnerships) are dropped, the saved ones too, so the layout
 * does not grow forever; graph_layouts.data_version records the data version they were checked
 * against. The audit entry records counts only.
 */
export async function saveLayout(
  db: Db,
  user: AuthUser,
  positions: Record<string, { x: number; y: number }>,
  expectedVersion: number | null,
): Promise<SaveLayoutResult> {
  if (!validPositions(positions)) return { ok: false, reason: "invalid" };
  // The snapshot (cached) says which nodes exist; read before the transaction (never `db` inside it).
  const snapshot = await snapshotAt(db, await latestDataVersion(db), todayUtc());
  const clean: GraphNodePositions = positionsInSnapshot(
    Object.fromEntries(Object.entries(positions).map(([id, { x, y }]) => [id, { x, y }])),
    snapshot,
  );
  const dataVersion = snapshot.dataVersion;
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(graphLayouts)
        .where(eq(graphLayouts.key, DEFAULT_LAYOUT_KEY))
        .for("update")
        .limit(1);
      if (!current) {
        if (expectedVersion !== null) throw new StaleLayout();
        const [created] = await tx
          .insert(graphLayouts)
          .values({ key: DEFAULT_LAYOUT_KEY, positions: clean, updatedBy: user.id, dataVersion })
          .onConflictDoNothing({ target: graphLayouts.key })
          .returning({ id: graphLayouts.id, version: graphLayouts.version });
        if (!created) throw new StaleLayout();
        await recordAudit(tx, user, {
          action: "create",
          entityType: "graph_layout",
          entityId: created.id,
          after: { key: DEFAULT_LAYOUT_KEY, positions: Object.keys(clean).length },
        });
        return { ok: true as const, version: created.version };
      }
      if (expectedVersion === null || current.version !== expectedVersion) throw new StaleLayout();
      const merged = positionsInSnapshot({ ...current.positions, ...clean }, snapshot);
      if (Object.keys(merged).length > LAYOUT_MAX_POSITIONS)
        return { ok: false as const, reason: "invalid" as const };
      const [updated] = await tx
        .update(graphLayouts)
        .set({
          positions: merged,
          updatedBy: user.id,
          version: current.version + 1,
          dataVersion,
          updatedAt: new Date(),
        })
        .where(and(eq(graphLayouts.id, current.id), eq(graphLayouts.version, expectedVersion)))
        .returning({ version: graphLayouts.version });
      if (!updated) throw new StaleLayout();
      await recordAudit(tx, user, {
        action: "update",
        entityType: "graph_layout",
        entityId: current.id,
        before: { positions: Object.keys(current.positions).length, version: current.version },
        after: {
          positions: Object.keys(merged).length,
          moved: Object.keys(clean).length,
          version: updated.version,
        },
      });
      return { ok: true as const, version: updated.version };
    });
  } catch (error) {
    if (error instanceof StaleLayout) return { ok: false, reason: "stale" };
    throw error;
  }
}

/** "Re-layout": delete the saved layout, so the computed one shows again. */
export async function resetLayout(db: Db, user: AuthUser): Promise<void> {
  await db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(graphLayouts)
      .where(eq(graphLayouts.key, DEFAULT_LAYOUT_KEY))
      .returning({ id: graphLayouts.id, positions: graphLayouts.positions, version: graphLayouts.version });
    if (!deleted) return;
    await recordAudit(tx, user, {
      action: "delete",
      entityType: "graph_layout",
      entityId: deleted.id,
      before: {
        key: DEFAULT_LAYOUT_KEY,
        positions: Object.keys(deleted.positions).length,
        version: deleted.version,
      },
    });
  });
}
