// The comparison of pilots as a given user may see it: exact figures for those who see exact outcomes
// (coordinators), small-count suppression (app/lib/suppression.ts) for everyone else, and sorting on
// what is shown, so the order never reveals a suppressed count. Pure: no I/O.
import { outcomeGroups, type OutcomeGroup, type PilotStatus } from "./enums";
import { fromCents, toCents } from "./funding";
import { summariseCumulative, type OutcomeSummary, type PeriodCounts } from "./outcomes";
import { sharesOf, showCumulative, suppressTotal, type Shown } from "./suppression";
import type { ComparisonSort, SortDir } from "./validation/municipalities";

export type FundingPerParticipant =
  | { kind: "known"; currency: string; total: string; perParticipant: string }
  | {
      kind: "unknown";
      /** none: no funding line; amountMissing: a line without an amount; currencies: more than one
       * currency; noParticipants: nobody took part yet; suppressed: participants are not shown exactly. */
      reason: "none" | "amountMissing" | "currencies" | "noParticipants" | "suppressed";
    };

/** The funding lines of one pilot in one currency (not archived). */
export interface FundingGroup {
  currency: string;
  /** Sum of the amounts, as numeric text. */
  total: string | null;
  lines: number;
  withAmount: number;
}

/** Funding per participant: the pilot's lines summed in their one currency, over cumulative participants. */
export function fundingPerParticipant(
  groups: readonly FundingGroup[],
  participants: number,
): FundingPerParticipant {
  if (groups.length === 0) return { kind: "unknown", reason: "none" };
  if (groups.length > 1) return { kind: "unknown", reason: "currencies" };
  const [group] = groups;
  if (!group || group.withAmount < group.lines || group.total === null) {
    return { kind: "unknown", reason: "amountMissing" };
  }
  if (participants <= 0) return { kind: "unknown", reason: "noParticipants" };
  const cents = toCents(group.total);
  const n = BigInt(participants);
  // Rounded half up to the cent.
  const per = (cents * 2n + n) / (2n * n);
  return { kind: "known", currency: group.currency, total: fromCents(cents), perParticipant: fromCents(per) };
}

/** One pilot with its exact figures, as the model returns it. */
export interface ComparedPilotFacts {
  id: string;
  name: string;
  status: PilotStatus;
  municipalityId: string;
  municipalityName: string;
  countryCode: string;
  /** The pilot's reporting periods (not archived), exact. */
  periods: PeriodCounts[];
  /** Milestones due by today: planned on or before today, neither cancelled nor archived. */
  milestonesDue: number;
  /** Of those, the ones done on or before their planned date. */
  milestonesOnTime: number;
  funding: FundingPerParticipant;
}

/** What one row of the comparison shows. */
export interface ComparisonFigures {
  /** Cumulative new participants. */
  participants: Shown;
  /** Everyone who left, and by group. */
  left: Shown;
  groups: Record<OutcomeGroup, Shown>;
  /** Whole percent of those who left, or null when not shown. */
  shares: Record<OutcomeGroup, number | null>;
}

export interface ComparisonRow extends ComparisonFigures {
  id: string;
  name: string;
  status: PilotStatus;
  municipalityId: string;
  municipalityName: string;
  countryCode: string;
  milestonesDue: number;
  milestonesOnTime: number;
  /** Whole percent of the milestones due by today that were done on time; null when none is due. */
  onTimeShare: number | null;
  funding: FundingPerParticipant;
  exact: boolean;
}

export interface ComparisonView {
  rows: ComparisonRow[];
  /** Every shown pilot summed (exact only when every row is; see `showTotal`). */
  total: ComparisonFigures & { pilots: number; exact: boolean };
}

/**
 * The cumulative figures of one pilot, exactly as its outcomes page shows them: `showCumulative`
 * (app/lib/suppression.ts) decides, so a figure that includes a count hidden in any period or pathway
 * is rounded here too.
 */
export function showPilotFigures(periods: readonly PeriodCounts[], exact: boolean): ComparisonFigures {
  const shown = showCumulative(periods, exact);
  return {
    participants: shown.newParticipants,
    left: shown.left,
    groups: shown.groups,
    shares: shown.shares,
  };
}

function addSummaries(summaries: readonly OutcomeSummary[]): OutcomeSummary {
  const groups: Record<OutcomeGroup, number> = { durable: 0, semi_durable: 0, no_solution: 0 };
  let newParticipants = 0;
  let left = 0;
  for (const summary of summaries) {
    newParticipants += summary.newParticipants;
    left += summary.left;
    for (const group of outcomeGroups) groups[group] += summary.groups[group];
  }
  return { newParticipants, participantsAtEnd: null, left, groups };
}

