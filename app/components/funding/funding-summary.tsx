// Funding of a partnership or a pilot: warnings, totals per currency, and the lines.
import { useTranslation } from "~/i18n/use-translation";
import { EmptyState } from "~/components/empty-state";
import { RecordActions } from "~/components/records/record-tab";
import type { FundingSource, FundingStage, OutcomePathway } from "~/lib/enums";
import { formatDate } from "~/lib/format";
import { formatMoney, type CurrencyTotals, type FundingWarning } from "~/lib/funding";

export interface FundingLineRow {
  id: string;
  version: number;
  source: FundingSource;
  reference: string | null;
  funderName: string | null;
  recipientName: string | null;
  amount: string | null;
  currency: string;
  cofinancingRate: number | null;
  startsOn: string | null;
  endsOn: string | null;
  stage: FundingStage;
  pathwaysCovered: readonly OutcomePathway[];
  restrictedToVoluntaryReturn: boolean;
  cofinancingAboveUsual: boolean;
}

export function FundingWarnings({ warnings }: { warnings: readonly FundingWarning[] }) {
  const { t, i18n } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <section
      aria-labelledby="funding-warnings"
      className="rounded border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
    >
      <h3 id="funding-warnings" className="font-semibold">
        {t("funding.warnings.title")}
      </h3>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {warnings.map((warning) => (
          <li key={warning.kind}>
            {warning.kind === "endsBeforeObjectives"
              ? t("funding.warnings.endsBeforeObjectives", {
                  end: formatDate(warning.fundingEndsOn, i18n.language),
                  due: formatDate(warning.objectivesDueOn, i18n.language),
                })
              : t(`funding.warnings.${warning.kind}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function FundingTotals({ totals }: { totals: readonly CurrencyTotals[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="funding-totals">
      <h3 id="funding-totals" className="text-base font-semibold">
        {t("funding.totals.title")}
      </h3>
      {totals.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">{t("funding.totals.empty")}</p>
      ) : (
        <div className="mt-2 grid gap-4 md:grid-cols-2">
          {totals.map((block) => (
            <div key={block.currency} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
              <h4 className="font-semibold">{t("funding.totals.currency", { currency: block.currency })}</h4>
              <p className="mt-1">
                {t("funding.totals.total")}:{" "}
                <strong>{formatMoney(block.total, block.currency, i18n.language)}</strong>
              </p>
              <div className="mt-3 grid gap-4 sm:grid-cols-2">
                <table className="w-full">
                  <caption className="text-left font-medium">{t("funding.totals.bySource")}</caption>
                  <tbody>
                    {block.bySource.map((row) => (
                      <tr key={row.source}>
                        <th scope="row" className="py-0.5 pr-2 text-left font-normal text-slate-700">
                          {t(`enums.fundingSource.${row.source}`)}
                          <span className="block text-xs text-slate-500">
                            {t("funding.totals.lines", { count: row.lines })}
                          </span>
                        </th>
                        <td className="py-0.5 text-right tabular-nums">
                          {formatMoney(row.amount, block.currency, i18n.language)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <table className="w-full">
                  <caption className="text-left font-medium">{t("funding.totals.byStage")}</caption>
                  <tbody>
                    {block.byStage.map((row) => (
                      <tr key={row.stage}>
                        <th scope="row" className="py-0.5 pr-2 text-left font-normal text-slate-700">
                          {t(`enums.fundingStage.${row.stage}`)}
                          <span className="block text-xs text-slate-500">
                            {t("funding.totals.lines", { count: row.lines })}
                          </span>
                        </th>
                        <td className="py-0.5 text-right tabular-nums">
                          {formatMoney(row.amount, block.currency, i18n.language)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

function lineName(line: FundingLineRow, sourceLabel: string) {
  return line.reference ? `${sourceLabel} ${line.reference}` : sourceLabel;
}

export function FundingLinesTable({
  lines,
  canEdit,
  editHref,
  archived = false,
}: {
  lines: readonly FundingLineRow[];
  canEdit: boolean;
  /** The address of a line's edit form. */
  editHref: (id: string) => string;
  /** Archived lines: offered for restoring rather than editing. */
  archived?: boolean;
}) {
  const { t, i18n } = useTranslation();
  if (lines.length === 0) {
    return archived ? null : (
      <EmptyState>
        <p>{t("funding.empty")}</p>
      </EmptyState>
    );
  }
  const day = (value: string | null) => (value ? formatDate(value, i18n.language) : t("funding.openEnded"));
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
        <caption className="sr-only">{archived ? t("funding.archivedTitle") : t("funding.caption")}</caption>
        <thead className="bg-slate-50 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("funding.fields.source")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("funding.fields.funder")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("funding.fields.recipient")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("funding.fields.amount")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("funding.fields.period")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("funding.fields.stage")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("funding.fields.pathwaysCovered")}
            </th>
            {canEdit ? (
              <th scope="col" className="px-3 py-2">
                {t("funding.actions")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((line) => {
            const sourceLabel = t(`enums.fundingSource.${line.source}`);
            const name = lineName(line, sourceLabel);
            return (
              <tr key={line.id} className="align-top">
                <td className="px-3 py-2">
                  <span className="font-medium">{sourceLabel}</span>
                  {line.reference ? <span className="block text-slate-700">{line.reference}</span> : null}
                </td>
                <td className="px-3 py-2">{line.funderName ?? t("common.none")}</td>
                <td className="px-3 py-2">{line.recipientName ?? t("common.none")}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {line.amount === null
                    ? t("funding.noAmount")
                    : formatMoney(line.amount, line.currency, i18n.language)}
                  {line.cofinancingRate !== null ? (
                    <span className="block text-xs text-slate-600">
                      {t("funding.fields.cofinancingRate")}: {line.cofinancingRate}
                    </span>
                  ) : null}
                  {line.cofinancingAboveUsual ? (
                    <span className="mt-1 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
                      {t("funding.flags.cofinancingAboveUsual")}
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-2">
                  {line.startsOn || line.endsOn
                    ? t("funding.periodRange", { start: day(line.startsOn), end: day(line.endsOn) })
                    : t("common.none")}
                </td>
                <td className="px-3 py-2">{t(`enums.fundingStage.${line.stage}`)}</td>
                <td className="px-3 py-2">
                  {line.restrictedToVoluntaryReturn ? (
                    <span className="inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
                      {t("funding.flags.voluntaryReturnOnly")}
                    </span>
                  ) : line.pathwaysCovered.length === 0 ? (
                    t("common.none")
                  ) : (
                    <ul className="space-y-0.5">
                      {line.pathwaysCovered.map((p) => (
                        <li key={p}>{t(`enums.outcomePathway.${p}`)}</li>
                      ))}
                    </ul>
                  )}
                </td>
                {canEdit ? (
                  <td className="space-x-3 px-3 py-2 whitespace-nowrap">
                    <RecordActions
                      words="funding"
                      record={line}
                      name={{ name }}
                      archived={archived}
                      editHref={editHref(line.id)}
                    />
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
