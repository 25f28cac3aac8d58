// A pilot's overview tab read in a fixed number of queries (models/pilot-overview.server.ts and
// models/pilot-actions.server.ts): the same answer as the model functions it stands in for (findPilot,
// listDocuments, fundingOverview, partnershipSignals, loadPilotAlerts, loadPeriods, linkedActionsView),
// on a pilot with a bit of everything (archived rows, members who left, several currencies, periods
// out of order, more follow-ups than the cap) and on an empty one; four queries for the tab and one
// for the layout whatever the pilot holds; the same answer again on a second call (the statements are
// built once per database handle).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Organisation, Partnership, Pilot } from "~/db/schema";
import { addDays } from "~/lib/alerts";
import { todayIso } from "~/lib/objectives";
import { loadPilotAlerts } from "~/models/alerts.server";
import { listDocuments } from "~/models/documents.server";
import { fundingOverview } from "~/models/funding.server";
import { linkedActionsView } from "~/models/linked-actions.server";
import { loadPeriods } from "~/models/outcomes.server";
import { loadPilotOverview } from "~/models/pilot-overview.server";
import { findPilot, findPilotHeader } from "~/models/pilots.server";
import { partnershipSignals } from "~/models/signals.server";
import * as layoutRoute from "~/routes/pilots.$id";
import * as overviewRoute from "~/routes/pilots.$id._index";
import {
  addMember,
  createDocument,
  createEvent,
  createFollowUpAction,
  createFundingLine,
  createHealthCheck,
  createMilestone,
  createObjective,
  createOrganisation,
  createPartnership,
  createPilot,
  createPilotPeriod,
  createRisk,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";
import { authUserOf, callRoute, get } from "../helpers/routes";

const database = await testDb();
const { db } = database;
const TODAY = todayIso();
const archivedAt = new Date();

let partnership: Partnership;
let full: Pilot;
let empty: Pilot;
let orgs: Organisation[];

/** What the overview showed when it read it through the other models (its loader before). */
async function throughOtherModels(id: string) {
  const header = await findPilotHeader(db, id);
  if (!header) return null;
  const owner = { pilotId: id };
  const [pilot, documents, funding, signals, alerts, periods] = await Promise.all([
    findPilot(db, id),
    listDocuments(db, owner),
    fundingOverview(db, owner),
    header.partnershipId ? partnershipSignals(db, [header.partnershipId], TODAY) : Promise.resolve(null),
    loadPilotAlerts(db, id, TODAY),
    loadPeriods(db, [id]),
  ]);
  if (!pilot) return null;
  const { illustrative: _illustrative, ...fields } = pilot;
  const latest = periods.get(id)?.at(-1) ?? null;
  return {
    pilot: fields,
    signals: header.partnershipId ? (signals?.get(header.partnershipId) ?? null) : null,
    documents: documents.map(({ id: documentId, title, url, kind }) => ({
      id: documentId,
      title,
      url,
      kind,
    })),
    funding: {
      lines: funding.lines.length,
      totals: funding.totals.map(({ currency, total }) => ({ currency, total })),
    },
    alerts,
    latestPeriod: latest ? { start: latest.periodStart, end: latest.periodEnd } : null,
  };
}

beforeAll(async () => {
  orgs = await Promise.all(
    ["Municipality", "Return Service", "Legal Aid", "Shelter", "Police"].map((name, i) =>
      createOrganisation(db, { name, acronym: i === 1 ? "RS" : null }),
    ),
  );
  const [a, b, c, d, e] = orgs as [Organisation, Organisation, Organisation, Organisation, Organisation];
  partnership = await createPartnership(db, { name: "LVV covenant" });
  const partnershipId = partnership.id;
  await Promise.all([
    addMember(db, { partnershipId, organisationId: a.id, role: "lead" }),
    addMember(db, { partnershipId, organisationId: b.id }),
    addMember(db, { partnershipId, organisationId: c.id, leftOn: addDays(TODAY, -10) }),
    addMember(db, { partnershipId, organisationId: d.id, leftOn: addDays(TODAY, 10) }),
    addMember(db, { partnershipId, organisationId: e.id, leftOn: addDays(TODAY, -1) }),
    // Health checks of two periods (the latest counts), one answer without a trust score.
    createHealthCheck(db, { partnershipId, respondentOrganisationId: a.id, period: "2024-Q4", trust: 2 }),
    createHealthCheck(db, {
      partnershipId,
      respondentOrganisationId: a.id,
      period: "2025-Q1",
      trust: 4,
      powerBalance: 2,
    }),
    createHealthCheck(db, {
      partnershipId,
      respondentOrganisationId: b.id,
      period: "2025-Q1",
      trust: 3,
      powerBalance: 5,
    }),
    createHealthCheck(db, { partnershipId, respondentOrganisationId: c.id, period: "2025-Q1", trust: null }),
    createFundingLine(db, { partnershipId, recipientOrganisationId: a.id, amount: "300000.00" }),
    createFundingLine(db, { partnershipId, recipientOrganisationId: b.id, amount: "100000.00" }),
    createFundingLine(db, {
      partnershipId,
      recipientOrganisationId: b.id,
      amount: "50000.00",
      currency: "SEK",
    }),
    createFundingLine(db, {
      partnershipId,
      recipientOrganisationId: a.id,
      amount: "50000.00",
      currency: "SEK",
    }),
    createFundingLine(db, { partnershipId, recipientOrganisationId: c.id, amount: null }),
    createFundingLine(db, { partnershipId, recipientOrganisationId: c.id, amount: "900000.00", archivedAt }),
    createRisk(db, { partnershipId, likelihood: 4, impact: 5 }),
    createRisk(db, { partnershipId, likelihood: 5, impact: 5, status: "closed" }),
    createRisk(db, { partnershipId, likelihood: 5, impact: 5, archivedAt }),
    createObjective(db, { partnershipId, indicator: "Returns", target: 12.5 }),
    createObjective(db, { partnershipId, indicator: "  ", target: 3 }),
    createObjective(db, { partnershipId, indicator: null, target: null }),
    createObjective(db, { partnershipId, indicator: "Dropped", target: 1, status: "dropped" }),
    createObjective(db, { partnershipId, indicator: "Archived", target: null, archivedAt }),
  ]);

  full = await createPilot(db, {
    name: "LVV Utrecht",
    partnershipId,
    status: "running",
    targetGroup: "both",
    pathways: ["voluntary_return", "state_reception"],
    startsOn: "2023-01-01",
    endsOn: addDays(TODAY, 400),
    capacity: 25,
    description: "Shelter and guidance",
  });
  const pilotId = full.id;
  const event = await createEvent(db, { title: "Utrecht seminar" });
  const user = await createUser(db, { name: "Case manager" });
  await Promise.all([
    createDocument(db, { pilotId, partnershipId: null, title: "Covenant", kind: "covenant" }),
    createDocument(db, { pilotId, partnershipId: null, title: "Évaluation", kind: "evaluation" }),
    createDocument(db, { pilotId, partnershipId: null, title: "annual report", kind: "report" }),
    createDocument(db, { pilotId, partnershipId: null, title: "Annual report", kind: "report" }),
    ...["Zeta", "Alpha", "Mu"].map((title) =>
      createDocument(db, { pilotId, partnershipId: null, title, kind: "other" }),
    ),
    createDocument(db, { pilotId, partnershipId: null, title: "Old", kind: "other", archivedAt }),
    createDocument(db, { partnershipId, title: "The partnership's own" }),
    createFundingLine(db, {
      pilotId,
      partnershipId: null,
      amount: "1000.10",
      currency: "EUR",
      source: "municipal",
      stage: "implementation",
      endsOn: addDays(TODAY, 30),
    }),
    createFundingLine(db, {
      pilotId,
      partnershipId: null,
      amount: "250.25",
      currency: "EUR",
      source: "national",
      endsOn: addDays(TODAY, 20),
      pathwaysCovered: ["voluntary_return"],
    }),
    createFundingLine(db, {
      pilotId,
      partnershipId: null,
      amount: "99.99",
      currency: "CHF",
      endsOn: "2024-12-31",
    }),
    createFundingLine(db, { pilotId, partnershipId: null, amount: null, endsOn: addDays(TODAY, 25) }),
    createFundingLine(db, { pilotId, partnershipId: null, amount: "5.00", archivedAt }),
    createMilestone(db, { pilotId, title: "Overdue", dueOn: addDays(TODAY, -3) }),
    createMilestone(db, { pilotId, title: "Due soon", dueOn: addDays(TODAY, 5), status: "in_progress" }),
    createMilestone(db, { pilotId, title: "After all funding", dueOn: addDays(TODAY, 60) }),
    createMilestone(db, { pilotId, title: "Done", dueOn: addDays(TODAY, -20), status: "done" }),
    createMilestone(db, { pilotId, title: "Cancelled", dueOn: addDays(TODAY, -21), status: "cancelled" }),
    createMilestone(db, { pilotId, title: "Archived", dueOn: addDays(TODAY, -22), archivedAt }),
    createMilestone(db, { pilotId, title: "Undated" }),
    // The latest period by start is not the one that ends last; the archived one is left out.
    createPilotPeriod(db, { pilotId, periodStart: "2023-01-01", periodEnd: "2024-12-31" }),
    createPilotPeriod(db, { pilotId, periodStart: "2024-01-01", periodEnd: "2024-03-31" }),
    createPilotPeriod(db, { pilotId, periodStart: "2024-04-01", periodEnd: "2024-06-30" }),
    createPilotPeriod(db, { pilotId, periodStart: "2025-01-01", periodEnd: "2025-03-31", archivedAt }),
  ]);
  // More follow-ups than the section shows, of every status, some overdue, one archived.
  const statuses = ["open", "in_progress", "done", "dropped"] as const;
  for (let i = 0; i < 24; i++) {
    const status = statuses[i % 4]!;
    await createFollowUpAction(db, {
      pilotId,
      title: `${i % 3 === 0 ? "a" : "B"} follow-up ${i}`,
      status,
      dueOn: i % 5 === 0 ? null : addDays(TODAY, (i % 7) - 3),
      doneOn: status === "done" ? addDays(TODAY, -i) : null,
      eventId: i % 2 === 0 ? event.id : null,
      ownerOrganisationId: i % 3 === 0 ? (orgs[i % 4] as Organisation).id : null,
      ownerUserId: i % 4 === 1 ? user.id : null,
      archivedAt: i === 7 ? archivedAt : null,
    });
  }
  empty = await createPilot(db, { name: "Nothing yet", status: "planned" });
  // Another partnership and another pilot with a bit of everything: none of it may leak into theirs.
  const otherPartnership = (await createPartnership(db, { name: "Other covenant" })).id;
  const otherPilot = (await createPilot(db, { partnershipId: otherPartnership })).id;
  await Promise.all([
    ...[a, c, e].map((o) => addMember(db, { partnershipId: otherPartnership, organisationId: o.id })),
    createHealthCheck(db, {
      partnershipId: otherPartnership,
      respondentOrganisationId: e.id,
      period: "2025-Q2",
      trust: 1,
      powerBalance: 1,
    }),
    createFundingLine(db, {
      partnershipId: otherPartnership,
      recipientOrganisationId: e.id,
      amount: "7000.00",
    }),
    createRisk(db, { partnershipId: otherPartnership, likelihood: 1, impact: 1 }),
    createObjective(db, { partnershipId: otherPartnership, indicator: "Other", target: 2 }),
    createDocument(db, { pilotId: otherPilot, partnershipId: null, title: "Other pilot's" }),
    createFundingLine(db, { pilotId: otherPilot, partnershipId: null, amount: "1.00", endsOn: null }),
    createMilestone(db, { pilotId: otherPilot, title: "Other overdue", dueOn: addDays(TODAY, -1) }),
    createPilotPeriod(db, { pilotId: otherPilot, periodStart: "2026-01-01", periodEnd: "2026-12-31" }),
    createFollowUpAction(db, { pilotId: otherPilot, title: "Other follow-up", dueOn: addDays(TODAY, -1) }),
  ]);
});

describe("the overview's model", () => {
  it("answers what the other models answer, for a pilot with a bit of everything and an empty one", async () => {
    for (const pilot of [full, empty]) {
      const expected = await throughOtherModels(pilot.id);
      expect(await loadPilotOverview(db, pilot.id, TODAY)).toEqual(expected);
      // Built once per handle: a second call, and another handle, answer the same.
      expect(await loadPilotOverview(db, pilot.id, TODAY)).toEqual(expected);
      expect(await loadPilotOverview((await countingDb(database)).db, pilot.id, TODAY)).toEqual(expected);
    }
    const overview = await loadPilotOverview(db, full.id, TODAY);
    expect(overview?.signals?.trust.value).toBe(3.5);
    expect(overview?.documents.map((d) => d.title)).toEqual([
      "Covenant",
      "Évaluation",
      "Alpha",
      "Mu",
      "Zeta",
      // (Their order depends on the database's collation.)
      expect.stringMatching(/^[aA]nnual report$/),
      expect.stringMatching(/^[aA]nnual report$/),
    ]);
    expect(overview?.funding).toEqual({
      lines: 4,
      totals: [
        { currency: "CHF", total: "99.99" },
        { currency: "EUR", total: "1250.35" },
      ],
    });
    expect(overview?.alerts.map((a) => a.kind)).toEqual([
      "milestone_overdue",
      "milestone_due_soon",
      "milestone_after_funding",
      "outcomes_missing",
    ]);
    expect(overview?.latestPeriod).toEqual({ start: "2024-04-01", end: "2024-06-30" });
    expect(await loadPilotOverview(db, empty.id, TODAY)).toMatchObject({
      signals: null,
      documents: [],
      funding: { lines: 0, totals: [] },
      latestPeriod: null,
    });
  });

  it("answers null for an unknown or malformed id (the malformed one without a query)", async () => {
    const counting = await countingDb(database);
    expect(await loadPilotOverview(counting.db, randomUUID(), TODAY)).toBeNull();
    counting.reset();
    expect(await loadPilotOverview(counting.db, "not-a-uuid", TODAY)).toBeNull();
    expect(counting.count()).toBe(0);
  });

  it("lists the follow-ups of the pilot asked for, built once and bound per call: order, cap, counts, overdue marks", async () => {
    // linkedActionsView's statements are prepared once per handle: each call must still get its own
    // pilot's actions (a value kept from the first call would show the full pilot's on the empty one).
    const view = await linkedActionsView(db, { kind: "pilot", id: full.id }, TODAY);
    expect(view).toMatchObject({ total: 23, open: 12 });
    expect(view.items).toHaveLength(20);
    expect(view.overdue).toBeGreaterThan(0);
    expect(await linkedActionsView(db, { kind: "pilot", id: empty.id }, TODAY)).toEqual({
      items: [],
      total: 0,
      open: 0,
      overdue: 0,
    });
    expect(await linkedActionsView(db, { kind: "pilot", id: full.id }, TODAY)).toEqual(view);
    // Overdue depends on the day bound at the call: nothing is overdue on a day before every due date.
    expect((await linkedActionsView(db, { kind: "pilot", id: full.id }, "2000-01-01")).overdue).toBe(0);
    expect(await linkedActionsView(db, { kind: "pilot", id: "not-a-uuid" }, TODAY)).toEqual({
      items: [],
      total: 0,
      open: 0,
      overdue: 0,
    });
  });
});

describe("the overview's loader", () => {
  it("runs four queries (and the layout one) whatever the pilot holds", async () => {
    const viewer = authUserOf(await createUser(db, { role: "viewer" }));
    const counting = await countingDb(database);
    for (const pilot of [full, empty]) {
      counting.reset();
      const page = await callRoute(counting.db, overviewRoute.loader, get(`/pilots/${pilot.id}`), viewer, {
        id: pilot.id,
      });
      expect(page.status).toBe(200);
      expect(counting.count()).toBe(4);
      counting.reset();
      await callRoute(counting.db, layoutRoute.loader, get(`/pilots/${pilot.id}`), viewer, { id: pilot.id });
      expect(counting.count()).toBe(1);
    }
  });
});