/**
 * The total row: each figure is the exact sum, rounded (`suppressTotal`) as soon as one row shows that
 * figure not exactly, so the total minus the other rows cannot give a pilot's hidden figure away.
 * Shares come from the exact sums, over at least 10 who left unless the viewer sees exact figures.
 */
function showTotal(
  summaries: readonly OutcomeSummary[],
  rows: readonly ComparisonFigures[],
  exact: boolean,
): ComparisonFigures {
  const sum = addSummaries(summaries);
  const shown = (value: number, parts: Shown[]): Shown =>
    exact ? { kind: "exact", value } : suppressTotal(value, parts);
  const groups = {} as Record<OutcomeGroup, Shown>;
  for (const group of outcomeGroups) {
    groups[group] = shown(
      sum.groups[group],
      rows.map((row) => row.groups[group]),
    );
  }
  return {
    participants: shown(
      sum.newParticipants,
      rows.map((row) => row.participants),
    ),
    left: shown(
      sum.left,
      rows.map((row) => row.left),
    ),
    groups,
    shares: sharesOf(sum, exact),
  };
}

/**
 * The comparison for a viewer: `exactFor(pilot)` says whether they see that pilot's exact outcomes
 * (`seesExactOutcomes(user, pilot.municipalityId, "other")`).
 */
export function showComparison(
  pilots: readonly ComparedPilotFacts[],
  exactFor: (pilot: ComparedPilotFacts) => boolean,
): ComparisonView {
  const rows = pilots.map((pilot): ComparisonRow => {
    const exact = exactFor(pilot);
    const figures = showPilotFigures(pilot.periods, exact);
    // Funding per participant would give the participants away when they are not shown exactly.
    const funding: FundingPerParticipant =
      pilot.funding.kind === "known" && figures.participants.kind !== "exact"
        ? { kind: "unknown", reason: "suppressed" }
        : pilot.funding;
    return {
      id: pilot.id,
      name: pilot.name,
      status: pilot.status,
      municipalityId: pilot.municipalityId,
      municipalityName: pilot.municipalityName,
      countryCode: pilot.countryCode,
      ...figures,
      milestonesDue: pilot.milestonesDue,
      milestonesOnTime: pilot.milestonesOnTime,
      onTimeShare:
        pilot.milestonesDue === 0 ? null : Math.round((100 * pilot.milestonesOnTime) / pilot.milestonesDue),
      funding,
      exact,
    };
  });
  const exact = rows.every((row) => row.exact);
  return {
    rows,
    total: {
      ...showTotal(
        pilots.map((pilot) => summariseCumulative(pilot.periods)),
        rows,
        exact,
      ),
      pilots: rows.length,
      exact,
    },
  };
}

/** A shown count as a sort key: suppressed counts ("<5") all sort alike, between 0 and 5. */
function shownKey(shown: Shown): number {
  return shown.kind === "suppressed" ? 2.5 : shown.value;
}

function sortKey(row: ComparisonRow, sort: ComparisonSort): string | number | null {
  switch (sort) {
    case "pilot":
      return row.name;
    case "municipality":
      return row.municipalityName;
    case "participants":
      return shownKey(row.participants);
    case "durable":
      return row.shares.durable;
    case "semiDurable":
      return row.shares.semi_durable;
    case "noSolution":
      return row.shares.no_solution;
    case "onTime":
      return row.onTimeShare;
    case "perParticipant":
      // Only comparable within one currency: by currency, then amount.
      return row.funding.kind === "known"
        ? `${row.funding.currency}${row.funding.perParticipant.padStart(20, "0")}`
        : null;
  }
}

/** Rows sorted by a column (unknown values last either way), then by municipality and pilot name. */
export function sortComparison(
  rows: readonly ComparisonRow[],
  sort: ComparisonSort,
  dir: SortDir,
): ComparisonRow[] {
  const sign = dir === "desc" ? -1 : 1;
  const byName = (a: ComparisonRow, b: ComparisonRow) =>
    a.municipalityName.localeCompare(b.municipalityName) ||
    a.name.localeCompare(b.name) ||
    a.id.localeCompare(b.id);
  return [...rows].sort((a, b) => {
    const ka = sortKey(a, sort);
    const kb = sortKey(b, sort);
    if (ka === null || kb === null) return ka === kb ? byName(a, b) : ka === null ? 1 : -1;
    const order =
      typeof ka === "number" && typeof kb === "number" ? ka - kb : String(ka).localeCompare(String(kb));
    return order === 0 ? byName(a, b) : sign * order;
  });
}
