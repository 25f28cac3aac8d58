// Events (seminars, workshops, conferences, meetings): the list, the header every event tab reads,
// and the record's changes (create, edit, archive, restore). Every change runs in one transaction
// with its audit entry; an edit carries the version read and is refused when it is stale.
// Participants and takeaways: event-details.server.ts.
import { and, asc, count, desc, eq, gte, inArray, isNull, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { one } from "~/db/rows.server";
import { eventOrganisers, events, organisations, type Event } from "~/db/schema";
import type { EventKind } from "~/lib/enums";
import { isUuid } from "~/lib/uuid";
import { offsetOf, toPage, type Page, type PageRequest } from "~/lib/pagination";
import type { EventFilters, EventInput, EventRefusal, UpdateEventInput } from "~/lib/validation/events";
import { changedFields, recordAudit, type Actor } from "./audit.server";

export type { Event } from "~/db/schema";

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

export interface OrganisationRef {
  id: string;
  name: string;
  acronym: string | null;
}

/** The organisers of these events, by event, by name (one query whatever their number). */
async function organisersOf(db: Db, eventIds: readonly string[]): Promise<Map<string, OrganisationRef[]>> {
  const byEvent = new Map<string, OrganisationRef[]>(eventIds.map((id) => [id, []]));
  if (eventIds.length === 0) return byEvent;
  const rows = await db
    .select({
      eventId: eventOrganisers.eventId,
      id: organisations.id,
      name: organisations.name,
      acronym: organisations.acronym,
    })
    .from(eventOrganisers)
    .innerJoin(organisations, eq(organisations.id, eventOrganisers.organisationId))
    .where(inArray(eventOrganisers.eventId, [...eventIds]))
    .orderBy(asc(organisations.name), asc(organisations.id));
  for (const { eventId, ...organisation } of rows) byEvent.get(eventId)?.push(organisation);
  return byEvent;
}

export interface EventListItem {
  id: string;
  title: string;
  kind: EventKind;
  startsOn: string;
  endsOn: string | null;
  location: string | null;
  online: boolean;
  archivedAt: Date | null;
  organisers: OrganisationRef[];
}

/**
 * A page of events, latest first, filtered by kind and by a date window (an event is in the window
 * when it overlaps it), archived ones on their own view. Three queries whatever the page's size.
 */
export async function listEvents(
  db: Db,
  request: PageRequest,
  filters: EventFilters,
): Promise<Page<EventListItem>> {
  const where = and(
    filters.archived ? isNotNull(events.archivedAt) : isNull(events.archivedAt),
    filters.kind ? eq(events.kind, filters.kind) : undefined,
    filters.from ? gte(sql`coalesce(${events.endsOn}, ${events.startsOn})`, filters.from) : undefined,
    filters.to ? lte(events.startsOn, filters.to) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: events.id,
        title: events.title,
        kind: events.kind,
        startsOn: events.startsOn,
        endsOn: events.endsOn,
        location: events.location,
        online: events.online,
        archivedAt: events.archivedAt,
      })
      .from(events)
      .where(where)
      .orderBy(desc(events.startsOn), asc(events.title), asc(events.id))
      .limit(request.pageSize)
      .offset(offsetOf(request)),
    db.select({ n: count() }).from(events).where(where),
  ]);
  const organisers = await organisersOf(
    db,
    rows.map((row) => row.id),
  );
  const items = rows.map((row) => ({ ...row, organisers: organisers.get(row.id) ?? [] }));
  return toPage(items, total?.n ?? 0, request);
}

export type EventHeader = Event & { organisers: OrganisationRef[] };

/** An event with its organisers (null for an unknown or malformed id; archived ones included). */
export async function findEvent(db: Db, id: string): Promise<EventHeader | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(events).where(eq(events.id, id));
  if (!row) return null;
  const organisers = await organisersOf(db, [row.id]);
  return { ...row, organisers: organisers.get(row.id) ?? [] };
}

/** The organisations an event's forms offer (not archived, by name), plus those kept by the event. */
export async function organisationChoices(db: Db, keep: readonly string[] = []): Promise<OrganisationRef[]> {
  const kept = keep.filter((id) => isUuid(id));
  return db
    .select({ id: organisations.id, name: organisations.name, acronym: organisations.acronym })
    .from(organisations)
    .where(
      kept.length > 0
        ? sql`(${organisations.archivedAt} is null or ${inArray(organisations.id, kept)})`
        : isNull(organisations.archivedAt),
    )
    .orderBy(asc(organisations.name), asc(organisations.id));
}

// ---------------------------------------------------------------------------------------------
// Creating, editing, archiving and restoring. One transaction each, the audit entry inside it.

