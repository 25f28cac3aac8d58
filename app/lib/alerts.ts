// Alerts of a pilot project: milestones due soon, overdue, planned after all funding ends, and
// outcomes missing for the last complete quarter. Pure: no I/O. Days are 'YYYY-MM-DD' (UTC).
// The rules are set out in docs/decisions/0017-milestones-alerts-calendar.md.
import type { MilestoneStatus, PilotStatus } from "./enums";

export type AlertKind =
  "milestone_due_soon" | "milestone_overdue" | "milestone_after_funding" | "outcomes_missing";

export const alertKinds = [
  "milestone_overdue",
  "milestone_due_soon",
  "milestone_after_funding",
  "outcomes_missing",
] as const satisfies readonly AlertKind[];

/** A milestone due within this many days (today included) is "due soon". */
export const DUE_SOON_DAYS = 14;

export interface PilotAlert {
  kind: AlertKind;
  pilotId: string;
  milestoneId: string | null;
  /** The milestone's title; null for outcomes_missing. */
  title: string | null;
  /** The milestone's due date, or for outcomes_missing the day the outcomes should reach. */
  date: string | null;
}

export interface AlertMilestone {
  id: string;
  pilotId: string;
  title: string;
  dueOn: string | null;
  doneOn: string | null;
  status: MilestoneStatus;
}

/** One of the pilot's funding lines (not archived). */
export interface AlertFunding {
  startsOn: string | null;
  endsOn: string | null;
}

export interface AlertPilot {
  id: string;
  status: PilotStatus;
  startsOn: string | null;
  endsOn: string | null;
  /** The end of the pilot's latest reporting period (not archived), or null without any. */
  lastPeriodEnd: string | null;
}

const DAY_MS = 86_400_000;

function toUtc(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

/** `day` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(toUtc(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** First and last day of the calendar quarter containing `day`. */
export function quarterOf(day: string): { start: string; end: string } {
  const year = Number(day.slice(0, 4));
  const firstMonth = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3;
  const start = new Date(Date.UTC(year, firstMonth, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(year, firstMonth + 3, 0)).toISOString().slice(0, 10);
  return { start, end };
}

/** Done and cancelled milestones never alert. */
export function isOpenMilestone(milestone: Pick<AlertMilestone, "status">): boolean {
  return milestone.status !== "done" && milestone.status !== "cancelled";
}

/** Open and due before today. */
export function isMilestoneOverdue(
  milestone: Pick<AlertMilestone, "status" | "dueOn">,
  today: string,
): boolean {
  return isOpenMilestone(milestone) && milestone.dueOn !== null && milestone.dueOn < today;
}

/** Open and due between today and today + DUE_SOON_DAYS, both included. */
export function isMilestoneDueSoon(
  milestone: Pick<AlertMilestone, "status" | "dueOn">,
  today: string,
): boolean {
  return (
    isOpenMilestone(milestone) &&
    milestone.dueOn !== null &&
    milestone.dueOn >= today &&
    milestone.dueOn <= addDays(today, DUE_SOON_DAYS)
  );
}

/**
 * The day all funding ends: the latest end of the lines, or null when there are no lines or one of
 * them is open-ended (then no milestone can be "after all funding").
 */
export function fundingEnd(funding: AlertFunding[]): string | null {
  if (funding.length === 0) return null;
  let latest: string | null = null;
  for (const line of funding) {
    if (line.endsOn === null) return null;
    if (latest === null || line.endsOn > latest) latest = line.endsOn;
  }
  return latest;
}

/**
 * The day the pilot's outcomes should reach, or null when none is expected yet: the end of the last
 * complete calendar quarter (before today's quarter) that the pilot overlaps, or the pilot's end when
 * it ended inside that quarter. Only running and paused pilots are expected to report.
 */
export function outcomesExpectedUntil(pilot: AlertPilot, today: string): string | null {
  if (pilot.status !== "running" && pilot.status !== "paused") return null;
  const lastCompleteEnd = addDays(quarterOf(today).start, -1);
  const until = pilot.endsOn !== null && pilot.endsOn < lastCompleteEnd ? pilot.endsOn : lastCompleteEnd;
  if (pilot.startsOn !== null && pilot.startsOn > until) return null;
  const quarterEnd = quarterOf(until).end;
  return pilot.endsOn !== null && pilot.endsOn < quarterEnd ? pilot.endsOn : quarterEnd;
}

function byDate(a: PilotAlert, b: PilotAlert): number {
  const kind = alertKinds.indexOf(a.kind) - alertKinds.indexOf(b.kind);
  if (kind !== 0) return kind;
  return (a.date ?? "").localeCompare(b.date ?? "");
}

/** Every alert of one pilot, most urgent kind first, then by date. */
export function pilotAlerts(
  pilot: AlertPilot,
  milestones: AlertMilestone[],
  funding: AlertFunding[],
  today: string,
): PilotAlert[] {
  const alerts: PilotAlert[] = [];
  const allFundingEnds = fundingEnd(funding);
  for (const milestone of milestones) {
    if (!isOpenMilestone(milestone) || milestone.dueOn === null) continue;
    const base = {
      pilotId: pilot.id,
      milestoneId: milestone.id,
      title: milestone.title,
      date: milestone.dueOn,
    };
    if (isMilestoneOverdue(milestone, today)) alerts.push({ kind: "milestone_overdue", ...base });
    else if (isMilestoneDueSoon(milestone, today)) alerts.push({ kind: "milestone_due_soon", ...base });
    if (allFundingEnds !== null && milestone.dueOn > allFundingEnds) {
      alerts.push({ kind: "milestone_after_funding", ...base });
    }
  }
  const expected = outcomesExpectedUntil(pilot, today);
  if (expected !== null && (pilot.lastPeriodEnd === null || pilot.lastPeriodEnd < expected)) {
    alerts.push({
      kind: "outcomes_missing",
      pilotId: pilot.id,
      milestoneId: null,
      title: null,
      date: expected,
    });
  }
  return alerts.sort(byDate);
}
