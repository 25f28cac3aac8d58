// Exports of an organisation-level selection of the network (select.ts): GEXF 1.3 (Gephi),
// CSV (nodes, edges) and JSON. Pure: strings in, strings out.
//
// The selection types are declared structurally (SelectedNetworkLike, OrgEdgeLike, in export-common.ts)
// so that the exports depend on select.ts's shape (SelectedNetwork and OrgEdge fit them) and its pure
// helpers.
//
// Large partnerships (isLargePartnership: LARGE_PARTNERSHIP_FROM visible members or more) have no shared
// edges (organisationEdges does not project them into member pairs): the exports write each as a
// partnership node "p:<uuid>" with one membership edge per visible member (organisation -> partnership),
// as the map draws them. Degrees count their members (organisationDegrees).
//
// This module gathers them (callers import from here): export-common.ts (selection types, large
// partnerships' nodes), export-gexf.ts, export-csv.ts and export-json.ts.
export {
  largePartnershipExports,
  partnershipNodeId,
  type ExportEdgeKind,
  type ExportMembership,
  type ExportMetrics,
  type ExportNodeKind,
  type ExportPartnershipNode,
  type OrgEdgeLike,
  type SelectedNetworkLike,
} from "./export-common";
export {
  csvCell,
  EDGE_CSV_COLUMNS,
  edgesCsv,
  NODE_CSV_COLUMNS,
  nodesCsv,
  type EdgeCsvColumn,
  type EdgeCsvLabels,
  type NodeCsvColumn,
  type NodeCsvLabels,
} from "./export-csv";
export { networkToGexf, type GexfOptions } from "./export-gexf";
export { networkToJson, type NetworkJson, type NetworkJsonEdge, type NetworkJsonNode } from "./export-json";
