// The demo seed (app/db/seed/demo.server.ts) against a fresh migrated database: counts, the
// partnership invariants, the audit trail of every inserted row, the sourced figures, and the
// refusal to seed a database that already has data.
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rows } from "../../app/db/rows.server";
import {
  auditLog,
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
} from "../../app/db/schema";
import { icamFunding, sources } from "../../app/db/seed/demo-data";
import {
  demoEntityTypes,
  DemoSeedRefusedError,
  resolveQuarter,
  seedDemo,
  type DemoSeedSummary,
} from "../../app/db/seed/demo.server";
import { pathwayGroup, type OutcomeGroup } from "../../app/lib/enums";
import { testDb } from "../helpers/db";

const TODAY = "2026-11-26";

const database = await testDb();
const db = database.db;

let summary: DemoSeedSummary;

beforeAll(async () => {
  summary = await seedDemo(db, { today: TODAY });
});

async function countOf(table: Parameters<ReturnType<typeof db.select>["from"]>[0]): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table);
  return row?.n ?? 0;
}

describe("seedDemo", () => {
  it("loads the minimum dataset", async () => {
    expect(summary.organisations).toBeGreaterThanOrEqual(40);
    expect(summary.partnerships).toBeGreaterThanOrEqual(10);
    expect(summary.municipalities).toBeGreaterThanOrEqual(10);
    expect(summary.pilots).toBe(6);
    expect(summary.events).toBeGreaterThanOrEqual(1);
    expect(await countOf(organisations)).toBe(summary.organisations);
    expect(await countOf(partnerships)).toBe(summary.partnerships);
    expect(await countOf(municipalities)).toBe(summary.municipalities);
    expect(await countOf(pilots)).toBe(6);
    expect(await countOf(events)).toBe(summary.events);
    expect(await countOf(auditLog)).toBe(summary.auditEntries);
  });

  it("links every municipality and its local authority both ways", async () => {
    const all = await db
      .select({
        municipalityId: municipalities.id,
        orgMunicipalityId: organisations.municipalityId,
        type: organisations.type,
      })
      .from(municipalities)
      .leftJoin(organisations, eq(organisations.id, municipalities.organisationId));
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const m of all) {
      expect(m.type).toBe("local_authority");
      expect(m.orgMunicipalityId).toBe(m.municipalityId);
    }
  });

  it("gives every partnership with members exactly one lead, and every active one two members or more", async () => {
    const perPartnership = await db
      .select({
        id: partnerships.id,
        name: partnerships.name,
        status: partnerships.status,
        members: sql<number>`count(${partnershipMembers.id})::int`,
        leads: sql<number>`count(${partnershipMembers.id}) filter (where ${partnershipMembers.role} = 'lead')::int`,
      })
      .from(partnerships)
      .leftJoin(
        partnershipMembers,
        and(eq(partnershipMembers.partnershipId, partnerships.id), isNull(partnershipMembers.leftOn)),
      )
      .groupBy(partnerships.id);
    expect(perPartnership.length).toBe(summary.partnerships);
    for (const p of perPartnership) {
      if (p.members > 0) expect(p.leads, p.name).toBe(1);
      if (p.status === "active") expect(p.members, p.name).toBeGreaterThanOrEqual(2);
    }
    const statuses = new Set(perPartnership.map((p) => p.status));
    expect(statuses.has("active")).toBe(true);
    expect(statuses.size).toBeGreaterThanOrEqual(3);
  });

  it("records an audit entry (seed, system actor, one batch) for every inserted row of every table", async () => {
    const tables = [
      [organisations, demoEntityTypes.organisation],
      [municipalities, demoEntityTypes.municipality],
      [relationships, demoEntityTypes.relationship],
      [partnerships, demoEntityTypes.partnership],
      [partnershipMembers, demoEntityTypes.partnershipMember],
      [documents, demoEntityTypes.document],
      [objectives, demoEntityTypes.objective],
      [fundingLines, demoEntityTypes.fundingLine],
      [risks, demoEntityTypes.risk],
      [healthChecks, demoEntityTypes.healthCheck],
      [pilots, demoEntityTypes.pilot],
      [milestones, demoEntityTypes.milestone],
      [pilotPeriods, demoEntityTypes.pilotPeriod],
      [pilotOutcomes, demoEntityTypes.pilotOutcome],
      [events, demoEntityTypes.event],
      [eventOrganisers, demoEntityTypes.eventOrganiser],
      [eventParticipants, demoEntityTypes.eventParticipant],
      [eventTakeaways, demoEntityTypes.eventTakeaway],
      [followUpActions, demoEntityTypes.followUpAction],
    ] as const;
    let total = 0;
    for (const [table, entityType] of tables) {
      const n = await countOf(table);
      expect(n, entityType).toBeGreaterThan(0);
      total += n;
      const unmatched = rows<{ n: number }>(
        await db.execute(sql`
          select count(*)::int as n from ${table} t
          where not exists (
            select 1 from ${auditLog} a
            where a.entity_type = ${entityType} and a.entity_id = t.id::text
              and a.action = 'seed' and a.user_id is null and a.after is not null
          )`),
      )[0]?.n;
      expect(unmatched, entityType).toBe(0);
      const [entries] = await db
        .select({ n: count() })
        .from(auditLog)
        .where(eq(auditLog.entityType, entityType));
      expect(entries?.n, entityType).toBe(n);
    }
    expect(summary.auditEntries).toBe(total);
    const batches = await db
      .selectDistinct({ batchId: auditLog.batchId, userId: auditLog.userId, action: auditLog.action })
      .from(auditLog);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.batchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(batches[0]?.userId).toBeNull();
    expect(batches[0]?.action).toBe("seed");
  });

  it("audits organisations with their final row (municipality link included)", async () => {
    const [amsterdam] = await db
      .select()
      .from(organisations)
      .where(eq(organisations.name, "Municipality of Amsterdam"));
    expect(amsterdam?.municipalityId).toBeTruthy();
    const [entry] = await db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "organisation"), eq(auditLog.entityId, amsterdam?.id ?? "")));
    expect(entry?.after?.municipalityId).toBe(amsterdam?.municipalityId);
  });

  it("has health checks from several members over three quarters, submitted by no user", async () => {
    const all = await db.select().from(healthChecks);
    expect(all.every((h) => h.submittedBy === null)).toBe(true);
    const periods = new Set(all.map((h) => h.period));
    expect([...periods].sort()).toEqual(["2026-Q1", "2026-Q2", "2026-Q3"]);
    const byPartnership = new Map<string, Set<string>>();
    for (const h of all) {
      const set = byPartnership.get(h.partnershipId) ?? new Set<string>();
      set.add(h.respondentOrganisationId);
      byPartnership.set(h.partnershipId, set);
    }
    expect(byPartnership.size).toBeGreaterThanOrEqual(4);
    for (const respondents of byPartnership.values()) expect(respondents.size).toBeGreaterThanOrEqual(2);
    // Spread: somewhere one member trusts (4+) while another does not (2-).
    const trust = all.map((h) => h.trust).filter((t): t is number => t !== null);
    expect(Math.max(...trust)).toBeGreaterThanOrEqual(4);
    expect(Math.min(...trust)).toBeLessThanOrEqual(2);
  });

  it("records the ICAM funding line as sourced (AMIF-060-086)", async () => {
    const [icam] = await db.select().from(fundingLines).where(eq(fundingLines.reference, "AMIF-060-086"));
    expect(icam).toMatchObject({
      source: "amif",
      amount: "5139366.07",
      currency: "EUR",
      cofinancingRate: 75,
      startsOn: "2022-01-01",
      endsOn: "2024-12-31",
      illustrative: false,
      voluntaryReturnOnly: false,
    });
    expect(icam?.amount).toBe(icamFunding.amount);
    const [recipient] = await db
      .select({ acronym: organisations.acronym })
      .from(organisations)
      .where(eq(organisations.id, icam?.recipientOrganisationId ?? ""));
    expect(recipient?.acronym).toBe("DVZ/OE");
    // AMIF share 3,854,524.55 is 75% of the total.
    expect(Math.round(Number(icamFunding.amount) * 75) / 100).toBeCloseTo(Number(icamFunding.amifShare), 1);
  });

  it("has a funding line restricted to voluntary return, and an objective without an indicator", async () => {
    const restricted = await db.select().from(fundingLines).where(eq(fundingLines.voluntaryReturnOnly, true));
    expect(restricted.length).toBeGreaterThanOrEqual(1);
    expect(restricted.some((f) => f.pathwaysCovered.join() === "voluntary_return")).toBe(true);
    const undefinedObjectives = await db.select().from(objectives).where(isNull(objectives.indicator));
    expect(undefinedObjectives.length).toBeGreaterThanOrEqual(1);
  });

  it("attaches every source as a document link", async () => {
    const urls = new Set((await db.select({ url: documents.url }).from(documents)).map((d) => d.url));
    for (const url of Object.values(sources)) expect(urls.has(url), url).toBe(true);
  });

  it("keeps the LVV outcomes in line with the final evaluation and Groningen's first year", async () => {
    const lvv = await db
      .select({
        pilot: pilots.name,
        periodStart: pilotPeriods.periodStart,
        newParticipants: pilotPeriods.newParticipants,
        periodId: pilotPeriods.id,
      })
      .from(pilotPeriods)
      .innerJoin(pilots, eq(pilots.id, pilotPeriods.pilotId))
      .where(sql`${pilots.name} like 'LVV %'`);
    const outcomes = await db.select().from(pilotOutcomes);
    const byPeriod = new Map<string, typeof outcomes>();
    for (const o of outcomes) byPeriod.set(o.pilotPeriodId, [...(byPeriod.get(o.pilotPeriodId) ?? []), o]);
    const groups: Record<OutcomeGroup, number> = { durable: 0, semi_durable: 0, no_solution: 0 };
    let participants = 0;
    for (const period of lvv) {
      participants += period.newParticipants;
      for (const o of byPeriod.get(period.periodId) ?? []) groups[pathwayGroup[o.pathway]] += o.count;
    }
    const left = groups.durable + groups.semi_durable + groups.no_solution;
    expect(participants).toBe(2065);
    expect(left).toBe(1258);
    expect(Math.round((100 * groups.durable) / left)).toBe(18);
    expect(Math.round((100 * groups.semi_durable) / left)).toBe(41);
    expect(Math.round((100 * groups.no_solution) / left)).toBe(41);

    const groningen = lvv.find((p) => p.pilot === "LVV Groningen" && p.periodStart === "2019-04-01");
    expect(groningen?.newParticipants).toBe(330);
    const firstYear = byPeriod.get(groningen?.periodId ?? "") ?? [];
    expect(firstYear.reduce((sum, o) => sum + o.count, 0)).toBe(133);
    expect(
      firstYear.filter((o) => pathwayGroup[o.pathway] === "durable").reduce((sum, o) => sum + o.count, 0),
    ).toBe(36);
    // Small counts exist, so small-count suppression has cases.
    expect(outcomes.some((o) => o.count >= 1 && o.count <= 4)).toBe(true);
  });

  it("has milestones and follow-ups that are done, overdue and upcoming", async () => {
    const open = (status: string) => status !== "done" && status !== "cancelled" && status !== "dropped";
    const allMilestones = await db.select().from(milestones);
    expect(allMilestones.some((m) => m.status === "done")).toBe(true);
    expect(allMilestones.some((m) => open(m.status) && m.dueOn !== null && m.dueOn < TODAY)).toBe(true);
    expect(allMilestones.some((m) => open(m.status) && m.dueOn !== null && m.dueOn > TODAY)).toBe(true);
    const actions = await db.select().from(followUpActions);
    expect(actions.some((a) => a.status === "done" && a.doneOn !== null)).toBe(true);
    expect(actions.some((a) => open(a.status) && a.dueOn !== null && a.dueOn < TODAY)).toBe(true);
    expect(actions.some((a) => open(a.status) && a.dueOn !== null && a.dueOn > TODAY)).toBe(true);
  });

  it("refuses to seed a database that has organisations, and changes nothing", async () => {
    const before = [await countOf(organisations), await countOf(partnerships), await countOf(auditLog)];
    await expect(seedDemo(db, { today: TODAY })).rejects.toBeInstanceOf(DemoSeedRefusedError);
    await expect(seedDemo(db)).rejects.toThrow(/only loaded into an empty database/);
    expect([await countOf(organisations), await countOf(partnerships), await countOf(auditLog)]).toEqual(
      before,
    );
  });
});

describe("resolveQuarter", () => {
  it("counts back whole quarters across years", () => {
    expect(resolveQuarter({ quartersBeforeToday: 1 }, "2026-11-26")).toBe("2026-Q3");
    expect(resolveQuarter({ quartersBeforeToday: 1 }, "2026-01-01")).toBe("2025-Q4");
    expect(resolveQuarter({ quartersBeforeToday: 3 }, "2026-03-31")).toBe("2025-Q2");
    expect(resolveQuarter("2024-Q2", "2026-11-26")).toBe("2024-Q2");
  });
});
