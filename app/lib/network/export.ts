// Exports of an organisation-level selection of the network (select.ts): GEXF 1.3 (Gephi),
// CSV (nodes, edges) and JSON. Pure: strings in, strings out.
//
// The selection types are declared structurally here (SelectedNetworkLike, OrgEdgeLike) so that
// this module depends on select.ts's shape only: SelectedNetwork and OrgEdge fit them.
import { MultiGraph } from "graphology";
import { write } from "graphology-gexf";
import type { Level, OrganisationType, RelationshipType } from "../enums";
import type { ChangeKind, SnapshotOrganisation, SnapshotPartnership, SnapshotRelationship } from "./types";

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

export interface ExportMetrics {
  /** Distinct neighbours per organisation id. */
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

/** Distinct neighbours per organisation among the given edges (when no metrics are passed). */
function degreesOf(edges: readonly OrgEdgeLike[]): Record<string, number> {
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    let set = neighbours.get(a);
    if (!set) neighbours.set(a, (set = new Set()));
    set.add(b);
  };
  for (const e of edges) {
    if (e.source === e.target) continue;
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const degree: Record<string, number> = {};
  for (const [id, set] of neighbours) degree[id] = set.size;
  return degree;
}

function sharedEdgeKey(e: { source: string; target: string }): string {
  return `s:${e.source}:${e.target}`;
}

/** GEXF 1.3: organisations with their attributes and positions; shared (undirected) and relationship (directed) edges. */
export function networkToGexf(
  selected: SelectedNetworkLike,
  edges: readonly OrgEdgeLike[],
  options: GexfOptions,
): string {
  const graph = new MultiGraph({ type: "mixed", allowSelfLoops: false });
  graph.setAttribute("creator", "Trellis");
  graph.setAttribute("lastModifiedDate", options.generatedAt.toISOString().slice(0, 10));
  graph.setAttribute("description", xmlText(`Trellis network map as of ${selected.date}`));
  const degree = options.metrics?.degree ?? degreesOf(edges);
  const betweenness = options.metrics?.betweenness ?? null;
  for (const o of selected.organisations) {
    const position = options.positions[o.id];
    graph.addNode(o.id, {
      label: xmlText(o.name),
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
  "name",
  "acronym",
  "type",
  "level",
  "country",
  "degree",
  "partnerships",
  "betweenness",
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
] as const;
export type EdgeCsvColumn = (typeof EDGE_CSV_COLUMNS)[number];

export interface NodeCsvLabels {
  /** Header text per column (NODE_CSV_COLUMNS); the column key when missing. */
  headers: Partial<Record<string, string>>;
  type: (type: OrganisationType) => string;
  level: (level: Level) => string;
}

export interface EdgeCsvLabels {
  /** Header text per column (EDGE_CSV_COLUMNS); the column key when missing. */
  headers: Partial<Record<string, string>>;
  /** "shared" / "relationship"; the key when missing. */
  kind?: (kind: OrgEdgeLike["kind"]) => string;
  relationshipType: (type: RelationshipType) => string;
  /** "added" / "ended" / "changed"; the key when missing. */
  change?: (change: ChangeKind) => string;
  /** The dashed column's yes and no; "yes" / "no" when missing. */
  yesNo?: (value: boolean) => string;
}

type Cell = string | number | null;

/** Starts a spreadsheet would read as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: text guarded against formula injection, then quoted when it has to be. */
export function csvCell(value: Cell): string {
  if (value === null) return "";
  let text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(rows: Cell[][]): string {
  return "\uFEFF" + rows.map((row) => row.map(csvCell).join(",") + "\r\n").join("");
}

export function nodesCsv(
  selected: SelectedNetworkLike,
  metrics: ExportMetrics,
  labels: NodeCsvLabels,
): string {
  const counts = partnershipCounts(selected);
  const rows: Cell[][] = [NODE_CSV_COLUMNS.map((c) => labels.headers[c] ?? c)];
  for (const o of selected.organisations) {
    rows.push([
      o.id,
      o.name,
      o.acronym,
      labels.type(o.type),
      labels.level(o.level),
      o.countryCode,
      metrics.degree[o.id] ?? 0,
      counts.get(o.id) ?? 0,
      metrics.betweenness?.get(o.id) ?? null,
    ]);
  }
  return csv(rows);
}

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
      ]);
    } else {
      rows.push([...common, labels.relationshipType(e.type), 1, null, null, null, null]);
    }
  }
  return csv(rows);
}

// ---------------------------------------------------------------------------------------------
// JSON

export interface NetworkJson {
  version: 1;
  generatedAt: string;
  date: string;
  nodes: {
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
  }[];
  partnerships: {
    id: string;
    name: string;
    status: SnapshotPartnership["status"];
    memberIds: string[];
    change: ChangeKind | null;
  }[];
  edges: (
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
  )[];
}

export function networkToJson(
  selected: SelectedNetworkLike,
  edges: readonly OrgEdgeLike[],
  metrics: ExportMetrics,
  options: { generatedAt?: Date; positions?: Record<string, { x: number; y: number }> } = {},
): NetworkJson {
  const counts = partnershipCounts(selected);
  return {
    version: 1,
    generatedAt: (options.generatedAt ?? new Date()).toISOString(),
    date: selected.date,
    nodes: selected.organisations.map((o) => {
      const position = options.positions?.[o.id];
      return {
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
    }),
    partnerships: selected.partnerships.map((p) => ({
      id: p.partnership.id,
      name: p.partnership.name,
      status: p.partnership.status,
      memberIds: p.memberIds,
      change: p.change,
    })),
    edges: edges.map((e) =>
      e.kind === "shared"
        ? {
            kind: "shared" as const,
            source: e.source,
            target: e.target,
            weight: e.partnershipIds.length,
            partnershipIds: e.partnershipIds,
            minTrust: e.minTrust,
            dashed: e.dashed,
            change: e.change,
          }
        : {
            kind: "relationship" as const,
            id: e.id,
            source: e.source,
            target: e.target,
            type: e.type,
            weight: 1 as const,
          },
    ),
  };
}
