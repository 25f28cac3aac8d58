// Reading follow-up actions: an event's, and all of them with the /actions filters, sorts and
// pages, and the CSV export's rows. Each list is a fixed number of queries (joins, no query per row).
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  isNotNull,
  isNull,
  lt,
  lte,
  notInArray,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "~/db/client.server";
import type { AuthUser } from "~/auth/session.server";
import {
  eventOrganisers,
  events,
  followUpActions,
  organisations,
  partnerships,
  pilots,
  users,
} from "~/db/schema";
import { CLOSED_ACTION_STATUSES, type ActionListQuery } from "~/lib/actions";
import type { ActionStatus } from "~/lib/enums";
import { isUuid } from "~/lib/uuid";
import { offsetOf, toPage, type Page, type PageRequest } from "~/lib/pagination";
import {
  ORGANISATION_PICKER_THRESHOLD,
  organisationLabels,
  type OrganisationChoices,
} from "./organisation-options.server";
import { liveOrKept, recordChoices } from "./record-options.server";

const ownerOrg = alias(organisations, "owner_org");
const linkedOrg = alias(organisations, "linked_org");

/** An action as lists show it: its own fields and the names of what it refers to. */
const listColumns = {
  id: followUpActions.id,
  eventId: followUpActions.eventId,
  eventTitle: events.title,
  eventStartsOn: events.startsOn,
  eventArchived: sql<boolean>`(${events.archivedAt} is not null)`,
  title: followUpActions.title,
  description: followUpActions.description,
  status: followUpActions.status,
  dueOn: followUpActions.dueOn,
  doneOn: followUpActions.doneOn,
  ownerOrganisationId: followUpActions.ownerOrganisationId,
  ownerOrganisationName: sql<string | null>`coalesce(${ownerOrg.acronym}, ${ownerOrg.name})`,
  ownerUserId: followUpActions.ownerUserId,
  ownerUserName: users.name,
  partnershipId: followUpActions.partnershipId,
  partnershipName: partnerships.name,
  pilotId: followUpActions.pilotId,
  pilotName: pilots.name,
  organisationId: followUpActions.organisationId,
  organisationName: sql<string | null>`coalesce(${linkedOrg.acronym}, ${linkedOrg.name})`,
  version: followUpActions.version,
};

export interface ActionRow {
  id: string;
  eventId: string | null;
  eventTitle: string | null;
  eventStartsOn: string | null;
  /** Its event is archived: nothing of it can be changed until the event is restored. */
  eventArchived: boolean;
  title: string;
  description: string | null;
  status: ActionStatus;
  dueOn: string | null;
  doneOn: string | null;
  ownerOrganisationId: string | null;
  ownerOrganisationName: string | null;
  ownerUserId: string | null;
  ownerUserName: string | null;
  partnershipId: string | null;
  partnershipName: string | null;
  pilotId: string | null;
  pilotName: string | null;
  organisationId: string | null;
  organisationName: string | null;
  version: number;
}

/** The list's select with its joins (event, owner organisation and user, linked records). */
export function selectRows(db: Db) {
  return db
    .select(listColumns)
    .from(followUpActions)
    .leftJoin(events, eq(events.id, followUpActions.eventId))
    .leftJoin(ownerOrg, eq(ownerOrg.id, followUpActions.ownerOrganisationId))
    .leftJoin(users, eq(users.id, followUpActions.ownerUserId))
    .leftJoin(partnerships, eq(partnerships.id, followUpActions.partnershipId))
    .leftJoin(pilots, eq(pilots.id, followUpActions.pilotId))
    .leftJoin(linkedOrg, eq(linkedOrg.id, followUpActions.organisationId));
}

/** The event the actions tab is about (archived ones too: their actions stay readable), or null. */
export async function findActionEvent(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ id: events.id, title: events.title, archivedAt: events.archivedAt })
    .from(events)
    .where(eq(events.id, id));
  return row ?? null;
}

/** An event's actions (one query): by due date (none last), then title; archived ones apart. */
export async function listEventActions(
  db: Db,
  eventId: string,
  { archived = false }: { archived?: boolean } = {},
): Promise<ActionRow[]> {
  if (!isUuid(eventId)) return [];
  return selectRows(db)
    .where(
      and(
        eq(followUpActions.eventId, eventId),
        archived ? isNotNull(followUpActions.archivedAt) : isNull(followUpActions.archivedAt),
      ),
    )
    .orderBy(
      sql`${followUpActions.dueOn} asc nulls last`,
      asc(followUpActions.title),
      asc(followUpActions.id),
    );
}

/** Overdue: due before today and neither done nor dropped (the SQL twin of isActionOverdue). */
export function overdueCondition(today: string): SQL {
  return and(lt(followUpActions.dueOn, today), notClosedCondition()) as SQL;
}

