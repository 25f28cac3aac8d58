// The map's custom nodes, each memoised: an organisation (fill by type, border by level, size by
// centrality), a cluster of organisations (country, count, a bar of its types) and a partnership hub
// (a small diamond coloured by trust). None subscribes to the store: each renders from its own data.
import type { Node, NodeProps } from "@xyflow/react";
import type { TFunction } from "i18next";
import { memo } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { organisationTypes } from "~/lib/enums";
import type { ViewNode } from "~/lib/network/types";
import { trustBand } from "~/lib/signals";
import {
  CHANGE_COLOURS,
  clusterDiameter,
  HUB_SIZE,
  LEVEL_BORDERS,
  TRUST_COLOURS,
  TYPE_COLOURS,
  nodeDiameter,
} from "./style";

export type OrganisationNodeData = Extract<ViewNode, { kind: "organisation" }>;
export type ClusterNodeData = Extract<ViewNode, { kind: "cluster" }>;
export type PartnershipNodeData = Extract<ViewNode, { kind: "partnership" }>;

export type OrganisationFlowNode = Node<OrganisationNodeData, "organisation">;
export type ClusterFlowNode = Node<ClusterNodeData, "cluster">;
export type PartnershipFlowNode = Node<PartnershipNodeData, "partnership">;
export type FlowNode = OrganisationFlowNode | ClusterFlowNode | PartnershipFlowNode;

const labelClass =
  "network-node-label pointer-events-none absolute left-1/2 top-full mt-0.5 max-w-40 -translate-x-1/2 truncate whitespace-nowrap rounded bg-white px-1 text-[11px] leading-tight text-slate-900";

function OrganisationNodeView({ data }: NodeProps<OrganisationFlowNode>) {
  const diameter = nodeDiameter(data.size);
  const border = LEVEL_BORDERS[data.level];
  const ring = data.focused
    ? "0 0 0 4px #ffffff, 0 0 0 8px #2563eb"
    : data.highlighted
      ? "0 0 0 3px #ffffff, 0 0 0 6px #f59e0b"
      : undefined;
  return (
    <div
      className="relative rounded-full"
      data-node-kind="organisation"
      data-node-id={data.id}
      data-country={data.countryCode ?? "none"}
      data-focused={data.focused ? "true" : undefined}
      data-highlighted={data.highlighted ? "true" : undefined}
      style={{
        width: diameter,
        height: diameter,
        background: TYPE_COLOURS[data.type],
        border: `${border.width}px solid ${border.colour}`,
        boxShadow: ring,
      }}
    >
      {/* Below the border: top-full is measured inside it. */}
      <span className={labelClass} style={{ marginTop: border.width + 2 }}>
        {data.label}
      </span>
    </div>
  );
}

/**
 * "NL", or "NL · Local authority" for a type cluster (the type translated); organisations without a
 * country are "International" (their cluster's key is "none").
 */
export function clusterLabel(
  data: Pick<ClusterNodeData, "label" | "countryCode" | "type">,
  t: TFunction,
): string {
  if (!data.type) return data.countryCode ?? t("common.international");
  return t("network.cluster.typeLabel", {
    country: data.countryCode ?? t("common.international"),
    type: t(`enums.organisationType.${data.type}`),
  });
}

/**
 * A cluster is drawn at this diameter and scaled to its own (120 to 6,000 px). Every cluster then
 * uses the same three font sizes: text sized from each diameter gave the browser dozens of font
 * sizes, some hundreds of px, to set up on the map's first layout (most of its cost at 1,000
 * organisations).
 */
export const CLUSTER_BASE = 120;

/**
 * A label longer than this ("International", "NL · Local authority") is drawn a size smaller and
 * may wrap, so it stays inside the circle; a country code keeps the larger size. One more font size
 * in all, whatever the number of clusters.
 */
const LONG_CLUSTER_LABEL = 8;

function ClusterNodeView({ data }: NodeProps<ClusterFlowNode>) {
  const { t } = useTranslation();
  const total = Math.max(1, data.count);
  const diameter = clusterDiameter(data.count);
  const label = clusterLabel(data, t);
  return (
    <div
      className="relative"
      data-node-kind="cluster"
      data-node-id={data.id}
      data-highlighted={data.highlighted ? "true" : undefined}
      style={{ width: diameter, height: diameter }}
    >
      <div
        className="absolute left-0 top-0 flex flex-col items-center justify-center rounded-full border-2 border-slate-500 bg-slate-50 text-center text-slate-900"
        style={{
          width: CLUSTER_BASE,
          height: CLUSTER_BASE,
          gap: CLUSTER_BASE / 40,
          transform: `scale(${diameter / CLUSTER_BASE})`,
          transformOrigin: "0 0",
          boxShadow: data.highlighted ? `0 0 0 ${CLUSTER_BASE / 30}px #f59e0b` : undefined,
        }}
      >
        <span
          className="max-w-[85%] font-semibold leading-tight"
          style={{ fontSize: CLUSTER_BASE / (label.length > LONG_CLUSTER_LABEL ? 10 : 8) }}
        >
          {label}
        </span>
        <span style={{ fontSize: CLUSTER_BASE / 14 }}>
          {t("network.cluster.count", { count: data.count })}
        </span>
        <span
          className="flex overflow-hidden rounded"
          aria-hidden="true"
          style={{ width: "60%", height: CLUSTER_BASE / 24 }}
        >
          {organisationTypes.map((type) => {
            const n = data.byType[type] ?? 0;
            return n > 0 ? (
              <span key={type} style={{ width: `${(100 * n) / total}%`, background: TYPE_COLOURS[type] }} />
            ) : null;
          })}
        </span>
        <span className="text-slate-700" style={{ fontSize: CLUSTER_BASE / 18 }}>
          {t("network.cluster.expand")}
        </span>
      </div>
    </div>
  );
}

function PartnershipNodeView({ data }: NodeProps<PartnershipFlowNode>) {
  const colour = TRUST_COLOURS[trustBand(data.trustIndex)];
  const glow = data.change ? `0 0 0 3px ${CHANGE_COLOURS[data.change]}` : undefined;
  return (
    <div
      className="relative"
      data-node-kind="partnership"
      data-node-id={data.id}
      data-highlighted={data.highlighted ? "true" : undefined}
      data-change={data.change ?? undefined}
      style={{ width: HUB_SIZE, height: HUB_SIZE }}
    >
      <div
        style={{
          width: HUB_SIZE,
          height: HUB_SIZE,
          background: colour,
          transform: "rotate(45deg)",
          border: data.highlighted ? "3px solid #f59e0b" : "2px solid #ffffff",
          boxShadow: glow,
        }}
      />
      <span className={labelClass}>{data.label}</span>
    </div>
  );
}

export const OrganisationNode = memo(OrganisationNodeView);
export const ClusterNode = memo(ClusterNodeView);
export const PartnershipNode = memo(PartnershipNodeView);

/** Defined once at module level: React Flow warns (and re-mounts) when nodeTypes changes identity. */
export const nodeTypes = {
  organisation: OrganisationNode,
  cluster: ClusterNode,
  partnership: PartnershipNode,
};
