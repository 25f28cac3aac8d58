import { memo, useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { data, Link, useLocation, useNavigate, useRevalidator } from "react-router";
import { can, requirePermission } from "~/auth/permissions.server";
import { AnalyticsPanel as AnalyticsPanelView } from "~/components/network/analytics-panel";
import { FiltersForm as FiltersFormView } from "~/components/network/filters-form";
import { parseLayoutForm } from "~/components/network/layout-form";
import { HydrateLater } from "~/components/network/hydrate-later";
import { Legend as LegendView } from "~/components/network/legend";
import { MapSlot, useStableView } from "~/components/network/map-slot";
import type { LayoutAnswer, MapHandlers } from "~/components/network/network-map";
import { NetworkTable, tableSorts, type TableSort } from "~/components/network/network-table";
import type { OrganisationNodeData } from "~/components/network/nodes";
import { SidePanel } from "~/components/network/side-panel";
import { EmptyState } from "~/components/empty-state";
import { dbContext } from "~/db/context";
import { parseNetworkFilters } from "~/lib/network/filters";
import { pageTitle } from "~/lib/meta";
import { parsePageRequest } from "~/lib/pagination";
import { repeatedFields } from "~/lib/validation/form-data";
import { getInstance } from "~/middleware/i18next";
import { loadNetworkTable, resetLayout, saveLayout } from "~/models/network.server";
import { loadNetworkMapPage, loadNetworkTablePageCommon, mapViewOnce } from "~/models/network-page.server";
import type { Route } from "./+types/network";

// Anyone signed in sees the map (or its table); coordinators also save and reset its layout.
export async function loader({ context, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "network:read");
  const db = context.get(dbContext);
  const { filters, errors } = parseNetworkFilters(url.searchParams);
  const mode: "map" | "table" = url.searchParams.get("view") === "table" ? "table" : "map";
  const title = getInstance(context).t("network.title");
  // The analytics, the filters' countries and events, and (map mode) the view: one statement when
  // the network snapshot is cached (models/network-page.server.ts).
  const { analytics, countries, events, view } =
    mode === "table"
      ? { ...(await loadNetworkTablePageCommon(db)), view: null }
      : await loadNetworkMapPage(db, filters);
  const common = {
    title,
    mode,
    filters,
    errors,
    countries,
    analytics,
    events,
    canEditLayout: can(user, "layout:write"),
    canExport: can(user, "export:run"),
  };
  if (view === null) {
    const rawSort = url.searchParams.get("sort");
    const sort: TableSort = tableSorts.includes(rawSort as TableSort) ? (rawSort as TableSort) : "name";
    const dir = url.searchParams.get("dir") === "desc" ? "desc" : "asc";
    const { page } = parsePageRequest(url.searchParams);
    const table = await loadNetworkTable(db, filters, { sort, dir, page });
    return {
      ...common,
      sort,
      dir,
      table,
      names: table.names,
      view: null,
      partnerships: [] as { id: string; name: string }[],
    } as const;
  }
  return {
    ...common,
    sort: "name" as TableSort,
    dir: "asc" as const,
    table: null,
    names: {} as Record<string, string>,
    // Made once per cached view (the same object while data, layout and filters are unchanged).
    view: mapViewOnce(view),
    partnerships: view.partnerships,
  } as const;
}

// Intents: save-layout (positions as JSON + the layout version it started from), relayout.
export async function action({ request, context, url }: Route.ActionArgs) {
  const user = requirePermission(context, url, "layout:write");
  const db = context.get(dbContext);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "save-layout") {
    const parsed = parseLayoutForm(form);
    // A name sent twice (positions, version) is as malformed as a bad value (issue 9).
    if (!parsed.ok || repeatedFields(form).length > 0) {
      return data<LayoutAnswer>({ ok: false, intent, error: "invalid" }, { status: 400 });
    }
    const result = await saveLayout(db, user, parsed.positions, parsed.version);
    if (!result.ok) {
      return data<LayoutAnswer>(
        { ok: false, intent, error: result.reason },
        { status: result.reason === "stale" ? 409 : 400 },
      );
    }
    return data<LayoutAnswer>({ ok: true, intent, error: null });
  }
  if (intent === "relayout") {
    await resetLayout(db, user);
    return data<LayoutAnswer>({ ok: true, intent, error: null });
  }
  return data<LayoutAnswer>({ ok: false, intent: null, error: "invalid" }, { status: 400 });
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

/** The data exports of the current view (same query string), served by /export/*. */
const EXPORT_FILES = [
  { file: "network.gexf", key: "gexf" },
  { file: "network.json", key: "json" },
  { file: "network.nodes.csv", key: "nodesCsv" },
  { file: "network.edges.csv", key: "edgesCsv" },
] as const;

/** Betweenness is computed off the request path: ask again every few seconds until it is ready. */
const ANALYTICS_POLL_MS = 3000;

export default function Network({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const {
    mode,
    filters,
    errors,
    countries,
    analytics,
    canEditLayout,
    view,
    table,
    names,
    sort,
    dir,
    partnerships,
  } = loaderData;

  const computing = analytics.betweenness === null || analytics.betweenness.status === "computing";
  useEffect(() => {
    if (!computing) return;
    const timer = setTimeout(() => {
      if (revalidator.state === "idle") void revalidator.revalidate();
    }, ANALYTICS_POLL_MS);
    return () => clearTimeout(timer);
  }, [computing, analytics, revalidator]);

  const [panelId, setPanelId] = useState<string | null>(null);
  const closePanel = useCallback(() => {
    setPanelId((current) => {
      if (current) {
        // Back to the node the panel was opened from.
        requestAnimationFrame(() =>
          document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(current)}"]`)?.focus(),
        );
      }
      return null;
    });
  }, []);

  const withParams = useCallback(
    (change: (params: URLSearchParams) => void) => {
      const params = new URLSearchParams(location.search);
      change(params);
      return `${location.pathname}?${params.toString()}`;
    },
    [location.pathname, location.search],
  );
  const handlers: MapHandlers = useMemo(
    () => ({
      onOpenOrganisation: (id) => setPanelId(id),
      onExpandCluster: (id) =>
        void navigate(
          withParams((params) => {
            if (!params.getAll("expand").includes(id)) params.append("expand", id);
          }),
        ),
      onSelectPartnership: (partnershipId) =>
        void navigate(withParams((params) => params.set("partnership", partnershipId))),
    }),
    [navigate, withParams],
  );

  // A revalidation (analytics polling, a saved layout elsewhere) sends an equal view: keep the old
  // object so the map keeps its nodes, viewport and unsaved moves.
  const stableView = useStableView(view);
  const panelNode = useMemo(() => {
    const node = stableView?.nodes.find((n) => n.id === panelId);
    return node && node.kind === "organisation" ? (node as OrganisationNodeData) : null;
  }, [stableView, panelId]);
  const trustByPartnership = useMemo(
    () =>
      new Map(
        (stableView?.nodes ?? []).flatMap((node) =>
          node.kind === "partnership" ? [[node.partnershipId, node.trustIndex] as const] : [],
        ),
      ),
    [stableView],
  );

  const mapParams = withParams((params) => {
    params.delete("view");
    params.delete("sort");
    params.delete("dir");
    params.delete("page");
  });
  const tableParams = withParams((params) => {
    params.set("view", "table");
    params.delete("page");
  });
  const exportQuery = new URLSearchParams(location.search);
  for (const key of ["view", "sort", "dir", "page"]) exportQuery.delete(key);
  const exportSuffix = exportQuery.toString() ? `?${exportQuery.toString()}` : "";

  const total = mode === "table" ? (table?.total ?? 0) : (view?.organisationCount ?? 0);
  const noData = analytics.organisationCount === 0;
  // On the map, the rest of the page hydrates once the map is ready (hydrate-later.tsx).
  const holdForMap = mode === "map" && stableView !== null;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("network.title")}</h1>
        <p className="text-sm text-slate-700">{t("network.count", { count: total })}</p>
      </div>
      <nav aria-label={t("network.views")} className="flex gap-2">
        <Link
          to={mapParams}
          aria-current={mode === "map" ? "page" : undefined}
          className={`rounded px-3 py-1.5 text-sm font-medium ${mode === "map" ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100"}`}
        >
          {t("network.map.tab")}
        </Link>
        <Link
          to={tableParams}
          aria-current={mode === "table" ? "page" : undefined}
          className={`rounded px-3 py-1.5 text-sm font-medium ${mode === "table" ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100"}`}
        >
          {t("network.table.tab")}
        </Link>
      </nav>

      {noData ? (
        <EmptyState>
          <p>{t("network.empty.text")}</p>
          {canEditLayout ? (
            <Link to="/organisations/new" className="mt-2 inline-block text-brand-700 underline">
              {t("network.empty.create")}
            </Link>
          ) : null}
        </EmptyState>
      ) : (
        <>
          <HydrateLater hold={holdForMap}>
            <FiltersForm
              filters={filters}
              errors={errors}
              countries={countries}
              partnerships={partnerships}
              events={loaderData.events}
              view={mode}
              searchMatches={view ? view.searchMatches : null}
            />
          </HydrateLater>

          {mode === "table" && table ? (
            <NetworkTable table={table} sort={sort} dir={dir} names={names} />
          ) : stableView ? (
            <>
              {stableView.expandRefused.length > 0 ? (
                <p
                  role="alert"
                  className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900"
                >
                  {t("network.map.expandRefused", { count: stableView.expandRefused.length })}
                </p>
              ) : null}
              {stableView.hubsLeftOut.length > 0 ? (
                <p
                  role="status"
                  data-testid="hubs-left-out"
                  className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900"
                >
                  {t("network.map.hubsLeftOut", { count: stableView.hubsLeftOut.length })}
                </p>
              ) : null}
              <div className="flex flex-col gap-4 lg:flex-row">
                <div className="min-w-0 flex-1">
                  <MapSlot
                    view={stableView}
                    canEditLayout={canEditLayout}
                    handlers={handlers}
                    tableParams={tableParams}
                  />
                  <HydrateLater hold={holdForMap}>
                    <p className="mt-2 text-sm text-slate-700">
                      {t("network.map.help")}{" "}
                      <Link to={tableParams} className="text-brand-700 underline">
                        {t("network.map.tableLink")}
                      </Link>
                    </p>
                  </HydrateLater>
                </div>
                {panelId ? (
                  <SidePanel
                    organisationId={panelId}
                    node={panelNode}
                    analytics={analytics}
                    trustByPartnership={trustByPartnership}
                    onClose={closePanel}
                  />
                ) : null}
              </div>
            </>
          ) : null}
          <HydrateLater hold={holdForMap}>
            {loaderData.canExport ? (
              <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
                <summary className="cursor-pointer font-semibold">{t("network.exports.title")}</summary>
                <ul className="mt-2 flex flex-wrap gap-4">
                  {EXPORT_FILES.map(({ file, key }) => (
                    <li key={file}>
                      <a
                        href={`/export/${file}${exportSuffix}`}
                        className="text-brand-700 underline"
                        download
                      >
                        {t(`network.exports.${key}`)}
                      </a>
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
            <Legend />
            <AnalyticsPanel analytics={analytics} />
          </HydrateLater>
        </>
      )}
    </div>
  );
}

// The page re-renders when the side panel opens or the map reports a change: these parts depend on
// the loader's data only.
const AnalyticsPanel = memo(AnalyticsPanelView);
const FiltersForm = memo(FiltersFormView);
const Legend = memo(LegendView);
