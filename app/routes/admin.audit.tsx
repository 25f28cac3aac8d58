import { useId } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { Form, Link, useLocation } from "react-router";
import { requirePermission } from "~/auth/permissions.server";
import { AuditChanges } from "~/components/audit/changes";
import { useAuditLabels } from "~/components/audit/labels";
import { EmptyState } from "~/components/empty-state";
import { ExportLink } from "~/components/list-header";
import { ErrorList } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { parsePageRequest } from "~/lib/pagination";
import { getInstance } from "~/middleware/i18next";
import { auditExportHref, parseAuditFilters, SYSTEM, type AuditFilterName } from "~/lib/validation/audit";
import { auditActions } from "~/lib/enums";
import { auditFilterOptions, listAuditEntries } from "~/models/audit.server";
import type { Route } from "./+types/admin.audit";

// Coordinators only. The filters travel in the query string (a GET form), so a filtered view is a
// link to share. A filter value that does not parse is ignored and shown as a field error.
export async function loader({ context, url }: Route.LoaderArgs) {
  requirePermission(context, url, "audit:read");
  const db = context.get(dbContext);
  const { filters, values, errors } = parseAuditFilters(url.searchParams);
  const [entries, options] = await Promise.all([
    listAuditEntries(db, filters, parsePageRequest(url.searchParams)),
    auditFilterOptions(db),
  ]);
  return {
    title: getInstance(context).t("audit.title"),
    values,
    errors,
    filtered: Object.keys(filters).length > 0,
    entries,
    options,
    exportHref: auditExportHref(url.searchParams),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const { entries, filtered } = loaderData;
  const { items, total, page, pages } = entries;
  return (
    <>
      <div className="flex items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("audit.title")}</h1>
        <p className="text-sm text-slate-700">
          {t("audit.count", { count: total })}
          <span className="ml-4">
            <ExportLink to={loaderData.exportHref} label={t("exports.csv")} />
          </span>
        </p>
      </div>
      <Filters values={loaderData.values} errors={loaderData.errors} options={loaderData.options} />
      {total === 0 ? (
        <div className="mt-6">
          <EmptyState>{filtered ? t("audit.emptyFiltered") : t("audit.empty")}</EmptyState>
        </div>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">{t("audit.caption")}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("audit.columns.at")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("audit.columns.user")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("audit.columns.action")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("audit.columns.entity")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("audit.columns.changes")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {items.map((entry) => (
                <tr key={entry.id}>
                  <td className="px-4 py-2 whitespace-nowrap">
                    <time dateTime={entry.at.toISOString()}>{labels.at(entry.at)}</time>
                  </td>
                  <td className="px-4 py-2">
                    {entry.actor ? (
                      entry.actor.name
                    ) : (
                      <span className="text-slate-600 italic">{labels.actor(null)}</span>
                    )}
                  </td>
                  <td className="px-4 py-2">{labels.action(entry.action)}</td>
                  <td className="px-4 py-2">
                    <span className="block">{labels.entityType(entry.entityType)}</span>
                    <code className="text-xs break-all text-slate-700">{entry.entityId}</code>
                  </td>
                  <td className="px-4 py-2 max-w-md">
                    <AuditChanges entry={entry} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} />
    </>
  );
}

type FilterProps = Pick<Route.ComponentProps["loaderData"], "values" | "errors" | "options">;

function Filters({ values, errors, options }: FilterProps) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const location = useLocation();
  // A value in the URL that the options do not list (e.g. a user with no entries) stays visible.
  const userChoices = options.users.map((user) => ({ value: user.id, label: user.name }));
  if (options.hasSystemEntries || values.user === SYSTEM) {
    userChoices.unshift({ value: SYSTEM, label: t("audit.system") });
  }
  if (values.user && !errors.user && !userChoices.some((choice) => choice.value === values.user)) {
    userChoices.push({ value: values.user, label: values.user });
  }
  const typeChoices = options.entityTypes.map((type) => ({ value: type, label: labels.entityType(type) }));
  if (values.entityType && !errors.entityType && !options.entityTypes.includes(values.entityType)) {
    typeChoices.push({ value: values.entityType, label: labels.entityType(values.entityType) });
  }
  const actionChoices = auditActions.map((action) => ({ value: action, label: labels.action(action) }));
  return (
    // Keyed on the query string: uncontrolled fields take the new values after a navigation.
    <Form
      method="get"
      key={location.search}
      aria-label={t("audit.filters.label")}
      className="mt-6 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <FilterSelect
          name="user"
          label={t("audit.filters.user")}
          allLabel={t("audit.filters.allUsers")}
          choices={userChoices}
          value={errors.user ? "" : values.user}
          error={errors.user}
        />
        <FilterSelect
          name="entityType"
          label={t("audit.filters.entityType")}
          allLabel={t("audit.filters.allEntityTypes")}
          choices={typeChoices}
          value={errors.entityType ? "" : values.entityType}
          error={errors.entityType}
        />
        <FilterInput
          name="entityId"
          type="text"
          label={t("audit.filters.entityId")}
          value={values.entityId}
          error={errors.entityId}
        />
        <FilterSelect
          name="action"
          label={t("audit.filters.action")}
          allLabel={t("audit.filters.allActions")}
          choices={actionChoices}
          value={errors.action ? "" : values.action}
          error={errors.action}
        />
        <FilterInput
          name="from"
          type="date"
          label={t("audit.filters.from")}
          value={values.from}
          error={errors.from}
        />
        <FilterInput
          name="to"
          type="date"
          label={t("audit.filters.to")}
          value={values.to}
          error={errors.to}
        />
      </div>
      <div className="mt-4 flex items-center gap-4">
        <button
          type="submit"
          className="inline-flex items-center rounded bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
        >
          {t("audit.filters.apply")}
        </button>
        <Link to={location.pathname} className="text-sm text-brand-700 underline">
          {t("audit.filters.clear")}
        </Link>
      </div>
    </Form>
  );
}

const controlClass =
  "mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-600";

function FilterSelect({
  name,
  label,
  allLabel,
  choices,
  value,
  error,
}: {
  name: AuditFilterName;
  label: string;
  allLabel: string;
  choices: { value: string; label: string }[];
  value: string;
  error: string | undefined;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={controlClass}
      >
        <option value="">{allLabel}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      <ErrorList id={errorId} errors={error ? [error] : undefined} />
    </div>
  );
}

function FilterInput({
  name,
  type,
  label,
  value,
  error,
}: {
  name: AuditFilterName;
  type: "text" | "date";
  label: string;
  value: string;
  error: string | undefined;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={controlClass}
      />
      <ErrorList id={errorId} errors={error ? [error] : undefined} />
    </div>
  );
}
