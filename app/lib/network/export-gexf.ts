// GEXF 1.3 export of the network's selection (for Gephi): organisations, large partnerships' nodes,
// shared, relationship and membership edges, with positions and metrics. Pure: strings in, string out.
import { MultiGraph } from "graphology";
import { write } from "graphology-gexf";
import {
  largePartnershipExports,
  partnershipNames,
  partnershipPositions,
  type ExportMetrics,
  type OrgEdgeLike,
  type SelectedNetworkLike,
} from "./export-common";
import { organisationDegrees } from "./select";

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