/** Owned by the organisation or linked to it (what its page lists). */
export function ownedOrLinked(organisationId: string): SQL {
  return or(
    eq(followUpActions.ownerOrganisationId, organisationId),
    eq(followUpActions.organisationId, organisationId),
  ) as SQL;
}

/** Whose events `mine=events` means: the reader's id and organisation. */
export type ActionReader = Pick<AuthUser, "id" | "organisationId">;

/**
 * Of the events the reader created or whose organisers include their organisation (the dashboard's
 * "Follow-ups of your events" and `/actions?mine=events`).
 */
export function ofReadersEvents(reader: ActionReader): SQL {
  const created = sql`${followUpActions.eventId} in (select ${events.id} from ${events} where ${events.createdBy} = ${reader.id})`;
  if (reader.organisationId === null) return created;
  const organised = sql`${followUpActions.eventId} in (select ${eventOrganisers.eventId} from ${eventOrganisers} where ${eventOrganisers.organisationId} = ${reader.organisationId})`;
  return or(created, organised) as SQL;
}

/** Neither done nor dropped. */
export function notClosedCondition(): SQL {
  return notInArray(followUpActions.status, [...CLOSED_ACTION_STATUSES]);
}

function filterConditions(
  query: ActionListQuery,
  today: string,
  reader: ActionReader | null,
): SQL | undefined {
  const conditions: (SQL | undefined)[] = [isNull(followUpActions.archivedAt)];
  if (query.eventId) conditions.push(eq(followUpActions.eventId, query.eventId));
  if (query.ownerOrganisationId) {
    conditions.push(eq(followUpActions.ownerOrganisationId, query.ownerOrganisationId));
  }
  if (query.partnershipId) conditions.push(eq(followUpActions.partnershipId, query.partnershipId));
  if (query.pilotId) conditions.push(eq(followUpActions.pilotId, query.pilotId));
  if (query.organisationId) conditions.push(ownedOrLinked(query.organisationId));
  if (query.status) conditions.push(eq(followUpActions.status, query.status));
  if (query.dueFrom) conditions.push(gte(followUpActions.dueOn, query.dueFrom));
  if (query.dueTo) conditions.push(lte(followUpActions.dueOn, query.dueTo));
  if (query.overdue) conditions.push(overdueCondition(today));
  if (query.open) conditions.push(notClosedCondition());
  // Without a reader (no one's events) the filter keeps nothing rather than everything.
  if (query.mine === "events") conditions.push(reader ? ofReadersEvents(reader) : sql`false`);
  return and(...conditions);
}

const STATUS_ORDER = sql`case ${followUpActions.status} when 'open' then 0 when 'in_progress' then 1 when 'done' then 2 else 3 end`;

/**
 * The list's order for a sort and direction (also action-list-page.server.ts's, which prepares one
 * statement per pair): the chosen key, then due date, title and id.
 */
export function actionListOrder(
  sort: ActionListQuery["sort"],
  direction: ActionListQuery["direction"],
): SQL[] {
  const dir = direction === "desc" ? sql`desc` : sql`asc`;
  const nulls = sql`nulls last`;
  const key: Record<ActionListQuery["sort"], SQL> = {
    due: sql`${followUpActions.dueOn} ${dir} ${nulls}`,
    title: sql`lower(${followUpActions.title}) ${dir}`,
    status: sql`${STATUS_ORDER} ${dir}`,
    owner: sql`lower(coalesce(${ownerOrg.acronym}, ${ownerOrg.name})) ${dir} ${nulls}`,
    event: sql`${events.startsOn} ${dir} ${nulls}`,
    updated: sql`${followUpActions.updatedAt} ${dir}`,
  };
  return [
    key[sort],
    sql`${followUpActions.dueOn} asc nulls last`,
    asc(followUpActions.title),
    asc(followUpActions.id),
  ];
}

function orderOf(query: ActionListQuery): SQL[] {
  return actionListOrder(query.sort, query.direction);
}

/** All actions matching the filters, a page at a time: two queries (count and page) whatever the size. */
export async function listActions(
  db: Db,
  page: PageRequest,
  query: ActionListQuery,
  today: string,
  reader: ActionReader | null = null,
): Promise<Page<ActionRow>> {
  const where = filterConditions(query, today, reader);
  const [[total], items] = await Promise.all([
    db.select({ n: count() }).from(followUpActions).where(where),
    selectRows(db)
      .where(where)
      .orderBy(...orderOf(query))
      .limit(page.pageSize)
      .offset(offsetOf(page)),
  ]);
  return toPage(items, total?.n ?? 0, page);
}

