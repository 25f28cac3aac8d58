// The dashboard (`/`) in three or four statements sent together, whatever the data holds:
// - what every reader sees but the attention lists and the activity: the counts, the overdue and
//   upcoming follow-ups, the overdue milestones and those due soon (each list capped, with its total);
// - the partnerships needing attention (lowest trust, highest exposure, biggest disagreement), one
//   pass over the latest health checks for both the trust index and the spreads;
// - the recent activity (account entries only for a reader who may read the audit log);
// - only for a reader with sections of their own: their municipalities, the follow-ups of their
//   events, their organisation's actions.
// All built once per database handle (app/db/prepared-queries.server.ts). The page used to read these
// through the model functions of dashboard.server.ts, overview.server.ts, dashboard-attention.server.ts
// and dashboard-activity.server.ts: 9 statements for a coordinator, up to 12 for a municipal official,
// each built by drizzle on every call (issue 9's page speed). Which sections a reader sees is still
// `dashboardSectionOrder`, overdue marks `isActionOverdue`, the bands `trustBand`; the statements repeat
// the read conditions of those model functions (overviewCounts, attentionLists, overdueFollowUps,
// upcomingFollowUps, overdueMilestones, milestonesDueSoon, recentActivity, yourMunicipalities,
// eventFollowUps, organisationActions): a change to what they read must be made here too, and
// tests/integration/dashboard-page.test.ts fails when the two disagree.
import { sql, type Placeholder, type SQL } from "drizzle-orm";
import { can } from "~/auth/permissions.server";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { prepared, preparedPerDb } from "~/db/prepared-queries.server";
import {
  auditLog,
  eventOrganisers,
  events,
  followUpActions,
  milestones,
  municipalities,
  organisations,
  partnerships,
  pilots,
  users,
} from "~/db/schema";
import { cappedJsonList, sqlLiteral, subquery, type ListJson } from "~/db/sql-fragments.server";
import { CLOSED_ACTION_STATUSES, isActionOverdue } from "~/lib/actions";
import { addDays, DUE_SOON_DAYS } from "~/lib/alerts";
import {
  ACCOUNT_ENTITY_TYPES,
  ACTIVITY_LIMIT,
  DASHBOARD_LIST_LIMIT,
  dashboardSectionOrder,
  upcomingUntil,
  type DashboardSection,
} from "~/lib/dashboard";
import type { CappedList } from "./dashboard-attention.server";
import { activityEntry, activityLookups, type ActivityRow } from "./dashboard-activity.server";
import { attentionFrom, selectAttention } from "./dashboard-page-attention.server";
import type { Dashboard, DashboardAction, DashboardMilestone, YourMunicipality } from "./dashboard.server";

/** A capped list of the dashboard (DASHBOARD_LIST_LIMIT items, and the total). */
function dashboardList<T>(object: SQL, from: SQL, order: SQL): SQL<ListJson<T>> {
  return cappedJsonList<T>(object, from, order, DASHBOARD_LIST_LIMIT);
}

/** Constants of the code as a list of SQL literals, for `in (...)`. */
const textList = (values: readonly string[]) => sql.join(values.map(sqlLiteral), sql`, `);

// ---------------------------------------------------------------------------------------------
// Follow-up actions and milestones (dashboard.server.ts)

const actionObject = sql`json_build_object('id', ${followUpActions.id}, 'title', ${followUpActions.title}, 'status', ${followUpActions.status}, 'dueOn', ${followUpActions.dueOn}, 'eventId', ${followUpActions.eventId}, 'eventTitle', ${events.title}, 'ownerOrganisationId', ${followUpActions.ownerOrganisationId}, 'ownerOrganisationName', coalesce(${organisations.acronym}, ${organisations.name}))`;

/** Neither done nor dropped (notClosedCondition). */
const notClosed = sql`${followUpActions.status} not in (${textList(CLOSED_ACTION_STATUSES)})`;

/** Actions not archived matching `where` (actionList). */
function actionsWhere(where: SQL): SQL {
  return sql`from ${followUpActions} left join ${events} on ${events.id} = ${followUpActions.eventId} left join ${organisations} on ${organisations.id} = ${followUpActions.ownerOrganisationId} where ${followUpActions.archivedAt} is null and ${where}`;
}

