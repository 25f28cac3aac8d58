// The dashboard (`/`): every section a user sees, a fixed number of queries whatever the size of the
// data (each list is ranked and capped in SQL with its total; independent queries run together).
// Which sections, and in which order: `dashboardSectionOrder` (app/lib/dashboard.ts). Decision 0022.
import {
  and,
  asc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  notInArray,
  sql,
  type SQL,
} from "drizzle-orm";
import type { AuthUser } from "~/auth/session.server";
import { can } from "~/auth/permissions.server";
import type { Db } from "~/db/client.server";
import { events, followUpActions, milestones, municipalities, organisations, pilots } from "~/db/schema";
import { isActionOverdue } from "~/lib/actions";
import { addDays, DUE_SOON_DAYS } from "~/lib/alerts";
import {
  DASHBOARD_LIST_LIMIT,
  dashboardSectionOrder,
  upcomingUntil,
  type DashboardSection,
} from "~/lib/dashboard";
import type { ActionStatus, MilestoneStatus } from "~/lib/enums";
import { notClosedCondition, ofReadersEvents, overdueCondition } from "./action-lists.server";
import { attentionLists, type AttentionLists, type CappedList } from "./dashboard-attention.server";
import { recentActivity, type Activity } from "./dashboard-activity.server";
import { overviewCounts, type OverviewCounts } from "./overview.server";

export type { CappedList } from "./dashboard-attention.server";

export interface DashboardAction {
  id: string;
  title: string;
  status: ActionStatus;
  dueOn: string | null;
  overdue: boolean;
  eventId: string | null;
  eventTitle: string | null;
  ownerOrganisationId: string | null;
  ownerOrganisationName: string | null;
}

export interface DashboardMilestone {
  id: string;
  title: string;
  dueOn: string;
  status: MilestoneStatus;
  pilotId: string;
  pilotName: string;
  municipalityId: string;
  municipalityName: string;
}

export interface YourMunicipality {
  id: string;
  name: string;
  /** Pilots not archived. */
  pilots: number;
  /** Open milestones of those pilots due before today. */
  overdueMilestones: number;
  /** The first open milestone due today or later. */
  next: { id: string; title: string; dueOn: string; pilotId: string; pilotName: string } | null;
}

export interface Dashboard {
  today: string;
  sections: DashboardSection[];
  /** The reader's organisation (whose actions "Your organisation's actions" lists), or null. */
  organisationId: string | null;
  counts: OverviewCounts;
  attention: AttentionLists | null;
  followUps: { overdue: CappedList<DashboardAction>; upcoming: CappedList<DashboardAction> } | null;
  milestones: { overdue: CappedList<DashboardMilestone>; dueSoon: CappedList<DashboardMilestone> } | null;
  activity: Activity | null;
  yourMunicipalities: YourMunicipality[] | null;
  eventFollowUps: CappedList<DashboardAction> | null;
  organisationActions: CappedList<DashboardAction> | null;
}

// --- follow-up actions ------------------------------------------------------------------------

const statusOrder = sql`case ${followUpActions.status} when 'open' then 0 when 'in_progress' then 1 when 'done' then 2 else 3 end`;
const byDue = [
  sql`${followUpActions.dueOn} asc nulls last`,
  asc(followUpActions.title),
  asc(followUpActions.id),
];

