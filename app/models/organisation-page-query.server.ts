// The statement behind an organisation's page (models/organisation-page-view.server.ts): the
// organisation with its municipality's and parent's names and, as JSON, what hangs off it: its
// partnerships, relationships, the risks it owns, its follow-ups (capped, with their counts), its
// history and the organisation choices of its relationship forms. Built once per database handle
// (app/db/prepared-queries.server.ts), values filled at each call. Each part repeats the read
// conditions of the model function it stands in for (organisation-page.server.ts, relationships.server.ts,
// linked-actions.server.ts, audit.server.ts, organisation-options.server.ts): a change to what those
// read must be made here too; tests/integration/organisation-page-prepared.test.ts compares the two.
import { eq, getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import { alias, type PgTable } from "drizzle-orm/pg-core";
import type { Db } from "~/db/client.server";
import { prepared, preparedPerDb } from "~/db/prepared-queries.server";
import { subquery, jsonRows } from "~/db/sql-fragments.server";
import {
  auditLog,
  events,
  followUpActions,
  municipalities,
  organisations,
  partnershipMembers,
  partnerships,
  relationships,
  risks,
  users,
} from "~/db/schema";
import type {
  ActionStatus,
  AuditAction,
  MemberRole,
  PartnershipStatus,
  RelationshipType,
  RiskCategory,
  RiskStatus,
} from "~/lib/enums";
import { notClosedCondition } from "./action-lists.server";
import { LINKED_ACTIONS_LIMIT } from "./linked-actions.server";
import { ORGANISATION_PICKER_THRESHOLD } from "./organisation-options.server";

const parent = alias(organisations, "parent");
const other = alias(organisations, "rel_other");
const ownerOrg = alias(organisations, "action_owner_org");
const choice = alias(organisations, "choice");

/** `organisations <alias>` for a from or join clause: an aliased table in `sql` writes its alias alone. */
function organisationsAs(table: PgTable): SQL {
  return sql`${organisations} ${sql.identifier(getTableName(table))}`;
}

/** A JSON array of the first `limit` rows in `orderBy` order (array() keeps the subquery's order). */
function jsonFirstRows<T>(object: SQL, from: SQL, orderBy: SQL, limit: number): SQL<T[]> {
  return sql<
    T[]
  >`array_to_json(array(select ${object} ${from} order by ${orderBy} limit ${sql.raw(String(limit))}))`;
}

export interface MembershipRow {
  partnershipId: string;
  partnershipName: string;
  status: PartnershipStatus;
  role: MemberRole;
  mandate: string | null;
  contribution: string | null;
  joinedOn: string | null;
  leftOn: string | null;
}

export interface RelationshipRow {
  id: string;
  type: RelationshipType;
  fromOrganisationId: string;
  otherId: string;
  otherName: string;
  otherAcronym: string | null;
  startsOn: string | null;
  endsOn: string | null;
  notes: string | null;
  version: number;
}

export interface RiskRow {
  id: string;
  partnershipId: string;
  partnershipName: string;
  category: RiskCategory;
  title: string;
  mitigation: string | null;
  likelihood: number;
  impact: number;
  status: RiskStatus;
  reviewOn: string | null;
  /** The viewer's organisation is a current member of the risk's partnership. */
  viewerIsMember: boolean;
}

export interface ActionItemRow {
  id: string;
  title: string;
  status: ActionStatus;
  dueOn: string | null;
  doneOn: string | null;
  eventId: string | null;
  eventTitle: string | null;
  ownerOrganisationId: string | null;
  ownerOrganisationName: string | null;
  ownerUserName: string | null;
}

export interface HistoryRow {
  id: number;
  /** Milliseconds since the epoch (truncated, as a Date read from the driver). */
  atMs: number;
  action: AuditAction;
  entityType: string;
  entityId: string;
  batchId: string | null;
  userId: string | null;
  actorName: string | null;
  before: unknown;
  after: unknown;
}

function selectPage(db: Db) {
  const id = sql`${sql.placeholder("id")}::uuid`;
  const today = sql`${sql.placeholder("today")}::date`;
  const viewerOrganisationId = sql`${sql.placeholder("viewerOrganisationId")}::uuid`;
  const withActions = sql`${sql.placeholder("withActions")}::boolean`;
  const withEditing = sql`${sql.placeholder("withEditing")}::boolean`;
  // listLinkedActions' condition: not archived, owned by the organisation or linked to it.
  const actionsOf = sql`from ${followUpActions} where ${followUpActions.archivedAt} is null and (${followUpActions.ownerOrganisationId} = ${id} or ${followUpActions.organisationId} = ${id})`;
  const isClosed = sql`${followUpActions.status} in ('done', 'dropped')`;
  return db
    .select({
      ...getTableColumns(organisations),
      municipalityName: municipalities.name,
      parentName: parent.name,
      // organisationPage: memberships not archived, of partnerships not archived.
      memberships: jsonRows<MembershipRow>(
        sql`json_build_object('partnershipId', ${partnerships.id}, 'partnershipName', ${partnerships.name}, 'status', ${partnerships.status}, 'role', ${partnershipMembers.role}, 'mandate', ${partnershipMembers.mandate}, 'contribution', ${partnershipMembers.contribution}, 'joinedOn', ${partnershipMembers.joinedOn}, 'leftOn', ${partnershipMembers.leftOn})`,
        sql`from ${partnershipMembers} inner join ${partnerships} on ${partnerships.id} = ${partnershipMembers.partnershipId} where ${partnershipMembers.organisationId} = ${id} and ${partnershipMembers.archivedAt} is null and ${partnerships.archivedAt} is null`,
        sql`${partnerships.name} asc, ${partnerships.id} asc`,
      ),
      // relationshipsOf: not archived, both directions, the other organisation not archived.
      relationships: jsonRows<RelationshipRow>(
        sql`json_build_object('id', ${relationships.id}, 'type', ${relationships.type}, 'fromOrganisationId', ${relationships.fromOrganisationId}, 'otherId', ${other.id}, 'otherName', ${other.name}, 'otherAcronym', ${other.acronym}, 'startsOn', ${relationships.startsOn}, 'endsOn', ${relationships.endsOn}, 'notes', ${relationships.notes}, 'version', ${relationships.version})`,
        sql`from ${relationships} inner join ${organisationsAs(other)} on ${other.id} = case when ${relationships.fromOrganisationId} = ${id} then ${relationships.toOrganisationId} else ${relationships.fromOrganisationId} end and ${other.archivedAt} is null where (${relationships.fromOrganisationId} = ${id} or ${relationships.toOrganisationId} = ${id}) and ${relationships.archivedAt} is null`,
        sql`${relationships.type} asc, ${relationships.id} asc`,
      ),
      // organisationPage's risks, with visibleRisks' membership test (current members) for the viewer.
      risks: jsonRows<RiskRow>(
        sql`json_build_object('id', ${risks.id}, 'partnershipId', ${risks.partnershipId}, 'partnershipName', ${partnerships.name}, 'category', ${risks.category}, 'title', ${risks.title}, 'mitigation', ${risks.mitigation}, 'likelihood', ${risks.likelihood}, 'impact', ${risks.impact}, 'status', ${risks.status}, 'reviewOn', ${risks.reviewOn}, 'viewerIsMember', exists (select 1 from ${partnershipMembers} where ${partnershipMembers.partnershipId} = ${risks.partnershipId} and ${partnershipMembers.organisationId} = ${viewerOrganisationId} and ${partnershipMembers.archivedAt} is null and (${partnershipMembers.leftOn} is null or ${partnershipMembers.leftOn} > ${today})))`,
        sql`from ${risks} inner join ${partnerships} on ${partnerships.id} = ${risks.partnershipId} where ${risks.ownerOrganisationId} = ${id} and ${risks.archivedAt} is null and ${partnerships.archivedAt} is null`,
        sql`${partnerships.name} asc, ${risks.likelihood} * ${risks.impact} desc, ${risks.id} asc`,
      ),
      // listLinkedActions: the counts and the first LINKED_ACTIONS_LIMIT, in its order (null without action:read).
      actionTotals: sql<{
        total: number;
        open: number;
        overdue: number;
      } | null>`case when ${withActions} then ${subquery(
        sql`select json_build_object('total', count(*), 'open', count(*) filter (where ${notClosedCondition()}), 'overdue', count(*) filter (where ${followUpActions.dueOn} < ${today} and ${notClosedCondition()})) ${actionsOf}`,
      )} end`,
      actions: sql<ActionItemRow[] | null>`case when ${withActions} then ${jsonFirstRows<ActionItemRow>(
        sql`json_build_object('id', ${followUpActions.id}, 'title', ${followUpActions.title}, 'status', ${followUpActions.status}, 'dueOn', ${followUpActions.dueOn}, 'doneOn', ${followUpActions.doneOn}, 'eventId', ${followUpActions.eventId}, 'eventTitle', ${events.title}, 'ownerOrganisationId', ${followUpActions.ownerOrganisationId}, 'ownerOrganisationName', coalesce(${ownerOrg.acronym}, ${ownerOrg.name}), 'ownerUserName', ${users.name})`,
        sql`from ${followUpActions} left join ${events} on ${events.id} = ${followUpActions.eventId} left join ${organisationsAs(ownerOrg)} on ${ownerOrg.id} = ${followUpActions.ownerOrganisationId} left join ${users} on ${users.id} = ${followUpActions.ownerUserId} where ${followUpActions.archivedAt} is null and (${followUpActions.ownerOrganisationId} = ${id} or ${followUpActions.organisationId} = ${id})`,
        sql`case when ${isClosed} then 1 else 0 end, case when ${isClosed} then null else ${followUpActions.dueOn} end asc nulls last, coalesce(${followUpActions.doneOn}, ${followUpActions.dueOn}) desc nulls last, lower(${followUpActions.title}), ${followUpActions.id}`,
        LINKED_ACTIONS_LIMIT,
      )} end`,
      // entityHistory(db, "organisation", id) with its actors (null unless editing).
      history: sql<HistoryRow[] | null>`case when ${withEditing} then ${jsonFirstRows<HistoryRow>(
        sql`json_build_object('id', ${auditLog.id}, 'atMs', floor(extract(epoch from ${auditLog.at}) * 1000), 'action', ${auditLog.action}, 'entityType', ${auditLog.entityType}, 'entityId', ${auditLog.entityId}, 'batchId', ${auditLog.batchId}, 'userId', ${auditLog.userId}, 'actorName', ${users.name}, 'before', ${auditLog.before}, 'after', ${auditLog.after})`,
        sql`from ${auditLog} left join ${users} on ${users.id} = ${auditLog.userId} where ${auditLog.entityType} = 'organisation' and ${auditLog.entityId} = ${sql.placeholder("id")}::text`,
        sql`${auditLog.at} desc, ${auditLog.id} desc`,
        50,
      )} end`,
      // organisationChoices(db, { exclude: id }): the current organisations but this one, by name, when
      // there are at most ORGANISATION_PICKER_THRESHOLD (this one counted); null above (search).
      choices: sql<
        { id: string; name: string; acronym: string | null }[] | null
      >`case when ${withEditing} then ${subquery(
        sql`select case when count(*) > ${sql.raw(String(ORGANISATION_PICKER_THRESHOLD))} then null else coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'acronym', c.acronym) order by c.name, c.id) filter (where c.id <> ${id}), '[]'::json) end from (select ${choice.id} as id, ${choice.name} as name, ${choice.acronym} as acronym from ${organisationsAs(choice)} where ${choice.archivedAt} is null order by ${choice.name}, ${choice.id} limit ${sql.raw(String(ORGANISATION_PICKER_THRESHOLD + 1))}) c`,
      )} end`,
    })
    .from(organisations)
    .leftJoin(municipalities, eq(municipalities.id, organisations.municipalityId))
    .leftJoin(parent, eq(parent.id, organisations.parentOrganisationId))
    .where(sql`${organisations.id} = ${id}`);
}

/** The page's one statement, built once per database handle. */
export const organisationPageQuery = preparedPerDb((db) => ({ page: prepared(selectPage(db)) }));
