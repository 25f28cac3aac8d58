// The funding tab of a partnership or a pilot: warnings, totals, the lines, and (for those who may
// edit) the form, the "changed by someone else" notice and the archived lines. The loader and action
// behind it are app/lib/owned-record-routes.server.ts's.
import { useTranslation } from "~/i18n/use-translation";
import { FundingLineForm } from "~/components/funding/funding-line-form";
import { FundingLinesTable, FundingTotals, FundingWarnings } from "~/components/funding/funding-summary";
import { RecordTab } from "~/components/records/record-tab";
import { formatDate } from "~/lib/format";
import { formatMoney } from "~/lib/funding";
import type { fundingTabData, RecordAnswer } from "~/lib/owned-record-routes.server";
import type { FundingLine } from "~/models/funding.server";

export type FundingTabData = Awaited<ReturnType<typeof fundingTabData>>;

export type FundingTabAnswer = RecordAnswer<"lineId", FundingLine>;

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
  const { t, i18n } = useTranslation();
  const { lines, archived, totals, warnings, funders, recipients, canEdit, basePath } = data;
  const day = (value: string | null) => (value ? formatDate(value, i18n.language) : "");
  return (
    <RecordTab
      ids={{ list: "funding", form: "funding" }}
      words="funding"
      title={title}
      intro={intro}
      data={data}
      answer={answer}
      answerId={answer?.lineId}
      currentValues={(current) => [
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
        [t("funding.fields.startsOn"), day(current.startsOn)],
        [t("funding.fields.endsOn"), day(current.endsOn)],
        [t("funding.fields.stage"), t(`enums.fundingStage.${current.stage}`)],
      ]}
      list={
        <>
          <FundingWarnings warnings={warnings} />
          <FundingTotals totals={totals} />
          <FundingLinesTable lines={lines} canEdit={canEdit} editHref={(id) => `${basePath}?edit=${id}`} />
        </>
      }
      form={(lastResult) => (
        <FundingLineForm
          line={data.editing}
          lastResult={lastResult}
          funders={funders}
          recipients={recipients}
          chosen={answer?.chosen}
          cancelHref={basePath}
        />
      )}
      archived={
        archived.length > 0 ? (
          <FundingLinesTable lines={archived} canEdit archived editHref={() => basePath} />
        ) : null
      }
    />
  );
}
