// The dashboard's recent activity: the latest audit entries with the actor's name and a readable
// label and link for the record they are about. One query whatever the size of the log: the latest
// entries (a materialised CTE), then each kind of record they name looked up by primary key in one
// UNION ALL. Never the before/after values; entries about accounts only for users who may read the
// audit log.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { rows } from "~/db/rows.server";
import { sqlLiteral } from "~/db/sql-fragments.server";
import { UUID_PATTERN } from "~/lib/uuid";
import {
  auditLog,
  documents,
  eventParticipants,
  events,
  eventTakeaways,
  followUpActions,
  fundingLines,
  healthChecks,
  milestones,
  municipalities,
  objectives,
  organisations,
  partnershipMembers,
  partnerships,
  pilotPeriods,
  pilots,
  relationships,
  risks,
  users,
} from "~/db/schema";
import { ACCOUNT_ENTITY_TYPES, ACTIVITY_LIMIT } from "~/lib/dashboard";
import type { AuditAction } from "~/lib/enums";

export interface ActivityEntry {
  id: number;
  at: Date;
  action: AuditAction;
  entityType: string;
  /** The acting user's name; null for the system (seeding, imports without a user). */
  actorName: string | null;
  /**
   * The record's name or title; for a record shown on a tab of its parent (a partnership's risk,
   * objective, health check, member; a funding line or document of a partnership or pilot; a pilot
   * period; an event's participant or takeaway; a relationship) the parent's name. Null when
   * unknown or deleted.
   */
  label: string | null;
  /** Where the record is shown, or null. */
  href: string | null;
}

export interface Activity {
  entries: ActivityEntry[];
  /** Whether the reader may open the full log (/admin/audit). */
  mayReadAll: boolean;
}

/** Records of a partnership whose page is a tab of it; their own titles are not shown (a risk's is confidential). */
const PARTNERSHIP_CHILD_TABS: Record<string, string> = {
  risk: "risks",
  objective: "objectives",
  health_check: "health",
  partnership_member: "members",
};

/** A uuid as text (`~*`: either case): only such ids are cast and looked up (some entities have other keys). */
const UUID_TEXT = `^${UUID_PATTERN}$`;

/** The ids of `latest` entries about `type`, as uuids. */
function idsAbout(type: string): SQL {
  return sql`(select latest.entity_id::uuid from latest where latest.entity_type = ${sqlLiteral(type)} and latest.entity_id ~* ${sqlLiteral(UUID_TEXT)})`;
}

/**
 * One branch of the lookup: the record's label, its parent's id (text) and, for records of either a
 * partnership or a pilot, which one (`parentType`), by primary key.
 */
function branch(type: string, id: SQL, label: SQL, parentId: SQL, from: SQL, parentType: SQL = none): SQL {
  return sql`select ${sqlLiteral(type)}::text as entity_type, ${id}::text as id, ${label} as label, ${parentId}::text as parent_id, ${parentType}::text as parent_type from ${from} where ${id} in ${idsAbout(type)}`;
}

const none = sql`null`;

/** Funding lines and documents belong to a partnership or a pilot: labelled with its name. */
function partnershipOrPilotBranch(type: string, table: typeof fundingLines | typeof documents): SQL {
  return branch(
    type,
    sql`${table.id}`,
    sql`coalesce(${partnerships.name}, ${pilots.name})`,
    sql`coalesce(${table.partnershipId}, ${table.pilotId})`,
    sql`${table} left join ${partnerships} on ${partnerships.id} = ${table.partnershipId} left join ${pilots} on ${pilots.id} = ${table.pilotId}`,
    sql`(case when ${table.partnershipId} is not null then 'partnership' else 'pilot' end)`,
  );
}

/** Records of an event shown on one of its tabs: labelled with the event's title. */
function eventChildBranch(type: string, table: typeof eventParticipants | typeof eventTakeaways): SQL {
  return branch(
    type,
    sql`${table.id}`,
    sql`${events.title}`,
    sql`${table.eventId}`,
    sql`${table} join ${events} on ${events.id} = ${table.eventId}`,
  );
}

/**
 * The label and parent of each entry of `latest` (a CTE of audit entries: entity_type, entity_id), one
 * branch per kind of record, to be joined as `labels`. Its constants are literals, so a statement
 * built once (dashboard-page.server.ts) holds them.
 */
