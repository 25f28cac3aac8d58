// The municipalities model: the list (country filter, pilots, next and overdue milestones, latest
// outcome period, sorting, pages), a municipality's page, the comparison of pilots (participants,
// outcome shares, milestones on time, funding per participant) and the fixed number of queries at two
// sizes. The LVV demo data's 18 / 41 / 41 is in pilots-demo.test.ts.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { municipalities } from "~/db/schema";
import { showComparison } from "~/lib/comparison";
import { comparePilots } from "~/models/municipalities-comparison.server";
import {
  listMunicipalities,
  loadMunicipalityPage,
  municipalityCountries,
  UPCOMING_DAYS,
} from "~/models/municipalities.server";
import {
  addDays,
  addMember,
  createFundingLine,
  createMilestone,
  createMunicipality,
  createOrganisation,
  createPartnership,
  createPilot,
  createPilotOutcome,
  createPilotPeriod,
} from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";

const TODAY = "2026-11-26";
const database = await testDb();
const { db } = database;
const page = { page: 1, pageSize: 25 };

// Countries of their own, so each block of tests sees only its own municipalities.
async function municipalityWithPilots(country: string, name: string) {
  const municipality = await createMunicipality(db, { countryCode: country, name });
  const pilot = await createPilot(db, { municipalityId: municipality.id, name: `${name} pilot` });
  return { municipality, pilot };
}

describe("the list", () => {
  test("counts pilots, finds the next and the overdue milestones and the latest period, by country", async () => {
    const { municipality: a, pilot } = await municipalityWithPilots("LU", "Alpha");
    const second = await createPilot(db, { municipalityId: a.id, name: "Alpha second" });
    const archived = await createPilot(db, { municipalityId: a.id, archivedAt: new Date() });
    // Overdue: open and due before today (done, cancelled, archived ones and archived pilots don't count).
    await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, -10), status: "delayed" });
    await createMilestone(db, { pilotId: second.id, dueOn: addDays(TODAY, -1), status: "planned" });
    await createMilestone(db, {
      pilotId: pilot.id,
      dueOn: addDays(TODAY, -5),
      status: "done",
      doneOn: TODAY,
    });
    await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, -5), status: "cancelled" });
    await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, -5), archivedAt: new Date() });
    await createMilestone(db, { pilotId: archived.id, dueOn: addDays(TODAY, -5) });
    // Next: the earliest open one due today or later, across pilots.
    await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, 9), title: "Later" });
    const next = await createMilestone(db, { pilotId: second.id, dueOn: TODAY, title: "Today" });
    await createMilestone(db, { pilotId: archived.id, dueOn: addDays(TODAY, 1) });
    await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, 2), status: "done", doneOn: TODAY });
    // Latest period end across its pilots (archived periods and pilots left out).
    await createPilotPeriod(db, { pilotId: pilot.id, periodStart: "2025-01-01", periodEnd: "2025-03-31" });
    await createPilotPeriod(db, { pilotId: second.id, periodStart: "2025-04-01", periodEnd: "2025-06-30" });
    await createPilotPeriod(db, {
      pilotId: second.id,
      periodStart: "2025-07-01",
      periodEnd: "2025-09-30",
      archivedAt: new Date(),
    });
    await createPilotPeriod(db, { pilotId: archived.id, periodStart: "2026-01-01", periodEnd: "2026-03-31" });
    const { municipality: b } = await municipalityWithPilots("MT", "Beta");
    const empty = await createMunicipality(db, { countryCode: "LU", name: "Gamma" });
    await createMunicipality(db, { countryCode: "LU", name: "Archived", archivedAt: new Date() });

    const list = await listMunicipalities(db, page, { country: "LU" }, TODAY);
    expect(list.total).toBe(2);
    expect(list.items.map((m) => m.name)).toEqual(["Alpha", "Gamma"]);
    expect(list.items[0]).toMatchObject({
      id: a.id,
      countryCode: "LU",
      pilotsCount: 2,
      overdueMilestones: 2,
      latestPeriodEnd: "2025-06-30",
      nextMilestone: {
        id: next.id,
        title: "Today",
        dueOn: TODAY,
        pilotId: second.id,
        pilotName: "Alpha second",
      },
    });
    expect(list.items[1]).toMatchObject({
      id: empty.id,
      pilotsCount: 0,
      overdueMilestones: 0,
      latestPeriodEnd: null,
      nextMilestone: null,
    });
    const malta = await listMunicipalities(db, page, { country: "MT" }, TODAY);
    expect(malta.items.map((m) => m.id)).toEqual([b.id]);
    expect(await municipalityCountries(db)).toEqual(expect.arrayContaining(["LU", "MT"]));
  });

  test("sorts by each column, unknown values last, and pages", async () => {
    const names = ["Sort A", "Sort B", "Sort C"];
    const made = [];
    for (const [i, name] of names.entries()) {
      const { pilot } = await municipalityWithPilots("SI", name);
      for (let k = 0; k < i; k++)
        await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, -1 - k) });
      if (i > 0) await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, 10 - i) });
      made.push(pilot);
    }
    const sorted = async (sort: "overdue" | "next" | "name", dir: "asc" | "desc") =>
      (await listMunicipalities(db, page, { country: "SI", sort, dir }, TODAY)).items.map((m) => m.name);
    expect(await sorted("overdue", "desc")).toEqual(["Sort C", "Sort B", "Sort A"]);
    expect(await sorted("overdue", "asc")).toEqual(["Sort A", "Sort B", "Sort C"]);
    expect(await sorted("next", "asc")).toEqual(["Sort C", "Sort B", "Sort A"]);
    expect(await sorted("next", "desc")).toEqual(["Sort B", "Sort C", "Sort A"]);
    expect(await sorted("name", "desc")).toEqual(["Sort C", "Sort B", "Sort A"]);
    const second = await listMunicipalities(db, { page: 2, pageSize: 2 }, { country: "SI" }, TODAY);
    expect(second).toMatchObject({ total: 3, pages: 2, page: 2 });
    expect(second.items.map((m) => m.name)).toEqual(["Sort C"]);
  });
});

