import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import { EmptyState } from "~/components/empty-state";
import { Pagination } from "~/components/pagination";
import { SignalBadges } from "~/components/partnerships/signals";
import { PartnershipStatusBadge } from "~/components/status-badge";
import { can, requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { levels, partnershipStatuses, riskCategories } from "~/lib/enums";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { parsePageRequest } from "~/lib/pagination";
import { healthBands } from "~/lib/signals";
import { parsePartnershipListQuery, partnershipSorts } from "~/lib/validation/partnerships";
import { getInstance } from "~/middleware/i18next";
import { loadPartnershipListPage } from "~/models/partnership-list-page.server";
import { ExportLink } from "~/components/list-header";
import { listExportHref } from "~/lib/list-exports";
import type { Route } from "./+types/partnerships._index";

export async function loader({ context, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "partnership:read");
  const db = context.get(dbContext);
  const query = parsePartnershipListQuery(url.searchParams);
  const i18n = getInstance(context);
  return {
    title: i18n.t(query.archived ? "partnerships.archivedTitle" : "partnerships.title"),
    query,
    partnerships: await loadPartnershipListPage(db, parsePageRequest(url.searchParams), query),
    canCreate: can(user, "partnership:write"),
    exportHref: can(user, "export:run") ? listExportHref("partnerships", url.searchParams) : null,
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

const selectClass = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

export default function Partnerships({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { query, canCreate, exportHref } = loaderData;
  const { items, total, page, pages } = loaderData.partnerships;
  const filtered = Boolean(
    query.status || query.country || query.level || query.riskCategory || query.healthBand,
  );
  const any = t("partnerships.filters.any");
  return (
    <>
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-semibold">
          {query.archived ? t("partnerships.archivedTitle") : t("partnerships.title")}
        </h1>
        {/* The count right after the heading: tests/e2e read it as "main h1 + p". */}
        <p className="text-sm text-slate-700">{t("partnerships.count", { count: total })}</p>
        {exportHref ? (
          <p className="text-sm">
            <ExportLink to={exportHref} label={t("exports.csv")} />
          </p>
        ) : null}
        {canCreate && !query.archived ? (
          <Link
            to="/partnerships/new"
            className="ml-auto rounded bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800"
          >
            {t("partnerships.new")}
          </Link>
        ) : null}
      </div>

      <Form
        method="get"
        className="mt-4 rounded-lg border border-slate-200 bg-white p-4"
        aria-label={t("partnerships.filters.label")}
      >
        {query.archived ? <input type="hidden" name="archived" value="1" /> : null}
        <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-7">
          <label className="text-sm">
            {t("partnerships.filters.status")}
            <select name="status" defaultValue={query.status ?? ""} className={selectClass}>
              <option value="">{any}</option>
              {partnershipStatuses.map((value) => (
                <option key={value} value={value}>
                  {t(`enums.partnershipStatus.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            {t("partnerships.filters.country")}
            <input
              name="country"
              defaultValue={query.country ?? ""}
              maxLength={2}
              className={selectClass}
              autoComplete="off"
            />
          </label>
          <label className="text-sm">
            {t("partnerships.filters.level")}
            <select name="level" defaultValue={query.level ?? ""} className={selectClass}>
              <option value="">{any}</option>
              {levels.map((value) => (
                <option key={value} value={value}>
                  {t(`enums.level.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            {t("partnerships.filters.risk")}
            <select name="risk" defaultValue={query.riskCategory ?? ""} className={selectClass}>
              <option value="">{any}</option>
              {riskCategories.map((value) => (
                <option key={value} value={value}>
                  {t(`enums.riskCategory.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            {t("partnerships.filters.health")}
            <select name="health" defaultValue={query.healthBand ?? ""} className={selectClass}>
              <option value="">{any}</option>
              {healthBands.map((value) => (
                <option key={value} value={value}>
                  {t(`partnerships.healthBands.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            {t("partnerships.filters.sort")}
            <select name="sort" defaultValue={query.sort} className={selectClass}>
              {partnershipSorts.map((value) => (
                <option key={value} value={value}>
                  {t(`partnerships.sorts.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            {t("partnerships.filters.direction")}
            <select name="dir" defaultValue={query.direction} className={selectClass}>
              <option value="asc">{t("partnerships.filters.asc")}</option>
              <option value="desc">{t("partnerships.filters.desc")}</option>
            </select>
          </label>
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-4">
          <button
            type="submit"
            className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-slate-100"
          >
            {t("partnerships.filters.apply")}
          </button>
          <Link
            to={query.archived ? "/partnerships?archived=1" : "/partnerships"}
            className="text-sm text-brand-700 underline"
          >
            {t("partnerships.filters.reset")}
          </Link>
          <Link
            to={query.archived ? "/partnerships" : "/partnerships?archived=1"}
            className="text-sm text-brand-700 underline"
          >
            {query.archived ? t("partnerships.showCurrent") : t("partnerships.showArchived")}
          </Link>
        </div>
      </Form>

      {total === 0 ? (
        <div className="mt-6">
          <EmptyState>{filtered ? t("partnerships.emptyFiltered") : t("partnerships.empty")}</EmptyState>
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
                  {t("partnerships.columns.signals")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("partnerships.columns.nextDue")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("partnerships.columns.country")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("partnerships.columns.period")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
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
                  <td className="px-4 py-2">
                    <SignalBadges signals={partnership.signals} />
                  </td>
                  <td className="px-4 py-2">
                    {partnership.nextDue ? (
                      <>
                        {t(`partnerships.nextDue.${partnership.nextDue.kind}`, {
                          date: formatDate(partnership.nextDue.date, i18n.language),
                        })}
                        {partnership.nextDue.label ? (
                          <span className="block text-xs text-slate-600">{partnership.nextDue.label}</span>
                        ) : null}
                      </>
                    ) : (
                      <span className="text-slate-600">{t("partnerships.nextDue.none")}</span>
                    )}
                  </td>
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
