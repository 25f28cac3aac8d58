// An event's page (its layout and its overview tab) in two statements sent together, each built once
// per database handle (app/db/prepared-queries.server.ts):
// - the header the layout shows: the event's fields and its organisers (as a JSON array);
// - the overview: its description, whether it is archived, its participants and its takeaways.
// The page used to read these through findEvent (events.server.ts, twice: once per loader, two
// statements each), listParticipants and listTakeaways (event-details.server.ts): six statements in
// three waves, each built by drizzle on every call (issue 9's page speed). The other tabs still use
// those. tests/integration/event-page.test.ts checks the two agree: a change to what they read must
// be made here too.
import { eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { eventOrganisers, eventParticipants, events, eventTakeaways, organisations } from "~/db/schema";
import { isUuid } from "~/lib/uuid";
import { prepared, preparedPerDb } from "~/db/prepared-queries.server";
import { jsonRows } from "~/db/sql-fragments.server";
import type { ParticipantRow } from "./event-details.server";

export interface EventPageOrganiser {
  id: string;
  name: string;
  acronym: string | null;
}

export interface EventPageTakeaway {
  id: string;
  theme: string | null;
  text: string;
}

const eventPageQueries = preparedPerDb((db) => {
  const id = sql.placeholder("id");
  return {
    header: prepared(
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
          // findEvent's organisers: by name, then id.
          organisers: jsonRows<EventPageOrganiser>(
            sql`json_build_object('id', ${organisations.id}, 'name', ${organisations.name}, 'acronym', ${organisations.acronym})`,
            sql`from ${eventOrganisers} inner join ${organisations} on ${organisations.id} = ${eventOrganisers.organisationId} where ${eventOrganisers.eventId} = ${events.id}`,
            sql`${organisations.name}, ${organisations.id}`,
          ),
        })
        .from(events)
        .where(eq(events.id, id)),
    ),
    overview: prepared(
      db
        .select({
          id: events.id,
          description: events.description,
          archivedAt: events.archivedAt,
          // listParticipants: by organisation name, then id.
          participants: jsonRows<ParticipantRow>(
            sql`json_build_object('organisationId', ${eventParticipants.organisationId}, 'name', ${organisations.name}, 'acronym', ${organisations.acronym}, 'attendeeCount', ${eventParticipants.attendeeCount})`,
            sql`from ${eventParticipants} inner join ${organisations} on ${organisations.id} = ${eventParticipants.organisationId} where ${eventParticipants.eventId} = ${events.id}`,
            sql`${organisations.name}, ${organisations.id}`,
          ),
          // listTakeaways: not archived, by position, creation and id.
          takeaways: jsonRows<EventPageTakeaway>(
            sql`json_build_object('id', ${eventTakeaways.id}, 'theme', ${eventTakeaways.theme}, 'text', ${eventTakeaways.text})`,
            sql`from ${eventTakeaways} where ${eventTakeaways.eventId} = ${events.id} and ${eventTakeaways.archivedAt} is null`,
            sql`${eventTakeaways.position}, ${eventTakeaways.createdAt}, ${eventTakeaways.id}`,
          ),
        })
        .from(events)
        .where(eq(events.id, id)),
    ),
  };
});

/** What the event's layout shows (archived events too), or null for an unknown or malformed id. One query. */
export async function findEventPageHeader(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await eventPageQueries(db).header.execute({ id });
  return row ?? null;
}

/**
 * What the overview tab shows: the description, the participants with the attendees' total and how
 * many counts are unknown (as listParticipants), the takeaways not archived; null for an unknown or
 * malformed id. One query.
 */
export async function loadEventPageOverview(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await eventPageQueries(db).overview.execute({ id });
  if (!row) return null;
  const { participants, ...rest } = row;
  return {
    ...rest,
    participants,
    attendees: participants.reduce((sum, p) => sum + (p.attendeeCount ?? 0), 0),
    unknownCounts: participants.filter((p) => p.attendeeCount === null).length,
  };
}