describe("a municipality's page", () => {
  test("has its local authority, that authority's partnerships, its pilots and its open milestones", async () => {
    const authority = await createOrganisation(db, {
      type: "local_authority",
      level: "local",
      name: "City of Delta",
    });
    const municipality = await createMunicipality(db, {
      countryCode: "CY",
      name: "Delta",
      organisationId: authority.id,
    });
    const partnership = await createPartnership(db, { name: "Delta covenant", status: "active" });
    await addMember(db, { partnershipId: partnership.id, organisationId: authority.id, role: "lead" });
    const pilot = await createPilot(db, { municipalityId: municipality.id, name: "Delta pilot" });
    await createPilot(db, { municipalityId: municipality.id, archivedAt: new Date() });
    const overdue = await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, -3) });
    const soon = await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, UPCOMING_DAYS) });
    await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, UPCOMING_DAYS + 1) });
    await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, 5), status: "done", doneOn: TODAY });

    const data = await loadMunicipalityPage(db, municipality.id, TODAY);
    expect(data?.municipality).toMatchObject({
      name: "Delta",
      organisationId: authority.id,
      organisationName: "City of Delta",
    });
    expect(data?.partnerships).toEqual([
      { id: partnership.id, name: "Delta covenant", status: "active", role: "lead", leftOn: null },
    ]);
    expect(data?.pilots.map((p) => p.id)).toEqual([pilot.id]);
    expect(data?.overdue.map((m) => m.id)).toEqual([overdue.id]);
    expect(data?.upcoming.map((m) => m.id)).toEqual([soon.id]);
    expect(data?.upcoming[0]).toMatchObject({ pilotName: "Delta pilot", overdue: false });
    // The alerts of its pilots (lib/alerts.ts): the overdue milestone is one.
    expect(data?.alerts).toContainEqual(
      expect.objectContaining({ kind: "milestone_overdue", pilotId: pilot.id, milestoneId: overdue.id }),
    );
  });

  test("cuts the overdue and the upcoming lists each at the limit and counts what is left out", async () => {
    const { municipality, pilot } = await municipalityWithPilots("MT", "Many");
    for (const day of [-9, -8, -7])
      await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, day) });
    for (const day of [0, 1, 2, 3])
      await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, day) });
    const data = await loadMunicipalityPage(db, municipality.id, TODAY, 2);
    expect(data?.overdue.map((m) => m.dueOn)).toEqual([addDays(TODAY, -9), addDays(TODAY, -8)]);
    expect(data?.upcoming.map((m) => m.dueOn)).toEqual([TODAY, addDays(TODAY, 1)]);
    expect([data?.overdueTotal, data?.upcomingTotal]).toEqual([3, 4]);
    const all = await loadMunicipalityPage(db, municipality.id, TODAY);
    expect([all?.overdue.length, all?.upcoming.length, all?.overdueTotal, all?.upcomingTotal]).toEqual([
      3, 4, 3, 4,
    ]);
  });

  test("is null for an unknown or malformed id", async () => {
    expect(await loadMunicipalityPage(db, "00000000-0000-4000-8000-000000000000", TODAY)).toBeNull();
    expect(await loadMunicipalityPage(db, "not-a-uuid", TODAY)).toBeNull();
  });
});

