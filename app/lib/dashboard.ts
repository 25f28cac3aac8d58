// The dashboard (`/`): which sections a user sees, in which order, and the shared limits and
// links. Pure: no I/O. The queries are in app/models/dashboard*.server.ts; the rules are set out in
// docs/decisions/0022-dashboard.md.
import { addDays } from "./alerts";
import type { UserRole } from "./enums";

/** Rows shown per list; each list also carries its total and a "see all" link. */
export const DASHBOARD_LIST_LIMIT = 6;
/** Entries of the recent activity list. */
export const ACTIVITY_LIMIT = 10;
/** Follow-ups due within this many days (today included) are "upcoming". */
export const UPCOMING_DAYS = 30;

export const dashboardSections = [
  "yourMunicipalities",
  "eventFollowUps",
  "organisationActions",
  "counts",
  "followUps",
  "milestones",
  "attention",
  "activity",
] as const;
export type DashboardSection = (typeof dashboardSections)[number];

/** The sections every user sees, in this order, after their own ones. */
const COMMON_SECTIONS: readonly DashboardSection[] = [
  "counts",
  "followUps",
  "milestones",
  "attention",
  "activity",
];
const COORDINATOR_COMMON_SECTIONS: readonly DashboardSection[] = [
  "counts",
  "attention",
  "followUps",
  "milestones",
  "activity",
];

/**
 * The one place that orders the dashboard. A municipal official's municipalities come first, an
 * organiser's event follow-ups first; then the actions their organisation owns (anyone with an
 * organisation); then what everyone sees. Coordinators look after the whole network: partnerships
 * needing attention come right after the counts.
 */
export function dashboardSectionOrder(user: {
  role: UserRole;
  organisationId: string | null;
}): DashboardSection[] {
  const own: DashboardSection[] = [];
  if (user.role === "municipal_official") own.push("yourMunicipalities");
  if (user.role === "organiser") own.push("eventFollowUps");
  if (user.organisationId !== null) own.push("organisationActions");
  const common = user.role === "coordinator" ? COORDINATOR_COMMON_SECTIONS : COMMON_SECTIONS;
  return [...own, ...common];
}

/**
 * Audit entries about accounts (users, their municipalities, invitations, reset links, sessions):
 * only users who may read the audit log (coordinators) see them in the recent activity.
 */
export const ACCOUNT_ENTITY_TYPES = [
  "user",
  "user_municipality",
  "invitation",
  "password_reset",
  "session",
] as const;

/** The last day of the "upcoming" window that starts today. */
export function upcomingUntil(today: string): string {
  return addDays(today, UPCOMING_DAYS);
}

/** The "see all" links of the dashboard's lists (the list pages' own query strings). */
export const dashboardLinks = {
  overdueActions: () => "/actions?overdue=1&sort=due",
  /** Not done or dropped (`open=1`), as the list: the same total. */
  upcomingActions: (today: string) =>
    `/actions?${new URLSearchParams({ from: today, to: upcomingUntil(today), open: "1", sort: "due" }).toString()}`,
  /** The organiser's "Follow-ups of your events": the actions of their events (`mine=events`). */
  eventFollowUps: () => "/actions?mine=events&sort=status",
  organisationActions: (organisationId: string) =>
    `/actions?${new URLSearchParams({ owner: organisationId, sort: "status" }).toString()}`,
  lowestTrust: () => "/partnerships?sort=trust&dir=asc",
  highestExposure: () => "/partnerships?sort=exposure&dir=desc",
  /** No list sorts by disagreement: the health tab of each partnership shows it. */
  partnerships: () => "/partnerships",
  municipality: (id: string) => `/municipalities/${id}`,
  audit: () => "/admin/audit",
} as const;

/** A fresh install: nothing to show yet, so the page says what to do next instead. */
export function isFreshInstall(counts: { organisations: number }): boolean {
  return counts.organisations === 0;
}
