import { useTranslation } from "~/i18n/use-translation";
import { Link, Outlet } from "react-router";
import { PilotStatusBadge } from "~/components/pilots/pilot-status-badge";
import { TabNav } from "~/components/tab-nav";
import { readablePilot } from "~/lib/pilot-access.server";
import type { Route } from "./+types/pilots.$id";

/** The tabs of a pilot, as child routes (keep in step with app/routes.ts). */
export const pilotTabs = [
  { to: "", key: "pilot.tabs.overview", end: true },
  { to: "milestones", key: "pilot.tabs.milestones", end: false },
  { to: "outcomes", key: "pilot.tabs.outcomes", end: false },
  { to: "funding", key: "pilot.tabs.funding", end: false },
  { to: "documents", key: "pilot.tabs.documents", end: false },
  { to: "edit", key: "pilot.tabs.edit", end: false },
] as const;

export async function loader({ context, params, url }: Route.LoaderArgs) {
  // canEdit only shows the edit tab (also for an archived pilot, to restore it there): every tab's
  // action checks the scope again itself.
  const { pilot, inScope } = await readablePilot(context, url, params.id);
  return { pilot, canEdit: inScope };
}

/** The layout's data, for the tabs: `useRouteLoaderData<PilotLayoutData>("routes/pilots.$id")`. */
export type PilotLayoutData = Awaited<ReturnType<typeof loader>>;

export default function PilotLayout({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { pilot, canEdit } = loaderData;
  const tabs = canEdit ? pilotTabs : pilotTabs.filter((tab) => tab.to !== "edit");
  return (
    <>
      <nav aria-label={t("pilot.breadcrumb")} className="text-sm">
        <Link to={`/municipalities/${pilot.municipalityId}`} className="text-brand-700 underline">
          {pilot.municipalityName}
        </Link>
      </nav>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{pilot.name}</h1>
        <PilotStatusBadge status={pilot.status} />
        {pilot.archivedAt ? (
          <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-800">
            {t("pilot.archived")}
          </span>
        ) : null}
      </div>
      <TabNav tabs={tabs} label={t("pilot.tabs.label")} />
      <div className="mt-6">
        <Outlet />
      </div>
    </>
  );
}