export type EventOutcome =
  | { ok: true; event: Event }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: Exclude<EventRefusal, "notFound">; current?: Event };

function eventValues(input: EventInput) {
  return {
    title: input.title,
    kind: input.kind,
    startsOn: input.startsOn,
    endsOn: input.endsOn ?? null,
    location: input.location || null,
    online: input.online,
    description: input.description || null,
  };
}

/** Every chosen organiser exists and is not archived (or already organises this event). */
async function organisersAllowed(tx: Db, ids: readonly string[], current: readonly string[]) {
  const fresh = ids.filter((id) => !current.includes(id));
  if (fresh.length === 0) return true;
  const [row] = await tx
    .select({ n: count() })
    .from(organisations)
    .where(and(inArray(organisations.id, fresh), isNull(organisations.archivedAt)));
  return (row?.n ?? 0) === fresh.length;
}

async function currentOrganiserIds(tx: Db, eventId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: eventOrganisers.organisationId })
    .from(eventOrganisers)
    .where(eq(eventOrganisers.eventId, eventId))
    .orderBy(asc(eventOrganisers.organisationId));
  return rows.map((row) => row.id);
}

/** Replace the event's organisers by `ids`; answers the ids before and after, sorted. */
async function setOrganisers(tx: Db, eventId: string, ids: readonly string[], before: readonly string[]) {
  const removed = before.filter((id) => !ids.includes(id));
  const added = ids.filter((id) => !before.includes(id));
  if (removed.length > 0) {
    await tx
      .delete(eventOrganisers)
      .where(and(eq(eventOrganisers.eventId, eventId), inArray(eventOrganisers.organisationId, removed)));
  }
  if (added.length > 0) {
    await tx.insert(eventOrganisers).values(added.map((organisationId) => ({ eventId, organisationId })));
  }
  return [...ids].sort();
}

async function lockEvent(tx: Db, id: string): Promise<Event | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx.select().from(events).where(eq(events.id, id)).for("update");
  return row;
}

/** A new event, created by `actor`, with its organisers. */
export async function createEvent(db: Db, actor: Actor, input: EventInput): Promise<EventOutcome> {
  return db.transaction(async (tx) => {
    if (!(await organisersAllowed(tx, input.organiserIds, []))) {
      return { ok: false, reason: "unknownOrganisation" } as const;
    }
    const event = one(
      await tx
        .insert(events)
        .values({ ...eventValues(input), createdBy: actor?.id ?? null })
        .returning(),
    );
    const organiserIds = await setOrganisers(tx, event.id, input.organiserIds, []);
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "event",
      entityId: event.id,
      after: { ...event, organiserIds },
    });
    return { ok: true, event } as const;
  });
}

/** Edit an event's fields and organisers with the version read. */
export async function updateEvent(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateEventInput,
): Promise<EventOutcome> {
  return db.transaction(async (tx) => {
    const before = await lockEvent(tx, id);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== input.version) return { ok: false, reason: "stale", current: before } as const;
    if (before.archivedAt) return { ok: false, reason: "archived", current: before } as const;
    const organisersBefore = await currentOrganiserIds(tx, id);
    if (!(await organisersAllowed(tx, input.organiserIds, organisersBefore))) {
      return { ok: false, reason: "unknownOrganisation" } as const;
    }
    const after = one(
      await tx
        .update(events)
        .set({ ...eventValues(input), version: before.version + 1, updatedAt: new Date() })
        .where(eq(events.id, id))
        .returning(),
    );
    const organisersAfter = await setOrganisers(tx, id, input.organiserIds, organisersBefore);
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "event",
      entityId: id,
      ...changedFields(
        { ...before, organiserIds: organisersBefore },
        { ...after, organiserIds: organisersAfter },
      ),
    });
    return { ok: true, event: after } as const;
  });
}

/** Archive (hide from the list) or restore an event, with the version read. */
export async function setEventArchived(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  archived: boolean,
): Promise<EventOutcome> {
  return db.transaction(async (tx) => {
    const before = await lockEvent(tx, id);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== version) return { ok: false, reason: "stale", current: before } as const;
    if (Boolean(before.archivedAt) === archived) return { ok: true, event: before } as const;
    const after = one(
      await tx
        .update(events)
        .set({ archivedAt: archived ? new Date() : null, version: before.version + 1, updatedAt: new Date() })
        .where(eq(events.id, id))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: archived ? "archive" : "restore",
      entityType: "event",
      entityId: id,
      before: { archivedAt: before.archivedAt, version: before.version },
      after: { archivedAt: after.archivedAt, version: after.version },
    });
    return { ok: true, event: after } as const;
  });
}
