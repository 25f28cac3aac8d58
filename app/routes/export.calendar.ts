// Calendar (iCal) feeds of milestones, for calendar apps that subscribe without a session:
// /export/pilots/:id/milestones.ics?token=T and /export/municipalities/:id/milestones.ics?token=T.
// The user's secret calendar token (see models/calendar.server.ts) stands for the session: a missing,
// malformed or unknown token, a disabled user or an unknown record all answer the same bare 404,
// never data. Failed attempts are counted per client address like logins (429 past the limit).
// One module behind two routes (app/routes.ts gives each its own id); the kind is the path's.
// The token, the 404, the rate limit and the headers are shared with the action feeds
// (lib/calendar-feed.server.ts).
import type { LoaderFunctionArgs } from "react-router";
import type { TFunction } from "i18next";
import { can } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { FEED_REFRESH_HOURS, feedNotFound, feedUser, icsResponse } from "~/lib/calendar-feed.server";
import { formatDate } from "~/lib/format";
import { buildCalendar, type IcsEvent } from "~/lib/ics";
import { getInstance, getLocale } from "~/middleware/i18next";
import {
  municipalityMilestoneFeed,
  pilotMilestoneFeed,
  type CalendarMilestone,
} from "~/models/calendar.server";

export type CalendarFeedKind = "pilot" | "municipality";

/** The feed named by the path, or null. */
export function calendarFeedOf(pathname: string): { kind: CalendarFeedKind; id: string } | null {
  const match = /^\/export\/(pilots|municipalities)\/([^/]+)\/milestones\.ics$/.exec(pathname);
  if (!match?.[1] || !match[2]) return null;
  return { kind: match[1] === "pilots" ? "pilot" : "municipality", id: match[2] };
}

/** The day an event sits on: the done date of a done milestone, otherwise the planned date. */
export function eventDay(milestone: Pick<CalendarMilestone, "status" | "dueOn" | "doneOn">): string | null {
  return milestone.status === "done"
    ? (milestone.doneOn ?? milestone.dueOn)
    : (milestone.dueOn ?? milestone.doneOn);
}

function toEvent(
  milestone: CalendarMilestone,
  kind: CalendarFeedKind,
  origin: string,
  t: TFunction,
  locale: string,
): IcsEvent | null {
  const date = eventDay(milestone);
  if (!date) return null;
  const status = t(`enums.milestoneStatus.${milestone.status}`);
  const lines = [
    t("calendar.feed.pilot", { name: milestone.pilotName }),
    t("calendar.feed.status", { status }),
  ];
  if (milestone.dueOn) lines.push(t("calendar.feed.dueOn", { date: formatDate(milestone.dueOn, locale) }));
  if (milestone.doneOn) lines.push(t("calendar.feed.doneOn", { date: formatDate(milestone.doneOn, locale) }));
  if (milestone.description) lines.push("", milestone.description);
  const title =
    milestone.status === "done" ? t("calendar.feed.doneTitle", { title: milestone.title }) : milestone.title;
  return {
    uid: `milestone-${milestone.id}@trellis`,
    date,
    summary:
      kind === "municipality" ? t("calendar.feed.summary", { title, pilot: milestone.pilotName }) : title,
    description: lines.join("\n"),
    status: milestone.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    sequence: milestone.version - 1,
    lastModified: milestone.updatedAt,
    url: `${origin}/pilots/${milestone.pilotId}/milestones`,
    categories: [t("calendar.feed.category")],
  };
}

export async function loader({ context, url }: LoaderFunctionArgs) {
  const db = context.get(dbContext);
  const feed = calendarFeedOf(url.pathname);
  const user = await feedUser(context, url);
  if (user instanceof Response) return user;
  if (!feed) return feedNotFound();
  const permission = feed.kind === "pilot" ? "pilot:read" : "municipality:read";
  if (!can(user, permission)) return feedNotFound();
  const milestones =
    feed.kind === "pilot"
      ? await pilotMilestoneFeed(db, feed.id)
      : await municipalityMilestoneFeed(db, feed.id);
  if (!milestones) return feedNotFound();

  // The token holder's preference; without one, the feed request's language (decision 0026).
  const lng = user.locale ?? getLocale(context);
  const t = getInstance(context).getFixedT(lng);
  const events = milestones.milestones.flatMap((m) => toEvent(m, feed.kind, url.origin, t, lng) ?? []);
  const body = buildCalendar({
    name: t(`calendar.feed.name.${feed.kind}`, { name: milestones.name }),
    description: t("calendar.feed.description"),
    refreshHours: FEED_REFRESH_HOURS,
    events,
  });
  return icsResponse(body, "milestones.ics");
}
