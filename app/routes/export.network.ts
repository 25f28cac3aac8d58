// Exports of the network map's selection (the same filters as the map, from the query string), at
// organisation level (no grouping): /export/network.gexf (Gephi), .json, .nodes.csv, .edges.csv.
// One module behind four routes (app/routes.ts gives each its own id); the format is the path's.
import type { LoaderFunctionArgs } from "react-router";
import { requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import {
  EDGE_CSV_COLUMNS,
  edgesCsv,
  networkToGexf,
  networkToJson,
  NODE_CSV_COLUMNS,
  nodesCsv,
} from "~/lib/network/export";
import { parseNetworkFilters } from "~/lib/network/filters";
import { getInstance } from "~/middleware/i18next";
import { loadNetworkSelection } from "~/models/network.server";

export const networkExportFormats = ["gexf", "json", "nodes.csv", "edges.csv"] as const;
export type NetworkExportFormat = (typeof networkExportFormats)[number];

const contentTypes: Record<NetworkExportFormat, string> = {
  gexf: "application/gexf+xml; charset=utf-8",
  json: "application/json; charset=utf-8",
  "nodes.csv": "text/csv; charset=utf-8",
  "edges.csv": "text/csv; charset=utf-8",
};

/** The format named by the path (/export/network.<format>), or null. */
export function exportFormatOf(pathname: string): NetworkExportFormat | null {
  const match = /\/network\.(gexf|json|nodes\.csv|edges\.csv)(?:\.data)?$/.exec(pathname);
  return (match?.[1] as NetworkExportFormat | undefined) ?? null;
}

export async function loader({ context, url }: LoaderFunctionArgs) {
  // Exports are a permission of their own (every role but viewer), not just reading the map.
  requirePermission(context, url, "export:run");
  const format = exportFormatOf(url.pathname);
  if (!format) throw new Response("Not Found", { status: 404 });
  const { filters } = parseNetworkFilters(url.searchParams);
  const selection = await loadNetworkSelection(context.get(dbContext), filters);
  const { selected, edges, degree, betweenness, positions } = selection;
  const metrics = { degree, betweenness };
  const generatedAt = new Date();
  const { t } = getInstance(context);

  let body: string;
  switch (format) {
    case "gexf":
      body = networkToGexf(selected, edges, { positions, metrics, generatedAt });
      break;
    case "json":
      body = JSON.stringify(networkToJson(selected, edges, metrics, { generatedAt, positions }));
      break;
    case "nodes.csv":
      body = nodesCsv(selected, metrics, {
        headers: Object.fromEntries(NODE_CSV_COLUMNS.map((c) => [c, t(`network.export.nodes.${c}`)])),
        type: (type) => t(`enums.organisationType.${type}`),
        level: (level) => t(`enums.level.${level}`),
        kind: (kind) => t(`network.export.nodeKind.${kind}`),
        status: (status) => t(`enums.partnershipStatus.${status}`),
      });
      break;
    case "edges.csv":
      body = edgesCsv(selected, edges, {
        headers: Object.fromEntries(EDGE_CSV_COLUMNS.map((c) => [c, t(`network.export.edges.${c}`)])),
        kind: (kind) => t(`network.export.kind.${kind}`),
        relationshipType: (type) => t(`enums.relationshipType.${type}`),
        change: (change) => t(`network.export.change.${change}`),
        yesNo: (value) => t(value ? "network.export.yes" : "network.export.no"),
        role: (role) => t(`enums.memberRole.${role}`),
      });
      break;
  }
  const filename = `trellis-network-${selected.date}.${format}`;
  return new Response(body, {
    headers: {
      "Content-Type": contentTypes[format],
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
