// The alerts of many pilots at once (pilot tab, municipality page, later the dashboard): three
// queries whatever the number of pilots (the pilots with their latest period end, their open
// milestones, their funding lines); the rules themselves are in lib/alerts.ts.
import { and, eq, inArray, isNotNull, isNull, max, notInArray } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { fundingLines, milestones, pilotPeriods, pilots } from "~/db/schema";
import { pilotAlerts, type AlertFunding, type AlertMilestone, type PilotAlert } from "~/lib/alerts";
import { todayIso } from "~/lib/objectives";
import { isUuid } from "~/lib/uuid";

export type { PilotAlert } from "~/lib/alerts";

/** The alerts of each of these pilots (unknown ids are left out of the map). */
export async function loadAlerts(
  db: Db,
  pilotIds: readonly string[],
  today: string = todayIso(),
): Promise<Map<string, PilotAlert[]>> {
  const ids = [...new Set(pilotIds.filter((id) => isUuid(id)))];
  const alerts = new Map<string, PilotAlert[]>();
  if (ids.length === 0) return alerts;
  const [pilotRows, milestoneRows, fundingRows] = await Promise.all([
    db
      .select({
        id: pilots.id,
        status: pilots.status,
        startsOn: pilots.startsOn,
        endsOn: pilots.endsOn,
        lastPeriodEnd: max(pilotPeriods.periodEnd),
      })
      .from(pilots)
      .leftJoin(pilotPeriods, and(eq(pilotPeriods.pilotId, pilots.id), isNull(pilotPeriods.archivedAt)))
      .where(inArray(pilots.id, ids))
      .groupBy(pilots.id),
    db
      .select({
        id: milestones.id,
        pilotId: milestones.pilotId,
        title: milestones.title,
        dueOn: milestones.dueOn,
        doneOn: milestones.doneOn,
        status: milestones.status,
      })
      .from(milestones)
      .where(
        and(
          inArray(milestones.pilotId, ids),
          isNull(milestones.archivedAt),
          isNotNull(milestones.dueOn),
          notInArray(milestones.status, ["done", "cancelled"]),
        ),
      ),
    db
      .select({ pilotId: fundingLines.pilotId, startsOn: fundingLines.startsOn, endsOn: fundingLines.endsOn })
      .from(fundingLines)
      .where(and(inArray(fundingLines.pilotId, ids), isNull(fundingLines.archivedAt))),
  ]);
  const milestonesOf = groupBy<AlertMilestone>(milestoneRows, (m) => m.pilotId);
  const fundingOf = groupBy<AlertFunding & { pilotId: string | null }>(fundingRows, (f) => f.pilotId ?? "");
  for (const pilot of pilotRows) {
    alerts.set(
      pilot.id,
      pilotAlerts(
        { ...pilot, lastPeriodEnd: pilot.lastPeriodEnd ?? null },
        milestonesOf.get(pilot.id) ?? [],
        fundingOf.get(pilot.id) ?? [],
        today,
      ),
    );
  }
  return alerts;
}

/** The alerts of one pilot. */
export async function loadPilotAlerts(
  db: Db,
  pilotId: string,
  today: string = todayIso(),
): Promise<PilotAlert[]> {
  return (await loadAlerts(db, [pilotId], today)).get(pilotId) ?? [];
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
