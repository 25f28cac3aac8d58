// The map's one custom edge, memoised: a straight line centre to centre, styled by what it stands
// for (shared partnerships, a direct relationship, a membership of a hub), with a <title> so its
// meaning shows on hover.
import { getStraightPath, type Edge, type EdgeProps } from "@xyflow/react";
import { memo } from "react";

export interface NetworkEdgeData extends Record<string, unknown> {
  /** The hover text (already translated). */
  title: string;
  /** How far to stop short of the target's centre (so an arrow shows outside the node). */
  targetInset: number;
  /** Colour of a "changes since" glow drawn under the line. */
  glow: string | null;
}

export type NetworkFlowEdge = Edge<NetworkEdgeData, "network">;

function NetworkEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  style,
  markerEnd,
  data,
}: EdgeProps<NetworkFlowEdge>) {
  let tx = targetX;
  let ty = targetY;
  const inset = data?.targetInset ?? 0;
  if (inset > 0) {
    const dx = targetX - sourceX;
    const dy = targetY - sourceY;
    const length = Math.hypot(dx, dy);
    if (length > inset * 2) {
      tx = targetX - (dx / length) * inset;
      ty = targetY - (dy / length) * inset;
    }
  }
  const [path] = getStraightPath({ sourceX, sourceY, targetX: tx, targetY: ty });
  const width = typeof style?.strokeWidth === "number" ? style.strokeWidth : 1;
  return (
    <>
      {data?.glow ? (
        <path d={path} fill="none" stroke={data.glow} strokeOpacity={0.35} strokeWidth={width + 6} />
      ) : null}
      {/* One path per edge (no wider invisible hit path): cheaper to paint while panning. */}
      <path
        id={id}
        d={path}
        fill="none"
        className="react-flow__edge-path"
        style={style}
        markerEnd={markerEnd}
      >
        {data?.title ? <title>{data.title}</title> : null}
      </path>
    </>
  );
}

export const NetworkEdge = memo(NetworkEdgeView);

export const edgeTypes = { network: NetworkEdge };
