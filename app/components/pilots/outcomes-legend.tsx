// Which pathways make each group of the evaluations (`pathwayGroup` in app/lib/enums.ts, defined once).
import { useTranslation } from "~/i18n/use-translation";
import { outcomeGroups } from "~/lib/enums";
import { pathwaysByGroup } from "~/lib/outcomes";
import { groupColours } from "./outcomes-chart";

export function OutcomesLegend() {
  const { t } = useTranslation();
  const byGroup = pathwaysByGroup();
  return (
    <section
      aria-labelledby="outcomes-legend-title"
      data-testid="outcomes-legend"
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="outcomes-legend-title" className="text-base font-semibold">
        {t("outcomes.legend.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("outcomes.legend.intro")}</p>
      <dl className="mt-3 grid gap-3 sm:grid-cols-3">
        {outcomeGroups.map((group) => (
          <div key={group}>
            <dt className="flex items-center gap-2 text-sm font-semibold">
              <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-sm ${groupColours[group]}`} />
              {t(`outcomes.groups.${group}`)}
            </dt>
            <dd>
              <ul className="mt-1 list-disc pl-5 text-sm text-slate-800">
                {byGroup[group].map((pathway) => (
                  <li key={pathway}>{t(`enums.outcomePathway.${pathway}`)}</li>
                ))}
              </ul>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
