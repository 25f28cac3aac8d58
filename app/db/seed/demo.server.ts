// Load the demo dataset (demo-data.ts) into an empty database: one transaction, one bulk insert
// per table, every inserted row recorded in the audit log (action "seed", system actor) under
// one batch id.
import { randomUUID } from "node:crypto";
import { and, count, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { recordAudit, type AuditEntry } from "../../models/audit.server";
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
} from "../schema";
import { demoData } from "./demo-data";
import { buildPlan } from "./demo-plan.server";

export { buildPlan, resolveDate, resolveQuarter } from "./demo-plan.server";

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
