// The data of the "all data" workbook (/export/trellis.xlsx): one list per kind of record, current
// records only (archived ones left out), names beside ids so a sheet reads on its own. One query per
// sheet whatever the size. Two rules of the domain shape it here, not in the writer:
// - risks are partnership-confidential (decision 0009): the reader gets the risks of the
//   partnerships whose details they may see (coordinators: all; others: those their organisation is a
//   current member of), and nothing of the others;
// - outcomes leave the app only through small-count suppression (decision 0018): the counts come
//   out of here already suppressed, for every reader.
import { and, asc, eq, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { can } from "~/auth/permissions.server";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import {
  eventParticipants,
  events,
  followUpActions,
  fundingLines,
  milestones,
  municipalities,
  objectives,
  organisations,
  partnershipMembers,
  partnerships,
  pilotOutcomes,
  pilotPeriods,
  pilots,
  relationships,
  risks,
} from "~/db/schema";
import { outcomePathways, type OutcomePathway } from "~/lib/enums";
import { riskExposure } from "~/lib/signals";
import { formatShown, suppressCount, suppressGroup } from "~/lib/suppression";

const fromOrg = alias(organisations, "from_org");
const toOrg = alias(organisations, "to_org");
const funder = alias(organisations, "funder_org");
const recipient = alias(organisations, "recipient_org");
const owner = alias(organisations, "owner_org");

/** Risks whose details this reader may see: all for coordinators, else their organisation's partnerships. */
function visibleRisks(user: AuthUser, today: string): SQL | undefined {
  if (can(user, "confidential:read:all")) return undefined;
  if (!user.organisationId) return sql`false`;
  return sql`exists (select 1 from ${partnershipMembers} m where m.partnership_id = ${risks.partnershipId}
    and m.organisation_id = ${user.organisationId} and m.archived_at is null
    and (m.left_on is null or m.left_on > ${today}))`;
}

function readOrganisations(db: Db) {
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      acronym: organisations.acronym,
      type: organisations.type,
      level: organisations.level,
      countryCode: organisations.countryCode,
      website: organisations.website,
      mandate: organisations.mandate,
      description: organisations.description,
    })
    .from(organisations)
    .where(isNull(organisations.archivedAt))
    .orderBy(asc(organisations.name), asc(organisations.id));
}

function readRelationships(db: Db) {
  return db
    .select({
      id: relationships.id,
      from: fromOrg.name,
      to: toOrg.name,
      type: relationships.type,
      startsOn: relationships.startsOn,
      endsOn: relationships.endsOn,
      notes: relationships.notes,
    })
    .from(relationships)
    .innerJoin(fromOrg, eq(fromOrg.id, relationships.fromOrganisationId))
    .innerJoin(toOrg, eq(toOrg.id, relationships.toOrganisationId))
    .where(isNull(relationships.archivedAt))
    .orderBy(asc(fromOrg.name), asc(toOrg.name), asc(relationships.id));
}

function readPartnerships(db: Db) {
  return db
    .select({
      id: partnerships.id,
      name: partnerships.name,
      status: partnerships.status,
      formalisation: partnerships.formalisation,
      countryCode: partnerships.countryCode,
      scopeLevel: partnerships.scopeLevel,
      startDate: partnerships.startDate,
      endDate: partnerships.endDate,
      description: partnerships.description,
    })
    .from(partnerships)
    .where(isNull(partnerships.archivedAt))
    .orderBy(asc(partnerships.name), asc(partnerships.id));
}

function readMembers(db: Db) {
  return db
    .select({
      partnership: partnerships.name,
      organisation: organisations.name,
      role: partnershipMembers.role,
      mandate: partnershipMembers.mandate,
      contribution: partnershipMembers.contribution,
      joinedOn: partnershipMembers.joinedOn,
      leftOn: partnershipMembers.leftOn,
    })
    .from(partnershipMembers)
    .innerJoin(partnerships, eq(partnerships.id, partnershipMembers.partnershipId))
    .innerJoin(organisations, eq(organisations.id, partnershipMembers.organisationId))
    .where(and(isNull(partnershipMembers.archivedAt), isNull(partnerships.archivedAt)))
    .orderBy(asc(partnerships.name), asc(organisations.name), asc(partnershipMembers.id));
}

function readObjectives(db: Db) {
  return db
    .select({
      partnership: partnerships.name,
      title: objectives.title,
      indicator: objectives.indicator,
      target: objectives.target,
      unit: objectives.unit,
      progress: objectives.progress,
      dueDate: objectives.dueDate,
      status: objectives.status,
    })
    .from(objectives)
    .innerJoin(partnerships, eq(partnerships.id, objectives.partnershipId))
    .where(and(isNull(objectives.archivedAt), isNull(partnerships.archivedAt)))
    .orderBy(asc(partnerships.name), asc(objectives.dueDate), asc(objectives.id));
}

