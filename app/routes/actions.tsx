import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link, redirect } from "react-router";
import { ActionTable, type ActionRowView } from "~/components/actions/action-table";
import { LinkFilterChips, type LinkFilterChip } from "~/components/actions/link-filter-chips";
import { EmptyState } from "~/components/empty-state";
import { FormErrors } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { can, forbidden, requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { eventArchived } from "~/lib/event-access.server";
import { mayChangeStatusOf, requireActionChanger } from "~/lib/action-access.server";
import {
  ACTION_FLAG_FILTERS,
  ACTION_LINK_FILTERS,
  actionQueryString,
  isActionOverdue,
  parseActionListQuery,
} from "~/lib/actions";
import { actionStatuses } from "~/lib/enums";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { todayIso } from "~/lib/objectives";
import { parsePageRequest } from "~/lib/pagination";
import { bulkStatusInput, statusInput } from "~/lib/validation/actions";
import { REPEATED_FIELD, repeatedFields } from "~/lib/validation/form-data";
import { getInstance } from "~/middleware/i18next";
import { loadActionListPage } from "~/models/action-list-page.server";
import { bulkChangeStatus, changeActionStatus, type BulkResult } from "~/models/actions.server";
import type { Route } from "./+types/actions";

export async function loader({ context, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "action:read");
  const db = context.get(dbContext);
  const query = parseActionListQuery(url.searchParams);
  const today = todayIso();
  const { page, filterOptions, linkNames } = await loadActionListPage(
    db,
    parsePageRequest(url.searchParams),
    query,
    today,
    user,
  );
  // "Linked to: <name>" chips (from a record page's "See all"), "Of your events" and "Not done or
  // dropped" (from the dashboard's); removing one keeps the other filters.
  const without = (key: keyof typeof query) => {
    const rest = actionQueryString({ ...query, [key]: undefined });
    return `/actions${rest ? `?${rest}` : ""}`;
  };
  const linkChips: LinkFilterChip[] = [
    ...ACTION_LINK_FILTERS.flatMap(({ kind, param, key }) => {
      const id = query[key];
      return id ? [{ kind, param, value: id, name: linkNames[kind], removeHref: without(key) }] : [];
    }),
    ...ACTION_FLAG_FILTERS.flatMap(({ kind, param, value, key }) =>
      query[key] ? [{ kind, param, value, name: null, removeHref: without(key) }] : [],
    ),
  ];
  const may = mayChangeStatusOf(user);
  const items: ActionRowView[] = page.items.map((row) => ({
    ...row,
    overdue: isActionOverdue(row, today),
    mayChangeStatus: !row.eventArchived && may(row),
  }));
  const { t } = getInstance(context);
  return {
    title: t("actions.allTitle"),
    query,
    queryString: actionQueryString(query),
    actions: { ...page, items },
    filterOptions,
    linkChips,
    canChangeSome: items.some((a) => a.mayChangeStatus),
    canExport: can(user, "export:run"),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

interface Answer {
  bulk: BulkResult | null;
  errors: string[];
}

// Intents: bulk (the checked "id:version" rows and a status) and status (one row). Only the actions
// this user may change are changed; the others are named in the answer (403 when none may be).
// Actions of an archived event are not changed (409; in bulk they are named).
export async function action({ request, context, url }: Route.ActionArgs) {
  const user = requireActionChanger(context, url);
  const db = context.get(dbContext);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const today = todayIso();
  const back = `${url.pathname}${url.search}`;
  const may = mayChangeStatusOf(user);
  // One value a name, but for the bulk form's checked rows.
  if (repeatedFields(formData, ["selected"]).length > 0) {
    return data<Answer>({ bulk: null, errors: [REPEATED_FIELD] }, { status: 400 });
  }

  if (intent === "status") {
    const parsed = statusInput(today).safeParse({
      intent,
      id: formData.get("id"),
      version: Number(formData.get("version")),
      status: formData.get("status"),
      doneOn: formData.get("doneOn") || undefined,
    });
    if (!parsed.success) {
      return data<Answer>({ bulk: null, errors: parsed.error.issues.map((i) => i.message) }, { status: 400 });
    }
    const outcome = await changeActionStatus(db, user, null, parsed.data, may, today);
    if (outcome.ok) return redirect(back);
    if (outcome.reason === "forbidden") throw forbidden();
    if (outcome.reason === "eventArchived") throw eventArchived();
    if (outcome.reason === "stale")
      return data<Answer>({ bulk: null, errors: ["actions.stale"] }, { status: 409 });
    throw data(null, { status: 404, statusText: "Not Found" });
  }

  if (intent !== "bulk") throw data(null, { status: 400, statusText: "Bad Request" });
  const parsed = bulkStatusInput.safeParse({
    intent,
    selected: formData.getAll("selected"),
    status: formData.get("status"),
  });
  if (!parsed.success) {
    return data<Answer>({ bulk: null, errors: parsed.error.issues.map((i) => i.message) }, { status: 400 });
  }
  const result = await bulkChangeStatus(db, user, parsed.data.selected, parsed.data.status, may, today);
  if (result.changed === 0 && result.unchanged === 0 && result.forbidden.length > 0) throw forbidden();
  const refused =
    result.forbidden.length + result.stale.length + result.eventArchived.length + result.missing > 0;
  const status = refused ? 409 : 200;
  return data<Answer>({ bulk: result, errors: [] }, { status });
}

const inputClass = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

export default function Actions({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { query, queryString, filterOptions, linkChips, canChangeSome, canExport } = loaderData;
  const { items, total, page, pages } = loaderData.actions;
  const any = t("actions.filters.any");
  const bulk = actionData?.bulk ?? null;
  const filtered = Boolean(
    query.eventId ||
    query.ownerOrganisationId ||
    linkChips.length > 0 ||
    query.status ||
    query.dueFrom ||
    query.dueTo ||
    query.overdue,
  );
  return (
    <>
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-semibold">{t("actions.allTitle")}</h1>
        <p className="text-sm text-slate-700">{t("actions.count", { count: total })}</p>
        {canExport ? (
          <a
            href={`/export/actions.csv${queryString ? `?${queryString}` : ""}`}
            className="ml-auto text-sm text-brand-700 underline"
            download
          >
            {t("actions.exportCsv")}
          </a>
        ) : null}
      </div>

      <LinkFilterChips chips={linkChips} />

      <Form
        method="get"
        className="mt-4 rounded-lg border border-slate-200 bg-white p-4"
        aria-label={t("actions.filters.label")}
      >
        <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
          <label className="text-sm">
            {t("actions.fields.event")}
            <select name="event" defaultValue={query.eventId ?? ""} className={inputClass}>
              <option value="">{any}</option>
              {filterOptions.events.map((e) => (
                <option key={e.id} value={e.id}>
                  {`${e.title} (${formatDate(e.startsOn, i18n.language)})`}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            {t("actions.fields.ownerOrganisation")}
            <select name="owner" defaultValue={query.ownerOrganisationId ?? ""} className={inputClass}>
              <option value="">{any}</option>
              {filterOptions.owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.acronym ?? o.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            {t("actions.fields.status")}
            <select name="status" defaultValue={query.status ?? ""} className={inputClass}>
              <option value="">{any}</option>
              {actionStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`actions.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            {t("actions.filters.dueFrom")}
            <input type="date" name="from" defaultValue={query.dueFrom ?? ""} className={inputClass} />
          </label>
          <label className="text-sm">
            {t("actions.filters.dueTo")}
            <input type="date" name="to" defaultValue={query.dueTo ?? ""} className={inputClass} />
          </label>
          <label className="flex items-center gap-2 self-end text-sm">
            <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue} />
            {t("actions.filters.overdue")}
          </label>
        </div>
        {linkChips.map((chip) => (
          <input key={chip.param} type="hidden" name={chip.param} value={chip.value} />
        ))}
        {query.sort !== "due" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.direction !== "asc" ? <input type="hidden" name="dir" value={query.direction} /> : null}
        <div className="mt-3 flex flex-wrap items-center gap-4">
          <button
            type="submit"
            className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-slate-100"
          >
            {t("actions.filters.apply")}
          </button>
          <Link to="/actions" className="text-sm text-brand-700 underline">
            {t("actions.filters.reset")}
          </Link>
        </div>
      </Form>

      <div className="mt-4 space-y-2" aria-live="polite">
        <FormErrors errors={actionData?.errors.length ? actionData.errors : undefined} />
        {bulk ? <BulkSummary result={bulk} /> : null}
      </div>

      {total === 0 ? (
        <div className="mt-6">
          <EmptyState>{filtered ? t("actions.emptyFiltered") : t("actions.emptyAll")}</EmptyState>
        </div>
      ) : (
        <div className="mt-6 space-y-3">
          {canChangeSome ? (
            <Form
              method="post"
              id="bulk-form"
              className="flex flex-wrap items-end gap-3"
              aria-label={t("actions.bulk.label")}
            >
              <input type="hidden" name="intent" value="bulk" />
              <label className="text-sm">
                {t("actions.bulk.status")}
                <select name="status" defaultValue="done" className={inputClass}>
                  {actionStatuses.map((s) => (
                    <option key={s} value={s}>
                      {t(`actions.status.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="submit"
                className="rounded bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800"
              >
                {t("actions.bulk.submit")}
              </button>
              <p className="text-xs text-slate-600">{t("actions.bulk.hint")}</p>
            </Form>
          ) : null}
          <ActionTable
            actions={items}
            showEvent
            bulkFormId={canChangeSome ? "bulk-form" : undefined}
            sort={{ current: query.sort, dir: query.direction }}
          />
        </div>
      )}
      <Pagination page={page} pages={pages} />
    </>
  );
}

function BulkSummary({ result }: { result: BulkResult }) {
  const { t } = useTranslation();
  return (
    <div role="status" className="rounded border border-slate-200 bg-slate-50 p-3 text-sm">
      <p>{t("actions.bulk.changed", { count: result.changed })}</p>
      {result.unchanged > 0 ? <p>{t("actions.bulk.unchanged", { count: result.unchanged })}</p> : null}
      {result.forbidden.length > 0 ? (
        <p className="text-red-800">
          {t("actions.bulk.forbidden", {
            count: result.forbidden.length,
            titles: result.forbidden.join(", "),
          })}
        </p>
      ) : null}
      {result.stale.length > 0 ? (
        <p className="text-amber-900">
          {t("actions.bulk.stale", { count: result.stale.length, titles: result.stale.join(", ") })}
        </p>
      ) : null}
      {result.eventArchived.length > 0 ? (
        <p className="text-amber-900">
          {t("actions.bulk.eventArchived", {
            count: result.eventArchived.length,
            titles: result.eventArchived.join(", "),
          })}
        </p>
      ) : null}
      {result.missing > 0 ? <p>{t("actions.bulk.missing", { count: result.missing })}</p> : null}
    </div>
  );
}
