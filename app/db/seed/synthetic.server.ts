// A deterministic synthetic network of any size, for scale tests and benchmarks
// (`npm run db:seed-synthetic -- --organisations N`).
//
// The plan is made in steps, each in synthetic/ with its own random stream forked from the root in a
// fixed order: organisations (plan-organisations.ts), partnerships and members, their objectives,
// funding, risks and health checks, relationships, pilots; the reference data they draw from is in
// synthetic/vocabulary.ts.
//
// planSyntheticNetwork() is pure: it builds every row in memory, ids included (uuid v4-shaped
// strings drawn from a seeded PRNG), so the same options always give the same plan.
// seedSynthetic() inserts a plan in one transaction, in chunks, with one audit entry per row.
// It adds to whatever is in the database already: every name carries "(Synthetic #n)", and a
// second run continues the numbering (and draws other ids) instead of colliding.
import { inArray, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { createRng } from "../../lib/prng";
import { recordAudit, type AuditEntry } from "../../models/audit.server";
import type { Db } from "../client.server";
import { rows as resultRows } from "../rows.server";
import {
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
import { currentUtcDay, dayOf, ISO_DAY, isoOf } from "./synthetic/calendar";
import type { PlanContext } from "./synthetic/plan-helpers";
import { planOrganisations } from "./synthetic/plan-organisations";
import { planPartnershipDetails } from "./synthetic/plan-partnership-details";
import { planPartnerships } from "./synthetic/plan-partnerships";
import { planPilots } from "./synthetic/plan-pilots";
import { planRelationships } from "./synthetic/plan-relationships";
import type {
  SyntheticCounts,
  SyntheticPlan,
  SyntheticSummary,
  SyntheticTable,
  SyntheticTables,
} from "./synthetic/types";

export type {
  SyntheticCounts,
  SyntheticPlan,
  SyntheticSummary,
  SyntheticTable,
  SyntheticTables,
} from "./synthetic/types";

export const SYNTHETIC_MAX_ORGANISATIONS = 100_000;
export const SYNTHETIC_DEFAULT_SEED = 1;
/** Rows per INSERT statement. */
export const SYNTHETIC_CHUNK_SIZE = 1000;

export interface SyntheticOptions {
  organisations: number;
  seed?: number;
  /** 'YYYY-MM-DD' the dates are relative to; default: the current UTC date. */
  today?: string;
  /**
   * Numbering starts after this index ("(Synthetic #offset+1)"); it also changes the ids drawn.
   * Default 0 for a plan; seedSynthetic() reads it from the database (the highest index there).
   */
  indexOffset?: number;
}

const TABLE_ORDER: readonly SyntheticTable[] = [
  "organisations",
  "municipalities",
  "partnerships",
  "partnershipMembers",
  "relationships",
  "objectives",
  "fundingLines",
  "risks",
  "healthChecks",
  "pilots",
  "milestones",
  "pilotPeriods",
  "pilotOutcomes",
];

/** audit_log.entity_type per table. */
const ENTITY_TYPES: Record<SyntheticTable, string> = {
  organisations: "organisation",
  municipalities: "municipality",
  partnerships: "partnership",
  partnershipMembers: "partnership_member",
  relationships: "relationship",
  objectives: "objective",
  fundingLines: "funding_line",
  risks: "risk",
  healthChecks: "health_check",
  pilots: "pilot",
  milestones: "milestone",
  pilotPeriods: "pilot_period",
  pilotOutcomes: "pilot_outcome",
};

export function countPlan(plan: SyntheticTables): SyntheticCounts {
  const counts = {} as SyntheticCounts;
  for (const table of TABLE_ORDER) counts[table] = plan[table].length;
  return counts;
}

function validateOptions(options: SyntheticOptions): { seed: number; today: string; indexOffset: number } {
  const n = options.organisations;
  if (!Number.isInteger(n) || n < 1 || n > SYNTHETIC_MAX_ORGANISATIONS) {
    throw new RangeError(
      `organisations must be an integer from 1 to ${SYNTHETIC_MAX_ORGANISATIONS}, not ${n}`,
    );
  }
  const seed = options.seed ?? SYNTHETIC_DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, not ${seed}`);
  const today = options.today ?? currentUtcDay();
  if (
    !ISO_DAY.test(today) ||
    Number.isNaN(Date.parse(`${today}T00:00:00Z`)) ||
    isoOf(dayOf(today)) !== today
  ) {
    throw new RangeError(`today must be a date YYYY-MM-DD, not ${today}`);
  }
  const indexOffset = options.indexOffset ?? 0;
  if (!Number.isSafeInteger(indexOffset) || indexOffset < 0) {
    throw new RangeError(`indexOffset must be a non-negative integer, not ${indexOffset}`);
  }
  return { seed, today, indexOffset };
}

/** Build a synthetic network in memory. Pure: the same options give the same plan. */
export function planSyntheticNetwork(options: SyntheticOptions): SyntheticPlan {
  const { seed, today, indexOffset } = validateOptions(options);
  const n = options.organisations;
  const root = createRng(`trellis-synthetic/${seed}/${indexOffset}`);
  // Ids come from their own stream, so changing how a value is drawn does not shift every id.
  const ids = root.fork("ids");
  const T = dayOf(today);
  const label = (i: number) => `(Synthetic #${indexOffset + i + 1})`;

  const plan: SyntheticPlan = {
    seed,
    today,
    indexOffset,
    batchId: ids.uuid(),
    organisations: [],
    municipalities: [],
    partnerships: [],
    partnershipMembers: [],
    relationships: [],
    objectives: [],
    fundingLines: [],
    risks: [],
    healthChecks: [],
    pilots: [],
    milestones: [],
    pilotPeriods: [],
    pilotOutcomes: [],
  };

  const ctx: PlanContext = { n, seed, indexOffset, T, root, ids, label, plan };
  // The steps in a fixed order: each forks its own random stream from the root.
  const index = planOrganisations(ctx);
  const { partnershipInfos, partnershipsOf } = planPartnerships(ctx, index);
  planPartnershipDetails(ctx, index, partnershipInfos);
  planRelationships(ctx, index);
  planPilots(ctx, index, partnershipsOf);
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Seeding

/** The highest "(Synthetic #n)" index among organisations already in the database (0 if none). */
export async function syntheticIndexOffset(tx: Db): Promise<number> {
  const result = await tx.execute<{ max: number | null }>(
    sql`select max(substring(${organisations.name} from ${"\\(Synthetic #([0-9]+)\\)$"})::int) as max
        from ${organisations} where ${organisations.name} like ${"%(Synthetic #%"}`,
  );
  return Number(resultRows<{ max: number | null }>(result)[0]?.max ?? 0);
}

async function insertChunks<TTable extends PgTable>(
  tx: Db,
  table: TTable,
  rows: readonly TTable["$inferInsert"][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += SYNTHETIC_CHUNK_SIZE) {
    await tx.insert(table).values(rows.slice(i, i + SYNTHETIC_CHUNK_SIZE));
  }
}

/** Insert a plan with `tx` (never `db`: PGlite has one connection), audit entries included. */
export async function insertSyntheticPlan(tx: Db, plan: SyntheticPlan): Promise<SyntheticSummary> {
  // organisations.municipality_id and municipalities.organisation_id point at each other:
  // insert the organisations without it, then the municipalities, then set it.
  await insertChunks(
    tx,
    organisations,
    plan.organisations.map((o) => ({ ...o, municipalityId: null })),
  );
  await insertChunks(tx, municipalities, plan.municipalities);
  const linked = plan.organisations.filter((o) => o.municipalityId).map((o) => o.id);
  for (let i = 0; i < linked.length; i += SYNTHETIC_CHUNK_SIZE) {
    await tx
      .update(organisations)
      .set({
        municipalityId: sql`(select m.id from municipalities m where m.organisation_id = "organisations"."id")`,
      })
      .where(inArray(organisations.id, linked.slice(i, i + SYNTHETIC_CHUNK_SIZE)));
  }
  await insertChunks(tx, partnerships, plan.partnerships);
  await insertChunks(tx, partnershipMembers, plan.partnershipMembers);
  await insertChunks(tx, relationships, plan.relationships);
  await insertChunks(tx, objectives, plan.objectives);
  await insertChunks(tx, fundingLines, plan.fundingLines);
  await insertChunks(tx, risks, plan.risks);
  await insertChunks(tx, healthChecks, plan.healthChecks);
  await insertChunks(tx, pilots, plan.pilots);
  await insertChunks(tx, milestones, plan.milestones);
  await insertChunks(tx, pilotPeriods, plan.pilotPeriods);
  await insertChunks(tx, pilotOutcomes, plan.pilotOutcomes);

  const entries: AuditEntry[] = [];
  for (const table of TABLE_ORDER) {
    const entityType = ENTITY_TYPES[table];
    for (const row of plan[table]) {
      entries.push({ action: "seed", entityType, entityId: row.id, after: row, batchId: plan.batchId });
    }
  }
  await recordAudit(tx, null, entries);
  return {
    seed: plan.seed,
    today: plan.today,
    indexOffset: plan.indexOffset,
    batchId: plan.batchId,
    counts: countPlan(plan),
    auditEntries: entries.length,
  };
}

/**
 * Add a synthetic network to the database in one transaction. Numbering continues after the
 * synthetic organisations already there, unless `indexOffset` is given.
 */
export async function seedSynthetic(db: Db, options: SyntheticOptions): Promise<SyntheticSummary> {
  validateOptions(options);
  return db.transaction(async (tx) => {
    const indexOffset = options.indexOffset ?? (await syntheticIndexOffset(tx));
    const plan = planSyntheticNetwork({ ...options, indexOffset });
    return insertSyntheticPlan(tx, plan);
  });
}
