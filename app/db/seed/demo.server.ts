// Load the demo dataset (demo-data.ts) into an empty database: one transaction, one bulk insert
// per table, every inserted row recorded in the audit log (action "seed", system actor) under
// one batch id.
import { randomUUID } from "node:crypto";
import { and, count, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { recordAudit, type AuditEntry } from "../../models/audit.server";
import { healthDimensions, type HealthDimension } from "../../lib/enums";
import type { Db } from "../client.server";
import {
  documents,
  eventOrganisers,
  eventParticipants,
  events,
  eventTakeaways,
  followUpActions,
  fundingLines,
  healthChecks,
  healthScoreKeys,
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
  type NewDocument,
  type NewEvent,
  type NewEventOrganiser,
  type NewEventParticipant,
  type NewEventTakeaway,
  type NewFollowUpAction,
  type NewFundingLine,
  type NewHealthCheck,
  type NewMilestone,
  type NewMunicipality,
  type NewObjective,
  type NewOrganisation,
  type NewPartnership,
  type NewPartnershipMember,
  type NewPilot,
  type NewPilotOutcome,
  type NewPilotPeriod,
  type NewRelationship,
  type NewRisk,
} from "../schema";
import {
  demoData,
  type DemoDataset,
  type DemoDate,
  type DemoDocument,
  type DemoFundingLine,
  type DemoQuarter,
} from "./demo-data";

export interface DemoSeedSummary {
  organisations: number;
  partnerships: number;
  municipalities: number;
  pilots: number;
  events: number;
  auditEntries: number;
}

export interface DemoSeedOptions {
  /** The day relative dates are counted from ('YYYY-MM-DD'); default: today (UTC). */
  today?: string;
}

/** The database already holds data: demo data is only loaded into an empty database. */
export class DemoSeedRefusedError extends Error {
  override name = "DemoSeedRefusedError";
}

/** Audit entity types, one per table. */
export const demoEntityTypes = {
  organisation: "organisation",
  municipality: "municipality",
  relationship: "relationship",
  partnership: "partnership",
  partnershipMember: "partnership_member",
  document: "document",
  objective: "objective",
  fundingLine: "funding_line",
  risk: "risk",
  healthCheck: "health_check",
  pilot: "pilot",
  milestone: "milestone",
  pilotPeriod: "pilot_period",
  pilotOutcome: "pilot_outcome",
  event: "event",
  eventOrganiser: "event_organiser",
  eventParticipant: "event_participant",
  eventTakeaway: "event_takeaway",
  followUpAction: "follow_up_action",
} as const;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function seedDemo(db: Db, options: DemoSeedOptions = {}): Promise<DemoSeedSummary> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  if (!ISO_DAY.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`))) {
    throw new Error(`seedDemo: "today" must be a date as YYYY-MM-DD, not "${today}"`);
  }
  const plan = buildPlan(demoData, today);
  const batchId = randomUUID();

  return db.transaction(async (tx) => {
    // Two seeds started together must not both find the table empty.
    await tx.execute(sql`lock table ${organisations} in share row exclusive mode`);
    const [existing] = await tx.select({ n: count() }).from(organisations);
    const n = Number(existing?.n ?? 0);
    if (n > 0) {
      throw new DemoSeedRefusedError(
        `Demo data is only loaded into an empty database: this one already has ${n} organisation${n === 1 ? "" : "s"}.`,
      );
    }

    const audit: AuditEntry[] = [];
    const record = <R extends { id: string }>(entityType: string, rows: R[]): R[] => {
      for (const row of rows)
        audit.push({ action: "seed", entityType, entityId: row.id, after: row, batchId });
      return rows;
    };
    const t = demoEntityTypes;

    // Organisations first (parents in the same statement: foreign keys are checked at its end),
    // then municipalities pointing at their local authority, then the link back.
    const insertedOrganisations = await tx.insert(organisations).values(plan.organisations).returning();
    const insertedMunicipalities = record(
      t.municipality,
      await tx.insert(municipalities).values(plan.municipalities).returning(),
    );
    const linked = await tx
      .update(organisations)
      .set({ municipalityId: sql`${municipalities.id}` })
      .from(municipalities)
      .where(
        and(
          eq(municipalities.organisationId, organisations.id),
          inArray(
            municipalities.id,
            insertedMunicipalities.map((m) => m.id),
          ),
        ),
      )
      .returning(getTableColumns(organisations));
    const linkedById = new Map(linked.map((row) => [row.id, row]));
    record(
      t.organisation,
      insertedOrganisations.map((row) => linkedById.get(row.id) ?? row),
    );

    record(
      t.relationship,
      await insertAll(plan.relationships, (v) => tx.insert(relationships).values(v).returning()),
    );
    const insertedPartnerships = record(
      t.partnership,
      await tx.insert(partnerships).values(plan.partnerships).returning(),
    );
    record(
      t.partnershipMember,
      await insertAll(plan.members, (v) => tx.insert(partnershipMembers).values(v).returning()),
    );
    record(t.objective, await insertAll(plan.objectives, (v) => tx.insert(objectives).values(v).returning()));
    record(t.risk, await insertAll(plan.risks, (v) => tx.insert(risks).values(v).returning()));
    record(
      t.healthCheck,
      await insertAll(plan.healthChecks, (v) => tx.insert(healthChecks).values(v).returning()),
    );
    const insertedPilots = record(t.pilot, await tx.insert(pilots).values(plan.pilots).returning());
    record(t.milestone, await insertAll(plan.milestones, (v) => tx.insert(milestones).values(v).returning()));
    record(
      t.pilotPeriod,
      await insertAll(plan.pilotPeriods, (v) => tx.insert(pilotPeriods).values(v).returning()),
    );
    record(
      t.pilotOutcome,
      await insertAll(plan.pilotOutcomes, (v) => tx.insert(pilotOutcomes).values(v).returning()),
    );
    // Documents and funding lines belong to a partnership or a pilot: after both.
    record(t.document, await insertAll(plan.documents, (v) => tx.insert(documents).values(v).returning()));
    record(
      t.fundingLine,
      await insertAll(plan.fundingLines, (v) => tx.insert(fundingLines).values(v).returning()),
    );
    const insertedEvents = record(
      t.event,
      await insertAll(plan.events, (v) => tx.insert(events).values(v).returning()),
    );
    record(
      t.eventOrganiser,
      await insertAll(plan.eventOrganisers, (v) => tx.insert(eventOrganisers).values(v).returning()),
    );
    record(
      t.eventParticipant,
      await insertAll(plan.eventParticipants, (v) => tx.insert(eventParticipants).values(v).returning()),
    );
    record(
      t.eventTakeaway,
      await insertAll(plan.eventTakeaways, (v) => tx.insert(eventTakeaways).values(v).returning()),
    );
    record(
      t.followUpAction,
      await insertAll(plan.followUpActions, (v) => tx.insert(followUpActions).values(v).returning()),
    );

    await recordAudit(tx, null, audit);

    return {
      organisations: insertedOrganisations.length,
      partnerships: insertedPartnerships.length,
      municipalities: insertedMunicipalities.length,
      pilots: insertedPilots.length,
      events: insertedEvents.length,
      auditEntries: audit.length,
    };
  });
}

/** drizzle refuses an empty VALUES list. */
async function insertAll<V, R>(values: V[], insert: (values: V[]) => Promise<R[]>): Promise<R[]> {
  return values.length === 0 ? [] : insert(values);
}

// ---------------------------------------------------------------------------------------------
// The plan: every row to insert, with uuids generated here so that rows can refer to each other
// (by the data's string keys) before anything is written.
// ---------------------------------------------------------------------------------------------

interface SeedPlan {
  organisations: (NewOrganisation & { id: string })[];
  municipalities: (NewMunicipality & { id: string })[];
  relationships: NewRelationship[];
  partnerships: (NewPartnership & { id: string })[];
  members: NewPartnershipMember[];
  objectives: NewObjective[];
  risks: NewRisk[];
  healthChecks: NewHealthCheck[];
  pilots: (NewPilot & { id: string })[];
  milestones: NewMilestone[];
  pilotPeriods: (NewPilotPeriod & { id: string })[];
  pilotOutcomes: NewPilotOutcome[];
  documents: NewDocument[];
  fundingLines: NewFundingLine[];
  events: (NewEvent & { id: string })[];
  eventOrganisers: NewEventOrganiser[];
  eventParticipants: NewEventParticipant[];
  eventTakeaways: NewEventTakeaway[];
  followUpActions: NewFollowUpAction[];
}

/** Key -> uuid, failing loudly on a key the dataset does not define. */
class Keys {
  private readonly ids = new Map<string, string>();
  constructor(private readonly what: string) {}
  add(key: string): string {
    if (this.ids.has(key)) throw new Error(`demo data: duplicate ${this.what} key "${key}"`);
    const id = randomUUID();
    this.ids.set(key, id);
    return id;
  }
  get(key: string): string {
    const id = this.ids.get(key);
    if (!id) throw new Error(`demo data: unknown ${this.what} key "${key}"`);
    return id;
  }
  optional(key: string | undefined): string | null {
    return key === undefined ? null : this.get(key);
  }
}

/** Build every row of the dataset; pure apart from generating uuids. */
export function buildPlan(data: DemoDataset, today: string): SeedPlan {
  const day = (value: DemoDate | undefined): string | null => resolveDate(value, today);
  const org = new Keys("organisation");
  const muni = new Keys("municipality");
  const partnership = new Keys("partnership");
  const pilot = new Keys("pilot");

  for (const o of data.organisations) org.add(o.key);
  for (const m of data.municipalities) muni.add(m.key);
  for (const p of data.partnerships) partnership.add(p.key);
  for (const p of data.pilots) pilot.add(p.key);

  const plan: SeedPlan = {
    organisations: data.organisations.map((o) => ({
      id: org.get(o.key),
      name: o.name,
      acronym: o.acronym ?? null,
      type: o.type,
      level: o.level,
      countryCode: o.countryCode,
      parentOrganisationId: org.optional(o.parent),
      mandate: o.mandate,
      description: o.description,
      website: o.website ?? null,
    })),
    municipalities: data.municipalities.map((m) => ({
      id: muni.get(m.key),
      name: m.name,
      countryCode: m.countryCode,
      region: m.region,
      organisationId: org.get(m.authority),
    })),
    relationships: data.relationships.map((r) => ({
      fromOrganisationId: org.get(r.from),
      toOrganisationId: org.get(r.to),
      type: r.type,
      startsOn: day(r.startsOn),
      endsOn: day(r.endsOn),
      notes: r.notes,
    })),
    partnerships: [],
    members: [],
    objectives: [],
    risks: [],
    healthChecks: [],
    pilots: [],
    milestones: [],
    pilotPeriods: [],
    pilotOutcomes: [],
    documents: [],
    fundingLines: [],
    events: [],
    eventOrganisers: [],
    eventParticipants: [],
    eventTakeaways: [],
    followUpActions: [],
  };

  const document = (
    d: DemoDocument,
    owner: { partnershipId: string } | { pilotId: string },
  ): NewDocument => ({
    ...owner,
    title: d.title,
    url: d.url,
    kind: d.kind,
  });
  const funding = (
    f: DemoFundingLine,
    owner: { partnershipId: string } | { pilotId: string },
  ): NewFundingLine => ({
    ...owner,
    source: f.source,
    reference: f.reference ?? null,
    funderOrganisationId: org.optional(f.funder),
    recipientOrganisationId: org.optional(f.recipient),
    amount: f.amount ?? null,
    currency: f.currency,
    cofinancingRate: f.cofinancingRate ?? null,
    startsOn: day(f.startsOn),
    endsOn: day(f.endsOn),
    stage: f.stage,
    pathwaysCovered: f.pathwaysCovered,
    voluntaryReturnOnly: f.voluntaryReturnOnly,
    illustrative: f.illustrative,
  });

  for (const p of data.partnerships) {
    const partnershipId = partnership.get(p.key);
    const leads = p.members.filter((m) => m.role === "lead").length;
    if (p.members.length > 0 && leads !== 1) {
      throw new Error(`demo data: partnership "${p.key}" has ${leads} leads (exactly one expected)`);
    }
    plan.partnerships.push({
      id: partnershipId,
      name: p.name,
      description: p.description,
      status: p.status,
      startDate: day(p.startDate),
      endDate: day(p.endDate),
      scopeLevel: p.scopeLevel,
      countryCode: p.countryCode,
      formalisation: p.formalisation,
      governance: p.governance,
      illustrative: p.illustrative,
    });
    for (const m of p.members) {
      plan.members.push({
        partnershipId,
        organisationId: org.get(m.organisation),
        role: m.role,
        mandate: m.mandate,
        contribution: m.contribution,
        joinedOn: day(m.joinedOn),
        leftOn: day(m.leftOn),
      });
    }
    for (const o of p.objectives) {
      plan.objectives.push({
        partnershipId,
        title: o.title,
        indicator: o.indicator ?? null,
        target: o.target ?? null,
        unit: o.unit ?? null,
        progress: o.progress ?? null,
        dueDate: day(o.dueDate),
        status: o.status,
        illustrative: o.illustrative,
      });
    }
    for (const r of p.risks) {
      plan.risks.push({
        partnershipId,
        category: r.category,
        title: r.title,
        description: r.description,
        likelihood: r.likelihood,
        impact: r.impact,
        ownerOrganisationId: org.get(r.owner),
        mitigation: r.mitigation,
        status: r.status,
        reviewOn: day(r.reviewOn),
        illustrative: r.illustrative,
      });
    }
    for (const d of p.documents) plan.documents.push(document(d, { partnershipId }));
    for (const f of p.funding) plan.fundingLines.push(funding(f, { partnershipId }));
  }

  for (const series of data.healthChecks) {
    for (const answer of series.answers) {
      const scores: Partial<Record<(typeof healthScoreKeys)[HealthDimension], number | null>> = {};
      healthDimensions.forEach((dimension, i) => {
        scores[healthScoreKeys[dimension]] = answer.scores[i] ?? null;
      });
      plan.healthChecks.push({
        partnershipId: partnership.get(series.partnership),
        respondentOrganisationId: org.get(series.respondent),
        // Demo answers: no user submitted them.
        submittedBy: null,
        period: resolveQuarter(answer.period, today),
        ...scores,
        comment: answer.comment,
      });
    }
  }

  for (const p of data.pilots) {
    const pilotId = pilot.get(p.key);
    plan.pilots.push({
      id: pilotId,
      municipalityId: muni.get(p.municipality),
      partnershipId: partnership.get(p.partnership),
      name: p.name,
      description: p.description,
      targetGroup: p.targetGroup,
      pathways: p.pathways,
      status: p.status,
      startsOn: day(p.startsOn),
      endsOn: day(p.endsOn),
      capacity: p.capacity,
      illustrative: p.illustrative,
    });
    p.milestones.forEach((m, position) => {
      plan.milestones.push({
        pilotId,
        title: m.title,
        description: m.description ?? null,
        dueOn: day(m.dueOn),
        doneOn: day(m.doneOn),
        status: m.status,
        position,
        notes: m.notes ?? null,
      });
    });
    for (const period of p.periods) {
      const pilotPeriodId = randomUUID();
      plan.pilotPeriods.push({
        id: pilotPeriodId,
        pilotId,
        periodStart: period.start,
        periodEnd: period.end,
        newParticipants: period.newParticipants,
        participantsAtEnd: period.participantsAtEnd,
        notes: period.notes ?? null,
        illustrative: period.illustrative,
      });
      for (const [pathway, n] of typedEntries(period.outcomes)) {
        if (n !== undefined && n > 0) plan.pilotOutcomes.push({ pilotPeriodId, pathway, count: n });
      }
    }
    for (const d of p.documents) plan.documents.push(document(d, { pilotId }));
    for (const f of p.funding) plan.fundingLines.push(funding(f, { pilotId }));
  }

  for (const e of data.events) {
    const eventId = randomUUID();
    plan.events.push({
      id: eventId,
      title: e.title,
      kind: e.kind,
      startsOn: e.startsOn,
      endsOn: e.endsOn ?? null,
      location: e.location,
      online: e.online,
      description: e.description,
      createdBy: null,
    });
    for (const o of e.organisers) plan.eventOrganisers.push({ eventId, organisationId: org.get(o) });
    for (const p of e.participants) {
      plan.eventParticipants.push({
        eventId,
        organisationId: org.get(p.organisation),
        attendeeCount: p.attendeeCount,
      });
    }
    e.takeaways.forEach((takeaway, position) => {
      plan.eventTakeaways.push({ eventId, position, theme: takeaway.theme, text: takeaway.text });
    });
    for (const a of e.followUps) {
      plan.followUpActions.push({
        eventId,
        partnershipId: partnership.optional(a.partnership),
        pilotId: pilot.optional(a.pilot),
        organisationId: org.optional(a.organisation),
        title: a.title,
        description: a.description,
        ownerOrganisationId: org.get(a.owner),
        ownerUserId: null,
        dueOn: day(a.dueOn),
        status: a.status,
        doneOn: day(a.doneOn),
      });
    }
  }

  return plan;
}

function typedEntries<K extends string, V>(record: Partial<Record<K, V>>): [K, V | undefined][] {
  return Object.entries(record) as [K, V | undefined][];
}

/** An absolute day as is; a relative one counted from `today` (both 'YYYY-MM-DD'). */
export function resolveDate(value: DemoDate | undefined, today: string): string | null {
  if (value === undefined) return null;
  if (typeof value === "string") return value;
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + value.daysFromToday);
  return date.toISOString().slice(0, 10);
}

/** A 'YYYY-Qn' period as is; a relative one counted back from the quarter `today` falls in. */
export function resolveQuarter(value: DemoQuarter, today: string): string {
  if (typeof value === "string") return value;
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const index = year * 4 + quarter - value.quartersBeforeToday;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}
