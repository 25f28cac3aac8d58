import { useTranslation } from "react-i18next";
import { EmptyState } from "~/components/empty-state";
import { Pagination } from "~/components/pagination";
import { requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { parsePageRequest } from "~/lib/pagination";
import { getInstance } from "~/middleware/i18next";
import { listOrganisations } from "~/models/organisations.server";
import type { Route } from "./+types/organisations._index";

export async function loader({ context, url }: Route.LoaderArgs) {
  requirePermission(context, url, "organisation:read");
  const db = context.get(dbContext);
  return {
    title: getInstance(context).t("organisations.title"),
    organisations: await listOrganisations(db, parsePageRequest(url.searchParams)),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function Organisations({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { items, total, page, pages } = loaderData.organisations;
  return (
    <>
      <div className="flex items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("organisations.title")}</h1>
        <p className="text-sm text-slate-700">{t("organisations.count", { count: total })}</p>
      </div>
      {total === 0 ? (
        <div className="mt-6">
          <EmptyState>{t("organisations.empty")}</EmptyState>
        </div>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("organisations.columns.name")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("organisations.columns.acronym")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("organisations.columns.type")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("organisations.columns.level")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("organisations.columns.country")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((organisation) => (
                <tr key={organisation.id}>
                  <td className="px-4 py-2 font-medium">{organisation.name}</td>
                  <td className="px-4 py-2">{organisation.acronym ?? t("common.none")}</td>
                  <td className="px-4 py-2">{t(`enums.organisationType.${organisation.type}`)}</td>
                  <td className="px-4 py-2">{t(`enums.level.${organisation.level}`)}</td>
                  <td className="px-4 py-2">{organisation.countryCode ?? t("common.international")}</td>
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
