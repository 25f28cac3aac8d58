// The /events page in one statement, whatever its filters and page (decision 0032): one row with how
// many events match and the page of them as a JSON array, each with its organisers. Built once per
// database handle (app/db/prepared-queries.server.ts): every filter value is a placeholder, an absent
// filter a null that its condition lets through, so no SQL text depends on what the user asks. The
// page used to read this through listEvents (events.server.ts: three statements in two waves, built
// by drizzle on every call). listEvents stays for the CSV export; it and this file must read the same
// (filters, order, organisers): tests/integration/event-list-page.test.ts checks that they agree.
import { count, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { prepared, preparedPerDb } from "~/db/prepared-queries.server";
import { eventOrganisers, events, organisations } from "~/db/schema";
import { jsonRows } from "~/db/sql-fragments.server";
import { offsetOf, toPage, type Page, type PageRequest } from "~/lib/pagination";
import type { EventFilters } from "~/lib/validation/events";
import type { EventListItem, OrganisationRef } from "./events.server";

const p = (name: string) => sql.placeholder(name);

/**
 * listEvents' conditions with every value a typed placeholder (a bare `$1 is null` leaves
 * PostgreSQL guessing its type): an event is in the window when it overlaps it.
 */
function filterWhere(): SQL {
  const e = events;
  return sql`(${e.archivedAt} is not null) = ${p("archived")}::boolean
    and (${p("kind")}::text is null or ${e.kind} = ${p("kind")}::text)
    and (${p("from")}::date is null or coalesce(${e.endsOn}, ${e.startsOn}) >= ${p("from")}::date)
    and (${p("to")}::date is null or ${e.startsOn} <= ${p("to")}::date)`;
}

/** An item as the statement gives it: archivedAt as the driver's text of a timestamptz. */
type RawItem = Omit<EventListItem, "archivedAt"> & { archivedAt: string | null };

/** The page's events (latest first, as listEvents), each with its organisers by name. */
function pageItems(): SQL<RawItem[]> {
  const e = events;
  const page = sql`(select ${e.id} as id, ${e.title} as title, ${e.kind} as kind, ${e.startsOn} as starts_on,
    ${e.endsOn} as ends_on, ${e.location} as location, ${e.online} as online, ${e.archivedAt} as archived_at
    from ${e} where ${filterWhere()}
    order by ${e.startsOn} desc, ${e.title} asc, ${e.id} asc
    limit ${p("limit")} offset ${p("offset")}) page`;
  const organisers = jsonRows<OrganisationRef>(
    sql`json_build_object('id', ${organisations.id}, 'name', ${organisations.name}, 'acronym', ${organisations.acronym})`,
    sql`from ${eventOrganisers} inner join ${organisations} on ${organisations.id} = ${eventOrganisers.organisationId} where ${eventOrganisers.eventId} = page.id`,
    sql`${organisations.name} asc, ${organisations.id} asc`,
  );
  return jsonRows<RawItem>(
    sql`json_build_object('id', page.id, 'title', page.title, 'kind', page.kind, 'startsOn', page.starts_on,
      'endsOn', page.ends_on, 'location', page.location, 'online', page.online,
      'archivedAt', page.archived_at::text, 'organisers', ${organisers})`,
    sql`from ${page}`,
    sql`page.starts_on desc, page.title asc, page.id asc`,
  );
}

const listQuery = preparedPerDb((db) =>
  prepared(db.select({ total: count(), items: pageItems() }).from(events).where(filterWhere())),
);

/** A page of events as listEvents gives it: one query. */
export async function loadEventListPage(
  db: Db,
  request: PageRequest,
  filters: EventFilters,
): Promise<Page<EventListItem>> {
  const [row] = await listQuery(db).execute({
    archived: filters.archived,
    kind: filters.kind,
    from: filters.from,
    to: filters.to,
    limit: request.pageSize,
    offset: offsetOf(request),
  });
  const items = (row?.items ?? []).map((item) => ({
    ...item,
    // As drizzle maps a timestamptz column: the driver's text, read by Date.
    archivedAt: item.archivedAt === null ? null : new Date(item.archivedAt),
  }));
  return toPage(items, row?.total ?? 0, request);
}
