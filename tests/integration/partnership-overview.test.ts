// A partnership's page read in a fixed number of queries (models/partnership-overview.server.ts and
// linkedActionsView for the follow-ups): the same answer as the model functions they stand in for
// (findPartnershipHeader, findPartnershipOverview, confidentialAccess, partnershipSignals,
// partnershipAttention), on a partnership with a bit of everything (archived rows,
// members who left, several currencies and periods, overdue reviews, more follow-ups than the cap)
// and on an empty one, for viewers with and without confidential access (risk titles); one query for
// the layout and three for the tab whatever the partnership holds; the same answer again on a second
// call and on another handle (the statements are built once per database handle).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import type { Organisation, Partnership } from "~/db/schema";
import { addDays } from "~/lib/alerts";
import { todayIso } from "~/lib/objectives";
import { confidentialAccess } from "~/models/confidential.server";
import { linkedActionsView } from "~/models/linked-actions.server";
import { loadPartnershipHeader, loadPartnershipOverview } from "~/models/partnership-overview.server";
import {
  findPartnershipHeader,
  findPartnershipOverview,
  partnershipAttention,
} from "~/models/partnerships.server";
import { partnershipSignals } from "~/models/signals.server";
import * as layoutRoute from "~/routes/partnerships.$id";
import * as overviewRoute from "~/routes/partnerships.$id._index";
import {
  addMember,
  createEvent,
  createFollowUpAction,
  createFundingLine,
  createHealthCheck,
  createObjective,
  createOrganisation,
  createPartnership,
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

let full: Partnership;
let empty: Partnership;
let other: Partnership;
let orgs: Organisation[];
/** Viewers with and without confidential access to `full`. */
let viewers: Record<string, AuthUser>;

/** What the layout showed when it read it through the other models (its loader before). */
async function headerThroughOtherModels(id: string) {
  const partnership = await findPartnershipHeader(db, id);
  if (!partnership) return undefined;
  const signals = (await partnershipSignals(db, [partnership.id], TODAY)).get(partnership.id);
  return { partnership, signals };
}

/** What the overview showed when it read it through the other models (its loader before). */
async function overviewThroughOtherModels(id: string, viewer: AuthUser) {
  const partnership = await findPartnershipOverview(db, id);
  if (!partnership) return undefined;
  const access = await confidentialAccess(db, viewer, partnership.id);
  const [signals, attention] = await Promise.all([
    partnershipSignals(db, [partnership.id], TODAY),
    partnershipAttention(db, partnership, access, TODAY),
  ]);
  const { illustrative: _illustrative, ...fields } = partnership;
  return { partnership: fields, signals: signals.get(partnership.id), attention };
}

beforeAll(async () => {
  orgs = await Promise.all(
    ["Municipality", "Return Service", "Legal Aid", "Shelter", "Police", "Elsewhere"].map((name) =>
      createOrganisation(db, { name }),
    ),
  );
  const [a, b, c, d, e, f] = orgs as [
    Organisation,
    Organisation,
    Organisation,
    Organisation,
    Organisation,
    Organisation,
  ];
  full = await createPartnership(db, {
    name: "LVV covenant",
    status: "active",
    description: "Shelter and guidance",
    startDate: "2023-01-01",
    endDate: addDays(TODAY, 400),
    scopeLevel: "local",
    formalisation: "covenant",
    governance: "Steering group",
  });
  const partnershipId = full.id;
  await Promise.all([
    // The lead has left: current members are b, c (leaving later) and none of the others.
    addMember(db, { partnershipId, organisationId: a.id, role: "lead", leftOn: addDays(TODAY, -10) }),
    addMember(db, { partnershipId, organisationId: b.id }),
    addMember(db, { partnershipId, organisationId: c.id, leftOn: addDays(TODAY, 10), role: "funder" }),
    addMember(db, { partnershipId, organisationId: d.id, archivedAt }),
    addMember(db, { partnershipId, organisationId: e.id, leftOn: TODAY }),
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
    // Every live line ends (the archived one without an end must not count): funding ends first.
    createFundingLine(db, {
      partnershipId,
      recipientOrganisationId: b.id,
      amount: "300000.00",
      endsOn: addDays(TODAY, 30),
    }),
    createFundingLine(db, {
      partnershipId,
      recipientOrganisationId: c.id,
      amount: "100000.50",
      endsOn: addDays(TODAY, 20),
    }),
    createFundingLine(db, {
      partnershipId,
      recipientOrganisationId: c.id,
      amount: "50000.00",
      currency: "SEK",
      endsOn: addDays(TODAY, 25),
    }),
    createFundingLine(db, { partnershipId, recipientOrganisationId: null, amount: null, endsOn: TODAY }),
    createFundingLine(db, { partnershipId, recipientOrganisationId: a.id, amount: "900000.00", archivedAt }),
    // Overdue reviews (two live, in review order), a closed one, an archived one, later and undated ones.
    createRisk(db, { partnershipId, title: "Police data sharing", reviewOn: addDays(TODAY, -5) }),
    createRisk(db, {
      partnershipId,
      title: "Funding gap",
      likelihood: 4,
      impact: 5,
      reviewOn: addDays(TODAY, -20),
    }),
    createRisk(db, { partnershipId, title: "Closed one", status: "closed", reviewOn: addDays(TODAY, -30) }),
    createRisk(db, { partnershipId, title: "Archived one", reviewOn: addDays(TODAY, -40), archivedAt }),
    createRisk(db, { partnershipId, title: "Later", status: "mitigating", reviewOn: addDays(TODAY, 5) }),
    createRisk(db, { partnershipId, title: "Undated", likelihood: 5, impact: 5, status: "closed" }),
    createObjective(db, {
      partnershipId,
      title: "Returns",
      indicator: "Returns",
      target: 12.5,
      dueDate: addDays(TODAY, -3),
    }),
    createObjective(db, {
      partnershipId,
      title: "Blank",
      indicator: "  ",
      target: 3,
      dueDate: addDays(TODAY, 60),
    }),
    createObjective(db, { partnershipId, title: "Vague", indicator: null, target: null }),
    createObjective(db, {
      partnershipId,
      title: "Achieved",
      indicator: "x",
      status: "achieved",
      dueDate: addDays(TODAY, -9),
    }),
    createObjective(db, {
      partnershipId,
      title: "Dropped",
      indicator: null,
      status: "dropped",
      dueDate: addDays(TODAY, -8),
    }),
    createObjective(db, {
      partnershipId,
      title: "Archived",
      indicator: null,
      dueDate: addDays(TODAY, -7),
      archivedAt,
    }),
  ]);
  const event = await createEvent(db, { title: "Utrecht seminar" });
  const user = await createUser(db, { name: "Case manager" });
  // More follow-ups than the section shows, of every status, some overdue, one archived.
  const statuses = ["open", "in_progress", "done", "dropped"] as const;
  for (let i = 0; i < 24; i++) {
    const status = statuses[i % 4]!;
    await createFollowUpAction(db, {
      partnershipId,
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
  empty = await createPartnership(db, { name: "Nothing yet", status: "exploring", countryCode: null });
  // Another partnership with a bit of everything, f a member of it only: none of it may leak.
  other = await createPartnership(db, { name: "Other covenant", status: "forming" });
  const otherId = other.id;
  await Promise.all([
    ...[a, e, f].map((o, i) =>
      addMember(db, { partnershipId: otherId, organisationId: o.id, role: i === 0 ? "lead" : "partner" }),
    ),
    createHealthCheck(db, {
      partnershipId: otherId,
      respondentOrganisationId: e.id,
      period: "2025-Q2",
      trust: 1,
      powerBalance: 1,
    }),
    createHealthCheck(db, {
      partnershipId: otherId,
      respondentOrganisationId: f.id,
      period: "2025-Q2",
      trust: 1,
    }),
    createFundingLine(db, { partnershipId: otherId, recipientOrganisationId: e.id, amount: "7000.00" }),
    createRisk(db, {
      partnershipId: otherId,
      title: "Other risk",
      likelihood: 1,
      reviewOn: addDays(TODAY, -1),
    }),
    createObjective(db, { partnershipId: otherId, title: "Other objective", dueDate: addDays(TODAY, -1) }),
    createFollowUpAction(db, { partnershipId: otherId, title: "Other follow-up", dueOn: addDays(TODAY, -1) }),
  ]);
  const viewer = async (role: "coordinator" | "viewer" | "organiser", organisation: Organisation | null) =>
    authUserOf(await createUser(db, { role, organisationId: organisation?.id ?? null }));
  viewers = {
    coordinator: await viewer("coordinator", null),
    member: await viewer("viewer", b),
    leavingLater: await viewer("organiser", c),
    leftToday: await viewer("viewer", e),
    leftLead: await viewer("viewer", a),
    archivedMember: await viewer("viewer", d),
    otherPartnershipsMember: await viewer("viewer", f),
    noOrganisation: await viewer("viewer", null),
  };
});

describe("the partnership's models", () => {
  it("answer what the other models answer, for every viewer, a full and an empty partnership", async () => {
    for (const partnership of [full, empty, other]) {
      const header = await headerThroughOtherModels(partnership.id);
      expect(await loadPartnershipHeader(db, partnership.id, TODAY)).toEqual(header);
      for (const [name, viewer] of Object.entries(viewers)) {
        const expected = await overviewThroughOtherModels(partnership.id, viewer);
        expect(await loadPartnershipOverview(db, partnership.id, viewer, TODAY), name).toEqual(expected);
        // Built once per handle: a second call, and another handle, answer the same.
        expect(await loadPartnershipOverview(db, partnership.id, viewer, TODAY), name).toEqual(expected);
        const counting = await countingDb(database);
        expect(await loadPartnershipOverview(counting.db, partnership.id, viewer, TODAY), name).toEqual(
          expected,
        );
      }
      expect(await loadPartnershipHeader((await countingDb(database)).db, partnership.id, TODAY)).toEqual(
        header,
      );
    }
  });

  it("give the risk titles to coordinators and current members only", async () => {
    const titles = ["Funding gap", "Police data sharing"];
    for (const [name, viewer] of Object.entries(viewers)) {
      const overview = await loadPartnershipOverview(db, full.id, viewer, TODAY);
      const reviews = overview?.attention.find((item) => item.kind === "riskReviewsOverdue");
      const allowed = ["coordinator", "member", "leavingLater"].includes(name);
      expect(reviews, name).toEqual({
        kind: "riskReviewsOverdue",
        count: 2,
        titles: allowed ? titles : null,
      });
      if (!allowed) expect(JSON.stringify(overview), name).not.toMatch(/Police|Funding gap|Closed one/);
    }
  });

  it("read the partnership's own rows only", async () => {
    const overview = await loadPartnershipOverview(db, full.id, viewers.coordinator!, TODAY);
    expect(overview?.attention.map((item) => item.kind)).toEqual([
      "missingLead",
      "objectiveOverdue",
      "objectiveNotClearlyDefined",
      "objectiveNotClearlyDefined",
      "riskReviewsOverdue",
      "fundingEndsBeforeObjectives",
    ]);
    expect(overview?.attention).toContainEqual({
      kind: "fundingEndsBeforeObjectives",
      fundingEnds: addDays(TODAY, 30),
      objectivesDue: addDays(TODAY, 60),
    });
    expect(overview?.signals.trust).toMatchObject({ value: 3.5, period: "2025-Q1" });
    expect(overview?.signals.clarity).toMatchObject({ objectives: 4, clear: 1, notClearlyDefined: 2 });
    expect(JSON.stringify(overview)).not.toMatch(/Other/);
    expect(overview?.partnership).not.toHaveProperty("illustrative");
    const none = await loadPartnershipOverview(db, empty.id, viewers.coordinator!, TODAY);
    expect(none?.attention).toEqual([]);
    expect(none?.signals.trust.value).toBeNull();
  });

  it("answer undefined for an unknown or malformed id (the malformed one without a query)", async () => {
    const counting = await countingDb(database);
    expect(await loadPartnershipHeader(counting.db, randomUUID(), TODAY)).toBeUndefined();
    expect(await loadPartnershipOverview(counting.db, randomUUID(), viewers.member!, TODAY)).toBeUndefined();
    counting.reset();
    expect(await loadPartnershipHeader(counting.db, "not-a-uuid", TODAY)).toBeUndefined();
    expect(await loadPartnershipOverview(counting.db, "not-a-uuid", viewers.member!, TODAY)).toBeUndefined();
    expect(counting.count()).toBe(0);
  });
});

describe("the page's loaders", () => {
  it("answer what the loaders before did", async () => {
    for (const partnership of [full, empty]) {
      const params = { id: partnership.id };
      const path = `/partnerships/${partnership.id}`;
      for (const viewer of [viewers.coordinator!, viewers.otherPartnershipsMember!]) {
        const layout = await callRoute(db, layoutRoute.loader, get(path), viewer, params);
        expect(layout.status).toBe(200);
        expect(layout.body).toEqual(await headerThroughOtherModels(partnership.id));
        const page = await callRoute(db, overviewRoute.loader, get(path), viewer, params);
        expect(page.status).toBe(200);
        const before = await overviewThroughOtherModels(partnership.id, viewer);
        expect(page.body).toEqual({
          ...before,
          canEdit: viewer.role === "coordinator",
          actions: await linkedActionsView(db, { kind: "partnership", id: partnership.id }, TODAY),
          canWriteActions: viewer.role === "coordinator",
        });
      }
    }
  });

  it("run one query for the layout and three for the tab whatever the partnership holds", async () => {
    const counting = await countingDb(database);
    for (const partnership of [full, empty]) {
      for (const viewer of [viewers.coordinator!, viewers.member!, viewers.noOrganisation!]) {
        counting.reset();
        const path = `/partnerships/${partnership.id}`;
        const page = await callRoute(counting.db, overviewRoute.loader, get(path), viewer, {
          id: partnership.id,
        });
        expect(page.status).toBe(200);
        expect(counting.count(), counting.queries().join("\n")).toBe(3);
        counting.reset();
        await callRoute(counting.db, layoutRoute.loader, get(path), viewer, { id: partnership.id });
        expect(counting.count()).toBe(1);
      }
    }
  });

  it("answer 404 for an unknown or malformed id", async () => {
    const counting = await countingDb(database);
    for (const id of [randomUUID(), "not-a-uuid"]) {
      for (const loader of [layoutRoute.loader, overviewRoute.loader]) {
        const outcome = await callRoute(
          counting.db,
          loader,
          get(`/partnerships/${id}`),
          viewers.coordinator!,
          { id },
        );
        expect(outcome.status).toBe(404);
      }
    }
    counting.reset();
    for (const loader of [layoutRoute.loader, overviewRoute.loader]) {
      await callRoute(counting.db, loader, get("/partnerships/x"), viewers.coordinator!, { id: "x" });
    }
    expect(counting.count()).toBe(0);
  });
});
