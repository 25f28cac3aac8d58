// Exports of an organisation-level selection of the network (select.ts): GEXF 1.3 (Gephi),
// CSV (nodes, edges) and JSON. Pure: strings in, strings out.
//
// The selection types are declared structurally here (SelectedNetworkLike, OrgEdgeLike) so that
// this module depends on select.ts's shape (SelectedNetwork and OrgEdge fit them) and its pure helpers.
//
// Large partnerships (isLargePartnership: LARGE_PARTNERSHIP_FROM visible members or more) have no shared
// edges (organisationEdges does not project them into member pairs): the exports write each as a
// partnership node "p:<uuid>" with one membership edge per visible member (organisation -> partnership),
// as the map draws them. Degrees count their members (organisationDegrees).
import { MultiGraph } from "graphology";
import { write } from "graphology-gexf";
import type { Level, MemberRole, OrganisationType, PartnershipStatus, RelationshipType } from "../enums";
import { isLargePartnership, isMemberOn, organisationDegrees } from "./select";
import {
  DASHED_POWER_IMBALANCE_FROM,
  type ChangeKind,
  type SnapshotOrganisation,
  type SnapshotPartnership,
  type SnapshotRelationship,
} from "./types";

export interface SelectedNetworkLike {
  organisations: SnapshotOrganisation[];
  partnerships: { partnership: SnapshotPartnership; memberIds: string[]; change: ChangeKind | null }[];
  relationships: SnapshotRelationship[];
  date: string;
}

export type OrgEdgeLike =
  | {
      kind: "shared";
      source: string;
      target: string;
      partnershipIds: string[];
      minTrust: number | null;
      dashed: boolean;
      change: ChangeKind | null;
    }
  | { kind: "relationship"; id: string; source: string; target: string; type: RelationshipType };

/** Every edge kind an export writes: membership edges link an organisation to a large partnership. */
export type ExportEdgeKind = OrgEdgeLike["kind"] | "membership";
/** Every node kind an export writes. */
export type ExportNodeKind = "organisation" | "partnership";

export interface ExportMetrics {
  /** Distinct neighbours per organisation id (organisationDegrees: large partnerships' members count). */
  degree: Record<string, number>;
  /** Betweenness per organisation id (analytics cache), when computed. */
  betweenness?: Map<string, number> | null;
}

export interface GexfOptions {
  positions: Record<string, { x: number; y: number }>;
  metrics?: ExportMetrics;
  generatedAt: Date;
}

/** Characters XML 1.0 does not allow (controls other than tab, newline, carriage return; lone surrogates). */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xmlText = (value: string) => value.replace(XML_INVALID, "\uFFFD");

/** Partnership names by id, from the selection. */
function partnershipNames(selected: SelectedNetworkLike): Map<string, string> {
  return new Map(selected.partnerships.map((p) => [p.partnership.id, p.partnership.name]));
}

