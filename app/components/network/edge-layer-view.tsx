// The edge layer drawn inside React Flow's viewport (so it pans and zooms with the nodes), under
// every node, never in the way of the pointer. The same edges are listed in the table view.
import { ViewportPortal } from "@xyflow/react";
import { memo } from "react";
import type { EdgeLayer } from "./edge-layer";

function EdgeLayerSvg({ layer }: { layer: EdgeLayer }) {
  return (
    <ViewportPortal>
      <svg
        className="network-edge-layer"
        aria-hidden="true"
        data-testid="network-edge-layer"
        data-edge-count={layer.drawn}
      >
        {layer.strokes.map((stroke) => (
          <path
            key={stroke.key}
            d={stroke.d}
            fill="none"
            stroke={stroke.stroke}
            strokeWidth={stroke.width}
            strokeDasharray={stroke.dash ?? undefined}
            strokeOpacity={stroke.opacity}
          />
        ))}
        {layer.arrows.map((arrow) => (
          <path key={arrow.key} d={arrow.d} fill={arrow.fill} />
        ))}
      </svg>
    </ViewportPortal>
  );
}

export const EdgeLayerView = memo(EdgeLayerSvg);
