import { useTranslation } from "~/i18n/use-translation";
import { Link, Outlet } from "react-router";
import { can } from "~/auth/permissions.server";
import { EventDates, EventPlace } from "~/components/events/event-dates";
import { TabNav } from "~/components/tab-nav";
import { readableEventWith } from "~/lib/event-access.server";
import { findEventPageHeader } from "~/models/event-page-queries.server";
import type { Route } from "./+types/events.$id";

/** The tabs of an event, as child routes (keep in step with app/routes.ts). */
export const eventTabs = [
  { to: "", key: "events.tabs.overview", end: true },
  { to: "participants", key: "events.tabs.participants", end: false },
  { to: "takeaways", key: "events.tabs.takeaways", end: false },
  { to: "actions", key: "events.tabs.actions", end: false },
  { to: "brief", key: "events.tabs.brief", end: false },
  { to: "edit", key: "events.tabs.edit", end: false },
] as const;

export async function loader({ context, params, url }: Route.LoaderArgs) {
  // canWrite only shows the edit tab (also for an archived event, to restore it there): every
  // tab's action checks the permission again itself.
  // The permission first, then the event read in one prepared query (404 when unknown).
  const { user, event } = await readableEventWith(context, url, params.id, findEventPageHeader);
  const canWrite = can(user, "event:write");
  return { event, canWrite };
}

/** The layout's data, for the tabs: `useRouteLoaderData<EventLayoutData>("routes/events.$id")`. */
export type EventLayoutData = Awaited<ReturnType<typeof loader>>;

export default function EventLayout({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { event, canWrite } = loaderData;
  const tabs = canWrite ? eventTabs : eventTabs.filter((tab) => tab.to !== "edit");
  return (
    <>
      <nav aria-label={t("events.breadcrumb")} className="text-sm">
        <Link to="/events" className="text-brand-700 underline">
          {t("events.title")}
        </Link>
      </nav>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{event.title}</h1>
        <span className="rounded bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">
          {t(`events.kinds.${event.kind}`)}
        </span>
        {event.archivedAt ? (
          <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-800">
            {t("events.archived")}
          </span>
        ) : null}
      </div>
      <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
        <div className="flex gap-1">
          <dt className="font-medium">{t("events.fields.dates")}</dt>
          <dd>
            <EventDates startsOn={event.startsOn} endsOn={event.endsOn} />
          </dd>
        </div>
        <div className="flex gap-1">
          <dt className="font-medium">{t("events.fields.place")}</dt>
          <dd>
            <EventPlace location={event.location} online={event.online} />
          </dd>
        </div>
        <div className="flex gap-1">
          <dt className="font-medium">{t("events.fields.organisers")}</dt>
          <dd>
            {event.organisers.length > 0 ? (
              <ul className="inline">
                {event.organisers.map((o, i) => (
                  <li key={o.id} className="inline">
                    {i > 0 ? ", " : null}
                    <Link to={`/organisations/${o.id}`} className="text-brand-700 underline">
                      {o.name}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              t("common.none")
            )}
          </dd>
        </div>
      </dl>
      <TabNav tabs={tabs} label={t("events.tabs.label")} />
      <div className="mt-6">
        <Outlet />
      </div>
    </>
  );
}
