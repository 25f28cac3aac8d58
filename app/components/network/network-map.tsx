// The React Flow canvas of the network map. Rendered in the browser only (the page shows a
// placeholder on the server). Nodes and edges come memoised from the loader's view; coordinators
// drag organisations and save the layout; PNG/SVG of the current view.
import {
  applyNodeChanges,
  Controls,
  type AriaLabelConfig,
  ReactFlow,
  type NodeChange,
  type NodeMouseHandler,
  type OnMove,
  type OnNodeDrag,
  type ReactFlowInstance,
  type ReactFlowState,
  useReactFlow,
  useStore,
  useStoreApi,
  type Viewport,
} from "@xyflow/react";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import type { MapView } from "~/lib/network/types";
import { toEdgeLayer, type EdgeLayer } from "./edge-layer";
import { EdgeLayerView } from "./edge-layer-view";
import { releaseHeldHydration } from "./hydrate-later";
import { MapToolbar } from "./map-toolbar";
import { fittedViewport, MAP_ZOOM, nodeAnchors, toFlowNodes, toLayoutUnits, type PaneSize } from "./flow";
import { nodeTypes, type FlowNode } from "./nodes";

export interface MapHandlers {
  onOpenOrganisation: (id: string) => void;
  onExpandCluster: (id: string) => void;
  onSelectPartnership: (partnershipId: string) => void;
}

/** What the page's action answers to the layout forms. */
export interface LayoutAnswer {
  ok: boolean;
  intent: "save-layout" | "relayout" | null;
  /** An i18n key under network.layout.* when refused. */
  error: "stale" | "invalid" | null;
}

/** Edges are not React Flow edges: they are drawn by the edge layer (see edge-layer.ts). */
const NO_EDGES: never[] = [];

/**
 * Props React Flow gets, defined once: its store updater compares each prop by identity, and a new
 * array or object on every render of the map would set it in the store again (nodeOrigin makes it
 * recompute every node's internals).
 */
const NODE_ORIGIN: [number, number] = [0.5, 0.5];

/** Zoom below which organisation labels are hidden (11 px text is under 5 px there). */
export const LABELS_FROM_ZOOM = 0.45;

const EXPORT_EXCLUDED = [
  "react-flow__controls",
  "react-flow__minimap",
  "react-flow__attribution",
  "network-toolbar",
];