const byDue = sql`${followUpActions.dueOn} asc nulls last, ${followUpActions.title} asc, ${followUpActions.id} asc`;
const byStatusThenDue = sql`case ${followUpActions.status} when 'open' then 0 when 'in_progress' then 1 when 'done' then 2 else 3 end, ${byDue}`;

type ActionJson = Omit<DashboardAction, "overdue">;

const milestoneObject = sql`json_build_object('id', ${milestones.id}, 'title', ${milestones.title}, 'dueOn', ${milestones.dueOn}, 'status', ${milestones.status}, 'pilotId', ${pilots.id}, 'pilotName', ${pilots.name}, 'municipalityId', ${municipalities.id}, 'municipalityName', ${municipalities.name})`;

/** Open (not done or cancelled), dated, not archived, of a pilot not archived (openMilestone). */
const openMilestone = sql`${milestones.archivedAt} is null and ${pilots.archivedAt} is null and ${milestones.dueOn} is not null and ${milestones.status} not in ('done', 'cancelled')`;

function milestonesWhere(where: SQL): SQL {
  return sql`from ${milestones} join ${pilots} on ${pilots.id} = ${milestones.pilotId} join ${municipalities} on ${municipalities.id} = ${pilots.municipalityId} where ${openMilestone} and ${where}`;
}

const milestoneOrder = sql`${milestones.dueOn} asc, ${milestones.title} asc, ${milestones.id} asc`;

// ---------------------------------------------------------------------------------------------
// Counts (overview.server.ts)

/** activeOnCondition: not exploring, started on or before `day`, its end date not before it; undated: not ended. */
function activeOn(day: SQL): SQL {
  return sql`(${partnerships.status} <> 'exploring' and ${partnerships.startDate} is not null and ${partnerships.startDate} <= ${day} and case when ${partnerships.endDate} is not null then ${partnerships.endDate} >= ${day} else ${partnerships.status} <> 'ended' end)`;
}

type CountsJson = Dashboard["counts"];

/** Counts, follow-ups and milestones: what every reader sees but the attention lists and activity. */
function selectCommon(db: Db, today: SQL, upcomingEnd: SQL, dueSoonEnd: SQL) {
  return db
    .select({
      counts: subquery<CountsJson>(
        sql`select json_build_object('organisations', (select count(*)::int from ${organisations} where ${organisations.archivedAt} is null), 'activePartnerships', (select count(*)::int from ${partnerships} where ${partnerships.archivedAt} is null and ${activeOn(today)}), 'municipalities', (select count(*)::int from ${municipalities} where ${municipalities.archivedAt} is null), 'pilots', (select count(*)::int from ${pilots} where ${pilots.archivedAt} is null), 'openActions', (select count(*)::int from ${followUpActions} where ${followUpActions.archivedAt} is null and ${notClosed}))`,
      ),
      overdueFollowUps: dashboardList<ActionJson>(
        actionObject,
        actionsWhere(sql`${followUpActions.dueOn} < ${today} and ${notClosed}`),
        byDue,
      ),
      upcomingFollowUps: dashboardList<ActionJson>(
        actionObject,
        actionsWhere(
          sql`${followUpActions.dueOn} >= ${today} and ${followUpActions.dueOn} <= ${upcomingEnd} and ${notClosed}`,
        ),
        byDue,
      ),
      overdueMilestones: dashboardList<DashboardMilestone>(
        milestoneObject,
        milestonesWhere(sql`${milestones.dueOn} < ${today}`),
        milestoneOrder,
      ),
      milestonesDueSoon: dashboardList<DashboardMilestone>(
        milestoneObject,
        milestonesWhere(sql`${milestones.dueOn} >= ${today} and ${milestones.dueOn} <= ${dueSoonEnd}`),
        milestoneOrder,
      ),
    })
    .from(sql`(select 1) as one`);
}

// ---------------------------------------------------------------------------------------------
// Recent activity (dashboard-activity.server.ts: its lookups and links)

