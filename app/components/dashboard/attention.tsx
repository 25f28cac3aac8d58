// Partnerships needing attention: three short lists, each with its figure in words.
import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import { dashboardLinks } from "~/lib/dashboard";
import { DISAGREEMENT_SPREAD } from "~/lib/health";
import type { AttentionLists, CappedList } from "~/models/dashboard-attention.server";
import { EmptyLine, SeeAll, SubSection } from "./section";

function PartnershipList<T extends { id: string; name: string }>({
  id,
  title,
  list,
  empty,
  seeAllTo,
  seeAllLabel,
  figure,
}: {
  id: string;
  title: string;
  list: CappedList<T>;
  empty: string;
  seeAllTo: string;
  seeAllLabel: string;
  figure: (item: T) => React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <SubSection id={id} title={title}>
      {list.items.length === 0 ? (
        <EmptyLine>{empty}</EmptyLine>
      ) : (
        <ol aria-labelledby={id} className="mt-1 divide-y divide-slate-100">
          {list.items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5 text-sm">
              <Link to={`/partnerships/${item.id}`} className="text-brand-700 underline">
                {item.name}
              </Link>
              <span className="tabular-nums text-slate-800">{figure(item)}</span>
            </li>
          ))}
        </ol>
      )}
      {list.total > 0 ? (
        <SeeAll
          to={seeAllTo}
          label={`${seeAllLabel} (${t("home.shown", { shown: list.items.length, total: list.total })})`}
        />
      ) : null}
    </SubSection>
  );
}

export function AttentionSection({ attention }: { attention: AttentionLists }) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-4 md:grid-cols-3">
      <PartnershipList
        id="attention-trust"
        title={t("home.attention.lowestTrust")}
        list={attention.lowestTrust}
        empty={t("home.attention.noTrust")}
        seeAllTo={dashboardLinks.lowestTrust()}
        seeAllLabel={t("home.attention.seeAllTrust")}
        figure={(item) => (
          <>
            {t("home.attention.trustValue", { value: item.value })}
            {item.band === "low" ? (
              <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">
                {t("home.attention.trustLow")}
              </span>
            ) : null}
          </>
        )}
      />
      <PartnershipList
        id="attention-exposure"
        title={t("home.attention.highestExposure")}
        list={attention.highestExposure}
        empty={t("home.attention.noExposure")}
        seeAllTo={dashboardLinks.highestExposure()}
        seeAllLabel={t("home.attention.seeAllExposure")}
        figure={(item) => (
          <>
            {t("home.attention.exposureValue", { value: item.value })}
            {item.level === "high" ? (
              <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">
                {t("home.attention.exposureHigh")}
              </span>
            ) : null}
          </>
        )}
      />
      <PartnershipList
        id="attention-disagreement"
        title={t("home.attention.disagreement")}
        list={attention.disagreement}
        empty={t("home.attention.noDisagreement", { spread: DISAGREEMENT_SPREAD })}
        seeAllTo={dashboardLinks.partnerships()}
        seeAllLabel={t("home.attention.seeAllDisagreement")}
        figure={(item) =>
          t("home.attention.disagreementValue", {
            dimension: t(`enums.healthDimension.${item.dimension}`),
            spread: item.spread,
          })
        }
      />
    </div>
  );
}
