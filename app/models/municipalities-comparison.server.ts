// The comparison of pilots across municipalities and countries (/municipalities?view=compare):
// per pilot its periods (cumulative participants and outcomes), milestones on time, and funding per
// participant where it is known. Exact figures: the route applies small-count suppression
// (app/lib/comparison.ts) before anything reaches a browser.
// Set-based: 5 queries whatever the number of pilots (the pilots, then their periods and outcomes,
// milestones and funding together).
import { and, asc, count, eq, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { fundingLines, milestones, municipalities, pilots } from "~/db/schema";
import {
  fundingPerParticipant,
  type ComparedPilotFacts,
  type FundingGroup,
  type FundingPerParticipant,
} from "~/lib/comparison";
import { todayIso } from "~/lib/objectives";
import { summariseCumulative, type OutcomeSummary } from "~/lib/outcomes";
import { loadPeriods } from "./outcomes.server";

/** The facts the comparison shows, and the exact cumulative summary they come from. */
export type ComparedPilot = ComparedPilotFacts & { summary: OutcomeSummary };
export type { FundingPerParticipant };

export interface ComparisonQuery {
  country?: string | undefined;
}

/** The pilots (not archived, in municipalities not archived) side by side, by country then municipality. */
export async function comparePilots(
  db: Db,
  query: ComparisonQuery = {},
  today: string = todayIso(),
): Promise<ComparedPilot[]> {
  const pilotCondition = and(
    isNull(pilots.archivedAt),
    isNull(municipalities.archivedAt),
    query.country ? eq(municipalities.countryCode, query.country) : undefined,
  );
  const pilotRows = await db
    .select({
      id: pilots.id,
      name: pilots.name,
      status: pilots.status,
      municipalityId: municipalities.id,
      municipalityName: municipalities.name,
      countryCode: municipalities.countryCode,
    })
    .from(pilots)
    .innerJoin(municipalities, eq(municipalities.id, pilots.municipalityId))
    .where(pilotCondition)
    .orderBy(asc(municipalities.countryCode), asc(municipalities.name), asc(pilots.name), asc(pilots.id));
  if (pilotRows.length === 0) return [];
  const pilotIds = pilotRows.map((pilot) => pilot.id);
  const [periodsByPilot, milestoneRows, fundingRows] = await Promise.all([
    loadPeriods(db, pilotIds),
    // Milestones due by today (planned on or before it, not cancelled, not archived), and those of
    // them done on or before their planned date: an overdue one counts against, not for nothing.
    db
      .select({
        pilotId: milestones.pilotId,
        due: count(),
        onTime:
          sql<number>`count(*) filter (where ${milestones.status} = 'done' and ${milestones.doneOn} <= ${milestones.dueOn})`.mapWith(
            Number,
          ),
      })
      .from(milestones)
      .where(
        and(
          inArray(milestones.pilotId, pilotIds),
          isNull(milestones.archivedAt),
          ne(milestones.status, "cancelled"),
          lte(milestones.dueOn, today),
        ),
      )
      .groupBy(milestones.pilotId),
    db
      .select({
        pilotId: fundingLines.pilotId,
        currency: fundingLines.currency,
        total: sql<string | null>`sum(${fundingLines.amount})::text`,
        lines: count(),
        withAmount: count(fundingLines.amount),
      })
      .from(fundingLines)
      .where(and(inArray(fundingLines.pilotId, pilotIds), isNull(fundingLines.archivedAt)))
      .groupBy(fundingLines.pilotId, fundingLines.currency)
      .orderBy(asc(fundingLines.currency)),
  ]);

  const milestonesByPilot = new Map(milestoneRows.map((row) => [row.pilotId, row]));
  const fundingByPilot = new Map<string, FundingGroup[]>();
  for (const { pilotId, ...row } of fundingRows) {
    if (pilotId) fundingByPilot.set(pilotId, [...(fundingByPilot.get(pilotId) ?? []), row]);
  }

  return pilotRows.map((pilot) => {
    const periods = periodsByPilot.get(pilot.id) ?? [];
    const summary = summariseCumulative(periods);
    const due = milestonesByPilot.get(pilot.id);
    return {
      ...pilot,
      periods,
      summary,
      milestonesDue: due?.due ?? 0,
      milestonesOnTime: due?.onTime ?? 0,
      funding: fundingPerParticipant(fundingByPilot.get(pilot.id) ?? [], summary.newParticipants),
    };
  });
}
