// The part of an event's follow-up brief about the participants' partnerships: which ones, what
// changed since the event (from their dates and the audit log), pilot milestones reached since, and
// their open risks as the reader may see them (decision 0009). Each function is one query, set-based,
// whatever the number of partnerships, entries or risks.
import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { Db } from "~/db/client.server";
import {
  auditLog,
  documents,
  eventParticipants,
  fundingLines,
  healthChecks,
  milestones,
  municipalities,
  objectives,
  organisations,
  partnershipMembers,
  partnerships,
  pilots,
  risks,
} from "~/db/schema";
import type { BriefMilestone } from "~/lib/brief/types";
import type { PartnershipStatus, RiskCategory, RiskStatus } from "~/lib/enums";

/** Child records whose audit entries count as a change of their partnership (as its history tab). */
const CHILD_TABLES = [
  { entityType: "partnership_member", table: partnershipMembers },
  { entityType: "objective", table: objectives },
  { entityType: "funding_line", table: fundingLines },
  { entityType: "document", table: documents },
  { entityType: "risk", table: risks },
  { entityType: "health_check", table: healthChecks },
] as const;

export interface ParticipantPartnershipRow {
  id: string;
  name: string;
  status: PartnershipStatus;
  startDate: string | null;
  endDate: string | null;
  participantMembers: string[];
  /** The reader's organisation is a current member (today): it may see the confidential fields. */
  readerIsMember: boolean;
}

/**
 * Partnerships (not archived) with at least one participating organisation as member, i.e. a
 * member row not archived that had not been left before the event. One query.
 */
export async function participantPartnerships(
  db: Db,
  eventId: string,
  since: string,
  readerOrganisationId: string | null,
  today: string,
): Promise<ParticipantPartnershipRow[]> {
  const participantMember = and(
    eq(partnershipMembers.partnershipId, partnerships.id),
    isNull(partnershipMembers.archivedAt),
    or(isNull(partnershipMembers.leftOn), gte(partnershipMembers.leftOn, since)),
    eq(eventParticipants.eventId, eventId),
  );
  const readerIsMember = readerOrganisationId
    ? sql<boolean>`exists (select 1 from ${partnershipMembers} where ${and(
        eq(partnershipMembers.partnershipId, partnerships.id),
        eq(partnershipMembers.organisationId, readerOrganisationId),
        isNull(partnershipMembers.archivedAt),
        or(isNull(partnershipMembers.leftOn), sql`${partnershipMembers.leftOn} > ${today}`),
      )})`
    : sql<boolean>`false`;
  const rows = await db
    .select({
      id: partnerships.id,
      name: partnerships.name,
      status: partnerships.status,
      startDate: partnerships.startDate,
      endDate: partnerships.endDate,
      participantMembers: sql<
        string[]
      >`array_agg(coalesce(${organisations.acronym}, ${organisations.name}) order by coalesce(${organisations.acronym}, ${organisations.name}))`,
      readerIsMember,
    })
    .from(partnerships)
    .innerJoin(partnershipMembers, eq(partnershipMembers.partnershipId, partnerships.id))
    .innerJoin(eventParticipants, eq(eventParticipants.organisationId, partnershipMembers.organisationId))
    .innerJoin(organisations, eq(organisations.id, partnershipMembers.organisationId))
    .where(and(isNull(partnerships.archivedAt), participantMember))
    .groupBy(partnerships.id)
    .orderBy(asc(partnerships.name), asc(partnerships.id));
  return rows.map((row) => ({ ...row, readerIsMember: Boolean(row.readerIsMember) }));
}

export interface PartnershipAuditSummary {
  partnershipId: string;
  changes: number;
  lastChangedOn: string;
  /** Created (or imported) in the app since the event. */
  created: boolean;
  /** Its latest status change since the event set it to "ended" (not set back since). */
  endedByStatus: boolean;
}

/**
 * Audit entries since the event (on or after `since`, UTC) on these partnerships and their child
 * records, reduced to a count, the latest day and two flags per partnership (the second from the
 * latest status change only): no field values leave the database. Seeding is loading recorded history, not a change: its entries do not count. One query.
 */
