// What the health page shows of a period: the period picker, the period's aggregates (with the
// dimensions the members disagree on), each member's answers when the reader may see them, and the
// trend of the trust index over the periods, as a chart and as a table.
import { Form } from "react-router";
import { useTranslation } from "~/i18n/use-translation";
import { healthDimensions } from "~/lib/enums";
import { disagreements } from "~/lib/health";
import type { HealthAnswer, HealthPeriodSummary } from "~/models/confidential.server";

export function PeriodSelector({ periods, period }: { periods: string[]; period: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="health-period" className="block text-sm font-medium text-slate-800">
          {t("partnership.health.period")}
        </label>
        <select
          id="health-period"
          name="period"
          defaultValue={period}
          key={period}
          className="mt-1 block rounded border border-slate-300 px-3 py-2 text-sm"
        >
          {periods.includes(period) ? null : <option value={period}>{period}</option>}
          {periods.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="rounded border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100"
      >
        {t("partnership.health.show")}
      </button>
    </Form>
  );
}

export function PeriodSummary({ summary }: { summary: HealthPeriodSummary }) {
  const { t } = useTranslation();
  const disagreed = disagreements(summary.dimensions);
  return (
    <section aria-labelledby="health-summary-heading">
      <h2 id="health-summary-heading" className="text-lg font-semibold">
        {t("partnership.health.summary.title", { period: summary.period })}
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {t("partnership.health.summary.respondents", { count: summary.respondents })}
      </p>
      {disagreed.length > 0 ? (
        <div
          role="note"
          className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
        >
          <p className="font-medium">{t("partnership.health.disagreement.title")}</p>
          <p>
            {t("partnership.health.disagreement.list", {
              dimensions: disagreed.map((d) => t(`enums.healthDimension.${d}`)).join(", "),
            })}
          </p>
        </div>
      ) : null}
      {summary.respondents === 0 ? null : (
        <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("partnership.health.summary.dimension")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("partnership.health.summary.mean")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("partnership.health.summary.spread")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("partnership.health.summary.answers")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {healthDimensions.map((dimension) => {
                const aggregate = summary.dimensions[dimension];
                const disagree = disagreed.includes(dimension);
                return (
                  <tr key={dimension} className={disagree ? "bg-amber-50" : undefined}>
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      {t(`enums.healthDimension.${dimension}`)}
                      {disagree ? (
                        <span className="ml-2 rounded bg-amber-200 px-2 py-0.5 text-xs font-medium text-amber-950">
                          {t("partnership.health.disagreement.badge")}
                        </span>
                      ) : null}
                    </th>
                    {aggregate.withheld ? (
                      <td colSpan={2} className="px-3 py-2 text-right text-slate-600">
                        {t("partnership.health.summary.withheld")}
                      </td>
                    ) : (
                      <>
                        <td className="px-3 py-2 text-right tabular-nums">
                          {aggregate.mean ?? t("common.none")}
                        </td>
                        <td className="px-3 py-2 text-right tabular-nums">
                          {aggregate.spread ?? t("common.none")}
                        </td>
                      </>
                    )}
                    <td className="px-3 py-2 text-right tabular-nums">{aggregate.respondents}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function MemberAnswers({ answers }: { answers: HealthAnswer[] }) {
  const { t } = useTranslation();
  if (answers.length === 0) return null;
  return (
    <section aria-labelledby="health-answers-heading">
      <h2 id="health-answers-heading" className="text-lg font-semibold">
        {t("partnership.health.answers.title")}
      </h2>
      <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("partnership.health.answers.member")}
              </th>
              {healthDimensions.map((dimension) => (
                <th key={dimension} scope="col" className="px-3 py-2 text-right font-medium">
                  {t(`enums.healthDimension.${dimension}`)}
                </th>
              ))}
              <th scope="col" className="px-3 py-2 font-medium">
                {t("partnership.health.fields.comment")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {answers.map((answer) => (
              <tr key={answer.respondentOrganisationId}>
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {answer.respondentName}
                </th>
                {healthDimensions.map((dimension) => (
                  <td key={dimension} className="px-3 py-2 text-right tabular-nums">
                    {answer.scores[dimension] ?? t("common.none")}
                  </td>
                ))}
                <td className="px-3 py-2 whitespace-pre-line">{answer.comment ?? t("common.none")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const CHART = { width: 560, height: 220, left: 40, right: 16, top: 16, bottom: 36 } as const;

/** The trust index per period as an inline SVG line chart, with the numbers in a table below. */
export function TrendChart({ trend }: { trend: HealthPeriodSummary[] }) {
  const { t } = useTranslation();
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const x = (i: number) =>
    CHART.left + (trend.length <= 1 ? plotWidth / 2 : (i * plotWidth) / (trend.length - 1));
  const y = (score: number) => CHART.top + ((5 - score) * plotHeight) / 4;
  const points = trend.flatMap((summary, i) =>
    summary.trustIndex === null ? [] : [{ x: x(i), y: y(summary.trustIndex), summary }],
  );
  return (
    <section aria-labelledby="health-trend-heading">
      <h2 id="health-trend-heading" className="text-lg font-semibold">
        {t("partnership.health.trend.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("partnership.health.trend.description")}</p>
      <svg
        viewBox={`0 0 ${CHART.width} ${CHART.height}`}
        className="mt-3 w-full max-w-2xl rounded-lg border border-slate-200 bg-white"
        role="img"
        aria-labelledby="health-trend-svg-title"
        aria-describedby="health-trend-table"
      >
        <title id="health-trend-svg-title">{t("partnership.health.trend.chartLabel")}</title>
        {[1, 2, 3, 4, 5].map((score) => (
          <g key={score}>
            <line
              x1={CHART.left}
              x2={CHART.width - CHART.right}
              y1={y(score)}
              y2={y(score)}
              className="stroke-slate-200"
            />
            <text x={CHART.left - 8} y={y(score) + 4} textAnchor="end" className="fill-slate-600 text-[11px]">
              {score}
            </text>
          </g>
        ))}
        {trend.map((summary, i) => (
          <text
            key={summary.period}
            x={x(i)}
            y={CHART.height - 12}
            textAnchor="middle"
            className="fill-slate-600 text-[11px]"
          >
            {summary.period}
          </text>
        ))}
        {points.length > 1 ? (
          <polyline
            points={points.map((p) => `${p.x},${p.y}`).join(" ")}
            fill="none"
            className="stroke-brand-700"
            strokeWidth={2}
          />
        ) : null}
        {points.map((p) => (
          <circle key={p.summary.period} cx={p.x} cy={p.y} r={4} className="fill-brand-700" />
        ))}
      </svg>
      <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table id="health-trend-table" className="min-w-full text-left text-sm">
          <caption className="px-3 py-2 text-left font-medium">
            {t("partnership.health.trend.tableCaption")}
          </caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("partnership.health.period")}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t("partnership.health.trend.trustIndex")}
              </th>
              {healthDimensions.map((dimension) => (
                <th key={dimension} scope="col" className="px-3 py-2 text-right font-medium">
                  {t(`enums.healthDimension.${dimension}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {trend.map((summary) => (
              <tr key={summary.period}>
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {summary.period}
                </th>
                <td className="px-3 py-2 text-right tabular-nums">
                  {summary.trustIndex ?? t("common.none")}
                </td>
                {healthDimensions.map((dimension) => (
                  <td key={dimension} className="px-3 py-2 text-right tabular-nums">
                    {summary.dimensions[dimension].mean ?? t("common.none")}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
