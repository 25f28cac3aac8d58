// The dashboard's recent activity: the latest audit entries with the actor's name and a readable
// label and link for the record they are about. One query whatever the size of the log: the latest
// entries (a materialised CTE), then each kind of record they name looked up by primary key in one
// UNION ALL. Never the before/after values; entries about accounts only for users who may read the
// audit log.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { rows } from "~/db/rows.server";
import {
  auditLog,
  events,
  followUpActions,
  healthChecks,
  milestones,
  municipalities,
  objectives,
  organisations,
  partnershipMembers,
  partnerships,
  pilots,
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
  /** The record's name or title (for a partnership's risk, objective, health check or member: the partnership's name); null when unknown or deleted. */
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

/** A uuid as text: only such ids are cast and looked up (some entities have other keys). */
const UUID_TEXT = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

/** The ids of `latest` entries about `type`, as uuids. */
function idsAbout(type: string): SQL {
  return sql`(select latest.entity_id::uuid from latest where latest.entity_type = ${type} and latest.entity_id ~ ${UUID_TEXT})`;
}

/** One branch of the lookup: the record's label and its parent's id (text), by primary key. */
function branch(type: string, id: SQL, label: SQL, parentId: SQL, from: SQL): SQL {
  return sql`select ${type}::text as entity_type, ${id}::text as id, ${label} as label, ${parentId}::text as parent_id from ${from} where ${id} in ${idsAbout(type)}`;
}

const none = sql`null`;

const lookups: SQL[] = [
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
  branch("user", sql`${users.id}`, sql`${users.name}`, none, sql`${users}`),
];

function hrefOf(entityType: string, entityId: string, parentId: string | null): string | null {
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
      return parentId ? `/events/${parentId}/actions` : "/actions";
    case "milestone":
      return parentId ? `/pilots/${parentId}/milestones` : null;
    case "user":
      return `/admin/users/${entityId}`;
  }
  const tab = PARTNERSHIP_CHILD_TABS[entityType];
  return tab && parentId ? `/partnerships/${parentId}/${tab}` : null;
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
  }>(
    await db.execute(sql`with latest as materialized (
        select ${auditLog.id} as id, ${auditLog.at} as at, ${auditLog.action} as action,
          ${auditLog.entityType} as entity_type, ${auditLog.entityId} as entity_id, ${users.name} as actor_name
        from ${auditLog} left join ${users} on ${users.id} = ${auditLog.userId}
        where ${hidden}
        order by ${auditLog.at} desc, ${auditLog.id} desc
        limit ${limit}
      ),
      labels as (${sql.join(lookups, sql` union all `)})
      select latest.*, labels.label, labels.parent_id
      from latest left join labels on labels.entity_type = latest.entity_type and labels.id = latest.entity_id
      order by latest.at desc, latest.id desc`),
  );
  return {
    mayReadAll,
    entries: found.map((row) => {
      const known = row.label !== null || row.parent_id !== null;
      return {
        id: Number(row.id),
        at: new Date(row.at),
        action: row.action,
        entityType: row.entity_type,
        actorName: row.actor_name,
        label: row.label,
        href: known ? hrefOf(row.entity_type, row.entity_id, row.parent_id) : null,
      };
    }),
  };
}
