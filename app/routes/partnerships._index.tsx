import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "~/components/empty-state";
import { Pagination } from "~/components/pagination";
import { PartnershipStatusBadge } from "~/components/status-badge";
import { requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { parsePageRequest } from "~/lib/pagination";
import { getInstance } from "~/middleware/i18next";
import { listPartnerships } from "~/models/partnerships.server";
import type { Route } from "./+types/partnerships._index";

export async function loader({ context, url }: Route.LoaderArgs) {
  requirePermission(context, url, "partnership:read");
  const db = context.get(dbContext);
  return {
    title: getInstance(context).t("partnerships.title"),
    partnerships: await listPartnerships(db, parsePageRequest(url.searchParams)),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function Partnerships({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { items, total, page, pages } = loaderData.partnerships;
  return (
    <>
      <div className="flex items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("partnerships.title")}</h1>
        <p className="text-sm text-slate-700">{t("partnerships.count", { count: total })}</p>
      </div>
      {total === 0 ? (
        <div className="mt-6">
          <EmptyState>{t("partnerships.empty")}</EmptyState>
        </div>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("partnerships.columns.name")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("partnerships.columns.status")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("partnerships.columns.lead")}
                </th>
                <th scope="col" className="px-4 py-2 text-right font-medium">
                  {t("partnerships.columns.members")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("partnerships.columns.country")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("partnerships.columns.period")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((partnership) => (
                <tr key={partnership.id}>
                  <td className="px-4 py-2 font-medium">
                    <Link to={`/partnerships/${partnership.id}`} className="text-brand-800 hover:underline">
                      {partnership.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    <PartnershipStatusBadge status={partnership.status} />
                  </td>
                  <td className="px-4 py-2">
                    {partnership.lead
                      ? (partnership.lead.acronym ?? partnership.lead.name)
                      : t("partnerships.noLead")}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{partnership.memberCount}</td>
                  <td className="px-4 py-2">{partnership.countryCode ?? t("common.international")}</td>
                  <td className="px-4 py-2 whitespace-nowrap">
                    {formatPeriod(
                      partnership.startDate,
                      partnership.endDate,
                      i18n.language,
                      t("common.none"),
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} />
    </>
  );
}

function formatPeriod(start: string | null, end: string | null, locale: string, none: string): string {
  if (!start && !end) return none;
  return `${start ? formatDate(start, locale) : none} – ${end ? formatDate(end, locale) : ""}`.trim();
}