describe("the comparison", () => {
  test("adds up participants and outcomes, milestones on time and funding per participant", async () => {
    const { municipality, pilot } = await municipalityWithPilots("EE", "Epsilon");
    const p1 = await createPilotPeriod(db, {
      pilotId: pilot.id,
      periodStart: "2025-01-01",
      periodEnd: "2025-06-30",
      newParticipants: 30,
      participantsAtEnd: 20,
    });
    const p2 = await createPilotPeriod(db, {
      pilotId: pilot.id,
      periodStart: "2025-07-01",
      periodEnd: "2025-12-31",
      newParticipants: 10,
      participantsAtEnd: 15,
    });
    await createPilotPeriod(db, { pilotId: pilot.id, newParticipants: 99, archivedAt: new Date() });
    await createPilotOutcome(db, { pilotPeriodId: p1.id, pathway: "residence_permit", count: 6 });
    await createPilotOutcome(db, { pilotPeriodId: p1.id, pathway: "new_asylum_application", count: 4 });
    await createPilotOutcome(db, { pilotPeriodId: p2.id, pathway: "voluntary_return", count: 2 });
    await createPilotOutcome(db, { pilotPeriodId: p2.id, pathway: "departed_unknown", count: 8 });
    await createMilestone(db, {
      pilotId: pilot.id,
      dueOn: "2025-02-01",
      doneOn: "2025-02-01",
      status: "done",
    });
    await createMilestone(db, {
      pilotId: pilot.id,
      dueOn: "2025-02-01",
      doneOn: "2025-01-15",
      status: "done",
    });
    await createMilestone(db, {
      pilotId: pilot.id,
      dueOn: "2025-02-01",
      doneOn: "2025-03-01",
      status: "done",
    });
    // Overdue: due and not done, so not on time. Cancelled, archived and not yet due: not counted.
    await createMilestone(db, { pilotId: pilot.id, dueOn: "2025-02-01", status: "planned" });
    await createMilestone(db, { pilotId: pilot.id, dueOn: "2025-02-01", status: "cancelled" });
    await createMilestone(db, {
      pilotId: pilot.id,
      dueOn: "2025-02-01",
      doneOn: "2025-01-01",
      status: "done",
      archivedAt: new Date(),
    });
    await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, 1), status: "planned" });
    await createFundingLine(db, { pilotId: pilot.id, amount: "100000.00", currency: "EUR" });
    await createFundingLine(db, { pilotId: pilot.id, amount: "20000.01", currency: "EUR" });
    await createFundingLine(db, {
      pilotId: pilot.id,
      amount: "5.00",
      currency: "EUR",
      archivedAt: new Date(),
    });
    // Two currencies: unknown; a line without an amount: unknown; no line: unknown.
    const mixed = await createPilot(db, { municipalityId: municipality.id, name: "Mixed" });
    await createFundingLine(db, { pilotId: mixed.id, amount: "1.00", currency: "EUR" });
    await createFundingLine(db, { pilotId: mixed.id, amount: "1.00", currency: "CHF" });
    const missing = await createPilot(db, { municipalityId: municipality.id, name: "Missing" });
    await createFundingLine(db, { pilotId: missing.id, amount: null });
    await createPilotPeriod(db, { pilotId: missing.id, newParticipants: 3 });

    const rows = await comparePilots(db, { country: "EE" }, TODAY);
    expect(rows.map((r) => r.name)).toEqual(["Epsilon pilot", "Missing", "Mixed"]);
    const [epsilon, missingRow, mixedRow] = rows;
    expect(epsilon).toMatchObject({
      municipalityId: municipality.id,
      municipalityName: "Epsilon",
      countryCode: "EE",
      summary: {
        newParticipants: 40,
        participantsAtEnd: 15,
        left: 20,
        groups: { durable: 8, semi_durable: 4, no_solution: 8 },
      },
      milestonesDue: 4,
      milestonesOnTime: 2,
      // 120000.01 / 40 = 3000.00025
      funding: { kind: "known", currency: "EUR", total: "120000.01", perParticipant: "3000.00" },
    });
    expect(mixedRow?.funding).toEqual({ kind: "unknown", reason: "currencies" });
    expect(missingRow?.funding).toEqual({ kind: "unknown", reason: "amountMissing" });
    expect(missingRow?.summary.left).toBe(0);

    // What a coordinator sees and what everyone else sees.
    const exact = showComparison(rows, () => true);
    expect(exact.rows[0]).toMatchObject({
      participants: { kind: "exact", value: 40 },
      shares: { durable: 40, semi_durable: 20, no_solution: 40 },
      onTimeShare: 50,
    });
    const shown = showComparison(rows, () => false);
    // As on the pilot's outcomes page (showCumulative): asylum 4 and return 2 are "<5"; permit 6 and
    // departed 8 are hidden in their periods (secondary suppression), so every group is rounded.
    expect(shown.rows[0]?.groups).toEqual({
      durable: { kind: "rounded", value: 10 },
      semi_durable: { kind: "suppressed" },
      no_solution: { kind: "rounded", value: 10 },
    });
    expect(shown.rows[0]?.left).toEqual({ kind: "rounded", value: 20 });
    expect(shown.rows[0]?.shares).toEqual({ durable: 40, semi_durable: 20, no_solution: 40 });
    // 3 participants: "<5", and the funding per participant would give them away.
    expect(shown.rows[1]?.participants).toEqual({ kind: "suppressed" });
    // 43 participants with a "<5" row among them: rounded.
    expect(shown.total).toMatchObject({
      pilots: 3,
      exact: false,
      participants: { kind: "rounded", value: 45 },
    });
  });
});