function readFunding(db: Db) {
  return db
    .select({
      partnership: partnerships.name,
      pilot: pilots.name,
      source: fundingLines.source,
      reference: fundingLines.reference,
      funder: funder.name,
      recipient: recipient.name,
      amount: fundingLines.amount,
      currency: fundingLines.currency,
      stage: fundingLines.stage,
      startsOn: fundingLines.startsOn,
      endsOn: fundingLines.endsOn,
    })
    .from(fundingLines)
    .leftJoin(partnerships, eq(partnerships.id, fundingLines.partnershipId))
    .leftJoin(pilots, eq(pilots.id, fundingLines.pilotId))
    .leftJoin(funder, eq(funder.id, fundingLines.funderOrganisationId))
    .leftJoin(recipient, eq(recipient.id, fundingLines.recipientOrganisationId))
    .where(isNull(fundingLines.archivedAt))
    .orderBy(asc(partnerships.name), asc(pilots.name), asc(fundingLines.startsOn), asc(fundingLines.id));
}

async function readRisks(db: Db, user: AuthUser, today: string) {
  const rows = await db
    .select({
      partnership: partnerships.name,
      category: risks.category,
      title: risks.title,
      description: risks.description,
      likelihood: risks.likelihood,
      impact: risks.impact,
      owner: owner.name,
      mitigation: risks.mitigation,
      status: risks.status,
      reviewOn: risks.reviewOn,
    })
    .from(risks)
    .innerJoin(partnerships, eq(partnerships.id, risks.partnershipId))
    .leftJoin(owner, eq(owner.id, risks.ownerOrganisationId))
    .where(and(isNull(risks.archivedAt), isNull(partnerships.archivedAt), visibleRisks(user, today)))
    .orderBy(asc(partnerships.name), asc(risks.id));
  return rows.map((row) => ({ ...row, exposure: riskExposure(row.likelihood, row.impact) }));
}

function readMunicipalities(db: Db) {
  return db
    .select({
      id: municipalities.id,
      name: municipalities.name,
      countryCode: municipalities.countryCode,
      region: municipalities.region,
    })
    .from(municipalities)
    .where(isNull(municipalities.archivedAt))
    .orderBy(asc(municipalities.name), asc(municipalities.id));
}

function readPilots(db: Db) {
  return db
    .select({
      id: pilots.id,
      name: pilots.name,
      municipality: municipalities.name,
      partnership: partnerships.name,
      status: pilots.status,
      targetGroup: pilots.targetGroup,
      startsOn: pilots.startsOn,
      endsOn: pilots.endsOn,
      capacity: pilots.capacity,
    })
    .from(pilots)
    .innerJoin(municipalities, eq(municipalities.id, pilots.municipalityId))
    .leftJoin(partnerships, eq(partnerships.id, pilots.partnershipId))
    .where(isNull(pilots.archivedAt))
    .orderBy(asc(municipalities.name), asc(pilots.name), asc(pilots.id));
}

function readMilestones(db: Db) {
  return db
    .select({
      pilot: pilots.name,
      title: milestones.title,
      dueOn: milestones.dueOn,
      doneOn: milestones.doneOn,
      status: milestones.status,
    })
    .from(milestones)
    .innerJoin(pilots, eq(pilots.id, milestones.pilotId))
    .where(and(isNull(milestones.archivedAt), isNull(pilots.archivedAt)))
    .orderBy(asc(pilots.name), asc(milestones.position), asc(milestones.id));
}

export interface WorkbookOutcomeRow {
  pilot: string;
  periodStart: string;
  periodEnd: string;
  newParticipants: string | null;
  participantsAtEnd: string | null;
  /** Suppressed counts ("<5", "≈ 15" or the number), one per pathway, in `outcomePathways` order. */
  pathways: string[];
  total: string;
}

