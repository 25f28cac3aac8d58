import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import { formatDate } from "~/lib/format";
import type { MunicipalityFilters } from "~/lib/validation/municipalities";
import type { MunicipalityListItem } from "~/models/municipalities.server";
import { SortHeading } from "~/components/sort-heading";

/** The municipalities list: pilots, next milestone, overdue milestones, latest outcome period. */
export function MunicipalityTable({
  items,
  filters,
}: {
  items: MunicipalityListItem[];
  filters: MunicipalityFilters;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm" data-testid="municipalities-table">
        <caption className="sr-only">{t("municipalities.listCaption")}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <SortHeading
              sort="name"
              label={t("municipalities.columns.name")}
              current={filters.sort}
              dir={filters.dir}
            />
            <SortHeading
              sort="country"
              label={t("municipalities.columns.country")}
              current={filters.sort}
              dir={filters.dir}
            />
            <SortHeading
              sort="pilots"
              label={t("municipalities.columns.pilots")}
              current={filters.sort}
              dir={filters.dir}
            />
            <SortHeading
              sort="next"
              label={t("municipalities.columns.nextMilestone")}
              current={filters.sort}
              dir={filters.dir}
            />
            <SortHeading
              sort="overdue"
              label={t("municipalities.columns.overdue")}
              current={filters.sort}
              dir={filters.dir}
            />
            <SortHeading
              sort="latest"
              label={t("municipalities.columns.latestPeriod")}
              current={filters.sort}
              dir={filters.dir}
            />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((municipality) => (
            <tr key={municipality.id}>
              <td className="px-4 py-2 font-medium">
                <Link to={`/municipalities/${municipality.id}`} className="text-brand-700 underline">
                  {municipality.name}
                </Link>
                {municipality.region ? (
                  <span className="block text-xs font-normal text-slate-600">{municipality.region}</span>
                ) : null}
              </td>
              <td className="px-4 py-2">{municipality.countryCode}</td>
              <td className="px-4 py-2">{municipality.pilotsCount}</td>
              <td className="px-4 py-2">
                {municipality.nextMilestone ? (
                  <>
                    <Link
                      to={`/pilots/${municipality.nextMilestone.pilotId}/milestones`}
                      className="text-brand-700 underline"
                    >
                      {municipality.nextMilestone.title}
                    </Link>
                    <span className="block text-xs text-slate-600">
                      {t("municipalities.nextMilestoneOf", {
                        date: formatDate(municipality.nextMilestone.dueOn, i18n.language),
                        pilot: municipality.nextMilestone.pilotName,
                      })}
                    </span>
                  </>
                ) : (
                  t("common.none")
                )}
              </td>
              <td className="px-4 py-2">
                {municipality.overdueMilestones > 0 ? (
                  <span className="font-semibold text-red-700">
                    {t("municipalities.overdueCount", { count: municipality.overdueMilestones })}
                  </span>
                ) : (
                  0
                )}
              </td>
              <td className="px-4 py-2">
                {municipality.latestPeriodEnd
                  ? formatDate(municipality.latestPeriodEnd, i18n.language)
                  : t("common.none")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
