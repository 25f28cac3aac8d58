// The dashboard's counts: one query whatever the size of the data.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { followUpActions, municipalities, organisations, partnerships, pilots } from "~/db/schema";
import { CLOSED_ACTION_STATUSES } from "~/lib/actions";
import { todayIso } from "~/lib/objectives";

export interface OverviewCounts {
  organisations: number;
  /** Partnerships active today (DOMAIN.md, `isActiveOn`). */
  activePartnerships: number;
  municipalities: number;
  /** Pilots not archived. */
  pilots: number;
  /** Actions not archived that are open or in progress. */
  openActions: number;
}

/**
 * The SQL twin of `isActiveOn` (app/lib/partnership-status.ts): not exploring, started on or before
 * `day`, and its end date (its last day) not before it; without an end date, not ended.
 */
export function activeOnCondition(day: string): SQL {
  return sql`(${partnerships.status} <> 'exploring' and ${partnerships.startDate} is not null and ${partnerships.startDate} <= ${day} and case when ${partnerships.endDate} is not null then ${partnerships.endDate} >= ${day} else ${partnerships.status} <> 'ended' end)`;
}

const closedStatuses = sql.join(
  CLOSED_ACTION_STATUSES.map((status) => sql`${status}`),
  sql`, `,
);

export async function overviewCounts(db: Db, today: string = todayIso()): Promise<OverviewCounts> {
  const [row] = await db
    .select({
      organisations: sql<number>`(select count(*)::int from ${organisations} where ${organisations.archivedAt} is null)`,
      activePartnerships: sql<number>`(select count(*)::int from ${partnerships} where ${partnerships.archivedAt} is null and ${activeOnCondition(today)})`,
      municipalities: sql<number>`(select count(*)::int from ${municipalities} where ${municipalities.archivedAt} is null)`,
      pilots: sql<number>`(select count(*)::int from ${pilots} where ${pilots.archivedAt} is null)`,
      openActions: sql<number>`(select count(*)::int from ${followUpActions} where ${followUpActions.archivedAt} is null and ${followUpActions.status} not in (${closedStatuses}))`,
    })
    .from(sql`(select 1) as one`);
  return {
    organisations: Number(row?.organisations ?? 0),
    activePartnerships: Number(row?.activePartnerships ?? 0),
    municipalities: Number(row?.municipalities ?? 0),
    pilots: Number(row?.pilots ?? 0),
    openActions: Number(row?.openActions ?? 0),
  };
}
