// The comparison of pilots across municipalities and countries (/municipalities?view=compare):
// per pilot its cumulative participants and outcomes, milestones done on time, and funding per
// participant where it is known. Exact figures: the route applies small-count suppression
// (app/lib/comparison.ts) before anything reaches a browser.
// Set-based: 5 queries whatever the number of pilots (the pilots, then their periods and outcomes,
// milestones and funding together).
import { and, asc, count, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { fundingLines, milestones, municipalities, pilots } from "~/db/schema";
import {
  fundingPerParticipant,
  type ComparedPilotFacts,
  type FundingGroup,
  type FundingPerParticipant,
} from "~/lib/comparison";
import { summariseCumulative } from "~/lib/outcomes";
import { loadPeriods } from "./outcomes.server";

export type ComparedPilot = ComparedPilotFacts;
export type { FundingPerParticipant };

export interface ComparisonQuery {
  country?: string | undefined;
}

/** The pilots (not archived, in municipalities not archived) side by side, by country then municipality. */
export async function comparePilots(db: Db, query: ComparisonQuery = {}): Promise<ComparedPilot[]> {
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
    db
      .select({
        pilotId: milestones.pilotId,
        done: count(),
        onTime: sql<number>`count(*) filter (where ${milestones.doneOn} <= ${milestones.dueOn})`.mapWith(
          Number,
        ),
      })
      .from(milestones)
      .where(
        and(
          inArray(milestones.pilotId, pilotIds),
          isNull(milestones.archivedAt),
          eq(milestones.status, "done"),
          isNotNull(milestones.dueOn),
          isNotNull(milestones.doneOn),
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
    const summary = summariseCumulative(periodsByPilot.get(pilot.id) ?? []);
    const done = milestonesByPilot.get(pilot.id);
    return {
      ...pilot,
      summary,
      milestonesDone: done?.done ?? 0,
      milestonesOnTime: done?.onTime ?? 0,
      funding: fundingPerParticipant(fundingByPilot.get(pilot.id) ?? [], summary.newParticipants),
    };
  });
}
