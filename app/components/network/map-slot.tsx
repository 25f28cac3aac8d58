// The map's place on the network page: a placeholder on the server and while the page hydrates,
// React Flow right after; and the view kept stable across revalidations that change nothing.
import { useLayoutEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "~/i18n/use-translation";
import type { MapView } from "~/lib/network/types";
import type { PaneSize } from "./flow";
import { NetworkMap, type MapHandlers } from "./network-map";

/**
 * React Flow renders in the browser only: a placeholder on the server and while hydrating, the map
 * right after. Only this slot re-renders when hydration ends, not the whole page. The placeholder
 * has the map's size: measured before the map replaces it (in the same task, before a paint), React
 * Flow starts with the nodes fitted to it.
 */
export function MapSlot({
  view,
  canEditLayout,
  handlers,
  tableParams,
}: {
  view: MapView;
  canEditLayout: boolean;
  handlers: MapHandlers;
  tableParams: string;
}) {
  const { t } = useTranslation();
  const placeholder = useRef<HTMLDivElement>(null);
  const [pane, setPane] = useState<PaneSize | null>(null);
  useLayoutEffect(() => {
    const element = placeholder.current;
    if (element) setPane({ width: element.clientWidth, height: element.clientHeight });
  }, []);
  if (pane) return <NetworkMap view={view} canEditLayout={canEditLayout} handlers={handlers} pane={pane} />;
  return (
    <div
      ref={placeholder}
      data-testid="network-map-placeholder"
      className="flex h-[70vh] min-h-[420px] flex-col items-center justify-center gap-2 rounded-lg border border-slate-200 bg-white text-slate-700"
    >
      <p>{t("network.map.loading", { count: view.nodes.length })}</p>
      <Link to={tableParams} className="text-brand-700 underline">
        {t("network.map.tableLink")}
      </Link>
    </div>
  );
}

/** The same view object while nothing that shapes the map changed (data, layout, filters). */
export function useStableView(view: MapView | null): MapView | null {
  const [kept, setKept] = useState(view);
  const signature = (v: MapView | null) =>
    v
      ? `${v.dataVersion}|${v.layout.version ?? ""}|${v.layout.updatedAt ?? ""}|${JSON.stringify(v.filters)}`
      : "";
  if (kept !== view && signature(kept) !== signature(view)) {
    setKept(view);
    return view;
  }
  return kept;
}
