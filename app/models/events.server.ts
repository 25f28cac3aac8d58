// Events (seminars, workshops, conferences, meetings). For now what other pages need to refer to
// them; the events pages themselves come with issue 7.
import { desc, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { events } from "~/db/schema";

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
