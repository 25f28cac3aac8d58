// Outcome aggregation of pilot projects: counts per pathway, the evaluations' grouping (durable,
// semi-durable, no solution), per period and cumulatively. Pure: no I/O. Exact numbers only:
// what a given user may see is decided by app/lib/suppression.ts.
import {
  outcomeGroups,
  outcomePathways,
  pathwayGroup,
  type OutcomeGroup,
  type OutcomePathway,
} from "./enums";

export type PathwayCounts = Partial<Record<OutcomePathway, number>>;

export interface PeriodCounts {
  /** 'YYYY-MM-DD' */
  periodStart: string;
  /** 'YYYY-MM-DD' */
  periodEnd: string;
  newParticipants: number;
  participantsAtEnd: number;
  /** People who LEFT the pilot in the period, by pathway. */
  outcomes: PathwayCounts;
}

export interface OutcomeSummary {
  newParticipants: number;
  /** Cumulatively: at the end of the latest period; null when there is no period. */
  participantsAtEnd: number | null;
  /** Everyone who left (the sum over every pathway). */
  left: number;
  groups: Record<OutcomeGroup, number>;
}

function emptyGroups(): Record<OutcomeGroup, number> {
  return { durable: 0, semi_durable: 0, no_solution: 0 };
}

/** Counts per group of the evaluations (`pathwayGroup`, defined once in enums.ts). */
export function groupCounts(outcomes: PathwayCounts): Record<OutcomeGroup, number> {
  const groups = emptyGroups();
  for (const pathway of outcomePathways) {
    groups[pathwayGroup[pathway]] += outcomes[pathway] ?? 0;
  }
  return groups;
}

function leftOf(groups: Record<OutcomeGroup, number>): number {
  return outcomeGroups.reduce((sum, group) => sum + groups[group], 0);
}

export function summarisePeriod(p: PeriodCounts): OutcomeSummary {
  const groups = groupCounts(p.outcomes);
  return {
    newParticipants: p.newParticipants,
    participantsAtEnd: p.participantsAtEnd,
    left: leftOf(groups),
    groups,
  };
}

/** Every pathway summed over the periods (0 for pathways never reported). */
export function sumOutcomes(periods: readonly PeriodCounts[]): Record<OutcomePathway, number> {
  const sums = Object.fromEntries(outcomePathways.map((p) => [p, 0])) as Record<OutcomePathway, number>;
  for (const period of periods) {
    for (const pathway of outcomePathways) sums[pathway] += period.outcomes[pathway] ?? 0;
  }
  return sums;
}

/** Periods in chronological order (by start; ties by end). Does not mutate its argument. */
export function sortPeriods<T extends Pick<PeriodCounts, "periodStart" | "periodEnd">>(
  periods: readonly T[],
): T[] {
  return [...periods].sort(
    (a, b) => a.periodStart.localeCompare(b.periodStart) || a.periodEnd.localeCompare(b.periodEnd),
  );
}

/** Sum over the periods; participants at end are those of the latest period (by start). */
export function summariseCumulative(periods: PeriodCounts[]): OutcomeSummary {
  const sorted = sortPeriods(periods);
  const groups = groupCounts(sumOutcomes(sorted));
  return {
    newParticipants: sorted.reduce((sum, p) => sum + p.newParticipants, 0),
    participantsAtEnd: sorted.at(-1)?.participantsAtEnd ?? null,
    left: leftOf(groups),
    groups,
  };
}

/** Raw share (0..1) of those who left, or null when nobody left. */
export function groupShare(summary: OutcomeSummary, group: OutcomeGroup): number | null {
  if (summary.left === 0) return null;
  return summary.groups[group] / summary.left;
}

/** The pathways of each group, in the order of `outcomePathways` (for the legend). */
export function pathwaysByGroup(): Record<OutcomeGroup, OutcomePathway[]> {
  const result: Record<OutcomeGroup, OutcomePathway[]> = {
    durable: [],
    semi_durable: [],
    no_solution: [],
  };
  for (const pathway of outcomePathways) result[pathwayGroup[pathway]].push(pathway);
  return result;
}
