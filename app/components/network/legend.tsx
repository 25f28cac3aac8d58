// What the map's colours, borders and lines mean.
import { useTranslation } from "~/i18n/use-translation";
import { levels, organisationTypes } from "~/lib/enums";
import { CHANGE_COLOURS, LEVEL_BORDERS, TRUST_COLOURS, TYPE_COLOURS } from "./style";

const bands = ["low", "medium", "high", "none"] as const;
const changes = ["added", "ended", "changed"] as const;

export function Legend() {
  const { t } = useTranslation();
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <summary className="cursor-pointer font-semibold">{t("network.legend.title")}</summary>
      <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <section aria-labelledby="legend-types">
          <h3 id="legend-types" className="font-medium">
            {t("network.legend.types")}
          </h3>
          <ul className="mt-1 space-y-0.5">
            {organisationTypes.map((type) => (
              <li key={type} className="flex items-center gap-2">
                <span
                  aria-hidden="true"
                  className="inline-block h-3 w-3 rounded-full"
                  style={{ background: TYPE_COLOURS[type] }}
                />
                {t(`enums.organisationType.${type}`)}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="legend-levels">
          <h3 id="legend-levels" className="font-medium">
            {t("network.legend.levels")}
          </h3>
          <ul className="mt-1 space-y-0.5">
            {levels.map((level) => (
              <li key={level} className="flex items-center gap-2">
                <span
                  aria-hidden="true"
                  className="inline-block h-4 w-4 rounded-full bg-slate-200"
                  style={{ border: `${LEVEL_BORDERS[level].width}px solid ${LEVEL_BORDERS[level].colour}` }}
                />
                {t(`enums.level.${level}`)}
              </li>
            ))}
          </ul>
          <p className="mt-2 text-slate-700">{t("network.legend.size")}</p>
        </section>
        <section aria-labelledby="legend-edges">
          <h3 id="legend-edges" className="font-medium">
            {t("network.legend.edges")}
          </h3>
          <ul className="mt-1 space-y-0.5">
            {bands.map((band) => (
              <li key={band} className="flex items-center gap-2">
                <span
                  aria-hidden="true"
                  className="inline-block h-1 w-6"
                  style={{ background: TRUST_COLOURS[band] }}
                />
                {t(`network.legend.trust.${band}`)}
              </li>
            ))}
            <li className="flex items-center gap-2">
              <span
                aria-hidden="true"
                className="inline-block w-6 border-t-2 border-dashed border-slate-700"
              />
              {t("network.legend.dashed")}
            </li>
            <li className="flex items-center gap-2">
              <svg aria-hidden="true" width="24" height="10" viewBox="0 0 24 10">
                <line x1="0" y1="5" x2="17" y2="5" stroke="#334155" strokeWidth="2" />
                <polygon points="16,0 24,5 16,10" fill="#334155" />
              </svg>
              {t("network.legend.arrow")}
            </li>
          </ul>
          <p className="mt-2 text-slate-700">{t("network.legend.width")}</p>
        </section>
        <section aria-labelledby="legend-changes">
          <h3 id="legend-changes" className="font-medium">
            {t("network.legend.changes")}
          </h3>
          <ul className="mt-1 space-y-0.5">
            {changes.map((change) => (
              <li key={change} className="flex items-center gap-2">
                <span
                  aria-hidden="true"
                  className="inline-block h-2 w-6 rounded"
                  style={{ background: CHANGE_COLOURS[change] }}
                />
                {t(`network.legend.change.${change}`)}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </details>
  );
}
