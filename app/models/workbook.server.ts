// The data of the "all data" workbook (/export/trellis.xlsx): one list per kind of record, current
// records only (archived ones left out), names beside ids so a sheet reads on its own. One query per
// sheet whatever the size. Two rules of the domain shape it here, not in the writer:
// - risks are partnership-confidential (decision 0009): the reader gets the risks of the
//   partnerships whose details they may see (coordinators: all; others: those their organisation is a
//   current member of), and nothing of the others;
// - outcomes leave the app only through small-count suppression (decision 0018): the counts come
//   out of here already suppressed, for every reader (workbook-outcomes.server.ts).
// An archived organisation or partnership is named nowhere: the records it takes part in are left
// out (relationships, members, participants, organisers), or show no name where it is only a
// reference (a funder, an owner). Health checks are not exported (decision 0024).
import { and, asc, eq, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { can } from "~/auth/permissions.server";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import {
  documents,
  eventOrganisers,
  eventParticipants,
  events,
  eventTakeaways,
  followUpActions,
  fundingLines,
  milestones,
  municipalities,
  objectives,
  organisations,
  partnershipMembers,
  partnerships,
  pilots,
  relationships,
  risks,
} from "~/db/schema";
import { riskExposure } from "~/lib/signals";
import { readOutcomes } from "./workbook-outcomes.server";

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
    .where(and(isNull(relationships.archivedAt), isNull(fromOrg.archivedAt), isNull(toOrg.archivedAt)))
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
    .where(
      and(
        isNull(partnershipMembers.archivedAt),
        isNull(partnerships.archivedAt),
        isNull(organisations.archivedAt),
      ),
    )
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
    .leftJoin(funder, and(eq(funder.id, fundingLines.funderOrganisationId), isNull(funder.archivedAt)))
    .leftJoin(
      recipient,
      and(eq(recipient.id, fundingLines.recipientOrganisationId), isNull(recipient.archivedAt)),
    )
    .where(and(isNull(fundingLines.archivedAt), isNull(partnerships.archivedAt), isNull(pilots.archivedAt)))
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
    .leftJoin(owner, and(eq(owner.id, risks.ownerOrganisationId), isNull(owner.archivedAt)))
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
    .leftJoin(partnerships, and(eq(partnerships.id, pilots.partnershipId), isNull(partnerships.archivedAt)))
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
    .where(and(isNull(events.archivedAt), isNull(organisations.archivedAt)))
    .orderBy(asc(events.startsOn), asc(organisations.name), asc(eventParticipants.id));
}

function readOrganisers(db: Db) {
  return db
    .select({ event: events.title, organisation: organisations.name })
    .from(eventOrganisers)
    .innerJoin(events, eq(events.id, eventOrganisers.eventId))
    .innerJoin(organisations, eq(organisations.id, eventOrganisers.organisationId))
    .where(and(isNull(events.archivedAt), isNull(organisations.archivedAt)))
    .orderBy(asc(events.startsOn), asc(events.id), asc(organisations.name), asc(eventOrganisers.id));
}

function readTakeaways(db: Db) {
  return db
    .select({
      event: events.title,
      position: eventTakeaways.position,
      theme: eventTakeaways.theme,
      text: eventTakeaways.text,
    })
    .from(eventTakeaways)
    .innerJoin(events, eq(events.id, eventTakeaways.eventId))
    .where(and(isNull(eventTakeaways.archivedAt), isNull(events.archivedAt)))
    .orderBy(asc(events.startsOn), asc(events.id), asc(eventTakeaways.position), asc(eventTakeaways.id));
}

/** Documents of current partnerships and pilots (each belongs to exactly one of them). */
function readDocuments(db: Db) {
  return db
    .select({
      partnership: partnerships.name,
      pilot: pilots.name,
      title: documents.title,
      url: documents.url,
      kind: documents.kind,
    })
    .from(documents)
    .leftJoin(partnerships, eq(partnerships.id, documents.partnershipId))
    .leftJoin(pilots, eq(pilots.id, documents.pilotId))
    .where(and(isNull(documents.archivedAt), isNull(partnerships.archivedAt), isNull(pilots.archivedAt)))
    .orderBy(
      sql`${partnerships.name} asc nulls last`,
      sql`${pilots.name} asc nulls last`,
      asc(documents.title),
      asc(documents.id),
    );
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
    .leftJoin(owner, and(eq(owner.id, followUpActions.ownerOrganisationId), isNull(owner.archivedAt)))
    .leftJoin(
      partnerships,
      and(eq(partnerships.id, followUpActions.partnershipId), isNull(partnerships.archivedAt)),
    )
    .leftJoin(pilots, and(eq(pilots.id, followUpActions.pilotId), isNull(pilots.archivedAt)))
    .where(and(isNull(followUpActions.archivedAt), or(isNull(events.archivedAt), isNull(events.id))))
    .orderBy(
      sql`${followUpActions.dueOn} asc nulls last`,
      asc(followUpActions.title),
      asc(followUpActions.id),
    );
}

/**
 * Everything the workbook holds for this reader, read one query after another in ONE read-only,
 * repeatable-read transaction: one connection, and every sheet from the same snapshot (18 queries
 * whatever the size).
 */
export async function workbookData(db: Db, user: AuthUser, today: string) {
  return db.transaction(
    async (tx) => ({
      organisations: await readOrganisations(tx),
      relationships: await readRelationships(tx),
      partnerships: await readPartnerships(tx),
      members: await readMembers(tx),
      objectives: await readObjectives(tx),
      funding: await readFunding(tx),
      risks: await readRisks(tx, user, today),
      municipalities: await readMunicipalities(tx),
      pilots: await readPilots(tx),
      milestones: await readMilestones(tx),
      documents: await readDocuments(tx),
      outcomes: await readOutcomes(tx),
      events: await readEvents(tx),
      organisers: await readOrganisers(tx),
      participants: await readParticipants(tx),
      takeaways: await readTakeaways(tx),
      actions: await readActions(tx),
    }),
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

export type WorkbookData = Awaited<ReturnType<typeof workbookData>>;