/**
 * The latest entries the reader may see (`mayReadAll`: every entry; else none about accounts), then
 * their actors' names and their records' labels. The actors are joined to the ten entries kept, not
 * to every entry read while ranking them. (The log's index is on `at` alone: when thousands of
 * entries share the latest instant, as after a seed or an import, ranking reads all of them; an index
 * on (at, id) would read ten.)
 */
function selectActivity(db: Db, mayReadAll: Placeholder) {
  return db
    .select({
      activity: subquery<ActivityRow[]>(sql`with latest as materialized (
          select ${auditLog.id} as id, ${auditLog.at} as at, ${auditLog.action} as action,
            ${auditLog.entityType} as entity_type, ${auditLog.entityId} as entity_id, ${auditLog.userId} as user_id
          from ${auditLog}
          where (${mayReadAll}::boolean or ${auditLog.entityType} not in (${textList(ACCOUNT_ENTITY_TYPES)}))
          order by ${auditLog.at} desc, ${auditLog.id} desc
          limit ${sqlLiteral(ACTIVITY_LIMIT)}
        ),
        labels as (${sql.join(activityLookups, sql` union all `)})
        select coalesce(json_agg(json_build_object('id', latest.id, 'at', latest.at, 'action', latest.action,
          'entityType', latest.entity_type, 'entityId', latest.entity_id, 'actorName', ${users.name},
          'label', labels.label, 'parentId', labels.parent_id, 'parentType', labels.parent_type)
          order by latest.at desc, latest.id desc), '[]'::json)
        from latest left join ${users} on ${users.id} = latest.user_id
        left join labels on labels.entity_type = latest.entity_type and labels.id = latest.entity_id`),
    })
    .from(sql`(select 1) as one`);
}

// ---------------------------------------------------------------------------------------------
// The reader's own sections (dashboard.server.ts)

/**
 * A municipal official's municipalities (`municipalityIds`, a JSON array; not archived) with their
 * pilots, overdue and next milestones; the follow-ups of the reader's events; their organisation's
 * actions. A section the reader does not see (its flag false) is not read: null.
 */
function selectOwn(db: Db, today: SQL) {
  const userId = sql`${sql.placeholder("userId")}::uuid`;
  const organisationId = sql`${sql.placeholder("organisationId")}::uuid`;
  const municipalityIds = sql`(select value::uuid from json_array_elements_text(${sql.placeholder("municipalityIds")}::text::json))`;
  const readsMunicipalities = sql`${sql.placeholder("readsMunicipalities")}::boolean`;
  const readsEventFollowUps = sql`${sql.placeholder("readsEventFollowUps")}::boolean`;
  const readsOrganisationActions = sql`${sql.placeholder("readsOrganisationActions")}::boolean`;
  const milestonesOf = sql`from ${milestones} join ${pilots} on ${pilots.id} = ${milestones.pilotId} where ${pilots.municipalityId} = ${municipalities.id} and ${openMilestone}`;
  // ofReadersEvents: events the reader created, or (with an organisation) that it organised.
  const ofReadersEvents = sql`(${followUpActions.eventId} in (select ${events.id} from ${events} where ${events.createdBy} = ${userId}) or (${organisationId} is not null and ${followUpActions.eventId} in (select ${eventOrganisers.eventId} from ${eventOrganisers} where ${eventOrganisers.organisationId} = ${organisationId})))`;
  return db
    .select({
      yourMunicipalities: subquery<YourMunicipality[] | null>(
        sql`select case when ${readsMunicipalities} then coalesce(json_agg(json_build_object('id', ${municipalities.id}, 'name', ${municipalities.name},
          'pilots', (select count(*)::int from ${pilots} where ${pilots.municipalityId} = ${municipalities.id} and ${pilots.archivedAt} is null),
          'overdueMilestones', (select count(*)::int ${milestonesOf} and ${milestones.dueOn} < ${today}),
          'next', (select json_build_object('id', ${milestones.id}, 'title', ${milestones.title}, 'dueOn', ${milestones.dueOn}, 'pilotId', ${pilots.id}, 'pilotName', ${pilots.name}) ${milestonesOf} and ${milestones.dueOn} >= ${today} order by ${milestoneOrder} limit 1))
          order by ${municipalities.name} asc, ${municipalities.id} asc), '[]'::json) end
          from ${municipalities} where ${readsMunicipalities} and ${municipalities.id} in ${municipalityIds} and ${municipalities.archivedAt} is null`,
      ),
      eventFollowUps: sql<ListJson<ActionJson> | null>`case when ${readsEventFollowUps} then ${dashboardList<ActionJson>(actionObject, actionsWhere(ofReadersEvents), byStatusThenDue)} end`,
      organisationActions: sql<ListJson<ActionJson> | null>`case when ${readsOrganisationActions} then ${dashboardList<ActionJson>(
        actionObject,
        actionsWhere(sql`${followUpActions.ownerOrganisationId} = ${organisationId}`),
        byStatusThenDue,
      )} end`,
    })
    .from(sql`(select 1) as one`);
}

