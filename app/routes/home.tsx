import { useTranslation } from "~/i18n/use-translation";
import { can, requirePermission } from "~/auth/permissions.server";
import { DashboardSections } from "~/components/dashboard/dashboard-page";
import { FreshInstall } from "~/components/dashboard/fresh-install";
import { dbContext } from "~/db/context";
import { isFreshInstall } from "~/lib/dashboard";
import { pageTitle } from "~/lib/meta";
import { todayIso } from "~/lib/objectives";
import { getInstance } from "~/middleware/i18next";
import { dashboardPage } from "~/models/dashboard-page.server";
import type { Route } from "./+types/home";

export async function loader({ context, url }: Route.LoaderArgs) {
  // Every role reads the dashboard; each section shows only what every reader may see, except
  // the account entries of the recent activity (audit:read, decided in the model). Three or four
  // statements in one wave (models/dashboard-page.server.ts).
  const user = requirePermission(context, url, "organisation:read");
  const data = await dashboardPage(context.get(dbContext), user, todayIso());
  return {
    title: getInstance(context).t("home.title"),
    dashboard: data,
    mayAddOrganisations: can(user, "organisation:write"),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { dashboard: data, mayAddOrganisations } = loaderData;
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("home.title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("home.intro")}</p>
      {isFreshInstall(data.counts) ? (
        <div className="mt-6">
          <FreshInstall mayAddOrganisations={mayAddOrganisations} />
        </div>
      ) : null}
      <DashboardSections data={data} />
    </>
  );
}
