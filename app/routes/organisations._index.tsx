import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import { can, requirePermission } from "~/auth/permissions.server";
import { EmptyState } from "~/components/empty-state";
import { Pagination } from "~/components/pagination";
import { SortHeading } from "~/components/sort-heading";
import { dbContext } from "~/db/context";
import { levels, organisationTypes } from "~/lib/enums";
import { pageTitle } from "~/lib/meta";
import { parsePageRequest } from "~/lib/pagination";
import { parseOrganisationFilters } from "~/lib/validation/organisations";
import { getInstance } from "~/middleware/i18next";
import { loadOrganisationListPage } from "~/models/organisation-list-page.server";
import type { Route } from "./+types/organisations._index";
import { ListHeader } from "~/components/list-header";
import { listExportHref } from "~/lib/list-exports";

// Anyone signed in: search, filter (GET form, so a URL can be shared), sort and page through the
// organisations; the archived ones on their own view, where coordinators restore them.
export async function loader({ context, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "organisation:read");
  const db = context.get(dbContext);
  const filters = parseOrganisationFilters(url.searchParams);
  // One query: the page, the total, the type hints and the country choices (decision 0032).
  const { organisations, countries } = await loadOrganisationListPage(
    db,
    parsePageRequest(url.searchParams),
    filters,
  );
  const filtered = Boolean(filters.q || filters.type || filters.level || filters.country);
  return {
    title: getInstance(context).t("organisations.title"),
    organisations,
    countries,
    filters,
    filtered,
    exportHref: can(user, "export:run") ? listExportHref("organisations", url.searchParams) : null,
    canEdit: can(user, "organisation:write"),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

const fieldClass = "mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm";

export default function Organisations({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { organisations, countries, filters, filtered, canEdit, exportHref } = loaderData;
  const { items, total, page, pages, typeCounts } = organisations;
  const archivedView = filters.archived === true;
  return (
    <>
      <ListHeader
        title={archivedView ? t("organisations.archivedTitle") : t("organisations.title")}
        count={t("organisations.count", { count: total })}
        create={canEdit && !archivedView ? { to: "/organisations/new", label: t("organisations.new") } : null}
        toggle={
          archivedView
            ? { to: "/organisations", label: t("organisations.showCurrent") }
            : { to: "/organisations?archived=1", label: t("organisations.showArchived") }
        }
        exportLink={exportHref ? { to: exportHref, label: t("exports.csv") } : null}
      />

      <Form
        method="get"
        className="mt-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-5"
      >
        {archivedView ? <input type="hidden" name="archived" value="1" /> : null}
        <input type="hidden" name="sort" value={filters.sort} />
        <input type="hidden" name="dir" value={filters.dir} />
        <div className="sm:col-span-2">
          <label htmlFor="organisations-q" className="block text-sm font-medium text-slate-800">
            {t("organisations.filters.search")}
          </label>
          <input
            id="organisations-q"
            type="search"
            name="q"
            defaultValue={filters.q ?? ""}
            className={fieldClass}
          />
        </div>
        <div>
          <label htmlFor="organisations-type" className="block text-sm font-medium text-slate-800">
            {t("organisations.filters.type")}
          </label>
          <select
            id="organisations-type"
            name="type"
            defaultValue={filters.type ?? ""}
            className={fieldClass}
          >
            <option value="">{t("organisations.filters.allTypes")}</option>
            {organisationTypes.map((type) => (
              <option key={type} value={type}>
                {t("organisations.filters.typeWithCount", {
                  type: t(`enums.organisationType.${type}`),
                  count: typeCounts[type] ?? 0,
                })}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="organisations-level" className="block text-sm font-medium text-slate-800">
            {t("organisations.filters.level")}
          </label>
          <select
            id="organisations-level"
            name="level"
            defaultValue={filters.level ?? ""}
            className={fieldClass}
          >
            <option value="">{t("organisations.filters.allLevels")}</option>
            {levels.map((level) => (
              <option key={level} value={level}>
                {t(`enums.level.${level}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="organisations-country" className="block text-sm font-medium text-slate-800">
            {t("organisations.filters.country")}
          </label>
          <select
            id="organisations-country"
            name="country"
            defaultValue={filters.country ?? ""}
            className={fieldClass}
          >
            <option value="">{t("organisations.filters.allCountries")}</option>
            {countries.map((country) => (
              <option key={country} value={country}>
                {country}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-3 sm:col-span-5">
          <button
            type="submit"
            className="rounded bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
          >
            {t("organisations.filters.apply")}
          </button>
          {filtered ? (
            <Link
              to={archivedView ? "/organisations?archived=1" : "/organisations"}
              className="text-sm text-brand-700 underline"
            >
              {t("organisations.filters.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      {total === 0 ? (
        <div className="mt-6">
          <EmptyState>
            {filtered
              ? t("organisations.noMatch")
              : archivedView
                ? t("organisations.noArchived")
                : t("organisations.empty")}
          </EmptyState>
        </div>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <SortHeading
                  sort="name"
                  label={t("organisations.columns.name")}
                  current={filters.sort}
                  dir={filters.dir}
                />
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("organisations.columns.acronym")}
                </th>
                <SortHeading
                  sort="type"
                  label={t("organisations.columns.type")}
                  current={filters.sort}
                  dir={filters.dir}
                />
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("organisations.columns.level")}
                </th>
                <SortHeading
                  sort="country"
                  label={t("organisations.columns.country")}
                  current={filters.sort}
                  dir={filters.dir}
                />
                <SortHeading
                  sort="partnerships"
                  label={t("organisations.columns.partnerships")}
                  current={filters.sort}
                  dir={filters.dir}
                />
                {canEdit && archivedView ? (
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t("organisations.columns.actions")}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((organisation) => (
                <tr key={organisation.id}>
                  <td className="px-4 py-2 font-medium">
                    <Link to={`/organisations/${organisation.id}`} className="text-brand-700 underline">
                      {organisation.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2">{organisation.acronym ?? t("common.none")}</td>
                  <td className="px-4 py-2">{t(`enums.organisationType.${organisation.type}`)}</td>
                  <td className="px-4 py-2">{t(`enums.level.${organisation.level}`)}</td>
                  <td className="px-4 py-2">{organisation.countryCode ?? t("common.international")}</td>
                  <td className="px-4 py-2">{organisation.partnershipsCount}</td>
                  {canEdit && archivedView ? (
                    <td className="px-4 py-2">
                      {/* Restored by the organisation page's action, which then shows the page. */}
                      <Form method="post" action={`/organisations/${organisation.id}`}>
                        <input type="hidden" name="intent" value="restore" />
                        <input type="hidden" name="version" value={organisation.version} />
                        <button type="submit" className="text-brand-700 underline">
                          {t("organisations.restore", { name: organisation.name })}
                        </button>
                      </Form>
                    </td>
                  ) : null}
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
