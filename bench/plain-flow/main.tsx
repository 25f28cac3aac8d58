// The benchmark's baseline: plain React Flow as its quick start writes it (controlled nodes and
// edges through useNodesState/useEdgesState), N default nodes at seeded random positions, 3N random
// edges, fitView, no level of detail, no custom nodes. N comes from the query string (?n=1000).
// It sets the same ready marker as the Trellis map, [data-testid="network-map"][data-map-ready="true"],
// once every node is measured and fitView has run.
import {
  ReactFlow,
  useEdgesState,
  useNodesInitialized,
  useNodesState,
  type Edge,
  type Node,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { plainGraph } from "../lib/plain-graph";

function ReadyMarker({ onReady }: { onReady: () => void }) {
  const initialised = useNodesInitialized();
  useEffect(() => {
    if (!initialised) return;
    // fitView runs once the nodes are measured: mark ready two frames later (after its paint).
    let inner = 0;
    const outer = requestAnimationFrame(() => {
      inner = requestAnimationFrame(onReady);
    });
    return () => {
      cancelAnimationFrame(outer);
      cancelAnimationFrame(inner);
    };
  }, [initialised, onReady]);
  return null;
}

function App({ n }: { n: number }) {
  const [initial] = useState(() => plainGraph(n));
  const [nodes, , onNodesChange] = useNodesState<Node>(initial.nodes);
  const [edges, , onEdgesChange] = useEdgesState<Edge>(initial.edges);
  const [ready, setReady] = useState(false);
  const markReady = useCallback(() => setReady(true), []);
  return (
    <div
      data-testid="network-map"
      data-map-ready={ready ? "true" : "false"}
      style={{ width: "100%", height: "100%" }}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        fitView
        minZoom={0.01}
      >
        <ReadyMarker onReady={markReady} />
      </ReactFlow>
    </div>
  );
}

const n = Math.max(1, Number(new URLSearchParams(window.location.search).get("n")) || 100);
const root = document.getElementById("root");
if (root) createRoot(root).render(<App n={n} />);
