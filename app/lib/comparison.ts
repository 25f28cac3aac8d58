// The comparison of pilots as a given user may see it: exact figures for those who see exact outcomes
// (coordinators), small-count suppression (app/lib/suppression.ts) for everyone else, and sorting on
// what is shown, so the order never reveals a suppressed count. Pure: no I/O.
import { outcomeGroups, type OutcomeGroup, type PilotStatus } from "./enums";
import { fromCents, toCents } from "./funding";
import { groupShare, type OutcomeSummary } from "./outcomes";
import { shownShare, suppressCount, suppressGroup, type Shown } from "./suppression";
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
  summary: OutcomeSummary;
  milestonesDone: number;
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
  milestonesDone: number;
  milestonesOnTime: number;
  /** Whole percent of the milestones done that were done on time; null when none is done. */
  onTimeShare: number | null;
  funding: FundingPerParticipant;
  exact: boolean;
}

export interface ComparisonView {
  rows: ComparisonRow[];
  /** Every shown pilot summed (exact only when every row is). */
  total: ComparisonFigures & { pilots: number; exact: boolean };
}

function percent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 100);
}

/** The figures of a summary, exact or suppressed. */
export function showSummary(summary: OutcomeSummary, exact: boolean): ComparisonFigures {
  if (exact) {
    const groups = {} as Record<OutcomeGroup, Shown>;
    const shares = {} as Record<OutcomeGroup, number | null>;
    for (const group of outcomeGroups) {
      groups[group] = { kind: "exact", value: summary.groups[group] };
      shares[group] = percent(groupShare(summary, group));
    }
    return {
      participants: { kind: "exact", value: summary.newParticipants },
      left: { kind: "exact", value: summary.left },
      groups,
      shares,
    };
  }
  const { cells, total } = suppressGroup(summary.groups);
  const shares = {} as Record<OutcomeGroup, number | null>;
  for (const group of outcomeGroups) shares[group] = shownShare(summary.groups[group], summary.left);
  return { participants: suppressCount(summary.newParticipants), left: total, groups: cells, shares };
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
 * The comparison for a viewer: `exactFor(pilot)` says whether they see that pilot's exact outcomes
 * (`seesExactOutcomes(user, pilot.municipalityId, "other")`).
 */
export function showComparison(
  pilots: readonly ComparedPilotFacts[],
  exactFor: (pilot: ComparedPilotFacts) => boolean,
): ComparisonView {
  const rows = pilots.map((pilot): ComparisonRow => {
    const exact = exactFor(pilot);
    const figures = showSummary(pilot.summary, exact);
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
      milestonesDone: pilot.milestonesDone,
      milestonesOnTime: pilot.milestonesOnTime,
      onTimeShare:
        pilot.milestonesDone === 0 ? null : Math.round((100 * pilot.milestonesOnTime) / pilot.milestonesDone),
      funding,
      exact,
    };
  });
  const exact = rows.every((row) => row.exact);
  return {
    rows,
    total: { ...showSummary(addSummaries(pilots.map((p) => p.summary)), exact), pilots: rows.length, exact },
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
