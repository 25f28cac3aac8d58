// The follow-up actions a partnership, a pilot or an organisation page lists: those linked to the
// record (for an organisation, also those it owns, flagged). Open and in-progress first by due date,
// then done and dropped (latest first); capped, with the totals for "See all N". Two queries whatever
// the number of actions, built once per database handle. Actions carry no confidential fields: every
// reader with action:read sees them.
import { and, count, eq, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { prepared, preparedPerDb } from "~/db/prepared-queries.server";
import { followUpActions } from "~/db/schema";
import { isActionOverdue, type ActionLinkKind, type LinkedActionsView } from "~/lib/actions";
import { isUuid } from "~/lib/uuid";
import { notClosedCondition, selectRows, type ActionRow } from "./action-lists.server";

/** How many actions a record page shows before "See all N". */
export const LINKED_ACTIONS_LIMIT = 20;

export interface LinkedRecord {
  kind: ActionLinkKind;
  id: string;
}

/** For an organisation: whether it owns the action or the action is linked to it (owner wins). */
export type ActionRelation = "owner" | "linked";

export interface LinkedActionRow extends ActionRow {
  /** Only on an organisation's page (null elsewhere). */
  relation: ActionRelation | null;
}

export interface LinkedActions {
  items: LinkedActionRow[];
  /** All the record's actions (not archived), shown or not. */
  total: number;
  /** Of those, neither done nor dropped. */
  open: number;
  overdue: number;
}

// Every record page runs these two statements, and the list's select joins seven tables: their SQL
// is built once per database handle and kind of record, the values bound at each call (decision 0032).
const ID = sql.placeholder("id");
const TODAY = sql.placeholder("today");
const LIMIT = sql.placeholder("limit");

function linkCondition(kind: ActionLinkKind): SQL {
  switch (kind) {
    case "partnership":
      return eq(followUpActions.partnershipId, ID);
    case "pilot":
      return eq(followUpActions.pilotId, ID);
    case "organisation":
      // ownedOrLinked of action-lists.server.ts, with the id a placeholder.
      return or(eq(followUpActions.ownerOrganisationId, ID), eq(followUpActions.organisationId, ID)) as SQL;
  }
}

const isClosed = sql`${followUpActions.status} in ('done', 'dropped')`;

function linkedQueries(db: Db, kind: ActionLinkKind) {
  const where = and(isNull(followUpActions.archivedAt), linkCondition(kind));
  // overdueCondition(today) of action-lists.server.ts, with the day a placeholder.
  const overdue = and(lt(followUpActions.dueOn, TODAY), notClosedCondition());
  return {
    totals: prepared(
      db
        .select({
          total: count(),
          open: sql<number>`count(*) filter (where ${notClosedCondition()})`.mapWith(Number),
          overdue: sql<number>`count(*) filter (where ${overdue})`.mapWith(Number),
        })
        .from(followUpActions)
        .where(where),
    ),
    rows: prepared(
      selectRows(db)
        .where(where)
        .orderBy(
          sql`case when ${isClosed} then 1 else 0 end`,
          // Open ones by due date (undated last); closed ones latest first.
          sql`case when ${isClosed} then null else ${followUpActions.dueOn} end asc nulls last`,
          sql`coalesce(${followUpActions.doneOn}, ${followUpActions.dueOn}) desc nulls last`,
          sql`lower(${followUpActions.title})`,
          followUpActions.id,
        )
        .limit(LIMIT),
    ),
  };
}

const queriesFor = preparedPerDb((db) => ({
  partnership: linkedQueries(db, "partnership"),
  pilot: linkedQueries(db, "pilot"),
  organisation: linkedQueries(db, "organisation"),
}));

/** The record's actions (not archived), at most `limit`, and their counts. Two queries. */
export async function listLinkedActions(
  db: Db,
  record: LinkedRecord,
  today: string,
  limit = LINKED_ACTIONS_LIMIT,
): Promise<LinkedActions> {
  if (!isUuid(record.id)) return { items: [], total: 0, open: 0, overdue: 0 };
  const queries = queriesFor(db)[record.kind];
  const [[totals], rows] = await Promise.all([
    queries.totals.execute({ id: record.id, today }),
    queries.rows.execute({ id: record.id, limit }),
  ]);
  const relationOf = (row: ActionRow): ActionRelation | null => {
    if (record.kind !== "organisation") return null;
    return row.ownerOrganisationId === record.id ? "owner" : "linked";
  };
  const items = rows.map((row) => ({ ...row, relation: relationOf(row) }));
  return {
    items,
    total: totals?.total ?? 0,
    open: totals?.open ?? 0,
    overdue: totals?.overdue ?? 0,
  };
}

/** The record's "Follow-ups" section: the capped list with overdue marks, and the counts. */
export async function linkedActionsView(
  db: Db,
  record: LinkedRecord,
  today: string,
  limit = LINKED_ACTIONS_LIMIT,
): Promise<LinkedActionsView> {
  const { items, total, open, overdue } = await listLinkedActions(db, record, today, limit);
  return {
    items: items.map((a) => ({
      id: a.id,
      title: a.title,
      status: a.status,
      dueOn: a.dueOn,
      doneOn: a.doneOn,
      overdue: isActionOverdue(a, today),
      eventId: a.eventId,
      eventTitle: a.eventTitle,
      ownerOrganisationId: a.ownerOrganisationId,
      ownerOrganisationName: a.ownerOrganisationName,
      ownerUserName: a.ownerUserName,
      relation: a.relation,
    })),
    total,
    open,
    overdue,
  };
}
