// Stacked bars of those who left a pilot, by group (durable, semi-durable, no solution): one bar
// per reporting period and one for all periods. Plain HTML and CSS; the numbers are in the text
// too, so the chart hides nothing from screen readers. Values are what the viewer may see
// (app/lib/suppression.ts): a suppressed group is drawn as nothing and labelled "<5".
import { useTranslation } from "~/i18n/use-translation";
import { outcomeGroups, type OutcomeGroup } from "~/lib/enums";
import { drawnValue, formatShown, type ShownOutcomes } from "~/lib/suppression";
import { numberFormat } from "~/lib/format";

export const groupColours: Record<OutcomeGroup, string> = {
  durable: "bg-brand-700",
  semi_durable: "bg-amber-500",
  no_solution: "bg-slate-500",
};

export interface ChartRow {
  key: string;
  label: string;
  shown: ShownOutcomes;
  cumulative?: boolean;
}

export function useFormatCount() {
  const { i18n } = useTranslation();
  const format = numberFormat(i18n.language, { maximumFractionDigits: 0 });
  return (n: number) => format.format(n);
}

/** "25 (58%)": a group's count and, when it may be shown, its share of those who left. */
export function useGroupValue() {
  const { t } = useTranslation();
  const formatCount = useFormatCount();
  return (shown: ShownOutcomes, group: OutcomeGroup) => {
    const count = formatShown(shown.groups[group], formatCount);
    const percent = shown.shares[group];
    return percent === null ? count : t("outcomes.countShare", { count, percent });
  };
}

/** "Durable solution: 25 (58%)". */
export function useGroupText() {
  const { t } = useTranslation();
  const groupValue = useGroupValue();
  return (shown: ShownOutcomes, group: OutcomeGroup) =>
    t("outcomes.groupValue", { group: t(`outcomes.groups.${group}`), value: groupValue(shown, group) });
}

function Bar({ row }: { row: ChartRow }) {
  const { t } = useTranslation();
  const formatCount = useFormatCount();
  const groupText = useGroupText();
  const drawn = outcomeGroups.map((group) => ({ group, value: drawnValue(row.shown.groups[group]) }));
  const total = drawn.reduce((sum, d) => sum + d.value, 0);
  const summary = outcomeGroups.map((group) => groupText(row.shown, group)).join(" · ");
  return (
    <li data-testid={row.cumulative ? "outcomes-chart-cumulative" : "outcomes-chart-period"}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className={row.cumulative ? "font-semibold" : "font-medium"}>{row.label}</span>
        <span className="text-slate-700">
          {t("outcomes.leftCount", { count: formatShown(row.shown.left, formatCount) })}
        </span>
      </div>
      <div
        role="img"
        aria-label={t("outcomes.chart.barLabel", { period: row.label, summary })}
        className="mt-1 flex h-5 w-full overflow-hidden rounded bg-slate-100"
      >
        {total > 0
          ? drawn
              .filter((d) => d.value > 0)
              .map((d) => (
                <div
                  key={d.group}
                  data-group={d.group}
                  className={groupColours[d.group]}
                  style={{ width: `${(100 * d.value) / total}%` }}
                />
              ))
          : null}
      </div>
      <p className="mt-1 text-xs text-slate-700">
        {total > 0 || row.shown.left.kind !== "exact" ? summary : t("outcomes.chart.nobodyLeft")}
      </p>
    </li>
  );
}

export function OutcomesChart({ rows }: { rows: readonly ChartRow[] }) {
  const { t } = useTranslation();
  return (
    <figure data-testid="outcomes-chart" className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="text-base font-semibold">{t("outcomes.chart.title")}</figcaption>
      <p className="text-sm text-slate-700">{t("outcomes.chart.intro")}</p>
      <ul className="mt-3 space-y-4">
        {rows.map((row) => (
          <Bar key={row.key} row={row} />
        ))}
      </ul>
    </figure>
  );
}
