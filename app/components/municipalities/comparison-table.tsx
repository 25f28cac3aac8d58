import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import { OutcomesLegend } from "~/components/pilots/outcomes-legend";
import { PilotStatusBadge } from "~/components/pilots/pilot-status-badge";
import type {
  ComparisonFigures,
  ComparisonRow,
  ComparisonView,
  FundingPerParticipant,
} from "~/lib/comparison";
import { outcomeGroups, type OutcomeGroup } from "~/lib/enums";
import { formatMoney } from "~/lib/funding";
import { formatShown, type Shown } from "~/lib/suppression";
import type { ComparisonFilters, ComparisonSort } from "~/lib/validation/municipalities";
import { SortHeading } from "~/components/sort-heading";
import { numberFormat } from "~/lib/format";

const groupSorts: Record<OutcomeGroup, ComparisonSort> = {
  durable: "durable",
  semi_durable: "semiDurable",
  no_solution: "noSolution",
};

function useFormatters() {
  const { t, i18n } = useTranslation();
  const number = (n: number) => numberFormat(i18n.language).format(n);
  return {
    shown: (s: Shown) => formatShown(s, number),
    percent: (value: number | null) =>
      value === null ? t("municipalities.compare.notShown") : t("municipalities.compare.percent", { value }),
    funding: (funding: FundingPerParticipant) =>
      funding.kind === "known"
        ? formatMoney(funding.perParticipant, funding.currency, i18n.language)
        : t(`municipalities.compare.fundingUnknown.${funding.reason}`),
  };
}

/** A share of those who left, with the count behind it ("41%", "<5" below). */
function ShareCell({ figures, group }: { figures: ComparisonFigures; group: OutcomeGroup }) {
  const format = useFormatters();
  return (
    <td className="px-4 py-2 text-right tabular-nums">
      <span className="font-medium">{format.percent(figures.shares[group])}</span>
      <span className="block text-xs text-slate-600">{format.shown(figures.groups[group])}</span>
    </td>
  );
}

function PilotRow({ row }: { row: ComparisonRow }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <tr data-testid="comparison-row">
      <th scope="row" className="px-4 py-2 text-left font-medium">
        <Link to={`/pilots/${row.id}`} className="text-brand-700 underline">
          {row.name}
        </Link>
        <span className="mt-1 block">
          <PilotStatusBadge status={row.status} />
        </span>
      </th>
      <td className="px-4 py-2">
        <Link to={`/municipalities/${row.municipalityId}`} className="text-brand-700 underline">
          {row.municipalityName}
        </Link>
        <span className="block text-xs text-slate-600">{row.countryCode}</span>
      </td>
      <td className="px-4 py-2 text-right tabular-nums">
        {format.shown(row.participants)}
        <span className="block text-xs text-slate-600">
          {t("municipalities.compare.leftOf", { left: format.shown(row.left) })}
        </span>
      </td>
      {outcomeGroups.map((group) => (
        <ShareCell key={group} figures={row} group={group} />
      ))}
      <td className="px-4 py-2 text-right tabular-nums">
        {format.percent(row.onTimeShare)}
        <span className="block text-xs text-slate-600">
          {t("municipalities.compare.onTimeOf", { onTime: row.milestonesOnTime, due: row.milestonesDue })}
        </span>
      </td>
      <td className="px-4 py-2 text-right tabular-nums">{format.funding(row.funding)}</td>
    </tr>
  );
}

/** Pilots side by side, a total row, and the legend of the grouping and of suppressed figures. */
export function ComparisonTable({
  comparison,
  filters,
}: {
  comparison: ComparisonView;
  filters: ComparisonFilters;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { total } = comparison;
  return (
    <>
      <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm" data-testid="comparison-table">
          <caption className="sr-only">{t("municipalities.compare.caption")}</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <SortHeading
                sort="pilot"
                label={t("municipalities.compare.columns.pilot")}
                current={filters.sort}
                dir={filters.dir}
                align="left"
              />
              <SortHeading
                sort="municipality"
                label={t("municipalities.compare.columns.municipality")}
                current={filters.sort}
                dir={filters.dir}
                align="left"
              />
              <SortHeading
                sort="participants"
                label={t("municipalities.compare.columns.participants")}
                current={filters.sort}
                dir={filters.dir}
                align="right"
              />
              {outcomeGroups.map((group) => (
                <SortHeading
                  key={group}
                  sort={groupSorts[group]}
                  label={t(`outcomes.groups.${group}`)}
                  current={filters.sort}
                  dir={filters.dir}
                  align="right"
                />
              ))}
              <SortHeading
                sort="onTime"
                label={t("municipalities.compare.columns.onTime")}
                current={filters.sort}
                dir={filters.dir}
                align="right"
              />
              <SortHeading
                sort="perParticipant"
                label={t("municipalities.compare.columns.perParticipant")}
                current={filters.sort}
                dir={filters.dir}
                align="right"
              />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {comparison.rows.map((row) => (
              <PilotRow key={row.id} row={row} />
            ))}
          </tbody>
          <tfoot className="border-t-2 border-slate-300 bg-slate-50" data-testid="comparison-total">
            <tr>
              <th scope="row" colSpan={2} className="px-4 py-2 text-left font-semibold">
                {t("municipalities.compare.total", { count: total.pilots })}
              </th>
              <td className="px-4 py-2 text-right font-semibold tabular-nums">
                {format.shown(total.participants)}
                <span className="block text-xs font-normal text-slate-600">
                  {t("municipalities.compare.leftOf", { left: format.shown(total.left) })}
                </span>
              </td>
              {outcomeGroups.map((group) => (
                <ShareCell key={group} figures={total} group={group} />
              ))}
              <td colSpan={2} />
            </tr>
          </tfoot>
        </table>
      </div>
      <ComparisonLegend exact={total.exact} />
    </>
  );
}

/** What the figures mean; the grouping itself is the outcomes legend (`pathwayGroup`, defined once). */
function ComparisonLegend({ exact }: { exact: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="mt-4 space-y-3 text-sm text-slate-700" data-testid="comparison-legend">
      <p>{t("municipalities.compare.sharesOfLeft")}</p>
      <p>{t("municipalities.compare.onTimeHint")}</p>
      <p>{t("municipalities.compare.fundingHint")}</p>
      <p>{exact ? t("municipalities.compare.exactHint") : t("municipalities.compare.suppressedHint")}</p>
      <OutcomesLegend />
    </div>
  );
}
