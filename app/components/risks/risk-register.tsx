// The risk register as a partnership's risks tab shows it: the likelihood x impact matrix, the
// register's table (with edit and archive for coordinators), and the aggregates those who may not
// read the confidential fields get instead. The forms are risk-forms.tsx; the loader and action
// app/routes/partnerships.$id.risks.tsx's.
import { Form, Link } from "react-router";
import { EmptyState } from "~/components/empty-state";
import { FormErrors } from "~/components/form";
import { useTranslation } from "~/i18n/use-translation";
import { riskCategories } from "~/lib/enums";
import { formatDate } from "~/lib/format";
import {
  exposureBand,
  exposureBandRanges,
  exposureBands,
  isReviewOverdue,
  riskMatrix,
  type ExposureBand,
} from "~/lib/risk-matrix";
import type { RiskDetail, RiskSummary } from "~/models/confidential.server";
import type { Risk } from "~/models/risks.server";

/** The exposure bands' colours: matrix cells, the register's badges, the legend. */
const bandTone: Record<ExposureBand, string> = {
  low: "bg-emerald-50 text-emerald-900",
  medium: "bg-amber-50 text-amber-900",
  high: "bg-orange-100 text-orange-900",
  critical: "bg-red-100 text-red-900",
};

/** What those who may not read a partnership's confidential fields see: counts, no risk itself. */
export function RiskAggregates({ summary }: { summary: RiskSummary }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="risk-summary-heading" className="max-w-xl">
      <h2 id="risk-summary-heading" className="text-lg font-semibold">
        {t("partnership.risks.summary.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("partnership.risks.summary.confidential")}</p>
      <dl className="mt-4 grid grid-cols-2 gap-4 text-sm">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-slate-600">{t("partnership.risks.summary.openCount")}</dt>
          <dd className="text-2xl font-semibold tabular-nums">{summary.openCount}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-slate-600">{t("partnership.risks.summary.highestExposure")}</dt>
          <dd className="text-2xl font-semibold tabular-nums">
            {summary.highestExposure > 0
              ? t("partnership.risks.exposureOf", { exposure: summary.highestExposure })
              : t("partnership.risks.summary.none")}
          </dd>
        </div>
      </dl>
      <table className="mt-4 w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
        <caption className="px-4 py-2 text-left font-medium">
          {t("partnership.risks.summary.byCategory")}
        </caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              {t("partnership.risks.fields.category")}
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              {t("partnership.risks.summary.count")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {riskCategories.map((category) => (
            <tr key={category}>
              <th scope="row" className="px-4 py-2 font-normal">
                {t(`enums.riskCategory.${category}`)}
              </th>
              <td className="px-4 py-2 text-right tabular-nums">{summary.byCategory[category]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The likelihood x impact matrix, each cell linking to its risks' rows. */
export function RiskMatrix({ risks }: { risks: RiskDetail[] }) {
  const { t } = useTranslation();
  const rows = riskMatrix(risks);
  return (
    <section aria-labelledby="risk-matrix-heading">
      <h2 id="risk-matrix-heading" className="text-lg font-semibold">
        {t("partnership.risks.matrix.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("partnership.risks.matrix.description")}</p>
      <div className="mt-3 overflow-x-auto">
        <table className="border-collapse text-sm">
          <caption className="sr-only">{t("partnership.risks.matrix.caption")}</caption>
          <thead>
            <tr>
              <td className="p-2" />
              <th scope="colgroup" colSpan={5} className="p-2 text-center font-medium">
                {t("partnership.risks.fields.impact")}
              </th>
            </tr>
            <tr>
              <th scope="col" className="p-2 text-left font-medium">
                {t("partnership.risks.fields.likelihood")}
              </th>
              {[1, 2, 3, 4, 5].map((impact) => (
                <th key={impact} scope="col" className="w-28 p-2 text-center font-medium">
                  {t("partnership.risks.matrix.impactHeader", { score: impact })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.likelihood}>
                <th scope="row" className="p-2 text-left font-medium">
                  {t("partnership.risks.matrix.likelihoodHeader", { score: row.likelihood })}
                </th>
                {row.cells.map((cell) => (
                  <td
                    key={cell.impact}
                    className={`h-20 w-28 border border-white p-2 align-top ${bandTone[cell.band]}`}
                  >
                    <span className="sr-only">
                      {t("partnership.risks.matrix.cellLabel", {
                        exposure: cell.exposure,
                        band: t(`partnership.risks.bands.${cell.band}`),
                      })}
                    </span>
                    <span aria-hidden="true" className="block text-xs">
                      {cell.exposure}
                    </span>
                    {cell.risks.length > 0 ? (
                      <ul className="mt-1 space-y-0.5">
                        {cell.risks.map((risk) => (
                          <li key={risk.id}>
                            <a href={`#risk-${risk.id}`} className="underline">
                              {risk.title}
                            </a>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="mt-3 flex flex-wrap gap-3 text-xs" aria-label={t("partnership.risks.bands.legend")}>
        {exposureBands.map((band) => (
          <li key={band} className={`rounded px-2 py-1 ${bandTone[band]}`}>
            {t("partnership.risks.bands.range", {
              band: t(`partnership.risks.bands.${band}`),
              from: exposureBandRanges[band].from,
              to: exposureBandRanges[band].to,
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The register's table; coordinators also get each risk's edit link and archive button. */
export function RiskRegister({
  risks,
  today,
  canEdit,
  archiveError,
}: {
  risks: RiskDetail[];
  today: string;
  canEdit: boolean;
  archiveError: { formId: string; error: string | null; current: Risk | null } | null;
}) {
  const { t, i18n } = useTranslation();
  const none = t("common.none");
  return (
    <section aria-labelledby="risk-register-heading">
      <h2 id="risk-register-heading" className="text-lg font-semibold">
        {t("partnership.risks.register.title")}
      </h2>
      {archiveError?.error ? (
        <div className="mt-3">
          <FormErrors errors={[archiveError.error]} />
        </div>
      ) : null}
      {risks.length === 0 ? (
        <div className="mt-3">
          <EmptyState>{t("partnership.risks.register.empty")}</EmptyState>
        </div>
      ) : (
        <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("partnership.risks.fields.title")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("partnership.risks.fields.category")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("partnership.risks.fields.likelihood")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("partnership.risks.fields.impact")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("partnership.risks.fields.exposure")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("partnership.risks.fields.owner")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("partnership.risks.fields.mitigation")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("partnership.risks.fields.status")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("partnership.risks.fields.reviewOn")}
                </th>
                {canEdit ? (
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("partnership.risks.register.actions")}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {risks.map((risk) => {
                const overdue = isReviewOverdue(risk, today);
                return (
                  <tr key={risk.id} id={`risk-${risk.id}`} className="target:bg-brand-50">
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      {risk.title}
                      {risk.description ? (
                        <p className="font-normal whitespace-pre-line text-slate-700">{risk.description}</p>
                      ) : null}
                    </th>
                    <td className="px-3 py-2">{t(`enums.riskCategory.${risk.category}`)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{risk.likelihood}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{risk.impact}</td>
                    <td className="px-3 py-2 text-right">
                      <span
                        className={`rounded px-2 py-0.5 tabular-nums ${bandTone[exposureBand(risk.exposure)]}`}
                      >
                        {risk.exposure}
                      </span>
                    </td>
                    <td className="px-3 py-2">{risk.ownerName ?? none}</td>
                    <td className="px-3 py-2 whitespace-pre-line">{risk.mitigation ?? none}</td>
                    <td className="px-3 py-2">{t(`enums.riskStatus.${risk.status}`)}</td>
                    <td className="px-3 py-2">
                      {risk.reviewOn ? formatDate(risk.reviewOn, i18n.language) : none}
                      {overdue ? (
                        <span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-900">
                          {t("partnership.risks.register.overdue")}
                        </span>
                      ) : null}
                    </td>
                    {canEdit ? (
                      <td className="px-3 py-2">
                        <div className="flex flex-wrap items-center gap-2">
                          <Link
                            to={`?edit=${risk.id}#risk-edit-heading`}
                            className="text-brand-700 underline"
                            aria-label={t("partnership.risks.register.editLabel", { title: risk.title })}
                          >
                            {t("partnership.risks.register.edit")}
                          </Link>
                          <Form method="post">
                            <input type="hidden" name="intent" value="archive" />
                            <input type="hidden" name="id" value={risk.id} />
                            <input type="hidden" name="version" value={risk.version} />
                            <button
                              type="submit"
                              className="text-brand-700 underline"
                              aria-label={t("partnership.risks.register.archiveLabel", { title: risk.title })}
                            >
                              {t("partnership.risks.register.archive")}
                            </button>
                          </Form>
                        </div>
                      </td>
                    ) : null}
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
