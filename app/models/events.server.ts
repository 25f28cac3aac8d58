// Events (seminars, workshops, conferences, meetings). For now what other pages need to refer to
// them; the events pages themselves come with issue 7.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { events } from "~/db/schema";
import { isUuid } from "~/lib/network/filters";

export interface EventOption {
  id: string;
  title: string;
  startsOn: string;
  endsOn: string | null;
}

/** Most events offered in a choice (the latest first). */
export const EVENT_OPTIONS_MAX = 200;

/** Events that are not archived, latest first: e.g. for "changes since an event". */
export async function eventOptions(db: Db, limit: number = EVENT_OPTIONS_MAX): Promise<EventOption[]> {
  return db
    .select({ id: events.id, title: events.title, startsOn: events.startsOn, endsOn: events.endsOn })
    .from(events)
    .where(isNull(events.archivedAt))
    .orderBy(desc(events.startsOn), events.title)
    .limit(limit);
}

/** The day "changes since an event" counts from: its end date, else its start date (null if unknown). */
export async function eventSinceDate(db: Db, eventId: string): Promise<string | null> {
  if (!isUuid(eventId)) return null;
  const [row] = await db
    .select({ startsOn: events.startsOn, endsOn: events.endsOn })
    .from(events)
    .where(and(eq(events.id, eventId), isNull(events.archivedAt)))
    .limit(1);
  return row ? (row.endsOn ?? row.startsOn) : null;
}