describe("a fixed number of queries", () => {
  /** n municipalities; the first (whose page is measured) has n pilots, the others one each. */
  async function grow(country: string, n: number) {
    const authority = await createOrganisation(db, { type: "local_authority" });
    for (let i = 0; i < n; i++) {
      const { municipality, pilot } = await municipalityWithPilots(country, `${country} ${i}`);
      const pilotsHere = [pilot];
      if (i === 0) {
        await db
          .update(municipalities)
          .set({ organisationId: authority.id })
          .where(eq(municipalities.id, municipality.id));
        for (let k = 1; k < n; k++) {
          await addMember(db, {
            partnershipId: (await createPartnership(db)).id,
            organisationId: authority.id,
          });
          pilotsHere.push(await createPilot(db, { municipalityId: municipality.id }));
        }
      }
      for (const [k, each] of pilotsHere.entries()) {
        await createMilestone(db, { pilotId: each.id, dueOn: addDays(TODAY, i + k - 2) });
        const period = await createPilotPeriod(db, { pilotId: each.id });
        await createPilotOutcome(db, { pilotPeriodId: period.id });
        await createFundingLine(db, { pilotId: each.id });
      }
    }
  }

  test("for the list, the page and the comparison, at 2 and at 12 municipalities (and pilots)", async () => {
    await grow("LT", 2);
    await grow("LV", 12);
    const counting = await countingDb(database);
    const measure = async (country: string) => {
      const counts: number[] = [];
      counting.reset();
      const list = await listMunicipalities(counting.db, page, { country }, TODAY);
      counts.push(counting.count());
      counting.reset();
      await comparePilots(counting.db, { country });
      counts.push(counting.count());
      counting.reset();
      const data = await loadMunicipalityPage(counting.db, list.items[0]?.id ?? "", TODAY);
      counts.push(counting.count());
      return {
        counts,
        size: list.total,
        pilots: data?.pilots.length,
        partnerships: data?.partnerships.length,
      };
    };
    const small = await measure("LT");
    const large = await measure("LV");
    expect([small.size, large.size]).toEqual([2, 12]);
    expect([small.pilots, large.pilots, small.partnerships, large.partnerships]).toEqual([2, 12, 1, 11]);
    expect(large.counts).toEqual(small.counts);
    expect(small.counts[0]).toBeLessThanOrEqual(3);
    expect(small.counts[1]).toBeLessThanOrEqual(5);
    expect(small.counts[2]).toBeLessThanOrEqual(8);
  });
});
