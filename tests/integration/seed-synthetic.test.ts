import { count, eq, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import {
  auditLog,
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
} from "~/db/schema";
import {
  countPlan,
  planSyntheticNetwork,
  seedSynthetic,
  type SyntheticPlan,
  type SyntheticSummary,
} from "~/db/seed/synthetic.server";
import { riskCategories } from "~/lib/enums";
import { testDb } from "../helpers/db";

const TODAY = "2025-06-15";

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

const share = (part: number, whole: number) => part / whole;

describe("planSyntheticNetwork", () => {
  it("is deterministic: the same seed gives the same plan, another seed another one", () => {
    const a = planSyntheticNetwork({ organisations: 150, seed: 11, today: TODAY });
    const b = planSyntheticNetwork({ organisations: 150, seed: 11, today: TODAY });
    const c = planSyntheticNetwork({ organisations: 150, seed: 12, today: TODAY });
    expect(b).toEqual(a);
    expect(c.organisations.map((o) => o.id)).not.toEqual(a.organisations.map((o) => o.id));
    expect(c.partnerships).not.toEqual(a.partnerships);
    // An offset continues the numbering and draws other ids.
    const d = planSyntheticNetwork({ organisations: 150, seed: 11, today: TODAY, indexOffset: 150 });
    expect(d.organisations[0]?.name).toMatch(/\(Synthetic #151\)$/);
    const ids = new Set(a.organisations.map((o) => o.id));
    expect(d.organisations.some((o) => ids.has(o.id))).toBe(false);
  });

  it("refuses a bad size or date", () => {
    expect(() => planSyntheticNetwork({ organisations: 0 })).toThrow(RangeError);
    expect(() => planSyntheticNetwork({ organisations: 2.5 })).toThrow(RangeError);
    expect(() => planSyntheticNetwork({ organisations: 100_001 })).toThrow(RangeError);
    expect(() => planSyntheticNetwork({ organisations: 10, today: "2025-02-30" })).toThrow(RangeError);
  });

  it("handles tiny networks", () => {
    for (let n = 1; n <= 12; n++) {
      const plan = planSyntheticNetwork({ organisations: n, seed: n, today: TODAY });
      expect(plan.organisations).toHaveLength(n);
      const members = groupBy(plan.partnershipMembers, (m) => String(m.partnershipId));
      for (const p of plan.partnerships) expect(members.get(p.id)?.length ?? 0).toBeGreaterThanOrEqual(2);
    }
  });

  describe("with 300 organisations", () => {
    let plan: SyntheticPlan;
    beforeAll(() => {
      plan = planSyntheticNetwork({ organisations: 300, seed: 3, today: TODAY });
    });

    it("has the expected mix of organisation types, countries and names", () => {
      const n = plan.organisations.length;
      expect(n).toBe(300);
      const byType = groupBy(plan.organisations, (o) => o.type);
      const expected: Record<string, number> = {
        national_authority: 0.08,
        regional_authority: 0.04,
        local_authority: 0.3,
        cso: 0.4,
        international_organisation: 0.05,
        eu_body: 0.03,
        funder: 0.05,
        research_institute: 0.05,
      };
      for (const [type, p] of Object.entries(expected)) {
        expect(Math.abs(share(byType.get(type)?.length ?? 0, n) - p)).toBeLessThanOrEqual(0.01);
      }
      for (const o of byType.get("eu_body") ?? []) expect(o.countryCode).toBeNull();
      const countries = new Set(plan.organisations.map((o) => o.countryCode).filter((c) => c !== null));
      expect(countries.size).toBeGreaterThanOrEqual(10);
      expect(countries.size).toBeLessThanOrEqual(14);
      for (const c of countries) expect(c).toMatch(/^[A-Z]{2}$/);
      expect(new Set(plan.organisations.map((o) => o.name)).size).toBe(n);
      for (const o of plan.organisations) expect(o.name).toMatch(/\(Synthetic #\d+\)$/);
      expect(new Set(plan.organisations.map((o) => o.id)).size).toBe(n);
    });

    it("links every local authority and its municipality both ways", () => {
      const locals = plan.organisations.filter((o) => o.type === "local_authority");
      expect(plan.municipalities).toHaveLength(locals.length);
      const byId = new Map(plan.municipalities.map((m) => [m.id, m]));
      for (const o of locals) {
        const m = o.municipalityId ? byId.get(o.municipalityId) : undefined;
        expect(m?.organisationId).toBe(o.id);
        expect(m?.countryCode).toBe(o.countryCode);
      }
      for (const o of plan.organisations)
        if (o.type !== "local_authority") expect(o.municipalityId ?? null).toBeNull();
    });

    it("has about one partnership per three organisations, each with one lead and consistent dates", () => {
      const n = plan.partnerships.length;
      expect(n).toBeGreaterThanOrEqual(85);
      expect(n).toBeLessThanOrEqual(115);
      const members = groupBy(plan.partnershipMembers, (m) => String(m.partnershipId));
      const orgCountry = new Map(plan.organisations.map((o) => [o.id, o.countryCode]));
      let sameCountry = 0;
      for (const p of plan.partnerships) {
        const list = members.get(p.id) ?? [];
        expect(list.length).toBeGreaterThanOrEqual(2);
        expect(list.length).toBeLessThanOrEqual(8);
        expect(list.filter((m) => m.role === "lead")).toHaveLength(1);
        expect(new Set(list.map((m) => m.organisationId)).size).toBe(list.length);
        if (p.status === "active") {
          expect(list.filter((m) => !m.leftOn).length).toBeGreaterThanOrEqual(2);
          expect(p.startDate && p.startDate <= TODAY).toBeTruthy();
        }
        if (p.status === "ended") expect(p.endDate).toBeTruthy();
        if (p.startDate && p.endDate) expect(p.endDate >= p.startDate).toBe(true);
        for (const m of list) if (m.joinedOn && m.leftOn) expect(m.leftOn >= m.joinedOn).toBe(true);
        if (p.countryCode) {
          sameCountry++;
          const national = list.filter((m) => orgCountry.get(m.organisationId) === p.countryCode).length;
          expect(national / list.length).toBeGreaterThanOrEqual(0.5);
        }
      }
      expect(share(sameCountry, n)).toBeGreaterThan(0.65);
      expect(sameCountry).toBeLessThan(n);
      const statuses = groupBy(plan.partnerships, (p) => String(p.status));
      expect(share(statuses.get("active")?.length ?? 0, n)).toBeGreaterThan(0.45);
      expect(share(statuses.get("active")?.length ?? 0, n)).toBeLessThan(0.75);
      for (const s of ["forming", "exploring", "paused", "ended"])
        expect(statuses.get(s)?.length ?? 0).toBeGreaterThan(0);
    });

    it("gives partnerships objectives, funding and risks within the schema's limits", () => {
      const objectivesBy = groupBy(plan.objectives, (o) => o.partnershipId);
      const fundingBy = groupBy(plan.fundingLines, (f) => String(f.partnershipId));
      const risksBy = groupBy(plan.risks, (r) => r.partnershipId);
      for (const p of plan.partnerships) {
        expect(objectivesBy.get(p.id)?.length ?? 0).toBeGreaterThanOrEqual(1);
        expect(objectivesBy.get(p.id)?.length ?? 0).toBeLessThanOrEqual(3);
        expect(fundingBy.get(p.id)?.length ?? 0).toBeLessThanOrEqual(2);
        expect(risksBy.get(p.id)?.length ?? 0).toBeLessThanOrEqual(4);
      }
      const amif = plan.fundingLines.filter((f) => f.source === "amif");
      expect(share(amif.length, plan.fundingLines.length)).toBeGreaterThan(0.25);
      for (const f of amif) expect(f.cofinancingRate === 90 || (f.cofinancingRate ?? 0) <= 75).toBe(true);
      for (const f of plan.fundingLines) {
        expect(f.currency).toMatch(/^[A-Z]{3}$/);
        expect(Number(f.amount)).toBeGreaterThanOrEqual(0);
        if (f.startsOn && f.endsOn) expect(f.endsOn >= f.startsOn).toBe(true);
        if (f.voluntaryReturnOnly) expect(f.pathwaysCovered).toEqual(["voluntary_return"]);
      }
      expect(new Set(plan.risks.map((r) => r.category))).toEqual(new Set(riskCategories));
      const categories = groupBy(plan.risks, (r) => r.category);
      const common =
        (categories.get("trust_deficit")?.length ?? 0) + (categories.get("power_imbalance")?.length ?? 0);
      expect(share(common, plan.risks.length)).toBeGreaterThan(0.3);
      for (const r of plan.risks) {
        expect(r.likelihood).toBeGreaterThanOrEqual(1);
        expect(r.likelihood).toBeLessThanOrEqual(5);
        expect(r.impact).toBeGreaterThanOrEqual(1);
        expect(r.impact).toBeLessThanOrEqual(5);
      }
    });

    it("has about one direct relationship per two organisations, never to itself", () => {
      expect(plan.relationships.length).toBeGreaterThanOrEqual(130);
      expect(plan.relationships.length).toBeLessThanOrEqual(160);
      for (const r of plan.relationships) expect(r.fromOrganisationId).not.toBe(r.toOrganisationId);
      expect(new Set(plan.relationships.map((r) => r.type)).size).toBe(5);
    });

    it("has pilots with milestones, periods and small aggregated outcomes", () => {
      expect(plan.pilots.length).toBe(Math.round(plan.municipalities.length / 5));
      expect(new Set(plan.pilots.map((p) => p.municipalityId)).size).toBe(plan.pilots.length);
      const milestonesBy = groupBy(plan.milestones, (m) => m.pilotId);
      const periodsBy = groupBy(plan.pilotPeriods, (p) => p.pilotId);
      for (const pilot of plan.pilots) {
        const ms = milestonesBy.get(pilot.id)?.length ?? 0;
        expect(ms).toBeGreaterThanOrEqual(3);
        expect(ms).toBeLessThanOrEqual(6);
        const periods = periodsBy.get(pilot.id) ?? [];
        expect(periods.length).toBeGreaterThanOrEqual(2);
        expect(periods.length).toBeLessThanOrEqual(4);
        for (const period of periods) {
          expect(period.periodEnd >= period.periodStart).toBe(true);
          expect(period.periodEnd < TODAY).toBe(true);
        }
        if (pilot.startsOn && pilot.endsOn) expect(pilot.endsOn >= pilot.startsOn).toBe(true);
      }
      expect(plan.pilotOutcomes.every((o) => o.count > 0)).toBe(true);
      expect(plan.pilotOutcomes.some((o) => o.count >= 1 && o.count <= 4)).toBe(true);
    });

    it("has health checks for about 30% of active partnerships, 2-3 members over 2 periods", () => {
      const active = plan.partnerships.filter((p) => p.status === "active");
      const checked = groupBy(plan.healthChecks, (h) => h.partnershipId);
      expect(share(checked.size, active.length)).toBeGreaterThan(0.15);
      expect(share(checked.size, active.length)).toBeLessThan(0.45);
      const activeIds = new Set(active.map((p) => p.id));
      for (const [partnershipId, list] of checked) {
        expect(activeIds.has(partnershipId)).toBe(true);
        const respondents = new Set(list.map((h) => h.respondentOrganisationId));
        expect(respondents.size).toBeGreaterThanOrEqual(2);
        expect(respondents.size).toBeLessThanOrEqual(3);
        expect(new Set(list.map((h) => h.period)).size).toBe(2);
        for (const h of list) {
          expect(h.period).toMatch(/^\d{4}-Q[1-4]$/);
          for (const v of [h.trust, h.powerBalance, h.communication])
            if (v != null) expect(v >= 1 && v <= 5).toBe(true);
        }
      }
    });
  });
});

describe("seedSynthetic", () => {
  let db: Db;
  let summary: SyntheticSummary;
  const options = { organisations: 200, seed: 5, today: TODAY };

  beforeAll(async () => {
    db = (await testDb()).db;
    summary = await seedSynthetic(db, options);
  });

  const tableCount = (table: PgTable) => countOf(db, table);

  it("inserts exactly the plan", async () => {
    const expected = countPlan(planSyntheticNetwork({ ...options, indexOffset: 0 }));
    expect(summary.counts).toEqual(expected);
    expect(summary.indexOffset).toBe(0);
    const actual = {
      organisations: await tableCount(organisations),
      municipalities: await tableCount(municipalities),
      partnerships: await tableCount(partnerships),
      partnershipMembers: await tableCount(partnershipMembers),
      relationships: await tableCount(relationships),
      objectives: await tableCount(objectives),
      fundingLines: await tableCount(fundingLines),
      risks: await tableCount(risks),
      healthChecks: await tableCount(healthChecks),
      pilots: await tableCount(pilots),
      milestones: await tableCount(milestones),
      pilotPeriods: await tableCount(pilotPeriods),
      pilotOutcomes: await tableCount(pilotOutcomes),
    };
    expect(actual).toEqual(expected);
  });

  it("links local authorities and municipalities both ways in the database", async () => {
    const [row] = await db
      .select({ n: count() })
      .from(organisations)
      .innerJoin(municipalities, eq(municipalities.id, organisations.municipalityId))
      .where(eq(municipalities.organisationId, organisations.id));
    expect(row?.n).toBe(summary.counts.municipalities);
  });

  it("writes one system audit entry per record, in one batch", async () => {
    const entries = await db
      .select({
        entityType: auditLog.entityType,
        n: count(),
        users: sql<number>`count(${auditLog.userId})::int`,
      })
      .from(auditLog)
      .where(eq(auditLog.batchId, summary.batchId))
      .groupBy(auditLog.entityType);
    const total = entries.reduce((s, e) => s + e.n, 0);
    expect(total).toBe(summary.auditEntries);
    expect(total).toBe(Object.values(summary.counts).reduce((s, n) => s + n, 0));
    expect(entries.every((e) => e.users === 0)).toBe(true);
    const byType = Object.fromEntries(entries.map((e) => [e.entityType, e.n]));
    expect(byType.organisation).toBe(summary.counts.organisations);
    expect(byType.partnership).toBe(summary.counts.partnerships);
    expect(byType.risk).toBe(summary.counts.risks);
    const [actions] = await db
      .select({ n: count() })
      .from(auditLog)
      .where(sql`${auditLog.batchId} = ${summary.batchId} and ${auditLog.action} <> 'seed'`);
    expect(actions?.n).toBe(0);
  });

  it("adds to what is there: a second run continues the numbering", async () => {
    const second = await seedSynthetic(db, { organisations: 20, seed: 5, today: TODAY });
    expect(second.indexOffset).toBe(200);
    expect(second.batchId).not.toBe(summary.batchId);
    expect(await tableCount(organisations)).toBe(220);
    const names = await db.select({ name: organisations.name }).from(organisations);
    expect(new Set(names.map((n) => n.name)).size).toBe(220);
    expect(names.some((n) => n.name.endsWith("(Synthetic #220)"))).toBe(true);
  });
});

async function countOf(db: Db, table: PgTable): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table);
  return row?.n ?? 0;
}
