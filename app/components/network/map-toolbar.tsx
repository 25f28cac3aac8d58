// The map's toolbar: image exports, and for coordinators the layout forms (save the dragged
// positions, go back to the computed layout) with their answers.
import { useFetcher } from "react-router";
import { useTranslation } from "~/i18n/use-translation";
import type { MapView } from "~/lib/network/types";
import type { LayoutAnswer } from "./network-map";

export function MapToolbar({
  view,
  canEditLayout,
  moved,
  movedCount,
  onExport,
}: {
  view: MapView;
  canEditLayout: boolean;
  moved: Record<string, { x: number; y: number }>;
  movedCount: number;
  onExport: (format: "png" | "svg") => Promise<void>;
}) {
  const { t } = useTranslation();
  const save = useFetcher<LayoutAnswer>({ key: "network-save-layout" });
  const relayout = useFetcher<LayoutAnswer>({ key: "network-relayout" });
  const answer = save.data ?? relayout.data;
  const buttonClass =
    "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-50";
  return (
    <div className="network-toolbar flex flex-wrap items-center gap-2">
      <button type="button" className={buttonClass} onClick={() => void onExport("png")}>
        {t("network.exportImage.png")}
      </button>
      <button type="button" className={buttonClass} onClick={() => void onExport("svg")}>
        {t("network.exportImage.svg")}
      </button>
      {canEditLayout ? (
        <>
          <save.Form method="post" className="inline">
            <input type="hidden" name="intent" value="save-layout" />
            <input type="hidden" name="positions" value={JSON.stringify(moved)} />
            <input type="hidden" name="version" value={view.layout.version ?? ""} />
            <button
              type="submit"
              className="rounded bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-50"
              disabled={movedCount === 0 || save.state !== "idle"}
            >
              {t("network.layout.save", { count: movedCount })}
            </button>
          </save.Form>
          <relayout.Form
            method="post"
            className="inline"
            onSubmit={(event) => {
              if (!window.confirm(t("network.layout.relayoutConfirm"))) event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="relayout" />
            <button type="submit" className={buttonClass} disabled={relayout.state !== "idle"}>
              {t("network.layout.relayout")}
            </button>
          </relayout.Form>
          <span className="text-xs text-slate-700">
            {view.layout.saved ? t("network.layout.savedLayout") : t("network.layout.computedLayout")}
          </span>
        </>
      ) : null}
      <p role="status" className="text-sm">
        {answer?.error === "stale" ? (
          <span className="text-red-700">{t("network.layout.stale")}</span>
        ) : answer?.error === "invalid" ? (
          <span className="text-red-700">{t("network.layout.invalid")}</span>
        ) : answer?.ok && answer.intent === "save-layout" && save.state === "idle" ? (
          <span className="text-green-800">{t("network.layout.saved")}</span>
        ) : null}
      </p>
    </div>
  );
}
