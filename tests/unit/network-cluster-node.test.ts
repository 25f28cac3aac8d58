// The map's cluster node (app/components/network/nodes.tsx): drawn at one base size and scaled, so
// every cluster uses the same font sizes whatever its diameter (a font size per cluster and part
// made the browser set up dozens of sizes, some of hundreds of px, on the map's first layout).
import type { NodeProps } from "@xyflow/react";
import { createInstance } from "i18next";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { expect, test } from "vitest";
import {
  CLUSTER_BASE,
  nodeTypes,
  type ClusterFlowNode,
  type ClusterNodeData,
} from "~/components/network/nodes";
import { clusterDiameter } from "~/components/network/style";
import { i18nextOptions } from "~/i18n/config";

const i18n = createInstance(i18nextOptions).use(initReactI18next);
await i18n.init({ lng: "en" });

function render(
  count: number,
  where: Pick<ClusterNodeData, "countryCode" | "type"> = { countryCode: "NL", type: null },
): string {
  const data: ClusterNodeData = {
    kind: "cluster",
    id: `c:${count}`,
    label: where.countryCode ?? "none",
    ...where,
    count,
    byType: { cso: count },
    x: 0,
    y: 0,
    highlighted: false,
  };
  const props = { id: data.id, data } as unknown as NodeProps<ClusterFlowNode>;
  return renderToStaticMarkup(
    createElement(I18nextProvider, { i18n }, createElement(nodeTypes.cluster, props)),
  );
}

const fontSizes = (html: string) => [...html.matchAll(/font-size:\s*([\d.]+)px/g)].map((m) => Number(m[1]));

test("clusters of any size draw their text at the same font sizes, scaled to their diameter", () => {
  const small = render(1);
  const large = render(5000);
  expect(clusterDiameter(5000)).toBeGreaterThan(clusterDiameter(1) * 10);
  expect(fontSizes(small)).toHaveLength(3);
  expect(fontSizes(large)).toEqual(fontSizes(small));
  // The node's box has its own diameter (what React Flow is told it measures) ...
  expect(large).toContain(`width:${clusterDiameter(5000)}px;height:${clusterDiameter(5000)}px`);
  // ... and the drawing, at the base size, is scaled to it.
  expect(large).toContain(`scale(${clusterDiameter(5000) / CLUSTER_BASE})`);
  expect(small).toContain(`scale(${clusterDiameter(1) / CLUSTER_BASE})`);
  expect(large).toMatch(/5,?000 organisations/);
});

test("a long label is drawn a size smaller, so it stays inside the circle; a country code is not", () => {
  const country = fontSizes(render(40))[0];
  const international = render(40, { countryCode: null, type: null });
  const typeCluster = render(40, { countryCode: "NL", type: "local_authority" });
  expect(international).toContain(">International<");
  expect(fontSizes(international)[0]).toBeLessThan(country!);
  expect(fontSizes(typeCluster)[0]).toBe(fontSizes(international)[0]);
  // The smaller size is one more in all, not one per label.
  const sizes = new Set([render(1), render(5000), international, typeCluster].flatMap(fontSizes));
  expect(sizes.size).toBe(4);
});
