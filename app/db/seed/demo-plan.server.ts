// The demo dataset as rows to insert (demo.server.ts writes them): uuids generated here so that rows
// can refer to each other by the data's string keys before anything is written; relative dates and
// quarters resolved against the seeding day.
import { randomUUID } from "node:crypto";
import { healthDimensions, type HealthDimension } from "../../lib/enums";
import {
  healthScoreKeys,
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
import type { DemoDataset, DemoDate, DemoDocument, DemoFundingLine, DemoQuarter } from "./demo-data";

// ---------------------------------------------------------------------------------------------
// The plan: every row to insert, with uuids generated here so that rows can refer to each other
// (by the data's string keys) before anything is written.
// ---------------------------------------------------------------------------------------------

export interface SeedPlan {
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
