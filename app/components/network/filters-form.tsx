// The map's filters: a GET form, so every view is a URL; values come back from the URL, errors from
// parseNetworkFilters are shown next to their field. The search and the partnership to light up are
// always in view; the other filters fold under "More filters" (open when one of them is set or wrong),
// so that the map starts near the top of the page.
import { useTranslation } from "~/i18n/use-translation";
import { Form, Link, useLocation } from "react-router";
import { levels, organisationTypes, partnershipStatuses, riskCategories } from "~/lib/enums";
import type { NetworkFilters } from "~/lib/network/types";

export type FilterErrors = Partial<Record<keyof NetworkFilters, string>>;

const fieldClass = "mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm";
const labelClass = "block text-sm font-medium text-slate-800";

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {/* The key comes from parseNetworkFilters: network.filters.errors.<field>. */}
      {t(error as "network.filters.title")}
    </p>
  );
}

/** A labelled input of the filters, with its error below and tied to it. */
function FilterInput({
  id,
  label,
  name,
  type,
  value,
  error,
  ...bounds
}: {
  id: string;
  label: string;
  name: string;
  type: "number" | "date";
  value: string | number | null;
  error: string | undefined;
  min?: number;
  max?: number;
  step?: number;
}) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input
        id={id}
        type={type}
        name={name}
        {...bounds}
        defaultValue={value ?? ""}
        className={fieldClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

function CheckboxGroup<T extends string>({
  legend,
  name,
  values,
  selected,
  labelOf,
}: {
  legend: string;
  name: string;
  values: readonly T[];
  selected: readonly string[];
  labelOf: (value: T) => string;
}) {
  return (
    <fieldset className="min-w-0">
      <legend className={labelClass}>{legend}</legend>
      <div className="mt-1 max-h-32 space-y-0.5 overflow-y-auto rounded border border-slate-200 p-2">
        {values.map((value) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={name} value={value} defaultChecked={selected.includes(value)} />
            {labelOf(value)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** How many of the folded filters are set. */
export function foldedFiltersActive(filters: NetworkFilters): number {
  return [
    filters.countries.length > 0,
    filters.types.length > 0,
    filters.levels.length > 0,
    filters.statuses.length > 0,
    filters.riskCategory !== null,
    filters.minTrust !== null,
    filters.asOf !== null,
    filters.since !== null,
    filters.sinceEventId !== null,
    filters.hubs,
  ].filter(Boolean).length;
}

export function FiltersForm({
  filters,
  errors,
  countries,
  partnerships,
  events,
  view,
  searchMatches,
}: {
  filters: NetworkFilters;
  errors: FilterErrors;
  /** Countries present among organisations. */
  countries: string[];
  /** Partnerships to pick one to light up (id, name). */
  partnerships: { id: string; name: string }[];
  /** Events to mark the changes since (latest first). */
  events: { id: string; title: string; startsOn: string }[];
  view: "map" | "table";
  /** Organisations the search matched (map view), null when unknown. */
  searchMatches: number | null;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const countryValues = [...countries, "none"];
  const active = foldedFiltersActive(filters);
  const folded: (keyof NetworkFilters)[] = ["countries", "minTrust", "asOf", "since", "sinceEventId"];
  const open = active > 0 || folded.some((key) => errors[key] !== undefined);
  return (
    <Form
      method="get"
      key={location.search}
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4"
      aria-label={t("network.filters.title")}
    >
      {view === "table" ? <input type="hidden" name="view" value="table" /> : null}
      {filters.expand.map((id) => (
        <input key={id} type="hidden" name="expand" value={id} />
      ))}
      <div className="md:col-span-2">
        <label htmlFor="network-q" className={labelClass}>
          {t("network.filters.search")}
        </label>
        <input
          id="network-q"
          type="search"
          name="q"
          defaultValue={filters.q}
          className={fieldClass}
          aria-describedby="network-q-result"
        />
        <p id="network-q-result" role="status" className="mt-1 text-sm text-slate-700">
          {filters.q && searchMatches !== null
            ? searchMatches === 0
              ? t("network.filters.noMatch")
              : t("network.filters.matches", { count: searchMatches })
            : null}
        </p>
        <FieldError id="network-q-error" error={errors.q} />
      </div>
      <div className="md:col-span-2">
        <label htmlFor="network-partnership" className={labelClass}>
          {t("network.filters.partnership")}
        </label>
        <select
          id="network-partnership"
          name="partnership"
          defaultValue={filters.partnershipId ?? ""}
          className={fieldClass}
        >
          <option value="">{t("network.filters.noPartnership")}</option>
          {partnerships.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <FieldError id="network-partnership-error" error={errors.partnershipId} />
      </div>
      <details className="md:col-span-4" open={open}>
        <summary className="cursor-pointer text-sm font-semibold text-slate-800">
          {t("network.filters.more")}
          {active > 0 ? (
            <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-800">
              {t("network.filters.active", { count: active })}
            </span>
          ) : null}
        </summary>
        <div className="mt-3 grid gap-3 md:grid-cols-4">
          <div>
            <label htmlFor="network-risk" className={labelClass}>
              {t("network.filters.risk")}
            </label>
            <select
              id="network-risk"
              name="risk"
              defaultValue={filters.riskCategory ?? ""}
              className={fieldClass}
            >
              <option value="">{t("network.filters.anyRisk")}</option>
              {riskCategories.map((category) => (
                <option key={category} value={category}>
                  {t(`enums.riskCategory.${category}`)}
                </option>
              ))}
            </select>
          </div>
          <CheckboxGroup
            legend={t("network.filters.country")}
            name="country"
            values={countryValues}
            selected={filters.countries}
            labelOf={(value) => (value === "none" ? t("network.filters.noCountry") : value)}
          />
          <CheckboxGroup
            legend={t("network.filters.type")}
            name="type"
            values={organisationTypes}
            selected={filters.types}
            labelOf={(value) => t(`enums.organisationType.${value}`)}
          />
          <CheckboxGroup
            legend={t("network.filters.level")}
            name="level"
            values={levels}
            selected={filters.levels}
            labelOf={(value) => t(`enums.level.${value}`)}
          />
          <CheckboxGroup
            legend={t("network.filters.status")}
            name="status"
            values={partnershipStatuses}
            selected={filters.statuses}
            labelOf={(value) => t(`enums.partnershipStatus.${value}`)}
          />
          <FilterInput
            id="network-min-trust"
            label={t("network.filters.minTrust")}
            name="minTrust"
            type="number"
            value={filters.minTrust}
            error={errors.minTrust}
            min={1}
            max={5}
            step={0.1}
          />
          <FilterInput
            id="network-as-of"
            label={t("network.filters.asOf")}
            name="asOf"
            type="date"
            value={filters.asOf}
            error={errors.asOf}
          />
          <FilterInput
            id="network-since"
            label={t("network.filters.since")}
            name="since"
            type="date"
            value={filters.since}
            error={errors.since}
          />
          <div>
            <label htmlFor="network-since-event" className={labelClass}>
              {t("network.filters.sinceEvent")}
            </label>
            <select
              id="network-since-event"
              name="sinceEvent"
              defaultValue={filters.sinceEventId ?? ""}
              className={fieldClass}
              aria-invalid={errors.sinceEventId ? true : undefined}
              aria-describedby={errors.sinceEventId ? "network-since-event-error" : undefined}
            >
              <option value="">{t("network.filters.noEvent")}</option>
              {events.map((event) => (
                <option key={event.id} value={event.id}>
                  {t("network.filters.eventOption", { title: event.title, date: event.startsOn })}
                </option>
              ))}
            </select>
            <FieldError id="network-since-event-error" error={errors.sinceEventId} />
          </div>
          <div className="flex flex-col justify-end gap-2">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="hubs" value="1" defaultChecked={filters.hubs} />
              {t("network.filters.hubs")}
            </label>
          </div>
        </div>
      </details>
      <div className="flex items-end gap-2 md:col-span-4">
        <button
          type="submit"
          className="rounded bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800"
        >
          {t("network.filters.apply")}
        </button>
        <Link
          to={view === "table" ? `${location.pathname}?view=table` : location.pathname}
          className="text-sm text-brand-700 underline"
        >
          {t("network.filters.reset")}
        </Link>
      </div>
    </Form>
  );
}