export async function auditSince(
  db: Db,
  partnershipIds: readonly string[],
  since: string,
): Promise<Map<string, PartnershipAuditSummary>> {
  const result = new Map<string, PartnershipAuditSummary>();
  if (partnershipIds.length === 0) return result;
  const from = new Date(`${since}T00:00:00Z`);
  const counted = and(gte(auditLog.at, from), ne(auditLog.action, "seed"));
  const own = db
    .select({
      partnershipId: sql<string>`${auditLog.entityId}`.as("partnership_id"),
      at: auditLog.at,
      seq: auditLog.id,
      created: sql<boolean>`(${auditLog.action} in ('create', 'import'))`.as("created"),
      // The status an update set (null when it did not change the status).
      status: sql<
        string | null
      >`(case when ${auditLog.action} = 'update' then ${auditLog.after} ->> 'status' end)`.as("status"),
    })
    .from(auditLog)
    .where(
      and(counted, eq(auditLog.entityType, "partnership"), inArray(auditLog.entityId, [...partnershipIds])),
    );
  const [firstChild, ...otherChildren] = CHILD_TABLES.map(({ entityType, table }) =>
    db
      .select({
        partnershipId: sql<string>`${table.partnershipId}::text`.as("partnership_id"),
        at: auditLog.at,
        seq: auditLog.id,
        created: sql<boolean>`false`.as("created"),
        status: sql<string | null>`null::text`.as("status"),
      })
      .from(auditLog)
      .innerJoin(table, sql`${table.id}::text = ${auditLog.entityId}`)
      .where(
        and(counted, eq(auditLog.entityType, entityType), inArray(table.partnershipId, [...partnershipIds])),
      ),
  );
  if (!firstChild) return result;
  const entries = unionAll(own, firstChild, ...otherChildren).as("entries");
  const rows = await db
    .select({
      partnershipId: entries.partnershipId,
      changes: sql<number>`count(*)::int`,
      lastChangedOn: sql<string>`to_char(max(${entries.at}) at time zone 'UTC', 'YYYY-MM-DD')`,
      created: sql<boolean>`bool_or(${entries.created})`,
      // Only the latest status change counts: ended, then set back to active, is not ended.
      ended: sql<boolean>`((array_agg(${entries.status} order by ${entries.at} desc, ${entries.seq} desc) filter (where ${entries.status} is not null))[1] = 'ended')`,
    })
    .from(entries)
    .groupBy(entries.partnershipId);
  for (const row of rows) {
    result.set(row.partnershipId, {
      partnershipId: row.partnershipId,
      changes: Number(row.changes),
      lastChangedOn: row.lastChangedOn,
      created: Boolean(row.created),
      endedByStatus: Boolean(row.ended),
    });
  }
  return result;
}

/**
 * Milestones done on or after the event's start (up to today) in pilots (not archived) of these
 * partnerships or of the municipalities whose local authority took part in the event. One query.
 */
export async function milestonesSince(
  db: Db,
  eventId: string,
  partnershipIds: readonly string[],
  since: string,
  today: string,
): Promise<BriefMilestone[]> {
  const participatingAuthority = inArray(
    municipalities.organisationId,
    db
      .select({ id: eventParticipants.organisationId })
      .from(eventParticipants)
      .where(eq(eventParticipants.eventId, eventId)),
  );
  const ofScope: SQL | undefined =
    partnershipIds.length > 0
      ? or(inArray(pilots.partnershipId, [...partnershipIds]), participatingAuthority)
      : participatingAuthority;
  const rows = await db
    .select({
      title: milestones.title,
      doneOn: milestones.doneOn,
      pilotId: pilots.id,
      pilotName: pilots.name,
      municipality: municipalities.name,
      partnershipId: partnerships.id,
      partnershipName: partnerships.name,
    })
    .from(milestones)
    .innerJoin(pilots, eq(pilots.id, milestones.pilotId))
    .innerJoin(municipalities, eq(municipalities.id, pilots.municipalityId))
    .leftJoin(partnerships, eq(partnerships.id, pilots.partnershipId))
    .where(
      and(
        eq(milestones.status, "done"),
        gte(milestones.doneOn, since),
        lte(milestones.doneOn, today),
        isNull(milestones.archivedAt),
        isNull(pilots.archivedAt),
        ofScope,
      ),
    )
    .orderBy(desc(milestones.doneOn), asc(pilots.name), asc(milestones.position), asc(milestones.id));
  return rows.map((row) => ({
    title: row.title,
    doneOn: row.doneOn ?? since,
    pilot: { id: row.pilotId, name: row.pilotName },
    municipality: row.municipality,
    partnership:
      row.partnershipId && row.partnershipName ? { id: row.partnershipId, name: row.partnershipName } : null,
  }));
}

export interface OpenRiskRow {
  partnershipId: string;
  category: RiskCategory;
  status: RiskStatus;
  likelihood: number;
  impact: number;
}

/**
 * Open (not closed, not archived) risks of these partnerships: with their titles only for `detailed`
 * (the partnerships whose confidential fields the reader may see), and without ever selecting the
 * title for the others. Two queries at most, whatever the number of partnerships.
 */
export async function openRisks(
  db: Db,
  detailed: readonly string[],
  aggregated: readonly string[],
): Promise<{ detailed: (OpenRiskRow & { title: string })[]; aggregated: OpenRiskRow[] }> {
  const open = and(isNull(risks.archivedAt), ne(risks.status, "closed"));
  const columns = {
    partnershipId: risks.partnershipId,
    category: risks.category,
    status: risks.status,
    likelihood: risks.likelihood,
    impact: risks.impact,
  };
  const [withTitles, withoutTitles] = await Promise.all([
    detailed.length > 0
      ? db
          .select({ ...columns, title: risks.title })
          .from(risks)
          .where(and(open, inArray(risks.partnershipId, [...detailed])))
      : Promise.resolve([]),
    aggregated.length > 0
      ? db
          .select(columns)
          .from(risks)
          .where(and(open, inArray(risks.partnershipId, [...aggregated])))
      : Promise.resolve([]),
  ]);
  return { detailed: withTitles, aggregated: withoutTitles };
}
