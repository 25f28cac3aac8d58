// Small-count suppression (DOMAIN.md, "Privacy is part of the domain"): the ONE module that decides
// what a count looks like outside the editing scope and in every export. Pure: no I/O.
//
// - a count from 1 to 4 is shown as "<5" (0 stays 0);
// - when exactly one count of a group is suppressed, the next-smallest non-zero count of the group is
//   suppressed too (secondary suppression; on a tie, the first in the group's key order);
// - the total of a group with a suppressed cell is rounded to the nearest 5 ("<5" when the total
//   itself is 1 to 4, so a rounded 0 never hides people);
// - a share is shown only when its denominator is at least 10, computed from the unsuppressed
//   counts and rounded to a whole percent.
// See docs/decisions/0018-outcomes-and-suppression.md.
import { outcomePathways, pathwayGroup, type OutcomeGroup, type OutcomePathway } from "./enums";
import {
  groupShare,
  sortPeriods,
  sumOutcomes,
  summariseCumulative,
  summarisePeriod,
  type OutcomeSummary,
  type PathwayCounts,
  type PeriodCounts,
} from "./outcomes";

export type Shown =
  { kind: "exact"; value: number } | { kind: "suppressed" } | { kind: "rounded"; value: number };

/** Smallest count shown as it is (1 to 4 are "<5"). */
export const SMALL_COUNT_LIMIT = 5;
/** Smallest denominator a share is shown over. */
export const MIN_SHARE_DENOMINATOR = 10;
/** What a primary or secondary suppressed count looks like (no language-specific text). */
export const SUPPRESSED_LABEL = "<5";

function assertCount(value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`not a count: ${String(value)}`);
  }
}

function isSmall(value: number): boolean {
  return value >= 1 && value < SMALL_COUNT_LIMIT;
}

/** One count on its own (new participants, participants at the end): 1-4 are "<5". */
export function suppressCount(value: number): Shown {
  assertCount(value);
  return isSmall(value) ? { kind: "suppressed" } : { kind: "exact", value };
}

/**
 * A sum that includes a suppressed count (the total of a group, a durable/semi-durable/no-solution
 * group count, a cumulative count): rounded to the nearest 5, or "<5" when it is 1 to 4.
 * A sum without any suppressed count is shown as a single count.
 */
export function suppressSum(value: number, includesSuppressed: boolean): Shown {
  assertCount(value);
  if (!includesSuppressed) return suppressCount(value);
  if (value < SMALL_COUNT_LIMIT) return value === 0 ? { kind: "exact", value: 0 } : { kind: "suppressed" };
  return { kind: "rounded", value: Math.round(value / 5) * 5 };
}

/**
 * A total of counts shown one by one elsewhere (the total row of a table): rounded like `suppressSum`
 * as soon as one of the counts it adds up is not shown exactly, so "total minus the visible counts"
 * cannot reveal a hidden one.
 */
export function suppressTotal(value: number, parts: readonly Shown[]): Shown {
  return suppressSum(
    value,
    parts.some((part) => part.kind !== "exact"),
  );
}

/** Primary and secondary suppression of the cells of one group, and its total. */
export function suppressGroup<K extends string>(
  counts: Record<K, number>,
): { cells: Record<K, Shown>; total: Shown } {
  const keys = Object.keys(counts) as K[];
  for (const key of keys) assertCount(counts[key]);
  const hidden = new Set<K>(keys.filter((key) => isSmall(counts[key])));
  if (hidden.size === 1) {
    // The next-smallest non-zero count; on a tie, the first key (Array#reduce keeps the first).
    const next = keys
      .filter((key) => !hidden.has(key) && counts[key] > 0)
      .reduce<K | null>((best, key) => (best === null || counts[key] < counts[best] ? key : best), null);
    if (next !== null) hidden.add(next);
  }
  const cells = {} as Record<K, Shown>;
  for (const key of keys) {
    cells[key] = hidden.has(key) ? { kind: "suppressed" } : { kind: "exact", value: counts[key] };
  }
  const total = keys.reduce((sum, key) => sum + counts[key], 0);
  return { cells, total: suppressSum(total, hidden.size > 0) };
}

/** Whole percent of numerator/denominator from exact counts, or null when the denominator is below 10. */
export function shownShare(numerator: number, denominator: number): number | null {
  if (denominator < MIN_SHARE_DENOMINATOR) return null;
  return Math.round((100 * numerator) / denominator);
}

/** "<5" for a suppressed count, "≈ 15" (no-break space) for a rounded one, the number otherwise. */
export function formatShown(s: Shown, formatNumber: (n: number) => string): string {
  switch (s.kind) {
    case "exact":
      return formatNumber(s.value);
    case "suppressed":
      return SUPPRESSED_LABEL;
    case "rounded":
      return `\u2248\u00a0${formatNumber(s.value)}`;
  }
}

/**
 * Whether this user sees exact outcome counts of a pilot of `municipalityId` on this screen.
 * Coordinators: everywhere in the app; municipal officials whose scope includes the municipality:
 * on the editing screen only; everyone else: never. Exports are always suppressed (callers don't ask).
 */
export function seesExactOutcomes(
  user: { role: string; municipalityIds: string[] },
  municipalityId: string,
  screen: "editing" | "other",
): boolean {
  if (user.role === "coordinator") return true;
  return (
    user.role === "municipal_official" &&
    screen === "editing" &&
    user.municipalityIds.includes(municipalityId)
  );
}

/** The numeric value behind a Shown, for drawing (a suppressed count is drawn as nothing). */
export function drawnValue(s: Shown): number {
  return s.kind === "suppressed" ? 0 : s.value;
}

