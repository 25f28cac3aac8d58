// CSV (RFC 4180) exports of the network's selection, for spreadsheets: one file of nodes, one of
// edges; UTF-8 BOM, CRLF, a leading "'" against formula injection, labels translated by the caller.
// Pure: strings in, strings out.
import { csvCell, csvDocument } from "../csv";
import type { Level, MemberRole, OrganisationType, PartnershipStatus, RelationshipType } from "../enums";
import {
  largePartnershipExports,
  partnershipCounts,
  partnershipNames,
  type ExportEdgeKind,
  type ExportMetrics,
  type ExportNodeKind,
  type OrgEdgeLike,
  type SelectedNetworkLike,
} from "./export-common";
import type { ChangeKind } from "./types";

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

// Kept here too for the modules that import it from the network export.
export { csvCell };

function csv(rows: Cell[][]): string {
  return csvDocument(rows);
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