/** Actions not archived matching `where`, capped, with the total (one query). */
async function actionList(
  db: Db,
  where: SQL | undefined,
  order: SQL[],
  today: string,
  limit: number,
): Promise<CappedList<DashboardAction>> {
  const found = await db
    .select({
      id: followUpActions.id,
      title: followUpActions.title,
      status: followUpActions.status,
      dueOn: followUpActions.dueOn,
      eventId: followUpActions.eventId,
      eventTitle: events.title,
      ownerOrganisationId: followUpActions.ownerOrganisationId,
      ownerOrganisationName: sql<string | null>`coalesce(${organisations.acronym}, ${organisations.name})`,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(followUpActions)
    .leftJoin(events, eq(events.id, followUpActions.eventId))
    .leftJoin(organisations, eq(organisations.id, followUpActions.ownerOrganisationId))
    .where(and(isNull(followUpActions.archivedAt), where))
    .orderBy(...order)
    .limit(limit);
  return {
    items: found.map(({ total: _total, ...row }) => ({ ...row, overdue: isActionOverdue(row, today) })),
    total: Number(found[0]?.total ?? 0),
  };
}

/**
 * Not done or dropped, due between today and the end of the upcoming window (both included): the
 * filters `open=1&from=…&to=…` of its "See all".
 */
function upcomingCondition(today: string): SQL {
  return and(
    gte(followUpActions.dueOn, today),
    lte(followUpActions.dueOn, upcomingUntil(today)),
    notClosedCondition(),
  ) as SQL;
}

export function overdueFollowUps(db: Db, today: string, limit = DASHBOARD_LIST_LIMIT) {
  return actionList(db, overdueCondition(today), byDue, today, limit);
}

export function upcomingFollowUps(db: Db, today: string, limit = DASHBOARD_LIST_LIMIT) {
  return actionList(db, upcomingCondition(today), byDue, today, limit);
}

/** Actions owned by the organisation: open first, then in progress, done, dropped; by due date within. */
export function organisationActions(
  db: Db,
  organisationId: string,
  today: string,
  limit = DASHBOARD_LIST_LIMIT,
) {
  return actionList(
    db,
    eq(followUpActions.ownerOrganisationId, organisationId),
    [statusOrder, ...byDue],
    today,
    limit,
  );
}

/** Actions of events the user created or that their organisation organised; open first. */
export function eventFollowUps(
  db: Db,
  user: Pick<AuthUser, "id" | "organisationId">,
  today: string,
  limit = DASHBOARD_LIST_LIMIT,
) {
  // The same condition as `/actions?mine=events`, its "See all" (same total).
  return actionList(db, ofReadersEvents(user), [statusOrder, ...byDue], today, limit);
}

// --- milestones -------------------------------------------------------------------------------

async function milestoneList(
  db: Db,
  where: SQL | undefined,
  limit: number,
): Promise<CappedList<DashboardMilestone>> {
  const found = await db
    .select({
      id: milestones.id,
      title: milestones.title,
      dueOn: sql<string>`${milestones.dueOn}`,
      status: milestones.status,
      pilotId: pilots.id,
      pilotName: pilots.name,
      municipalityId: municipalities.id,
      municipalityName: municipalities.name,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(milestones)
    .innerJoin(pilots, eq(pilots.id, milestones.pilotId))
    .innerJoin(municipalities, eq(municipalities.id, pilots.municipalityId))
    .where(and(openMilestone, where))
    .orderBy(asc(milestones.dueOn), asc(milestones.title), asc(milestones.id))
    .limit(limit);
  return { items: found.map(({ total: _total, ...row }) => row), total: Number(found[0]?.total ?? 0) };
}

/** Open (not done or cancelled), dated, not archived, of a pilot not archived (alerts' rules, 0017). */
const openMilestone = and(
  isNull(milestones.archivedAt),
  isNull(pilots.archivedAt),
  isNotNull(milestones.dueOn),
  notInArray(milestones.status, ["done", "cancelled"]),
);

/** Due before today (`isMilestoneOverdue`). */
export function overdueMilestones(db: Db, today: string, limit = DASHBOARD_LIST_LIMIT) {
  return milestoneList(db, lt(milestones.dueOn, today), limit);
}

/** Due between today and today + DUE_SOON_DAYS, both included (`isMilestoneDueSoon`). */
export function milestonesDueSoon(db: Db, today: string, limit = DASHBOARD_LIST_LIMIT) {
  return milestoneList(
    db,
    and(gte(milestones.dueOn, today), lte(milestones.dueOn, addDays(today, DUE_SOON_DAYS))),
    limit,
  );
}

/** A municipal official's municipalities with pilots, overdue and next milestones: two queries. */
export async function yourMunicipalities(
  db: Db,
  municipalityIds: readonly string[],
  today: string,
): Promise<YourMunicipality[]> {
  if (municipalityIds.length === 0) return [];
  const ids = [...municipalityIds];
  const [rowsFound, nextRows] = await Promise.all([
    db
      .select({
        id: municipalities.id,
        name: municipalities.name,
        pilots: sql<number>`count(distinct ${pilots.id})::int`,
        overdueMilestones: sql<number>`count(distinct ${milestones.id})::int`,
      })
      .from(municipalities)
      .leftJoin(pilots, and(eq(pilots.municipalityId, municipalities.id), isNull(pilots.archivedAt)))
      .leftJoin(
        milestones,
        and(eq(milestones.pilotId, pilots.id), openMilestone, lt(milestones.dueOn, today)),
      )
      .where(and(inArray(municipalities.id, ids), isNull(municipalities.archivedAt)))
      .groupBy(municipalities.id, municipalities.name)
      .orderBy(asc(municipalities.name), asc(municipalities.id)),
    db
      .selectDistinctOn([pilots.municipalityId], {
        municipalityId: pilots.municipalityId,
        id: milestones.id,
        title: milestones.title,
        dueOn: sql<string>`${milestones.dueOn}`,
        pilotId: pilots.id,
        pilotName: pilots.name,
      })
      .from(milestones)
      .innerJoin(pilots, eq(pilots.id, milestones.pilotId))
      .where(and(inArray(pilots.municipalityId, ids), openMilestone, gte(milestones.dueOn, today)))
      .orderBy(pilots.municipalityId, asc(milestones.dueOn), asc(milestones.title), asc(milestones.id)),
  ]);
  const nextOf = new Map(nextRows.map(({ municipalityId, ...next }) => [municipalityId, next]));
  return rowsFound.map((row) => ({
    ...row,
    pilots: Number(row.pilots),
    overdueMilestones: Number(row.overdueMilestones),
    next: nextOf.get(row.id) ?? null,
  }));
}

// --- the whole page ---------------------------------------------------------------------------

/** Everything the dashboard shows to `user` on `today`: only the sections of their order are read. */
export async function dashboard(db: Db, user: AuthUser, today: string): Promise<Dashboard> {
  const sections = dashboardSectionOrder(user);
  const has = (section: DashboardSection) => sections.includes(section);
  const none = Promise.resolve(null);
  const [
    counts,
    attention,
    overdue,
    upcoming,
    milestonesOverdue,
    dueSoon,
    activity,
    municipalitiesOfUser,
    eventActions,
    ownActions,
  ] = await Promise.all([
    overviewCounts(db, today),
    has("attention") ? attentionLists(db, today) : none,
    has("followUps") ? overdueFollowUps(db, today) : none,
    has("followUps") ? upcomingFollowUps(db, today) : none,
    has("milestones") ? overdueMilestones(db, today) : none,
    has("milestones") ? milestonesDueSoon(db, today) : none,
    has("activity") ? recentActivity(db, can(user, "audit:read")) : none,
    has("yourMunicipalities") ? yourMunicipalities(db, user.municipalityIds, today) : none,
    has("eventFollowUps") ? eventFollowUps(db, user, today) : none,
    has("organisationActions") && user.organisationId !== null
      ? organisationActions(db, user.organisationId, today)
      : none,
  ]);
  return {
    today,
    sections,
    organisationId: user.organisationId,
    counts,
    attention,
    followUps: overdue && upcoming ? { overdue, upcoming } : null,
    milestones: milestonesOverdue && dueSoon ? { overdue: milestonesOverdue, dueSoon } : null,
    activity,
    yourMunicipalities: municipalitiesOfUser,
    eventFollowUps: eventActions,
    organisationActions: ownActions,
  };
}
