import { useTranslation } from "~/i18n/use-translation";
import { data, Link } from "react-router";
import { canOn, requirePermission } from "~/auth/permissions.server";
import {
  MilestonesSection,
  PartnershipsSection,
  PilotsSection,
} from "~/components/municipalities/municipality-sections";
import { PilotAlerts } from "~/components/pilots/milestones-alerts";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { loadMunicipalityPage, UPCOMING_DAYS } from "~/models/municipalities.server";
import type { Route } from "./+types/municipalities.$id";

// Anyone signed in: the municipality, its local authority and that authority's partnerships, its
// pilots, their open milestones and alerts. "New pilot" only for those who may create one here:
// coordinators, and municipal officials whose scope includes the municipality.
export async function loader({ context, params, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "municipality:read");
  const db = context.get(dbContext);
  const page = await loadMunicipalityPage(db, params.id);
  if (!page) throw data(null, { status: 404, statusText: "Not Found" });
  const canCreatePilot =
    page.municipality.archivedAt === null &&
    canOn(user, "pilot:write:in-scope", { municipalityId: page.municipality.id });
  return { ...page, title: page.municipality.name, canCreatePilot, upcomingDays: UPCOMING_DAYS };
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function MunicipalityPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const {
    municipality,
    partnerships,
    pilots,
    overdue,
    upcoming,
    overdueTotal,
    upcomingTotal,
    alerts,
    canCreatePilot,
    upcomingDays,
  } = loaderData;
  const pilotNames = Object.fromEntries(pilots.map((pilot) => [pilot.id, pilot.name]));
  return (
    <>
      <p className="text-sm">
        <Link to="/municipalities" className="text-brand-700 underline">
          {t("municipalities.page.backToList")}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{municipality.name}</h1>
        {municipality.archivedAt ? (
          <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-800">
            {t("municipalities.page.archived")}
          </span>
        ) : null}
      </div>
      <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium text-slate-700">{t("municipalities.page.country")}</dt>
        <dd>
          {municipality.countryCode}
          {municipality.region ? ` · ${municipality.region}` : null}
        </dd>
        <dt className="font-medium text-slate-700">{t("municipalities.page.localAuthority")}</dt>
        <dd>
          {municipality.organisationId && municipality.organisationName ? (
            <Link to={`/organisations/${municipality.organisationId}`} className="text-brand-700 underline">
              {municipality.organisationName}
            </Link>
          ) : (
            t("municipalities.page.noAuthority")
          )}
        </dd>
      </dl>
      {canCreatePilot ? (
        <p className="mt-4">
          <Link
            to={`/municipalities/${municipality.id}/pilots/new`}
            className="rounded bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800"
            data-testid="new-pilot"
          >
            {t("municipalities.page.newPilot")}
          </Link>
        </p>
      ) : null}
      <section aria-labelledby="municipality-alerts" className="mt-8">
        <h2 id="municipality-alerts" className="text-lg font-semibold">
          {t("alerts.title")}
        </h2>
        <PilotAlerts alerts={alerts} pilotNames={pilotNames} className="mt-2" />
      </section>
      <PilotsSection pilots={pilots} />
      <MilestonesSection
        overdue={overdue}
        upcoming={upcoming}
        overdueTotal={overdueTotal}
        upcomingTotal={upcomingTotal}
        days={upcomingDays}
      />
      <PartnershipsSection partnerships={partnerships} hasAuthority={municipality.organisationId !== null} />
    </>
  );
}
