// "Active on a date" (DOMAIN.md): the status is not exploring, it started on or before that date, and
// it had not ended by then. Pure, so the "as of" view, lists and tests share one rule.
import type { PartnershipStatus } from "./enums";

export interface DatedPartnership {
  status: PartnershipStatus;
  startDate: string | null;
  endDate: string | null;
}

/**
 * Whether the partnership was active on `date` ('YYYY-MM-DD'). Without a start date it is not known
 * to have started, so it is not active on any date. The end date is its last active day. An ended
 * partnership without an end date cannot be placed in time: it is not active on any date.
 */
export function isActiveOn(partnership: DatedPartnership, date: string): boolean {
  if (partnership.status === "exploring") return false;
  if (partnership.startDate === null || partnership.startDate > date) return false;
  if (partnership.endDate !== null) return partnership.endDate >= date;
  return partnership.status !== "ended";
}

/**
 * "Current" on today's network map (and in its analytics and layout): the partnership is not ended,
 * i.e. its status is not "ended" and its end date (its last day), if any, is not before `today`.
 * Exploring, forming and paused partnerships count, also before their start date: coordinators want to
 * see who is talking to whom. The "as of" view uses `isActiveOn` instead.
 */
export function isCurrentPartnership(
  partnership: { status: PartnershipStatus; endDate: string | null },
  today: string,
): boolean {
  return partnership.status !== "ended" && (partnership.endDate === null || partnership.endDate >= today);
}

/** A relationship runs on `date`: started on or before it (or no start), its end (last day) not before it. */
export function isCurrentRelationship(
  relationship: { startsOn: string | null; endsOn: string | null },
  date: string,
): boolean {
  return (
    (relationship.startsOn === null || relationship.startsOn <= date) &&
    (relationship.endsOn === null || relationship.endsOn >= date)
  );
}

/** Today as 'YYYY-MM-DD' (UTC): one definition, in objectives.ts, also offered here for older imports. */
export { todayIso } from "./objectives";

/** Why a change to the members would break the rules of DOMAIN.md. */
export type MembershipProblem = "secondLead" | "leadRequired" | "tooFewMembers";

/** At least two members for an active partnership. */
export const ACTIVE_MIN_MEMBERS = 2;

/**
 * A partnership has at most one lead; an active one exactly one lead and at least two members.
 * Compared before and after a change, so a change is refused only when it makes things worse: data
 * that already breaks a rule (imported, or older than the rule) can still be repaired step by step.
 * `before` and `after` are the continuing members (no left date).
 */
export function membershipChangeProblem(
  status: PartnershipStatus,
  before: readonly { role: string }[],
  after: readonly { role: string }[],
): MembershipProblem | null {
  const leads = (members: readonly { role: string }[]) => members.filter((m) => m.role === "lead").length;
  if (leads(after) > 1 && leads(after) > leads(before)) return "secondLead";
  if (status !== "active") return null;
  if (leads(after) === 0 && leads(before) > 0) return "leadRequired";
  if (after.length < ACTIVE_MIN_MEMBERS && after.length < before.length) return "tooFewMembers";
  return null;
}

/** Whether these continuing members allow the status "active": exactly one lead, at least two members. */
export function activationProblem(
  members: readonly { role: string }[],
): "activeNeedsMembers" | "activeNeedsLead" | null {
  if (members.length < ACTIVE_MIN_MEMBERS) return "activeNeedsMembers";
  if (members.filter((m) => m.role === "lead").length !== 1) return "activeNeedsLead";
  return null;
}
