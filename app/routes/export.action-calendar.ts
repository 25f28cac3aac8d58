// Calendar (iCal) feeds of follow-up actions: /export/events/:id/actions.ics?token=T (the event's
// actions) and /export/organisations/:id/actions.ics?token=T (the actions it owns). The same per-user
// token as the milestone feeds, the same bare 404 for anything wrong and the same rate limit on failed
// tokens (lib/calendar-feed.server.ts); permission action:read, so a viewer's token works (the feed
// is read-only). One module behind two routes (app/routes.ts gives each its own id).
import type { TFunction } from "i18next";
import type { LoaderFunctionArgs } from "react-router";
import { can } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { actionCalendarDay } from "~/lib/actions";
import { FEED_REFRESH_HOURS, feedNotFound, feedUser, icsResponse } from "~/lib/calendar-feed.server";
import { formatDate } from "~/lib/format";
import { buildCalendar, type IcsEvent } from "~/lib/ics";
import { getInstance, getLocale } from "~/middleware/i18next";
import {
  eventActionFeed,
  organisationActionFeed,
  type CalendarAction,
} from "~/models/action-calendar.server";

export type ActionFeedKind = "event" | "organisation";

/** The feed named by the path, or null. */
export function actionFeedOf(pathname: string): { kind: ActionFeedKind; id: string } | null {
  const match = /^\/export\/(events|organisations)\/([^/]+)\/actions\.ics$/.exec(pathname);
  if (!match?.[1] || !match[2]) return null;
  return { kind: match[1] === "events" ? "event" : "organisation", id: match[2] };
}

/** An action as a calendar event: all-day on its due date (a done one on its done date). */
export function actionEvent(
  action: CalendarAction,
  kind: ActionFeedKind,
  origin: string,
  t: TFunction,
  locale: string,
): IcsEvent | null {
  const date = actionCalendarDay(action);
  if (!date) return null;
  const lines: string[] = [];
  if (action.eventTitle) lines.push(t("linkedActions.feed.event", { title: action.eventTitle }));
  if (action.ownerOrganisationName) {
    const who = action.ownerUserName
      ? `${action.ownerOrganisationName} (${action.ownerUserName})`
      : action.ownerOrganisationName;
    lines.push(t("linkedActions.feed.owner", { name: who }));
  }
  lines.push(t("calendar.feed.status", { status: t(`actions.status.${action.status}`) }));
  if (action.dueOn) lines.push(t("linkedActions.feed.dueOn", { date: formatDate(action.dueOn, locale) }));
  if (action.doneOn) lines.push(t("calendar.feed.doneOn", { date: formatDate(action.doneOn, locale) }));
  if (action.description) lines.push("", action.description);
  const title =
    action.status === "done" ? t("calendar.feed.doneTitle", { title: action.title }) : action.title;
  return {
    uid: `action-${action.id}@trellis`,
    date,
    summary:
      kind === "organisation" && action.eventTitle
        ? t("linkedActions.feed.summary", { title, event: action.eventTitle })
        : title,
    description: lines.join("\n"),
    status: action.status === "dropped" ? "CANCELLED" : "CONFIRMED",
    sequence: action.version - 1,
    lastModified: action.updatedAt,
    url: action.eventId
      ? `${origin}/events/${action.eventId}/actions#action-${action.id}`
      : `${origin}/actions`,
    categories: [t("linkedActions.feed.category")],
  };
}

export async function loader({ context, url }: LoaderFunctionArgs) {
  const user = await feedUser(context, url);
  if (user instanceof Response) return user;
  const feed = actionFeedOf(url.pathname);
  if (!feed || !can(user, "action:read")) return feedNotFound();
  const db = context.get(dbContext);
  const found =
    feed.kind === "event" ? await eventActionFeed(db, feed.id) : await organisationActionFeed(db, feed.id);
  if (!found) return feedNotFound();

  // The token holder's preference; without one, the feed request's language (decision 0026).
  const lng = user.locale ?? getLocale(context);
  const t = getInstance(context).getFixedT(lng);
  const body = buildCalendar({
    name: t(`linkedActions.feed.name.${feed.kind}`, { name: found.name }),
    description: t("linkedActions.feed.description"),
    productId: "-//Trellis//Follow-up actions//EN",
    refreshHours: FEED_REFRESH_HOURS,
    events: found.actions.flatMap((a) => actionEvent(a, feed.kind, url.origin, t, lng) ?? []),
  });
  return icsResponse(body, "actions.ics");
}