/**
 * The names of the records the query's "linked to" filters name, for the filter chips: null for an
 * id that names no record (the list is then empty). At most three queries, one per filter present.
 */
export async function actionLinkNames(db: Db, query: ActionListQuery) {
  const nameOf = async (
    table: typeof partnerships | typeof pilots,
    id: string | undefined,
  ): Promise<string | null> => {
    if (!id) return null;
    const [row] = await db.select({ name: table.name }).from(table).where(eq(table.id, id));
    return row?.name ?? null;
  };
  const organisationName = async (id: string | undefined): Promise<string | null> => {
    if (!id) return null;
    const [row] = await db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, id));
    return row?.name ?? null;
  };
  const [partnership, pilot, organisation] = await Promise.all([
    nameOf(partnerships, query.partnershipId),
    nameOf(pilots, query.pilotId),
    organisationName(query.organisationId),
  ]);
  return { partnership, pilot, organisation };
}

/** Most rows one export holds. */
export const ACTION_EXPORT_MAX = 50_000;

/** The actions matching the filters, in the list's order, for the CSV export (one query). */
export async function exportActions(
  db: Db,
  query: ActionListQuery,
  today: string,
  reader: ActionReader | null = null,
): Promise<ActionRow[]> {
  return selectRows(db)
    .where(filterConditions(query, today, reader))
    .orderBy(...orderOf(query))
    .limit(ACTION_EXPORT_MAX);
}

/** The filters' choices: events (latest first) and organisations that own actions (two queries). */
export async function actionFilterOptions(db: Db) {
  const [eventChoices, owners] = await Promise.all([
    db
      .select({ id: events.id, title: events.title, startsOn: events.startsOn })
      .from(events)
      .where(isNull(events.archivedAt))
      .orderBy(desc(events.startsOn), events.title)
      .limit(500),
    db
      .selectDistinct({ id: organisations.id, name: organisations.name, acronym: organisations.acronym })
      .from(organisations)
      .innerJoin(followUpActions, eq(followUpActions.ownerOrganisationId, organisations.id))
      .orderBy(organisations.name, organisations.id),
  ]);
  return { events: eventChoices, owners };
}

/**
 * The form's organisations: up to the organisation picker's threshold, those not archived and the
 * `kept` ones (a select); above it, none but the names of `known` (a searching combobox).
 */
async function actionOrganisationChoices(
  db: Db,
  kept: string[],
  known: readonly (string | null | undefined)[],
): Promise<OrganisationChoices> {
  // One query decides and lists: more current rows than the threshold among the first
  // threshold + 1 + kept ones means search (no count first).
  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      acronym: organisations.acronym,
      archived: sql<boolean>`${organisations.archivedAt} is not null`,
    })
    .from(organisations)
    .where(liveOrKept(organisations.archivedAt, organisations.id, kept))
    .orderBy(organisations.name, organisations.id)
    .limit(ORGANISATION_PICKER_THRESHOLD + 1 + kept.length);
  if (rows.filter((row) => !row.archived).length > ORGANISATION_PICKER_THRESHOLD) {
    return { mode: "search", known: await organisationLabels(db, known) };
  }
  return { mode: "select", options: rows.map(({ id, name, acronym }) => ({ id, name, acronym })) };
}

/**
 * The form's choices: organisations, users (with their organisation), partnerships and pilots, not
 * archived or disabled, except `keep`: the ids the edited action refers to (its links stay choices).
 * Above the picker's threshold the organisations are not listed: only `known` (the organisations
 * the form holds) are named; nor are partnerships or pilots above it, but for the kept ones
 * (record-options.server.ts). A user's organisation comes with the user (if current).
 */
export async function actionFormOptions(
  db: Db,
  keep: readonly (string | null)[] = [],
  known: readonly (string | null | undefined)[] = [],
) {
  const kept = keep.filter((id): id is string => id !== null && isUuid(id));
  const [orgs, people, partnershipChoices, pilotChoices] = await Promise.all([
    actionOrganisationChoices(db, kept, known),
    db
      .select({
        id: users.id,
        name: users.name,
        organisationId: users.organisationId,
        organisationName: organisations.name,
        organisationAcronym: organisations.acronym,
      })
      .from(users)
      .leftJoin(
        organisations,
        and(eq(organisations.id, users.organisationId), isNull(organisations.archivedAt)),
      )
      .where(and(liveOrKept(users.disabledAt, users.id, kept), isNotNull(users.organisationId)))
      .orderBy(users.name, users.id),
    recordChoices(db, "partnership", kept),
    recordChoices(db, "pilot", kept),
  ]);
  return { organisations: orgs, users: people, partnerships: partnershipChoices, pilots: pilotChoices };
}
