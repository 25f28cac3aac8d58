// The /actions page in two statements sent together, whatever its filters, sort and page:
// - a page of the actions matching the filters, in the list's order (one prepared statement per sort
//   and direction: 6 x 2 = 12 at most, each built the first time it is asked for);
// - one row with how many match, the filters' choices (events, owners) and the names the "Linked to"
//   chips show.
// Both are built once per database handle (app/db/prepared-queries.server.ts): every filter value is
// a placeholder, an absent filter a null (or false) that its condition lets through, so no SQL text
// depends on what the user asks. The page used to read these through listActions, actionFilterOptions
// and actionLinkNames (action-lists.server.ts: four to seven statements, each built by drizzle on
// every call, which cost more than running them: issue 9's page speed). Those stay for the other
// callers (the export, the dashboard); tests/integration/action-list-page.test.ts checks the two
// agree across filters, sorts and pages: a change to what they read must be made here too.
import { and, count, isNull, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "~/db/client.server";
import { eventOrganisers, events, followUpActions, organisations, partnerships, pilots } from "~/db/schema";
import type { ActionListQuery } from "~/lib/actions";
import { offsetOf, toPage, type Page, type PageRequest } from "~/lib/pagination";
import { oncePerKey, prepared, preparedPerDb } from "~/db/prepared-queries.server";
import { subquery } from "~/db/sql-fragments.server";
import {
  actionListOrder,
  notClosedCondition,
  selectRows,
  type ActionReader,
  type ActionRow,
} from "./action-lists.server";

export interface ActionListPage {
  page: Page<ActionRow>;
  /** The filters' choices: events not archived (latest first, at most 500), organisations owning actions. */
  filterOptions: {
    events: { id: string; title: string; startsOn: string }[];
    owners: { id: string; name: string; acronym: string | null }[];
  };
  /** The names of the records the "Linked to" filters name (null: no filter, or no such record). */
  linkNames: { partnership: string | null; pilot: string | null; organisation: string | null };
}

const p = (name: string) => sql.placeholder(name);

/**
 * filterConditions of action-lists.server.ts with every value a placeholder: a condition holds when
 * its value is null (a flag: false). The casts give each placeholder its type (a bare `$1 is null`
 * leaves PostgreSQL guessing).
 */
function filterWhere(): SQL {
  const a = followUpActions;
  const equalsIfGiven = (column: AnyPgColumn, name: string, type: SQL) =>
    sql`(${p(name)}::${type} is null or ${column} = ${p(name)}::${type})`;
  const uuid = sql.raw("uuid");
  const flag = (name: string, condition: SQL) => sql`(not ${p(name)}::boolean or ${condition})`;
  const readerEvents = sql`(${a.eventId} in (select ${events.id} from ${events} where ${events.createdBy} = ${p("readerId")}::uuid) or ${a.eventId} in (select ${eventOrganisers.eventId} from ${eventOrganisers} where ${eventOrganisers.organisationId} = ${p("readerOrganisationId")}::uuid))`;
  return and(
    isNull(a.archivedAt),
    equalsIfGiven(a.eventId, "eventId", uuid),
    equalsIfGiven(a.ownerOrganisationId, "ownerOrganisationId", uuid),
    equalsIfGiven(a.partnershipId, "partnershipId", uuid),
    equalsIfGiven(a.pilotId, "pilotId", uuid),
    sql`(${p("organisationId")}::uuid is null or ${a.ownerOrganisationId} = ${p("organisationId")}::uuid or ${a.organisationId} = ${p("organisationId")}::uuid)`,
    equalsIfGiven(a.status, "status", sql.raw("text")),
    sql`(${p("dueFrom")}::date is null or ${a.dueOn} >= ${p("dueFrom")}::date)`,
    sql`(${p("dueTo")}::date is null or ${a.dueOn} <= ${p("dueTo")}::date)`,
    flag("overdue", sql`(${a.dueOn} < ${p("today")}::date and ${notClosedCondition()})`),
    flag("open", notClosedCondition()),
    // Without a reader the ids are null and nothing is of their events (as the old `false`).
    flag("mineEvents", readerEvents),
  ) as SQL;
}

/** The values of filterWhere's placeholders for a query. */
function filterValues(query: ActionListQuery, today: string, reader: ActionReader | null) {
  return {
    eventId: query.eventId ?? null,
    ownerOrganisationId: query.ownerOrganisationId ?? null,
    partnershipId: query.partnershipId ?? null,
    pilotId: query.pilotId ?? null,
    organisationId: query.organisationId ?? null,
    status: query.status ?? null,
    dueFrom: query.dueFrom ?? null,
    dueTo: query.dueTo ?? null,
    overdue: query.overdue,
    today,
    open: query.open === true,
    mineEvents: query.mine === "events",
    readerId: reader?.id ?? null,
    readerOrganisationId: reader?.organisationId ?? null,
  };
}

/** A name by id, or null (an id of null names nothing). */
function nameOf(table: typeof partnerships | typeof pilots | typeof organisations, name: string) {
  return subquery<string | null>(
    sql`select ${table.name} from ${table} where ${table.id} = ${p(name)}::uuid`,
  );
}

/** The count, the filters' choices and the chips' names (one row). */
function selectInfo(db: Db) {
  return db
    .select({
      total: count(),
      events: subquery<ActionListPage["filterOptions"]["events"] | null>(
        sql`select json_agg(json_build_object('id', e.id, 'title', e.title, 'startsOn', e.starts_on) order by e.starts_on desc, e.title) from (select ${events.id} as id, ${events.title} as title, ${events.startsOn} as starts_on from ${events} where ${events.archivedAt} is null order by ${events.startsOn} desc, ${events.title} limit 500) e`,
      ),
      owners: subquery<ActionListPage["filterOptions"]["owners"] | null>(
        sql`select json_agg(json_build_object('id', ${organisations.id}, 'name', ${organisations.name}, 'acronym', ${organisations.acronym}) order by ${organisations.name}, ${organisations.id}) from ${organisations} where ${organisations.id} in (select ${followUpActions.ownerOrganisationId} from ${followUpActions})`,
      ),
      partnershipName: nameOf(partnerships, "partnershipId"),
      pilotName: nameOf(pilots, "pilotId"),
      organisationName: nameOf(organisations, "organisationId"),
    })
    .from(followUpActions)
    .where(filterWhere());
}

type Sort = ActionListQuery["sort"];
type Direction = ActionListQuery["direction"];

function preparePage(db: Db, sort: Sort, direction: Direction) {
  return prepared(
    selectRows(db)
      .where(filterWhere())
      .orderBy(...actionListOrder(sort, direction))
      .limit(p("limit"))
      .offset(p("offset")),
  );
}

const listQueries = preparedPerDb((db) => ({
  info: prepared(selectInfo(db)),
  /** The page statement of a sort and direction (at most twelve, each built once). */
  page: oncePerKey((sort: Sort, direction: Direction) => preparePage(db, sort, direction)),
}));

/**
 * What /actions shows: a page of the actions matching the query (as listActions), the filters'
 * choices (as actionFilterOptions) and the chips' names (as actionLinkNames). Two queries.
 */
export async function loadActionListPage(
  db: Db,
  request: PageRequest,
  query: ActionListQuery,
  today: string,
  reader: ActionReader | null = null,
): Promise<ActionListPage> {
  const queries = listQueries(db);
  const values = filterValues(query, today, reader);
  const [[info], items] = await Promise.all([
    queries.info.execute(values),
    queries.page(query.sort, query.direction).execute({
      ...values,
      limit: request.pageSize,
      offset: offsetOf(request),
    }),
  ]);
  return {
    page: toPage(items, info?.total ?? 0, request),
    filterOptions: { events: info?.events ?? [], owners: info?.owners ?? [] },
    linkNames: {
      partnership: info?.partnershipName ?? null,
      pilot: info?.pilotName ?? null,
      organisation: info?.organisationName ?? null,
    },
  };
}
