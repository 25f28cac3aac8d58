// The follow-up actions a partnership, a pilot or an organisation page lists: those linked to the
// record (for an organisation, also those it owns, flagged). Open and in-progress first by due date,
// then done and dropped (latest first); capped, with the totals for "See all N". Two queries whatever
// the number of actions. Actions carry no confidential fields: every reader with action:read sees them.
import { and, count, eq, isNull, notInArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { followUpActions } from "~/db/schema";
import {
  CLOSED_ACTION_STATUSES,
  isActionOverdue,
  type ActionLinkKind,
  type LinkedActionsView,
} from "~/lib/actions";
import { isUuid } from "~/lib/uuid";
import { overdueCondition, ownedOrLinked, selectRows, type ActionRow } from "./action-lists.server";

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

function linkCondition(record: LinkedRecord): SQL {
  switch (record.kind) {
    case "partnership":
      return eq(followUpActions.partnershipId, record.id);
    case "pilot":
      return eq(followUpActions.pilotId, record.id);
    case "organisation":
      return ownedOrLinked(record.id);
  }
}

const isClosed = sql`${followUpActions.status} in ('done', 'dropped')`;

/** The record's actions (not archived), at most `limit`, and their counts. Two queries. */
export async function listLinkedActions(
  db: Db,
  record: LinkedRecord,
  today: string,
  limit = LINKED_ACTIONS_LIMIT,
): Promise<LinkedActions> {
  if (!isUuid(record.id)) return { items: [], total: 0, open: 0, overdue: 0 };
  const where = and(isNull(followUpActions.archivedAt), linkCondition(record));
  const [[totals], rows] = await Promise.all([
    db
      .select({
        total: count(),
        open: sql<number>`count(*) filter (where ${notInArray(followUpActions.status, [...CLOSED_ACTION_STATUSES])})`.mapWith(
          Number,
        ),
        overdue: sql<number>`count(*) filter (where ${overdueCondition(today)})`.mapWith(Number),
      })
      .from(followUpActions)
      .where(where),
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
      .limit(limit),
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