/** Selected partnerships per organisation id. */
function partnershipCounts(selected: SelectedNetworkLike): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of selected.partnerships) {
    for (const id of p.memberIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** A large partnership's node in the exports (as on the map: "p:<uuid>"). */
export interface ExportPartnershipNode {
  id: string;
  partnershipId: string;
  name: string;
  status: PartnershipStatus;
  trustIndex: number | null;
  countryCode: string | null;
  change: ChangeKind | null;
  /** Visible members: its membership edges. */
  degree: number;
  /** One of its open power-imbalance risks has exposure >= DASHED_POWER_IMBALANCE_FROM. */
  dashed: boolean;
}

/** A membership edge: a visible member (organisation id) -> its large partnership's node. */
export interface ExportMembership {
  source: string;
  target: string;
  partnershipId: string;
  role: MemberRole;
}

/** The node id of a partnership in the exports and on the map. */
export function partnershipNodeId(partnershipId: string): string {
  return `p:${partnershipId}`;
}

/**
 * The large partnerships of a selection (isLargePartnership), in selection order: one node each and one
 * membership per visible member (memberIds order). The role is that of the member's first entry present
 * on the selection's date (as the map does); "partner" if none is (cannot happen for a selectNetwork
 * selection).
 */
export function largePartnershipExports(selected: SelectedNetworkLike): {
  nodes: ExportPartnershipNode[];
  memberships: ExportMembership[];
} {
  const nodes: ExportPartnershipNode[] = [];
  const memberships: ExportMembership[] = [];
  for (const selectedPartnership of selected.partnerships) {
    if (!isLargePartnership(selectedPartnership)) continue;
    const { partnership, memberIds, change } = selectedPartnership;
    const id = partnershipNodeId(partnership.id);
    const roles = new Map<string, MemberRole>();
    for (const member of partnership.members) {
      if (!roles.has(member.organisationId) && isMemberOn(member, selected.date))
        roles.set(member.organisationId, member.role);
    }
    nodes.push({
      id,
      partnershipId: partnership.id,
      name: partnership.name,
      status: partnership.status,
      trustIndex: partnership.trustIndex,
      countryCode: partnership.countryCode,
      change,
      degree: memberIds.length,
      dashed: partnership.powerImbalanceExposure >= DASHED_POWER_IMBALANCE_FROM,
    });
    for (const source of memberIds) {
      memberships.push({
        source,
        target: id,
        partnershipId: partnership.id,
        role: roles.get(source) ?? "partner",
      });
    }
  }
  return { nodes, memberships };
}

/**
 * Partnership nodes' positions: the saved/computed one ("p:<uuid>" in positions), else the centroid of
 * its members that have one; none when no member has one. One pass over the memberships.
 */
function partnershipPositions(
  large: { nodes: readonly ExportPartnershipNode[]; memberships: readonly ExportMembership[] },
  positions: Record<string, { x: number; y: number }> | undefined,
): Map<string, { x: number; y: number }> {
  const result = new Map<string, { x: number; y: number }>();
  if (!positions) return result;
  const sums = new Map<string, { x: number; y: number; n: number }>();
  for (const m of large.memberships) {
    const point = positions[m.source];
    if (!point) continue;
    const sum = sums.get(m.target) ?? { x: 0, y: 0, n: 0 };
    sum.x += point.x;
    sum.y += point.y;
    sum.n += 1;
    sums.set(m.target, sum);
  }
  for (const node of large.nodes) {
    const own = positions[node.id];
    const sum = sums.get(node.id);
    if (own) result.set(node.id, own);
    else if (sum) result.set(node.id, { x: sum.x / sum.n, y: sum.y / sum.n });
  }
  return result;
}

function sharedEdgeKey(e: { source: string; target: string }): string {
  return `s:${e.source}:${e.target}`;
}

/**
 * GEXF 1.3: organisations (node attribute kind "organisation") with their attributes and positions;
 * shared (undirected) and relationship (directed) edges; each large partnership a node (kind
 * "partnership": name, status, trustIndex, change, degree its visible members) with directed membership
 * edges organisation -> partnership (role; minTrust, dashed and change those of the partnership).
 * Degrees: options.metrics.degree, else organisationDegrees.
 */
export function networkToGexf(
  selected: SelectedNetworkLike,
  edges: readonly OrgEdgeLike[],
  options: GexfOptions,
): string {
  const graph = new MultiGraph({ type: "mixed", allowSelfLoops: false });
  graph.setAttribute("creator", "Trellis");
  graph.setAttribute("lastModifiedDate", options.generatedAt.toISOString().slice(0, 10));
  graph.setAttribute("description", xmlText(`Trellis network map as of ${selected.date}`));
  const degree = options.metrics?.degree ?? organisationDegrees(selected, edges);
  const betweenness = options.metrics?.betweenness ?? null;
  for (const o of selected.organisations) {
    const position = options.positions[o.id];
    graph.addNode(o.id, {
      label: xmlText(o.name),
      kind: "organisation",
      name: xmlText(o.name),
      acronym: o.acronym === null ? null : xmlText(o.acronym),
      type: o.type,
      level: o.level,
      country: o.countryCode,
      degree: degree[o.id] ?? 0,
      // A float type for every value (GEXF infers the column's type from the values).
      betweenness: betweenness ? (betweenness.get(o.id) ?? null) : null,
      x: position?.x,
      y: position?.y,
    });
  }
  const large = largePartnershipExports(selected);
  const hubPositions = partnershipPositions(large, options.positions);
  for (const p of large.nodes) {
    const position = hubPositions.get(p.id);
    graph.addNode(p.id, {
      label: xmlText(p.name),
      kind: "partnership",
      name: xmlText(p.name),
      country: p.countryCode,
      degree: p.degree,
      status: p.status,
      trustIndex: p.trustIndex,
      change: p.change,
      x: position?.x,
      y: position?.y,
    });
  }
  const names = partnershipNames(selected);
  for (const e of edges) {
    if (!graph.hasNode(e.source) || !graph.hasNode(e.target) || e.source === e.target) continue;
    if (e.kind === "shared") {
      graph.addUndirectedEdgeWithKey(sharedEdgeKey(e), e.source, e.target, {
        kind: "shared",
        weight: e.partnershipIds.length,
        partnerships: xmlText(e.partnershipIds.map((id) => names.get(id) ?? id).join("; ")),
        partnershipIds: e.partnershipIds.join(" "),
        minTrust: e.minTrust,
        dashed: e.dashed,
        change: e.change,
      });
    } else {
      graph.addDirectedEdgeWithKey(`r:${e.id}`, e.source, e.target, {
        kind: "relationship",
        type: e.type,
        weight: 1,
      });
    }
  }
  const partnershipNodes = new Map(large.nodes.map((p) => [p.id, p]));
  for (const m of large.memberships) {
    const p = partnershipNodes.get(m.target);
    if (!p || !graph.hasNode(m.source) || graph.hasEdge(`m:${m.partnershipId}:${m.source}`)) continue;
    graph.addDirectedEdgeWithKey(`m:${m.partnershipId}:${m.source}`, m.source, m.target, {
      kind: "membership",
      weight: 1,
      role: m.role,
      partnerships: xmlText(p.name),
      partnershipIds: p.partnershipId,
      minTrust: p.trustIndex,
      dashed: p.dashed,
      change: p.change,
    });
  }
  return write(graph, {
    version: "1.3",
    formatNode: (_key, attributes) => {
      const { label, x, y, ...rest } = attributes as Record<string, unknown> & {
        label: string;
        x?: number;
        y?: number;
      };
      return {
        label,
        attributes: rest,
        ...(x !== undefined && y !== undefined ? { viz: { x, y } } : {}),
      };
    },
    formatEdge: (_key, attributes) => {
      const { weight, ...rest } = attributes as Record<string, unknown> & { weight: number };
      return { weight, attributes: rest };
    },
  });
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180), for spreadsheets: UTF-8 BOM, CRLF, a leading "'" against formula injection.

export const NODE_CSV_COLUMNS = [
  "id",
  "kind",
  "name",
  "acronym",
  "type",
  "level",
  "country",
  "degree",
  "partnerships",
  "betweenness",
  "status",
  "trustIndex",
] as const;
export type NodeCsvColumn = (typeof NODE_CSV_COLUMNS)[number];

export const EDGE_CSV_COLUMNS = [
  "kind",
  "source",
  "sourceName",
  "target",
  "targetName",
  "type",
  "weight",
  "partnerships",
  "minTrust",
  "dashed",
  "change",
  "role",
] as const;
export type EdgeCsvColumn = (typeof EDGE_CSV_COLUMNS)[number];

export interface NodeCsvLabels {
  /** Header text per column (NODE_CSV_COLUMNS); the column key when missing. */
  headers: Partial<Record<string, string>>;
  type: (type: OrganisationType) => string;
  level: (level: Level) => string;
  /** "organisation" / "partnership"; the key when missing. */
  kind?: (kind: ExportNodeKind) => string;
  /** A partnership's status; the key when missing. */
  status?: (status: PartnershipStatus) => string;
}

export interface EdgeCsvLabels {
  /** Header text per column (EDGE_CSV_COLUMNS); the column key when missing. */
  headers: Partial<Record<string, string>>;
  /** "shared" / "relationship" / "membership"; the key when missing. */
  kind?: (kind: ExportEdgeKind) => string;
  relationshipType: (type: RelationshipType) => string;
  /** "added" / "ended" / "changed"; the key when missing. */
  change?: (change: ChangeKind) => string;
  /** The dashed column's yes and no; "yes" / "no" when missing. */
  yesNo?: (value: boolean) => string;
  /** A member's role in a membership row; the key when missing. */
  role?: (role: MemberRole) => string;
}

type Cell = string | number | null;

/** Starts a spreadsheet would read as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: text guarded against formula injection, then quoted when it has to be. Quoted
 * also when it holds ";" or a tab: Excel in French (and other locales whose list separator is ";")
 * splits unquoted cells on them.
 */
export function csvCell(value: Cell): string {
  if (value === null) return "";
  let text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(rows: Cell[][]): string {
  return "\uFEFF" + rows.map((row) => row.map(csvCell).join(",") + "\r\n").join("");
}

/**
 * One row per organisation (kind "organisation"), then one per large partnership (kind "partnership",
 * id "p:<uuid>": name, country, degree its visible members, status, trust index). Organisation degrees
 * are metrics.degree's (pass organisationDegrees).
 */
export function nodesCsv(
  selected: SelectedNetworkLike,
  metrics: ExportMetrics,
  labels: NodeCsvLabels,
): string {
  const counts = partnershipCounts(selected);
  const kind = labels.kind ?? ((k) => k);
  const status = labels.status ?? ((s) => s);
  const rows: Cell[][] = [NODE_CSV_COLUMNS.map((c) => labels.headers[c] ?? c)];
  for (const o of selected.organisations) {
    rows.push([
      o.id,
      kind("organisation"),
      o.name,
      o.acronym,
      labels.type(o.type),
      labels.level(o.level),
      o.countryCode,
      metrics.degree[o.id] ?? 0,
      counts.get(o.id) ?? 0,
      metrics.betweenness?.get(o.id) ?? null,
      null,
      null,
    ]);
  }
  for (const p of largePartnershipExports(selected).nodes) {
    rows.push([
      p.id,
      kind("partnership"),
      p.name,
      null,
      null,
      null,
      p.countryCode,
      p.degree,
      null,
      null,
      status(p.status),
      p.trustIndex,
    ]);
  }
  return csv(rows);
}

/**
 * The given edges (shared, relationship), then one "membership" row per visible member of each large
 * partnership: organisation -> "p:<uuid>", weight 1, minTrust / dashed / change those of the partnership,
 * and the member's role.
 */
export function edgesCsv(
  selected: SelectedNetworkLike,
  edges: readonly OrgEdgeLike[],
  labels: EdgeCsvLabels,
): string {
  const orgNames = new Map(selected.organisations.map((o) => [o.id, o.name]));
  const names = partnershipNames(selected);
  const kind = labels.kind ?? ((k) => k);
  const change = labels.change ?? ((c) => c);
  const yesNo = labels.yesNo ?? ((v) => (v ? "yes" : "no"));
  const role = labels.role ?? ((r) => r);
  const rows: Cell[][] = [EDGE_CSV_COLUMNS.map((c) => labels.headers[c] ?? c)];
  for (const e of edges) {
    const common: Cell[] = [
      kind(e.kind),
      e.source,
      orgNames.get(e.source) ?? null,
      e.target,
      orgNames.get(e.target) ?? null,
    ];
    if (e.kind === "shared") {
      rows.push([
        ...common,
        null,
        e.partnershipIds.length,
        e.partnershipIds.map((id) => names.get(id) ?? id).join("; "),
        e.minTrust,
        yesNo(e.dashed),
        e.change === null ? null : change(e.change),
        null,
      ]);
    } else {
      rows.push([...common, labels.relationshipType(e.type), 1, null, null, null, null, null]);
    }
  }
  const large = largePartnershipExports(selected);
  const partnershipNodes = new Map(large.nodes.map((p) => [p.id, p]));
  for (const m of large.memberships) {
    const p = partnershipNodes.get(m.target);
    if (!p) continue;
    rows.push([
      kind("membership"),
      m.source,
      orgNames.get(m.source) ?? null,
      m.target,
      p.name,
      null,
      1,
      null,
      p.trustIndex,
      yesNo(p.dashed),
      p.change === null ? null : change(p.change),
      role(m.role),
    ]);
  }
  return csv(rows);
}

// ---------------------------------------------------------------------------------------------
// JSON

export type NetworkJsonNode =
  | {
      kind: "organisation";
      id: string;
      name: string;
      acronym: string | null;
      type: OrganisationType;
      level: Level;
      countryCode: string | null;
      degree: number;
      partnerships: number;
      betweenness: number | null;
      x?: number;
      y?: number;
    }
  | {
      /** A large partnership: "p:<uuid>". */
      kind: "partnership";
      id: string;
      partnershipId: string;
      name: string;
      status: PartnershipStatus;
      trustIndex: number | null;
      countryCode: string | null;
      change: ChangeKind | null;
      /** Visible members (its membership edges). */
      degree: number;
      x?: number;
      y?: number;
    };

export type NetworkJsonEdge =
  | {
      kind: "shared";
      source: string;
      target: string;
      weight: number;
      partnershipIds: string[];
      minTrust: number | null;
      dashed: boolean;
      change: ChangeKind | null;
    }
  | { kind: "relationship"; id: string; source: string; target: string; type: RelationshipType; weight: 1 }
  | {
      /** Organisation -> large partnership node "p:<uuid>". */
      kind: "membership";
      source: string;
      target: string;
      partnershipId: string;
      role: MemberRole;
      weight: 1;
    };

export interface NetworkJson {
  version: 1;
  generatedAt: string;
  date: string;
  /** Organisations, then the large partnerships' nodes. */
  nodes: NetworkJsonNode[];
  partnerships: {
    id: string;
    name: string;
    status: SnapshotPartnership["status"];
    memberIds: string[];
    change: ChangeKind | null;
    /** Large (isLargePartnership): a node with membership edges rather than shared edges. */
    large: boolean;
  }[];
  /** The given edges (shared, relationship), then the membership edges. */
  edges: NetworkJsonEdge[];
}

export function networkToJson(
  selected: SelectedNetworkLike,
  edges: readonly OrgEdgeLike[],
  metrics: ExportMetrics,
  options: { generatedAt?: Date; positions?: Record<string, { x: number; y: number }> } = {},
): NetworkJson {
  const counts = partnershipCounts(selected);
  const large = largePartnershipExports(selected);
  const organisationNodes: NetworkJsonNode[] = selected.organisations.map((o) => {
    const position = options.positions?.[o.id];
    return {
      kind: "organisation" as const,
      id: o.id,
      name: o.name,
      acronym: o.acronym,
      type: o.type,
      level: o.level,
      countryCode: o.countryCode,
      degree: metrics.degree[o.id] ?? 0,
      partnerships: counts.get(o.id) ?? 0,
      betweenness: metrics.betweenness?.get(o.id) ?? null,
      ...(position ? { x: position.x, y: position.y } : {}),
    };
  });
  const hubPositions = partnershipPositions(large, options.positions);
  const partnershipNodes: NetworkJsonNode[] = large.nodes.map((p) => {
    const position = hubPositions.get(p.id);
    return {
      kind: "partnership" as const,
      id: p.id,
      partnershipId: p.partnershipId,
      name: p.name,
      status: p.status,
      trustIndex: p.trustIndex,
      countryCode: p.countryCode,
      change: p.change,
      degree: p.degree,
      ...(position ? { x: position.x, y: position.y } : {}),
    };
  });
  return {
    version: 1,
    generatedAt: (options.generatedAt ?? new Date()).toISOString(),
    date: selected.date,
    nodes: [...organisationNodes, ...partnershipNodes],
    partnerships: selected.partnerships.map((p) => ({
      id: p.partnership.id,
      name: p.partnership.name,
      status: p.partnership.status,
      memberIds: p.memberIds,
      change: p.change,
      large: isLargePartnership(p),
    })),
    edges: [
      ...edges.map((e): NetworkJsonEdge =>
        e.kind === "shared"
          ? {
              kind: "shared",
              source: e.source,
              target: e.target,
              weight: e.partnershipIds.length,
              partnershipIds: e.partnershipIds,
              minTrust: e.minTrust,
              dashed: e.dashed,
              change: e.change,
            }
          : {
              kind: "relationship",
              id: e.id,
              source: e.source,
              target: e.target,
              type: e.type,
              weight: 1,
            },
      ),
      ...large.memberships.map((m): NetworkJsonEdge => ({
        kind: "membership",
        source: m.source,
        target: m.target,
        partnershipId: m.partnershipId,
        role: m.role,
        weight: 1,
      })),
    ],
  };
}