function download(dataUrl: string, filename: string) {
  const a = document.createElement("a");
  a.href = dataUrl;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function NetworkMap({
  view,
  canEditLayout,
  handlers,
  pane = null,
}: {
  view: MapView;
  canEditLayout: boolean;
  handlers: MapHandlers;
  /** The pane's size measured before React Flow mounts (the placeholder's): it starts fitted. */
  pane?: PaneSize | null;
}) {
  const { t } = useTranslation();
  const wrapperRef = useRef<HTMLDivElement>(null);
  const instanceRef = useRef<ReactFlowInstance<FlowNode> | null>(null);

  const initialNodes = useMemo(
    () => toFlowNodes(view.nodes, t, { draggable: canEditLayout }),
    [view.nodes, t, canEditLayout],
  );
  const kinds = useMemo(() => new Map(view.nodes.map((node) => [node.id, node])), [view.nodes]);

  // Controlled nodes (dragging moves them), reset whenever the loader sends new ones.
  const [source, setSource] = useState(initialNodes);
  const [nodes, setNodes] = useState<FlowNode[]>(initialNodes);
  const [moved, setMoved] = useState<Record<string, { x: number; y: number }>>({});
  // React Flow reads its default viewport once, when it mounts: the first nodes fitted to the pane.
  const [startViewport] = useState(() =>
    pane ? fittedViewport(initialNodes, pane, NODE_ORIGIN) : undefined,
  );
  if (source !== initialNodes) {
    setSource(initialNodes);
    setNodes(initialNodes);
    setMoved({});
  }
  // Edges follow the nodes' current positions (a dragged node takes its edges along).
  const edgeLayer = useMemo(() => toEdgeLayer(view.edges, nodeAnchors(nodes)), [view.edges, nodes]);
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => setNodes((current) => applyNodeChanges(changes, current)),
    [],
  );
  const onNodeDragStop: OnNodeDrag<FlowNode> = useCallback((_event, _node, dragged) => {
    setMoved((current) => {
      const next = { ...current };
      for (const node of dragged) {
        next[node.id] = toLayoutUnits(node.position);
      }
      return next;
    });
  }, []);

  const activate = useCallback(
    (id: string) => {
      const node = kinds.get(id);
      if (!node) return;
      if (node.kind === "organisation") handlers.onOpenOrganisation(id);
      else if (node.kind === "cluster") handlers.onExpandCluster(id);
      else handlers.onSelectPartnership(node.partnershipId);
    },
    [kinds, handlers],
  );
  const onNodeClick: NodeMouseHandler<FlowNode> = useCallback(
    (_event, node) => activate(node.id),
    [activate],
  );
  // React Flow's onNodeClick does not fire on Enter: the focused node wrapper carries data-id.
  useEffect(() => {
    const wrapper = wrapperRef.current;
    if (!wrapper) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Enter") return;
      const target = event.target;
      if (!(target instanceof HTMLElement) || !target.classList.contains("react-flow__node")) return;
      const id = target.getAttribute("data-id");
      if (id) {
        event.preventDefault();
        activate(id);
      }
    };
    wrapper.addEventListener("keydown", onKeyDown);
    return () => wrapper.removeEventListener("keydown", onKeyDown);
  }, [activate]);

  // Ready: React Flow initialised (its pane set up and the first data fitted) and a frame painted
  // with the current nodes.
  const [initialised, setInitialised] = useState(false);
  const [readyFor, setReadyFor] = useState<FlowNode[] | null>(null);
  const ready = initialised && readyFor === initialNodes;
  const onFitted = useCallback((instance: ReactFlowInstance<FlowNode>) => {
    instanceRef.current = instance;
    setInitialised(true);
  }, []);
  useEffect(() => {
    if (!initialised) return;
    // The next frame's animation callbacks run before that frame's style, layout and paint; a message
    // posted from there is handled right after them: the frame with these nodes is out (a second
    // requestAnimationFrame would wait a whole frame longer for the same guarantee).
    let cancelled = false;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      if (!cancelled) setReadyFor(initialNodes);
    };
    const frame = requestAnimationFrame(() => channel.port2.postMessage(null));
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      channel.port1.close();
    };
  }, [initialised, initialNodes]);

  // Ready: the parts of the page held back from hydrating until now may hydrate (hydrate-later.tsx).
  useEffect(() => {
    if (ready) releaseHeldHydration();
  }, [ready]);

  // New data: fit it; a search result: zoom onto it. The first data is already fitted (the start
  // viewport, or React Flow's fitView prop when the pane's size was not known): fitting it again here
  // would only redo that work.
  const focusId = view.focusId;
  const fittedRef = useRef<FlowNode[] | null>(null);
  useEffect(() => {
    const instance = instanceRef.current;
    if (!initialised || !instance) return;
    const first = fittedRef.current === null;
    fittedRef.current = initialNodes;
    if (focusId && initialNodes.some((node) => node.id === focusId)) {
      void instance.fitView({ nodes: [{ id: focusId }], maxZoom: 1.2 });
    } else if (!first) {
      void instance.fitView();
    }
  }, [initialised, initialNodes, focusId]);

  const exportImage = useCallback(async (format: "png" | "svg") => {
    const element = wrapperRef.current?.querySelector<HTMLElement>(".react-flow");
    if (!element) return;
    const { toPng, toSvg } = await import("html-to-image");
    const options = {
      backgroundColor: "#ffffff",
      filter: (node: HTMLElement) =>
        !(node.classList && EXPORT_EXCLUDED.some((name) => node.classList.contains(name))),
    };
    const dataUrl = format === "png" ? await toPng(element, options) : await toSvg(element, options);
    download(dataUrl, `trellis-network.${format}`);
  }, []);

  // Level of detail by zoom: below LABELS_FROM_ZOOM organisation labels (unreadable there) are
  // hidden by a class on the wrapper, so no node re-renders; state changes only at the threshold.
  const [zoomedOut, setZoomedOut] = useState(false);
  const onMove: OnMove = useCallback((_event, viewport) => {
    setZoomedOut(viewport.zoom < LABELS_FROM_ZOOM);
  }, []);

  const ariaLabelConfig: Partial<AriaLabelConfig> = useMemo(
    () => ({
      "node.a11yDescription.default": t("network.map.a11yNode"),
      "node.a11yDescription.keyboardDisabled": t("network.map.a11yNode"),
      "controls.ariaLabel": t("network.map.controls"),
      "controls.zoomIn.ariaLabel": t("network.map.zoomIn"),
      "controls.zoomOut.ariaLabel": t("network.map.zoomOut"),
      "controls.fitView.ariaLabel": t("network.map.fitView"),
    }),
    [t],
  );

  const movedCount = Object.keys(moved).length;
  return (
    <div className="space-y-2">
      <MapToolbar
        view={view}
        canEditLayout={canEditLayout}
        moved={moved}
        movedCount={movedCount}
        onExport={exportImage}
      />
      <div
        ref={wrapperRef}
        data-testid="network-map"
        data-map-ready={ready ? "true" : "false"}
        data-node-count={view.nodes.length}
        data-zoomed-out={zoomedOut ? "true" : undefined}
        className="network-map h-[70vh] min-h-[420px] rounded-lg border border-slate-200 bg-white"
      >
        <FlowCanvas
          nodes={nodes}
          edgeLayer={edgeLayer}
          canEditLayout={canEditLayout}
          onNodesChange={onNodesChange}
          onNodeClick={onNodeClick}
          onNodeDragStop={onNodeDragStop}
          onFitted={onFitted}
          onMove={onMove}
          ariaLabelConfig={ariaLabelConfig}
          startViewport={startViewport}
          pane={pane}
        />
      </div>
    </div>
  );
}