// ---------------------------------------------------------------------------------------------
// Outcomes of a pilot as a given viewer sees them.

/** A period (or the cumulative view) of a pilot's outcomes, exact or suppressed. */
export interface ShownOutcomes {
  newParticipants: Shown;
  /** null: no period (cumulative view of a pilot without periods). */
  participantsAtEnd: Shown | null;
  /** Every pathway (0 when not reported). */
  cells: Record<OutcomePathway, Shown>;
  /** Everyone who left: the total of the group of pathways. */
  left: Shown;
  groups: Record<OutcomeGroup, Shown>;
  /** Whole percent of those who left, or null when it is not shown. */
  shares: Record<OutcomeGroup, number | null>;
  /** Whether any count is not exact (the page then explains suppression). */
  suppressed: boolean;
}

function exactOf(value: number): Shown {
  return { kind: "exact", value };
}

function allCells(outcomes: PathwayCounts): Record<OutcomePathway, number> {
  return Object.fromEntries(outcomePathways.map((p) => [p, outcomes[p] ?? 0])) as Record<
    OutcomePathway,
    number
  >;
}

/**
 * Whole percent of those who left, by group: for exact viewers whenever someone left, otherwise only
 * over at least 10 who left (computed from the exact counts, as DOMAIN.md says).
 */
export function sharesOf(summary: OutcomeSummary, exact: boolean): Record<OutcomeGroup, number | null> {
  const share = (group: OutcomeGroup): number | null => {
    if (!exact) return shownShare(summary.groups[group], summary.left);
    // (100 * n) / d, not 100 * (n / d): 23 of 40 is 58%, not 57.49999…%.
    return groupShare(summary, group) === null
      ? null
      : Math.round((100 * summary.groups[group]) / summary.left);
  };
  return {
    durable: share("durable"),
    semi_durable: share("semi_durable"),
    no_solution: share("no_solution"),
  };
}

function groupsOf(
  summary: OutcomeSummary,
  cells: Record<OutcomePathway, Shown>,
): Record<OutcomeGroup, Shown> {
  const hidden = (group: OutcomeGroup): boolean =>
    outcomePathways.some((p) => pathwayGroup[p] === group && cells[p].kind !== "exact");
  const shown = (group: OutcomeGroup): Shown => suppressSum(summary.groups[group], hidden(group));
  return {
    durable: shown("durable"),
    semi_durable: shown("semi_durable"),
    no_solution: shown("no_solution"),
  };
}

function exactView(summary: OutcomeSummary, counts: Record<OutcomePathway, number>): ShownOutcomes {
  return {
    newParticipants: exactOf(summary.newParticipants),
    participantsAtEnd: summary.participantsAtEnd === null ? null : exactOf(summary.participantsAtEnd),
    cells: Object.fromEntries(outcomePathways.map((p) => [p, exactOf(counts[p])])) as Record<
      OutcomePathway,
      Shown
    >,
    left: exactOf(summary.left),
    groups: {
      durable: exactOf(summary.groups.durable),
      semi_durable: exactOf(summary.groups.semi_durable),
      no_solution: exactOf(summary.groups.no_solution),
    },
    shares: sharesOf(summary, true),
    suppressed: false,
  };
}

/** One reporting period: exact for those who may see it, otherwise suppressed as DOMAIN.md says. */
export function showPeriod(period: PeriodCounts, exact: boolean): ShownOutcomes {
  const summary = summarisePeriod(period);
  const counts = allCells(period.outcomes);
  if (exact) return exactView(summary, counts);
  const { cells, total } = suppressGroup(counts);
  const newParticipants = suppressCount(summary.newParticipants);
  const participantsAtEnd = suppressCount(period.participantsAtEnd);
  return {
    newParticipants,
    participantsAtEnd,
    cells,
    left: total,
    groups: groupsOf(summary, cells),
    shares: sharesOf(summary, false),
    suppressed: [newParticipants, participantsAtEnd, total].some((s) => s.kind !== "exact"),
  };
}

/**
 * Every period summed. Suppressed view: the sums are suppressed as a group, and a sum that includes a
 * count hidden in one of the periods is rounded as well, so that the cumulative figures minus the
 * periods' figures cannot reveal a hidden count.
 */
export function showCumulative(periods: readonly PeriodCounts[], exact: boolean): ShownOutcomes {
  const sorted = sortPeriods(periods);
  const summary = summariseCumulative(sorted);
  const sums = sumOutcomes(sorted);
  if (exact) return exactView(summary, sums);
  const perPeriod = sorted.map((p) => suppressGroup(allCells(p.outcomes)).cells);
  const grouped = suppressGroup(sums);
  const cells = { ...grouped.cells };
  for (const pathway of outcomePathways) {
    const hiddenInAPeriod = perPeriod.some((c) => c[pathway].kind !== "exact");
    if (cells[pathway].kind === "exact" && hiddenInAPeriod) {
      cells[pathway] = suppressSum(sums[pathway], true);
    }
  }
  const anyHidden = outcomePathways.some((p) => cells[p].kind !== "exact");
  const left = suppressSum(summary.left, anyHidden);
  const newHidden = sorted.some((p) => isSmall(p.newParticipants));
  const newParticipants = suppressSum(summary.newParticipants, newHidden);
  const participantsAtEnd =
    summary.participantsAtEnd === null ? null : suppressCount(summary.participantsAtEnd);
  return {
    newParticipants,
    participantsAtEnd,
    cells,
    left,
    groups: groupsOf(summary, cells),
    shares: sharesOf(summary, false),
    suppressed: anyHidden || newParticipants.kind !== "exact" || participantsAtEnd?.kind === "suppressed",
  };
}