// ---------------------------------------------------------------------------------------------

/** The statements, built once per database handle (values filled at each call). */
const queries = preparedPerDb((db) => {
  const today = sql`${sql.placeholder("today")}::date`;
  return {
    common: prepared(
      selectCommon(
        db,
        today,
        sql`${sql.placeholder("upcomingEnd")}::date`,
        sql`${sql.placeholder("dueSoonEnd")}::date`,
      ),
    ),
    attention: prepared(selectAttention(db, today)),
    activity: prepared(selectActivity(db, sql.placeholder("mayReadAll"))),
    own: prepared(selectOwn(db, today)),
  };
});

function actionsOf(list: ListJson<ActionJson>, today: string): CappedList<DashboardAction> {
  return {
    items: list.items.map((action) => ({ ...action, overdue: isActionOverdue(action, today) })),
    total: list.total,
  };
}

/**
 * Everything the dashboard shows to `user` on `today` (what `dashboard` of dashboard.server.ts
 * answers): three statements in one wave, four for a reader with sections of their own.
 */
export async function dashboardPage(db: Db, user: AuthUser, today: string): Promise<Dashboard> {
  const sections = dashboardSectionOrder(user);
  const has = (section: DashboardSection) => sections.includes(section);
  const readsMunicipalities = has("yourMunicipalities");
  const readsEventFollowUps = has("eventFollowUps");
  const readsOrganisationActions = has("organisationActions") && user.organisationId !== null;
  const statements = queries(db);
  const [[common], [attention], [activity], own] = await Promise.all([
    statements.common.execute({
      today,
      upcomingEnd: upcomingUntil(today),
      dueSoonEnd: addDays(today, DUE_SOON_DAYS),
    }),
    statements.attention.execute({ today }),
    statements.activity.execute({ mayReadAll: can(user, "audit:read") }),
    readsMunicipalities || readsEventFollowUps || readsOrganisationActions
      ? statements.own
          .execute({
            today,
            userId: user.id,
            organisationId: user.organisationId,
            municipalityIds: JSON.stringify(user.municipalityIds),
            readsMunicipalities,
            readsEventFollowUps,
            readsOrganisationActions,
          })
          .then(([row]) => row)
      : undefined,
  ]);
  if (!common || !attention || !activity) throw new Error("the dashboard's statements returned no row");
  return {
    today,
    sections,
    organisationId: user.organisationId,
    counts: common.counts,
    attention: has("attention") ? attentionFrom(attention.attention) : null,
    followUps: has("followUps")
      ? {
          overdue: actionsOf(common.overdueFollowUps, today),
          upcoming: actionsOf(common.upcomingFollowUps, today),
        }
      : null,
    milestones: has("milestones")
      ? { overdue: common.overdueMilestones, dueSoon: common.milestonesDueSoon }
      : null,
    activity: has("activity")
      ? { mayReadAll: can(user, "audit:read"), entries: activity.activity.map(activityEntry) }
      : null,
    yourMunicipalities: readsMunicipalities ? (own?.yourMunicipalities ?? []) : null,
    eventFollowUps: readsEventFollowUps && own?.eventFollowUps ? actionsOf(own.eventFollowUps, today) : null,
    organisationActions:
      readsOrganisationActions && own?.organisationActions ? actionsOf(own.organisationActions, today) : null,
  };
}
