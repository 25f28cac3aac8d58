import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "~/components/empty-state";
import { PartnershipStatusBadge } from "~/components/status-badge";
import { requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { getInstance } from "~/middleware/i18next";
import { overviewCounts } from "~/models/overview.server";
import { recentPartnerships } from "~/models/partnerships.server";
import type { Route } from "./+types/home";

export async function loader({ context, url }: Route.LoaderArgs) {
  requirePermission(context, url, "organisation:read");
  const db = context.get(dbContext);
  const [counts, recent] = await Promise.all([overviewCounts(db), recentPartnerships(db)]);
  return { title: getInstance(context).t("home.title"), counts, recent };
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { counts, recent } = loaderData;
  const tiles = [
    { key: "organisations", value: counts.organisations, to: "/organisations" },
    { key: "activePartnerships", value: counts.activePartnerships, to: "/partnerships" },
    { key: "municipalities", value: counts.municipalities, to: null },
    { key: "pilots", value: counts.pilots, to: null },
  ] as const;
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("home.title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("home.intro")}</p>
      <dl className="mt-6 grid grid-cols-2 gap-4 md:grid-cols-4">
        {tiles.map((tile) => (
          <div key={tile.key} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-700">{t(`home.counts.${tile.key}`)}</dt>
            <dd className="mt-1 text-3xl font-semibold tabular-nums">
              {tile.to ? (
                <Link to={tile.to} className="hover:underline">
                  {tile.value}
                </Link>
              ) : (
                tile.value
              )}
            </dd>
          </div>
        ))}
      </dl>
      {counts.organisations === 0 ? (
        <div className="mt-6">
          <EmptyState>{t("home.empty")}</EmptyState>
        </div>
      ) : (
        <section className="mt-8" aria-labelledby="recent-partnerships">
          <h2 id="recent-partnerships" className="text-lg font-semibold">
            {t("home.recentPartnerships")}
          </h2>
          <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {recent.map((p) => (
              <li key={p.id} className="flex items-center justify-between gap-4 px-4 py-2">
                <span>{p.name}</span>
                <PartnershipStatusBadge status={p.status} />
              </li>
            ))}
          </ul>
          <p className="mt-3 flex gap-4 text-sm">
            <Link to="/organisations" className="text-brand-700 underline">
              {t("home.seeAllOrganisations")}
            </Link>
            <Link to="/partnerships" className="text-brand-700 underline">
              {t("home.seeAllPartnerships")}
            </Link>
          </p>
        </section>
      )}
    </>
  );
}