/** Each period of each pilot with its counts through small-count suppression (two queries). */
async function readOutcomes(db: Db): Promise<WorkbookOutcomeRow[]> {
  const periodRows = await db
    .select({
      id: pilotPeriods.id,
      pilot: pilots.name,
      periodStart: pilotPeriods.periodStart,
      periodEnd: pilotPeriods.periodEnd,
      newParticipants: pilotPeriods.newParticipants,
      participantsAtEnd: pilotPeriods.participantsAtEnd,
    })
    .from(pilotPeriods)
    .innerJoin(pilots, eq(pilots.id, pilotPeriods.pilotId))
    .where(and(isNull(pilotPeriods.archivedAt), isNull(pilots.archivedAt)))
    .orderBy(asc(pilots.name), asc(pilotPeriods.periodStart), asc(pilotPeriods.id));
  const counts = await db
    .select({
      periodId: pilotOutcomes.pilotPeriodId,
      pathway: pilotOutcomes.pathway,
      count: pilotOutcomes.count,
    })
    .from(pilotOutcomes)
    .innerJoin(pilotPeriods, eq(pilotPeriods.id, pilotOutcomes.pilotPeriodId))
    .innerJoin(pilots, eq(pilots.id, pilotPeriods.pilotId))
    .where(and(isNull(pilotPeriods.archivedAt), isNull(pilots.archivedAt)));
  const byPeriod = new Map<string, Record<OutcomePathway, number>>();
  for (const row of counts) {
    const group =
      byPeriod.get(row.periodId) ??
      (Object.fromEntries(outcomePathways.map((p) => [p, 0])) as Record<OutcomePathway, number>);
    group[row.pathway] += row.count;
    byPeriod.set(row.periodId, group);
  }
  const shown = (n: number) => String(n);
  return periodRows.map((period) => {
    const group =
      byPeriod.get(period.id) ??
      (Object.fromEntries(outcomePathways.map((p) => [p, 0])) as Record<OutcomePathway, number>);
    const { cells, total } = suppressGroup(group);
    const single = (n: number | null) => (n === null ? null : formatShown(suppressCount(n), shown));
    return {
      pilot: period.pilot,
      periodStart: period.periodStart,
      periodEnd: period.periodEnd,
      newParticipants: single(period.newParticipants),
      participantsAtEnd: single(period.participantsAtEnd),
      pathways: outcomePathways.map((p) => formatShown(cells[p], shown)),
      total: formatShown(total, shown),
    };
  });
}

function readEvents(db: Db) {
  return db
    .select({
      id: events.id,
      title: events.title,
      kind: events.kind,
      startsOn: events.startsOn,
      endsOn: events.endsOn,
      location: events.location,
      online: events.online,
    })
    .from(events)
    .where(isNull(events.archivedAt))
    .orderBy(asc(events.startsOn), asc(events.title), asc(events.id));
}

function readParticipants(db: Db) {
  return db
    .select({
      event: events.title,
      organisation: organisations.name,
      attendeeCount: eventParticipants.attendeeCount,
    })
    .from(eventParticipants)
    .innerJoin(events, eq(events.id, eventParticipants.eventId))
    .innerJoin(organisations, eq(organisations.id, eventParticipants.organisationId))
    .where(isNull(events.archivedAt))
    .orderBy(asc(events.startsOn), asc(organisations.name), asc(eventParticipants.id));
}

function readActions(db: Db) {
  return db
    .select({
      event: events.title,
      title: followUpActions.title,
      owner: owner.name,
      dueOn: followUpActions.dueOn,
      status: followUpActions.status,
      doneOn: followUpActions.doneOn,
      partnership: partnerships.name,
      pilot: pilots.name,
    })
    .from(followUpActions)
    .leftJoin(events, eq(events.id, followUpActions.eventId))
    .leftJoin(owner, eq(owner.id, followUpActions.ownerOrganisationId))
    .leftJoin(partnerships, eq(partnerships.id, followUpActions.partnershipId))
    .leftJoin(pilots, eq(pilots.id, followUpActions.pilotId))
    .where(and(isNull(followUpActions.archivedAt), or(isNull(events.archivedAt), isNull(events.id))))
    .orderBy(
      sql`${followUpActions.dueOn} asc nulls last`,
      asc(followUpActions.title),
      asc(followUpActions.id),
    );
}

/** Everything the workbook holds for this reader, read in parallel (15 queries whatever the size). */
export async function workbookData(db: Db, user: AuthUser, today: string) {
  const [
    organisationRows,
    relationshipRows,
    partnershipRows,
    memberRows,
    objectiveRows,
    fundingRows,
    riskRows,
    municipalityRows,
    pilotRows,
    milestoneRows,
    outcomeRows,
    eventRows,
    participantRows,
    actionRows,
  ] = await Promise.all([
    readOrganisations(db),
    readRelationships(db),
    readPartnerships(db),
    readMembers(db),
    readObjectives(db),
    readFunding(db),
    readRisks(db, user, today),
    readMunicipalities(db),
    readPilots(db),
    readMilestones(db),
    readOutcomes(db),
    readEvents(db),
    readParticipants(db),
    readActions(db),
  ]);
  return {
    organisations: organisationRows,
    relationships: relationshipRows,
    partnerships: partnershipRows,
    members: memberRows,
    objectives: objectiveRows,
    funding: fundingRows,
    risks: riskRows,
    municipalities: municipalityRows,
    pilots: pilotRows,
    milestones: milestoneRows,
    outcomes: outcomeRows,
    events: eventRows,
    participants: participantRows,
    actions: actionRows,
  };
}

export type WorkbookData = Awaited<ReturnType<typeof workbookData>>;