/**
 * React Flow and what it draws. Memoised: the map's own state changes (ready, labels hidden when
 * zoomed out, moved nodes counted for the toolbar) re-render the wrapper, not React Flow.
 */
const FlowCanvas = memo(function FlowCanvas({
  nodes,
  edgeLayer,
  canEditLayout,
  onNodesChange,
  onNodeClick,
  onNodeDragStop,
  onFitted,
  onMove,
  ariaLabelConfig,
  startViewport,
  pane,
}: {
  nodes: FlowNode[];
  edgeLayer: EdgeLayer;
  canEditLayout: boolean;
  onNodesChange: (changes: NodeChange<FlowNode>[]) => void;
  onNodeClick: NodeMouseHandler<FlowNode>;
  onNodeDragStop: OnNodeDrag<FlowNode>;
  onFitted: (instance: ReactFlowInstance<FlowNode>) => void;
  onMove: OnMove;
  ariaLabelConfig: Partial<AriaLabelConfig>;
  startViewport: Viewport | undefined;
  pane: PaneSize | null;
}) {
  return (
    <ReactFlow<FlowNode>
      nodes={nodes}
      edges={NO_EDGES}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onNodeClick={onNodeClick}
      onNodeDragStop={onNodeDragStop}
      onMove={onMove}
      nodeOrigin={NODE_ORIGIN}
      // Not onlyRenderVisibleElements: the view holds at most ~500 organisation nodes, and
      // culling re-renders the node and edge lists on every pan/zoom frame (slower here).
      minZoom={MAP_ZOOM.min}
      maxZoom={MAP_ZOOM.max}
      // Fitted from the start when the pane's size was known before mounting (no frame drawn at
      // the default viewport, no fit queued for a later frame); otherwise React Flow fits itself.
      defaultViewport={startViewport}
      fitView={startViewport === undefined}
      nodesDraggable={canEditLayout}
      nodesConnectable={false}
      nodesFocusable
      edgesFocusable={false}
      elementsSelectable
      deleteKeyCode={null}
      selectionKeyCode={null}
      multiSelectionKeyCode={null}
      zoomOnDoubleClick={false}
      ariaLabelConfig={ariaLabelConfig}
    >
      <EdgeLayerView layer={edgeLayer} />
      <FittedProbe onFitted={onFitted} pane={pane} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
});

const fittedSelector = (state: ReactFlowState) =>
  state.panZoom !== null && state.nodesInitialized && !state.fitViewQueued;

/**
 * Inside React Flow: hands the map React Flow's instance once its pane (pan and zoom) is set up and
 * the first data is fitted (the fitView prop), in the effects of that very commit. React Flow's
 * onInit comes a timer task later, once the pane is set up, whether or not the view is fitted yet.
 */
const FittedProbe = memo(function FittedProbe({
  onFitted,
  pane,
}: {
  onFitted: (instance: ReactFlowInstance<FlowNode>) => void;
  pane: PaneSize | null;
}) {
  const fitted = useStore(fittedSelector);
  const store = useStoreApi<FlowNode>();
  const instance = useReactFlow<FlowNode>();
  const reported = useRef(false);
  useEffect(() => {
    if (!fitted || reported.current) return;
    reported.current = true;
    // Started fitted to a pane of another size than React Flow measured (the page's layout moved
    // in between): fit again, at once (no animation), before saying so.
    const { width, height } = store.getState();
    if (pane && (pane.width !== width || pane.height !== height)) void instance.fitView();
    onFitted(instance);
  }, [fitted, instance, onFitted, pane, store]);
  return null;
});