export const activityLookups: SQL[] = [
  branch("organisation", sql`${organisations.id}`, sql`${organisations.name}`, none, sql`${organisations}`),
  branch("partnership", sql`${partnerships.id}`, sql`${partnerships.name}`, none, sql`${partnerships}`),
  branch(
    "municipality",
    sql`${municipalities.id}`,
    sql`${municipalities.name}`,
    none,
    sql`${municipalities}`,
  ),
  branch("pilot", sql`${pilots.id}`, sql`${pilots.name}`, none, sql`${pilots}`),
  branch("event", sql`${events.id}`, sql`${events.title}`, none, sql`${events}`),
  branch(
    "follow_up_action",
    sql`${followUpActions.id}`,
    sql`${followUpActions.title}`,
    sql`${followUpActions.eventId}`,
    sql`${followUpActions}`,
  ),
  branch(
    "milestone",
    sql`${milestones.id}`,
    sql`${milestones.title}`,
    sql`${milestones.pilotId}`,
    sql`${milestones}`,
  ),
  ...[
    ["risk", risks],
    ["objective", objectives],
    ["health_check", healthChecks],
    ["partnership_member", partnershipMembers],
  ].map(([type, table]) => {
    const t = table as typeof risks | typeof objectives | typeof healthChecks | typeof partnershipMembers;
    return branch(
      type as string,
      sql`${t.id}`,
      sql`${partnerships.name}`,
      sql`${t.partnershipId}`,
      sql`${t} join ${partnerships} on ${partnerships.id} = ${t.partnershipId}`,
    );
  }),
  partnershipOrPilotBranch("funding_line", fundingLines),
  partnershipOrPilotBranch("document", documents),
  branch(
    "pilot_period",
    sql`${pilotPeriods.id}`,
    sql`${pilots.name}`,
    sql`${pilotPeriods.pilotId}`,
    sql`${pilotPeriods} join ${pilots} on ${pilots.id} = ${pilotPeriods.pilotId}`,
  ),
  // A relationship is shown on the page of the organisation it goes from.
  branch(
    "relationship",
    sql`${relationships.id}`,
    sql`${organisations.name}`,
    sql`${relationships.fromOrganisationId}`,
    sql`${relationships} join ${organisations} on ${organisations.id} = ${relationships.fromOrganisationId}`,
  ),
  eventChildBranch("event_participant", eventParticipants),
  eventChildBranch("event_takeaway", eventTakeaways),
  branch("user", sql`${users.id}`, sql`${users.name}`, none, sql`${users}`),
];

/** Records shown on a tab of their event. */
const EVENT_CHILD_TABS: Record<string, string> = {
  event_participant: "participants",
  event_takeaway: "takeaways",
  follow_up_action: "actions",
};
/** Records shown on a tab of their partnership or pilot (both have these tabs). */
const OWNER_CHILD_TABS: Record<string, string> = { funding_line: "funding", document: "documents" };

function hrefOf(
  entityType: string,
  entityId: string,
  parentId: string | null,
  parentType: string | null,
): string | null {
  const eventTab = EVENT_CHILD_TABS[entityType];
  if (eventTab && parentId) return `/events/${parentId}/${eventTab}`;
  const ownerTab = OWNER_CHILD_TABS[entityType];
  if (ownerTab) {
    if (!parentId) return null;
    return `/${parentType === "pilot" ? "pilots" : "partnerships"}/${parentId}/${ownerTab}`;
  }
  switch (entityType) {
    case "organisation":
      return `/organisations/${entityId}`;
    case "partnership":
      return `/partnerships/${entityId}`;
    case "municipality":
      return `/municipalities/${entityId}`;
    case "pilot":
      return `/pilots/${entityId}`;
    case "event":
      return `/events/${entityId}`;
    case "follow_up_action":
      return "/actions";
    case "milestone":
      return parentId ? `/pilots/${parentId}/milestones` : null;
    case "pilot_period":
      return parentId ? `/pilots/${parentId}/outcomes` : null;
    case "relationship":
      return parentId ? `/organisations/${parentId}` : null;
    case "user":
      return `/admin/users/${entityId}`;
  }
  const tab = PARTNERSHIP_CHILD_TABS[entityType];
  return tab && parentId ? `/partnerships/${parentId}/${tab}` : null;
}

/** An entry as read with its label and parent (activityLookups). */
export interface ActivityRow {
  id: number | string;
  at: Date | string;
  action: AuditAction;
  entityType: string;
  entityId: string;
  actorName: string | null;
  label: string | null;
  parentId: string | null;
  parentType: string | null;
}

/** An entry as the dashboard shows it: a link only when its record was found. */
export function activityEntry(row: ActivityRow): ActivityEntry {
  const known = row.label !== null || row.parentId !== null;
  return {
    id: Number(row.id),
    at: new Date(row.at),
    action: row.action,
    entityType: row.entityType,
    actorName: row.actorName,
    label: row.label,
    href: known ? hrefOf(row.entityType, row.entityId, row.parentId, row.parentType) : null,
  };
}

/** The latest entries of the log the reader may see (`mayReadAll`: coordinators, audit:read). */
export async function recentActivity(db: Db, mayReadAll: boolean, limit = ACTIVITY_LIMIT): Promise<Activity> {
  const hidden = mayReadAll
    ? sql`true`
    : sql`${auditLog.entityType} not in (${sql.join(
        ACCOUNT_ENTITY_TYPES.map((type) => sql`${type}`),
        sql`, `,
      )})`;
  const found = rows<{
    id: number | string;
    at: Date | string;
    action: AuditAction;
    entity_type: string;
    entity_id: string;
    actor_name: string | null;
    label: string | null;
    parent_id: string | null;
    parent_type: string | null;
  }>(
    await db.execute(sql`with latest as materialized (
        select ${auditLog.id} as id, ${auditLog.at} as at, ${auditLog.action} as action,
          ${auditLog.entityType} as entity_type, ${auditLog.entityId} as entity_id, ${users.name} as actor_name
        from ${auditLog} left join ${users} on ${users.id} = ${auditLog.userId}
        where ${hidden}
        order by ${auditLog.at} desc, ${auditLog.id} desc
        limit ${limit}
      ),
      labels as (${sql.join(activityLookups, sql` union all `)})
      select latest.*, labels.label, labels.parent_id, labels.parent_type
      from latest left join labels on labels.entity_type = latest.entity_type and labels.id = latest.entity_id
      order by latest.at desc, latest.id desc`),
  );
  return {
    mayReadAll,
    entries: found.map((row) =>
      activityEntry({
        id: row.id,
        at: row.at,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        actorName: row.actor_name,
        label: row.label,
        parentId: row.parent_id,
        parentType: row.parent_type,
      }),
    ),
  };
}
