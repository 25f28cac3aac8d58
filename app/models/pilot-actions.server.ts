// A pilot's "Follow-ups" section on its overview: what `linkedActionsView(db, { kind: "pilot", id },
// today)` of linked-actions.server.ts answers, with its two queries built once per database handle
// (app/db/prepared-queries.server.ts) instead of on every call: the list's select joins seven tables, and
// building it was most of what the overview's loader spent beyond its SQL. The same columns, joins
// (action-lists.server.ts), conditions, order and cap; tests/integration/pilot-overview.test.ts checks
// the result against linkedActionsView, so a change there must be made here too.
import { and, count, eq, isNull, lt, sql } from "drizzle-orm";
import { followUpActions } from "~/db/schema";
import type { Db } from "~/db/client.server";
import { isActionOverdue, type LinkedActionsView } from "~/lib/actions";
import { isUuid } from "~/lib/uuid";
import { notClosedCondition, selectRows } from "./action-lists.server";
import { LINKED_ACTIONS_LIMIT } from "./linked-actions.server";
import { prepared, preparedPerDb } from "~/db/prepared-queries.server";

const isClosed = sql`${followUpActions.status} in ('done', 'dropped')`;

const pilotActionQueries = preparedPerDb((db) => {
  const today = sql.placeholder("today");
  const where = and(
    isNull(followUpActions.archivedAt),
    eq(followUpActions.pilotId, sql.placeholder("pilotId")),
  );
  // overdueCondition(today) of action-lists.server.ts, with the day a placeholder.
  const overdue = and(lt(followUpActions.dueOn, today), notClosedCondition());
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
        .limit(LINKED_ACTIONS_LIMIT),
    ),
  };
});

/** The pilot's follow-ups (not archived), at most LINKED_ACTIONS_LIMIT, and their counts. Two queries. */
export async function pilotActionsView(db: Db, pilotId: string, today: string): Promise<LinkedActionsView> {
  if (!isUuid(pilotId)) return { items: [], total: 0, open: 0, overdue: 0 };
  const queries = pilotActionQueries(db);
  const [[totals], rows] = await Promise.all([
    queries.totals.execute({ pilotId, today }),
    queries.rows.execute({ pilotId }),
  ]);
  return {
    items: rows.map((a) => ({
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
      relation: null,
    })),
    total: totals?.total ?? 0,
    open: totals?.open ?? 0,
    overdue: totals?.overdue ?? 0,
  };
}
