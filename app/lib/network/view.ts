// The network map's view, from the snapshot and the filters: search, selection, edges, level of detail.
// Pure glue called by the model (app/models/network.server.ts), which supplies the snapshot, the change
// set and the positions (saved or computed layout).
import { groupForView, type Point } from "./lod";
import {
  hasPartnershipFilter,
  organisationDegrees,
  organisationEdges,
  organisationFilter,
  selectNetwork,
  type OrgEdge,
  type SelectedNetwork,
} from "./select";
import type {
  ChangeSet,
  MapEdge,
  MapView,
  NetworkFilters,
  NetworkSnapshot,
  NetworkView,
  SnapshotOrganisation,
} from "./types";

/** Lower case without accents (NFD, combining marks removed): "Économie" -> "economie". */
export function foldForSearch(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * Organisations whose name or acronym contains `q`, case- and accent-insensitively. Exact matches
 * (name or acronym equal to q) come first, then prefix matches, then other substrings; within each,
 * by name (folded, then as written, then by id). A blank q matches nothing.
 */
export function searchOrganisations(
  organisations: SnapshotOrganisation[],
  q: string,
): SnapshotOrganisation[] {
  const needle = foldForSearch(q.trim());
  if (needle === "") return [];
  const ranked: { org: SnapshotOrganisation; rank: number; name: string }[] = [];
  for (const org of organisations) {
    const name = foldForSearch(org.name);
    const acronym = org.acronym === null ? null : foldForSearch(org.acronym);
    let rank: number;
    if (name === needle || acronym === needle) rank = 0;
    else if (name.startsWith(needle) || acronym?.startsWith(needle)) rank = 1;
    else if (name.includes(needle) || acronym?.includes(needle)) rank = 2;
    else continue;
    ranked.push({ org, rank, name });
  }
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      (a.org.name < b.org.name ? -1 : a.org.name > b.org.name ? 1 : 0) ||
      (a.org.id < b.org.id ? -1 : a.org.id > b.org.id ? 1 : 0),
  );
  return ranked.map((entry) => entry.org);
}

/**
 * The organisation-level work of a view, before search and level of detail: the selection
 * (selectNetwork), its edges (organisationEdges) and degrees (organisationDegrees). Most of a view's
 * cost at 2,000 organisations; kept by the model to extend when organisations are added.
 */
export interface SelectionParts {
  selected: SelectedNetwork;
  edges: OrgEdge[];
  degree: Record<string, number>;
}

export function selectionParts(
  snapshot: NetworkSnapshot,
  filters: NetworkFilters,
  changes: ChangeSet | null,
): SelectionParts {
  const selected = selectNetwork(snapshot, filters, changes);
  const edges = organisationEdges(selected);
  return { selected, edges, degree: organisationDegrees(selected, edges) };
}

/**
 * selectionParts(snapshot, filters, changes) from `previous` = selectionParts(base, filters, changes)
 * when `snapshot` is `base` plus the organisations `added`, which have no partnership and no
 * relationship: those the organisation filters keep join the selection with degree 0 (none when a
 * partnership filter is set: it hides organisations without a selected link); the partnerships,
 * relationships and edges stay as they were.
 */
export function extendSelectionParts(
  previous: SelectionParts,
  snapshot: NetworkSnapshot,
  filters: NetworkFilters,
  added: readonly SnapshotOrganisation[],
): SelectionParts {
  if (hasPartnershipFilter(filters)) return previous;
  const keep = organisationFilter(filters);
  const shown = added.filter(keep);
  if (shown.length === 0) return previous;
  const degree = { ...previous.degree };
  for (const org of shown) degree[org.id] = 0;
  return {
    selected: { ...previous.selected, organisations: snapshot.organisations.filter(keep) },
    edges: previous.edges,
    degree,
  };
}

/**
 * The view the page draws. Selects the network (selectNetwork), searches `filters.q` among the selected
 * organisations (focusId = the first match, searchMatches = how many matched), builds the organisation
 * edges and groups them for the level of detail (groupForView, with filters.expand, filters.hubs and
 * filters.partnershipId). Large partnerships (LARGE_PARTNERSHIP_FROM visible members or more) are drawn
 * as hubs whatever filters.hubs says; organisation nodes + hubs stay within LOD_MAX_ORGANISATION_NODES.
 * organisationCount is the number of selected organisations; `changes` and `layout` are passed through.
 */
export function buildNetworkView(
  snapshot: NetworkSnapshot,
  filters: NetworkFilters,
  options: {
    changes: ChangeSet | null;
    positions: Record<string, Point>;
    layout: NetworkView["layout"];
    /** The level-of-detail budget (tests); LOD_MAX_ORGANISATION_NODES by default. */
    max?: number;
    /** selectionParts(snapshot, filters, changes) when the caller already has them. */
    parts?: SelectionParts;
  },
): NetworkView {
  const { selected, edges, degree } = options.parts ?? selectionParts(snapshot, filters, options.changes);
  const matches = filters.q.trim() === "" ? [] : searchOrganisations(selected.organisations, filters.q);
  const focusId = matches[0]?.id ?? null;
  const grouped = groupForView(selected, edges, {
    degree,
    expand: filters.expand,
    focusId,
    partnershipId: filters.partnershipId,
    hubs: filters.hubs,
    positions: options.positions,
    max: options.max,
  });
  return {
    filters,
    dataVersion: snapshot.dataVersion,
    organisationCount: selected.organisations.length,
    nodes: grouped.nodes,
    edges: grouped.edges,
    clustered: grouped.clustered,
    expandRefused: grouped.expandRefused,
    hubsLeftOut: grouped.hubsLeftOut,
    focusId,
    searchMatches: matches.length,
    changes: options.changes,
    layout: options.layout,
  };
}

/** The view without what only the server uses (MapView). */
export function mapViewOf(view: NetworkView): MapView {
  return {
    ...view,
    edges: view.edges.map((edge): MapEdge => {
      if (edge.kind !== "shared") return edge;
      const { partnershipIds: _ids, ...drawn } = edge;
      return drawn;
    }),
  };
}
