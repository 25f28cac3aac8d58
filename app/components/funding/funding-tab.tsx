// The funding tab of a partnership or a pilot: warnings, totals, the lines, and (for those who may
// edit) the form, the "changed by someone else" notice and the archived lines. The loader and action
// behind it are app/lib/owned-record-routes.server.ts's.
import type { SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { FundingLineForm } from "~/components/funding/funding-line-form";
import { FundingLinesTable, FundingTotals, FundingWarnings } from "~/components/funding/funding-summary";
import { StaleNotice } from "~/components/records/fields";
import { formatDate } from "~/lib/format";
import { formatMoney } from "~/lib/funding";
import type { fundingTabData } from "~/lib/owned-record-routes.server";
import type { FundingLine } from "~/models/funding.server";

export type FundingTabData = Awaited<ReturnType<typeof fundingTabData>>;

export interface FundingTabAnswer {
  lineId: string | null;
  result: SubmissionResult<string[]> | null;
  current: FundingLine | null;
}

export function FundingTab({
  data,
  answer,
  title,
  intro,
}: {
  data: FundingTabData;
  answer: FundingTabAnswer | undefined;
  title: string;
  intro: string;
}) {
  // A new key after each navigation: a saved form starts empty again; a refused one keeps its values.
  const location = useLocation();
  const { t, i18n } = useTranslation();
  const { lines, archived, totals, warnings, funders, recipients, canEdit, editing, basePath } = data;
  const current = answer?.current ?? null;
  const formLine = editing ?? null;
  const lastResult = answer?.result && answer.lineId === (formLine?.id ?? null) ? answer.result : undefined;
  return (
    <div className="space-y-8">
      <section aria-labelledby="funding-heading" className="space-y-4">
        <div>
          <h2 id="funding-heading" className="text-lg font-semibold">
            {title}
          </h2>
          <p className="text-sm text-slate-700">{intro}</p>
        </div>
        <FundingWarnings warnings={warnings} />
        <FundingTotals totals={totals} />
        <FundingLinesTable lines={lines} canEdit={canEdit} editHref={(id) => `${basePath}?edit=${id}`} />
      </section>

      {canEdit ? (
        <section aria-labelledby="funding-form-heading" className="max-w-3xl space-y-4">
          <h2 id="funding-form-heading" className="text-lg font-semibold">
            {formLine ? t("funding.edit") : t("funding.add")}
          </h2>
          {current ? (
            <StaleNotice
              message={t("funding.stale")}
              currentValuesLabel={t("funding.currentValues")}
              reloadHref={current.archivedAt ? basePath : `${basePath}?edit=${current.id}`}
              reloadLabel={t("funding.reload")}
              values={[
                [t("funding.fields.source"), t(`enums.fundingSource.${current.source}`)],
                [t("funding.fields.reference"), current.reference ?? ""],
                [
                  t("funding.fields.amount"),
                  current.amount === null ? "" : formatMoney(current.amount, current.currency, i18n.language),
                ],
                [
                  t("funding.fields.cofinancingRate"),
                  current.cofinancingRate === null ? "" : String(current.cofinancingRate),
                ],
                [
                  t("funding.fields.startsOn"),
                  current.startsOn ? formatDate(current.startsOn, i18n.language) : "",
                ],
                [t("funding.fields.endsOn"), current.endsOn ? formatDate(current.endsOn, i18n.language) : ""],
                [t("funding.fields.stage"), t(`enums.fundingStage.${current.stage}`)],
              ]}
            />
          ) : null}
          <FundingLineForm
            key={formLine ? `${formLine.id}-${formLine.version}` : `new-${location.key}`}
            line={formLine}
            lastResult={lastResult}
            funders={funders}
            recipients={recipients}
            cancelHref={basePath}
          />
        </section>
      ) : null}

      {canEdit && archived.length > 0 ? (
        <section aria-labelledby="funding-archived-heading" className="space-y-2">
          <h2 id="funding-archived-heading" className="text-lg font-semibold">
            {t("funding.archivedTitle")}
          </h2>
          <FundingLinesTable lines={archived} canEdit archived editHref={() => basePath} />
        </section>
      ) : null}
    </div>
  );
}
