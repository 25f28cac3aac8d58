import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import { can, requirePermission } from "~/auth/permissions.server";
import { EmptyState } from "~/components/empty-state";
import { ComparisonTable } from "~/components/municipalities/comparison-table";
import { MunicipalityTable } from "~/components/municipalities/municipality-table";
import { ViewTabs } from "~/components/municipalities/view-tabs";
import { ExportLink } from "~/components/list-header";
import { comparisonExportHref } from "~/lib/comparison-export";
import { listExportHref } from "~/lib/list-exports";
import { Pagination } from "~/components/pagination";
import { dbContext } from "~/db/context";
import { showComparison, sortComparison } from "~/lib/comparison";
import { pageTitle } from "~/lib/meta";
import { todayIso } from "~/lib/objectives";
import { parsePageRequest } from "~/lib/pagination";
import { seesExactOutcomes } from "~/lib/suppression";
import {
  parseComparisonFilters,
  parseMunicipalitiesView,
  parseMunicipalityFilters,
  type MunicipalitiesView,
} from "~/lib/validation/municipalities";
import { getInstance } from "~/middleware/i18next";
import { comparePilots } from "~/models/municipalities-comparison.server";
import { loadMunicipalityListPage } from "~/models/municipality-list-page.server";
import { municipalityCountries } from "~/models/municipalities.server";
import type { Route } from "./+types/municipalities._index";

// Anyone signed in: the municipalities (country filter, sorting, pages), or with ?view=compare the
// pilots side by side. Not an editing screen: outcome figures reach the browser already suppressed
// for everyone but coordinators (lib/comparison.ts, lib/suppression.ts).
export async function loader({ context, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "municipality:read");
  const db = context.get(dbContext);
  const { t } = getInstance(context);
  const view = parseMunicipalitiesView(url.searchParams);
  if (view === "compare") {
    const filters = parseComparisonFilters(url.searchParams);
    const [pilots, countries] = await Promise.all([
      comparePilots(db, { country: filters.country }),
      municipalityCountries(db),
    ]);
    const shown = showComparison(pilots, (pilot) => seesExactOutcomes(user, pilot.municipalityId, "other"));
    // The file is suppressed for everyone (an export), the page only for those without exact figures.
    const exportHref = can(user, "export:run") ? comparisonExportHref(url.searchParams) : null;
    return {
      view,
      title: t("municipalities.compare.title"),
      countries,
      filters,
      exportHref,
      comparison: { ...shown, rows: sortComparison(shown.rows, filters.sort, filters.dir) },
    } as const;
  }
  const filters = parseMunicipalityFilters(url.searchParams);
  const { municipalities, countries } = await loadMunicipalityListPage(
    db,
    parsePageRequest(url.searchParams),
    filters,
    todayIso(),
  );
  const exportHref = can(user, "export:run") ? listExportHref("municipalities", url.searchParams) : null;
  return { view, title: t("municipalities.title"), countries, filters, municipalities, exportHref } as const;
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

const fieldClass = "mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm";

/** The country filter: a GET form, so the URL can be shared. */
function CountryFilter({
  view,
  countries,
  filters,
}: {
  view: MunicipalitiesView;
  countries: string[];
  filters: { country: string | undefined; sort: string; dir: string };
}) {
  const { t } = useTranslation();
  const clearTo = view === "compare" ? "/municipalities?view=compare" : "/municipalities";
  return (
    <Form
      method="get"
      className="mt-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      {view === "compare" ? <input type="hidden" name="view" value="compare" /> : null}
      <input type="hidden" name="sort" value={filters.sort} />
      <input type="hidden" name="dir" value={filters.dir} />
      <div>
        <label htmlFor="municipalities-country" className="block text-sm font-medium text-slate-800">
          {t("municipalities.filters.country")}
        </label>
        <select
          id="municipalities-country"
          name="country"
          defaultValue={filters.country ?? ""}
          className={fieldClass}
        >
          <option value="">{t("municipalities.filters.allCountries")}</option>
          {countries.map((country) => (
            <option key={country} value={country}>
              {country}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="rounded bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
      >
        {t("municipalities.filters.apply")}
      </button>
      {filters.country ? (
        <Link to={clearTo} className="self-center text-sm text-brand-700 underline">
          {t("municipalities.filters.clear")}
        </Link>
      ) : null}
    </Form>
  );
}

export default function Municipalities({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const data = loaderData;
  return (
    <>
      <h1 className="text-2xl font-semibold">{data.title}</h1>
      {data.view === "compare" ? (
        <p className="text-sm text-slate-700">
          {t("municipalities.compare.intro", { count: data.comparison.rows.length })}
          {data.exportHref ? (
            <span className="ml-4">
              <ExportLink to={data.exportHref} label={t("exports.csv")} />
            </span>
          ) : null}
        </p>
      ) : (
        <p className="text-sm text-slate-700">
          {t("municipalities.count", { count: data.municipalities.total })}
          {data.exportHref ? (
            <span className="ml-4">
              <ExportLink to={data.exportHref} label={t("exports.csv")} />
            </span>
          ) : null}
        </p>
      )}
      <ViewTabs view={data.view} country={data.filters.country} />
      <CountryFilter view={data.view} countries={data.countries} filters={data.filters} />
      {data.view === "compare" ? (
        data.comparison.rows.length === 0 ? (
          <div className="mt-6">
            <EmptyState>
              {data.filters.country ? t("municipalities.compare.noMatch") : t("municipalities.compare.empty")}
            </EmptyState>
          </div>
        ) : (
          <ComparisonTable comparison={data.comparison} filters={data.filters} />
        )
      ) : data.municipalities.total === 0 ? (
        <div className="mt-6">
          <EmptyState>
            {data.filters.country ? t("municipalities.noMatch") : t("municipalities.empty")}
          </EmptyState>
        </div>
      ) : (
        <>
          <MunicipalityTable items={data.municipalities.items} filters={data.filters} />
          <Pagination page={data.municipalities.page} pages={data.municipalities.pages} />
        </>
      )}
    </>
  );
}
