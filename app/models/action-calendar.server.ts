// What the follow-up action calendar feeds list (decision 0020): an event's actions, and the actions
// an organisation owns. Archived actions are left out; an archived event's or organisation's feed
// still answers (its actions are history). Undated actions have no place in a calendar. Two queries
// per feed whatever the number of actions. The token and the permission are the route's
// (routes/export.action-calendar.ts, with userForCalendarToken as the milestone feeds).
import { and, asc, eq, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "~/db/client.server";
import { events, followUpActions, organisations, users } from "~/db/schema";
import type { ActionStatus } from "~/lib/enums";
import { isUuid } from "~/lib/uuid";

export interface CalendarAction {
  id: string;
  eventId: string | null;
  eventTitle: string | null;
  title: string;
  description: string | null;
  status: ActionStatus;
  dueOn: string | null;
  doneOn: string | null;
  ownerOrganisationName: string | null;
  ownerUserName: string | null;
  version: number;
  updatedAt: Date;
}

export interface ActionFeed {
  /** The event's title or the organisation's name. */
  name: string;
  actions: CalendarAction[];
}

const owner = alias(organisations, "feed_owner_org");

const columns = {
  id: followUpActions.id,
  eventId: followUpActions.eventId,
  eventTitle: events.title,
  title: followUpActions.title,
  description: followUpActions.description,
  status: followUpActions.status,
  dueOn: followUpActions.dueOn,
  doneOn: followUpActions.doneOn,
  ownerOrganisationName: sql<string | null>`coalesce(${owner.acronym}, ${owner.name})`,
  ownerUserName: users.name,
  version: followUpActions.version,
  updatedAt: followUpActions.updatedAt,
};

/** Dated: a due or a done date. */
const dated = or(isNotNull(followUpActions.dueOn), isNotNull(followUpActions.doneOn));

function feedRows(db: Db, where: SQL | undefined) {
  return db
    .select(columns)
    .from(followUpActions)
    .leftJoin(events, eq(events.id, followUpActions.eventId))
    .leftJoin(owner, eq(owner.id, followUpActions.ownerOrganisationId))
    .leftJoin(users, eq(users.id, followUpActions.ownerUserId))
    .where(and(isNull(followUpActions.archivedAt), dated, where))
    .orderBy(sql`coalesce(${followUpActions.dueOn}, ${followUpActions.doneOn})`, asc(followUpActions.id));
}

/** The event's dated actions (archived events too), or null for an unknown event. Two queries. */
export async function eventActionFeed(db: Db, eventId: string): Promise<ActionFeed | null> {
  if (!isUuid(eventId)) return null;
  const [event] = await db.select({ title: events.title }).from(events).where(eq(events.id, eventId));
  if (!event) return null;
  const actions = await feedRows(db, eq(followUpActions.eventId, eventId));
  return { name: event.title, actions };
}

/** The dated actions the organisation owns, or null for an unknown organisation. Two queries. */
export async function organisationActionFeed(db: Db, organisationId: string): Promise<ActionFeed | null> {
  if (!isUuid(organisationId)) return null;
  const [organisation] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!organisation) return null;
  const actions = await feedRows(db, eq(followUpActions.ownerOrganisationId, organisationId));
  return { name: organisation.name, actions };
}
