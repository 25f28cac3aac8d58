import { useTranslation } from "~/i18n/use-translation";
import { data, Link, Outlet } from "react-router";
import { requirePermission } from "~/auth/permissions.server";
import { PartnershipStatusBadge } from "~/components/status-badge";
import { dbContext } from "~/db/context";
import { TabNav } from "~/components/tab-nav";
import { SignalBadges } from "~/components/partnerships/signals";
import { loadPartnershipHeader } from "~/models/partnership-overview.server";
import type { Route } from "./+types/partnerships.$id";

/** The tabs of a partnership, as child routes (keep in step with app/routes.ts). */
export const partnershipTabs = [
  { to: "", key: "partnership.tabs.overview", end: true },
  { to: "members", key: "partnership.tabs.members", end: false },
  { to: "objectives", key: "partnership.tabs.objectives", end: false },
  { to: "funding", key: "partnership.tabs.funding", end: false },
  { to: "risks", key: "partnership.tabs.risks", end: false },
  { to: "health", key: "partnership.tabs.health", end: false },
  { to: "documents", key: "partnership.tabs.documents", end: false },
  { to: "history", key: "partnership.tabs.history", end: false },
] as const;

// The heading and signals of every tab: one query, built once per database handle (the header's
// fields and its signals' inputs together); 404 for an unknown or malformed id.
export async function loader({ context, params, url }: Route.LoaderArgs) {
  requirePermission(context, url, "partnership:read");
  const header = await loadPartnershipHeader(context.get(dbContext), params.id);
  if (!header) throw data(null, { status: 404, statusText: "Not Found" });
  const { partnership, signals } = header;
  return { partnership, signals };
}

export default function PartnershipLayout({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { partnership, signals } = loaderData;
  return (
    <>
      <p className="text-sm">
        <Link to="/partnerships" className="text-brand-700 underline">
          {t("partnership.backToList")}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{partnership.name}</h1>
        <PartnershipStatusBadge status={partnership.status} />
        {partnership.archivedAt ? (
          <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-800">
            {t("partnership.archived")}
          </span>
        ) : null}
      </div>
      {signals ? (
        <div className="mt-2">
          <SignalBadges signals={signals} />
        </div>
      ) : null}
      <TabNav tabs={partnershipTabs} label={t("partnership.tabs.label")} />
      <div className="mt-6">
        <Outlet />
      </div>
    </>
  );
}
