import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import { can, requirePermission } from "~/auth/permissions.server";
import { EmptyState } from "~/components/empty-state";
import { EventDates, EventPlace } from "~/components/events/event-dates";
import { Pagination } from "~/components/pagination";
import { dbContext } from "~/db/context";
import { eventKinds } from "~/lib/enums";
import { pageTitle } from "~/lib/meta";
import { parsePageRequest } from "~/lib/pagination";
import { parseEventFilters } from "~/lib/validation/events";
import { getInstance } from "~/middleware/i18next";
import { loadEventListPage } from "~/models/event-list-page.server";
import type { Route } from "./+types/events._index";
import { ListHeader } from "~/components/list-header";
import { listExportHref } from "~/lib/list-exports";

// Anyone signed in: the events, latest first, filtered by kind and dates (a GET form, so a URL can
// be shared), 25 to a page; the archived ones on their own view, restored from their edit page.
export async function loader({ context, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "event:read");
  const db = context.get(dbContext);
  const filters = parseEventFilters(url.searchParams);
  const events = await loadEventListPage(db, parsePageRequest(url.searchParams), filters);
  return {
    title: getInstance(context).t(filters.archived ? "events.archivedTitle" : "events.title"),
    events,
    filters,
    exportHref: can(user, "export:run") ? listExportHref("events", url.searchParams) : null,
    filtered: Boolean(filters.kind || filters.from || filters.to),
    canEdit: can(user, "event:write"),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

const fieldClass = "mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm";

export default function Events({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { events, filters, filtered, canEdit, exportHref } = loaderData;
  const { items, total, page, pages } = events;
  const archivedView = filters.archived;
  const clearTo = archivedView ? "/events?archived=1" : "/events";
  return (
    <>
      <ListHeader
        title={archivedView ? t("events.archivedTitle") : t("events.title")}
        count={t("events.count", { count: total })}
        create={canEdit && !archivedView ? { to: "/events/new", label: t("events.new") } : null}
        toggle={
          archivedView
            ? { to: "/events", label: t("events.showCurrent") }
            : { to: "/events?archived=1", label: t("events.showArchived") }
        }
        exportLink={exportHref ? { to: exportHref, label: t("exports.csv") } : null}
      />

      <Form
        method="get"
        aria-label={t("events.filters.label")}
        className="mt-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3"
      >
        {archivedView ? <input type="hidden" name="archived" value="1" /> : null}
        <div>
          <label htmlFor="events-kind" className="block text-sm font-medium text-slate-800">
            {t("events.filters.kind")}
          </label>
          <select id="events-kind" name="kind" defaultValue={filters.kind ?? ""} className={fieldClass}>
            <option value="">{t("events.filters.allKinds")}</option>
            {eventKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`events.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="events-from" className="block text-sm font-medium text-slate-800">
            {t("events.filters.from")}
          </label>
          <input
            id="events-from"
            type="date"
            name="from"
            defaultValue={filters.from ?? ""}
            className={fieldClass}
          />
        </div>
        <div>
          <label htmlFor="events-to" className="block text-sm font-medium text-slate-800">
            {t("events.filters.to")}
          </label>
          <input
            id="events-to"
            type="date"
            name="to"
            defaultValue={filters.to ?? ""}
            className={fieldClass}
          />
        </div>
        <div className="flex items-end gap-3 sm:col-span-3">
          <button
            type="submit"
            className="rounded bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
          >
            {t("events.filters.apply")}
          </button>
          {filtered ? (
            <Link to={clearTo} className="text-sm text-brand-700 underline">
              {t("events.filters.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      {total === 0 ? (
        <div className="mt-6">
          <EmptyState>
            {filtered ? (
              t("events.noMatch")
            ) : archivedView ? (
              t("events.noArchived")
            ) : canEdit ? (
              <>
                <p>{t("events.empty")}</p>
                <p className="mt-3">
                  <Link to="/events/new" className="font-semibold text-brand-700 underline">
                    {t("events.new")}
                  </Link>
                </p>
              </>
            ) : (
              t("events.emptyReadOnly")
            )}
          </EmptyState>
        </div>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("events.columns.title")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("events.columns.kind")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("events.columns.dates")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("events.columns.place")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("events.columns.organisers")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((event) => (
                <tr key={event.id}>
                  <td className="px-4 py-2 font-medium">
                    <Link to={`/events/${event.id}`} className="text-brand-700 underline">
                      {event.title}
                    </Link>
                  </td>
                  <td className="px-4 py-2">{t(`events.kinds.${event.kind}`)}</td>
                  <td className="px-4 py-2 whitespace-nowrap">
                    <EventDates startsOn={event.startsOn} endsOn={event.endsOn} />
                  </td>
                  <td className="px-4 py-2">
                    <EventPlace location={event.location} online={event.online} />
                  </td>
                  <td className="px-4 py-2">
                    {event.organisers.length > 0
                      ? event.organisers.map((o) => o.acronym ?? o.name).join(", ")
                      : t("common.none")}
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
