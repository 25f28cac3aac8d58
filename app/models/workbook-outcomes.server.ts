// The Outcomes sheet of the "all data" workbook: each period of each pilot with its counts through
// small-count suppression (decision 0018), for every reader. Exact counts are numbers (the sheet sums
// them); "<5" and "≈ 15" are text. A period with any suppressed count has its participant counts
// rounded too: otherwise "end of the previous period + new - end" would give the leavers away.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { pilotOutcomes, pilotPeriods, pilots } from "~/db/schema";
import { outcomePathways, type OutcomePathway } from "~/lib/enums";
import { formatShown, suppressCount, suppressGroup, suppressSum, type Shown } from "~/lib/suppression";

/** A count as it leaves the app: the number when exact, else its "<5" / "≈ 15" text. */
export type ShownCell = number | string;

export interface WorkbookOutcomeRow {
  pilot: string;
  periodStart: string;
  periodEnd: string;
  newParticipants: ShownCell | null;
  participantsAtEnd: ShownCell | null;
  /** Suppressed counts, one per pathway, in `outcomePathways` order. */
  pathways: ShownCell[];
  total: ShownCell;
}

function cellOf(shown: Shown): ShownCell {
  return shown.kind === "exact" ? shown.value : formatShown(shown, String);
}

const noCounts = () =>
  Object.fromEntries(outcomePathways.map((p) => [p, 0])) as Record<OutcomePathway, number>;

/**
 * One period's row from its exact counts. When any count of the group is not shown exactly, the
 * participant counts are rounded like a sum that includes a suppressed count (suppressSum).
 */
export function outcomeRow(
  period: { pilot: string; periodStart: string; periodEnd: string },
  participants: { newParticipants: number | null; participantsAtEnd: number | null },
  counts: Record<OutcomePathway, number>,
): WorkbookOutcomeRow {
  const { cells, total } = suppressGroup(counts);
  const hides = total.kind !== "exact" || outcomePathways.some((p) => cells[p].kind !== "exact");
  const participant = (n: number | null) =>
    n === null ? null : cellOf(hides ? suppressSum(n, true) : suppressCount(n));
  return {
    ...period,
    newParticipants: participant(participants.newParticipants),
    participantsAtEnd: participant(participants.participantsAtEnd),
    pathways: outcomePathways.map((p) => cellOf(cells[p])),
    total: cellOf(total),
  };
}

/** Each current period of each current pilot, suppressed (two queries whatever the size). */
export async function readOutcomes(db: Db): Promise<WorkbookOutcomeRow[]> {
  const periodRows = await db
    .select({
      id: pilotPeriods.id,
      pilot: pilots.name,
      periodStart: pilotPeriods.periodStart,
      periodEnd: pilotPeriods.periodEnd,
      newParticipants: pilotPeriods.newParticipants,
      participantsAtEnd: pilotPeriods.participantsAtEnd,
    })
    .from(pilotPeriods)
    .innerJoin(pilots, eq(pilots.id, pilotPeriods.pilotId))
    .where(and(isNull(pilotPeriods.archivedAt), isNull(pilots.archivedAt)))
    .orderBy(asc(pilots.name), asc(pilotPeriods.periodStart), asc(pilotPeriods.id));
  const counts = await db
    .select({
      periodId: pilotOutcomes.pilotPeriodId,
      pathway: pilotOutcomes.pathway,
      count: pilotOutcomes.count,
    })
    .from(pilotOutcomes)
    .innerJoin(pilotPeriods, eq(pilotPeriods.id, pilotOutcomes.pilotPeriodId))
    .innerJoin(pilots, eq(pilots.id, pilotPeriods.pilotId))
    .where(and(isNull(pilotPeriods.archivedAt), isNull(pilots.archivedAt)));
  const byPeriod = new Map<string, Record<OutcomePathway, number>>();
  for (const row of counts) {
    const group = byPeriod.get(row.periodId) ?? noCounts();
    group[row.pathway] += row.count;
    byPeriod.set(row.periodId, group);
  }
  return periodRows.map(({ id, pilot, periodStart, periodEnd, newParticipants, participantsAtEnd }) =>
    outcomeRow(
      { pilot, periodStart, periodEnd },
      { newParticipants, participantsAtEnd },
      byPeriod.get(id) ?? noCounts(),
    ),
  );
}
