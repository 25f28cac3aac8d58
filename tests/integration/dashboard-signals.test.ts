// The dashboard's partnerships needing attention (the existing signals, computed in SQL: they must
// agree with app/lib/signals.ts), its recent activity (labels, links, account entries only for
// coordinators, never before/after), and its fixed number of queries at two sizes.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { partnerships } from "~/db/schema";
import { isCurrentPartnership } from "~/lib/partnership-status";
import { attentionLists, biggestDisagreement } from "~/models/dashboard-attention.server";
import { recentActivity } from "~/models/dashboard-activity.server";
import { dashboard } from "~/models/dashboard.server";
import { partnershipSignals } from "~/models/signals.server";
import type { NewHealthCheck } from "~/db/schema";
import {
  addDays,
  createAuditEntry,
  createEvent,
  createFollowUpAction,
  createHealthCheck,
  createMilestone,
  createMunicipality,
  createOrganisation,
  createPartnership,
  createPilot,
  createRisk,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";
import { authUserOf } from "../helpers/routes";

const database = await testDb();
const { db } = database;
const TODAY = "2030-06-15";
const SECRET_RISK = "Secret risk title: the mayor distrusts the ministry";
const SECRET_COMMENT = "Secret comment of one member";

const p: Record<string, string> = {};

/** Two (or more) answers of one period; `scores` per respondent. */
async function answers(partnershipId: string, period: string, scores: Partial<NewHealthCheck>[]) {
  for (const s of scores) {
    await createHealthCheck(db, { partnershipId, period, trust: null, comment: SECRET_COMMENT, ...s });
  }
}

beforeAll(async () => {
  const make = async (key: string, name: string, status: "active" | "ended" = "active") => {
    p[key] = (await createPartnership(db, { name, status })).id;
  };
  await make("t1", "A first");
  await make("t2", "B second");
  await make("t3", "C one respondent");
  await make("t4", "D ended", "ended");
  await make("t5", "E latest period thin");
  await make("t6", "F tie");
  await make("t7", "G small spread");

  await answers(p.t1!, "2029-Q4", [{ trust: 5 }, { trust: 5 }]);
  await answers(p.t1!, "2030-Q1", [
    { trust: 2, communication: 1 },
    { trust: 3, communication: 5 },
  ]);
  await answers(p.t2!, "2030-Q1", [
    { trust: 1, mutualUnderstanding: 1 },
    { trust: 2, mutualUnderstanding: 4 },
  ]);
  await answers(p.t3!, "2030-Q1", [{ trust: 1, recognition: 1 }]);
  await answers(p.t4!, "2030-Q1", [
    { trust: 1, communication: 1 },
    { trust: 1, communication: 5 },
  ]);
  await answers(p.t5!, "2030-Q1", [{ trust: 1 }, { trust: 1 }]);
  await answers(p.t5!, "2030-Q2", [{ trust: 4, recognition: 1 }, { recognition: 3 }]);
  await answers(p.t6!, "2030-Q1", [
    { trust: 4, objectivesClarity: 1, powerBalance: 2 },
    { trust: 4, objectivesClarity: 4, powerBalance: 5 },
  ]);
  await answers(p.t7!, "2030-Q1", [
    { trust: 4, communication: 3 },
    { trust: 5, communication: 4 },
  ]);

  await createRisk(db, { partnershipId: p.t1, likelihood: 4, impact: 5, title: SECRET_RISK });
  await createRisk(db, { partnershipId: p.t1, likelihood: 5, impact: 5, status: "closed" });
  await createRisk(db, { partnershipId: p.t1, likelihood: 5, impact: 5, archivedAt: new Date() });
  await createRisk(db, { partnershipId: p.t2, likelihood: 2, impact: 2, status: "mitigating" });
  await createRisk(db, { partnershipId: p.t4, likelihood: 5, impact: 5 });
});

describe("partnerships needing attention", () => {
  it("rank the trust index of the latest period (two answers or more), lowest first", async () => {
    const { lowestTrust } = await attentionLists(db, TODAY);
    expect(lowestTrust.items.map((i) => [i.name, i.value, i.band])).toEqual([
      ["B second", 1.5, "low"],
      ["A first", 2.5, "medium"],
      ["F tie", 4, "high"],
      ["G small spread", 4.5, "high"],
    ]);
    expect(lowestTrust.total).toBe(4);
  });

  it("rank the highest open-risk exposure, highest first, ended partnerships left out", async () => {
    const { highestExposure } = await attentionLists(db, TODAY);
    expect(highestExposure.items.map((i) => [i.name, i.value, i.level, i.openRisks])).toEqual([
      ["A first", 20, "high", 1],
      ["B second", 4, "low", 1],
    ]);
  });

  it("rank the biggest spread on a dimension two members scored, from 2 points", async () => {
    const { disagreement } = await attentionLists(db, TODAY);
    expect(disagreement.items.map((i) => [i.name, i.dimension, i.spread])).toEqual([
      ["A first", "communication", 4],
      ["B second", "mutual_understanding", 3],
      ["F tie", "objectives_clarity", 3],
      ["E latest period thin", "recognition", 2],
    ]);
    const capped = await biggestDisagreement(db, TODAY, 2);
    expect(capped.items).toHaveLength(2);
    expect(capped.total).toBe(4);
  });

  it("agree with the signals of app/lib/signals.ts", async () => {
    const all = await db
      .select({ id: partnerships.id, status: partnerships.status, endDate: partnerships.endDate })
      .from(partnerships);
    const signals = await partnershipSignals(
      db,
      all.map((row) => row.id),
      TODAY,
    );
    const { lowestTrust, highestExposure } = await attentionLists(db, TODAY, 100);
    const watched = all.filter((row) => isCurrentPartnership(row, TODAY));
    const trust = watched
      .map((row) => ({ id: row.id, value: signals.get(row.id)?.trust.value ?? null }))
      .filter((row) => row.value !== null);
    expect(lowestTrust.items.map((i) => [i.id, i.value]).sort()).toEqual(
      trust.map((t) => [t.id, t.value]).sort(),
    );
    const exposure = watched
      .map((row) => ({ id: row.id, value: signals.get(row.id)?.exposure.value ?? null }))
      .filter((row) => row.value !== null);
    expect(highestExposure.items.map((i) => [i.id, i.value]).sort()).toEqual(
      exposure.map((e) => [e.id, e.value]).sort(),
    );
  });

  it("leave out partnerships past their last day whose status is still active, as isCurrentPartnership", async () => {
    const over = await createPartnership(db, {
      name: "H over",
      status: "active",
      endDate: addDays(TODAY, -1),
    });
    const lastDay = await createPartnership(db, {
      name: "I last day today",
      status: "active",
      endDate: TODAY,
    });
    for (const id of [over.id, lastDay.id]) {
      await answers(id, "2030-Q1", [
        { trust: 1, communication: 1 },
        { trust: 1, communication: 5 },
      ]);
      await createRisk(db, { partnershipId: id, likelihood: 5, impact: 5 });
    }
    const lists = await attentionLists(db, TODAY, 100);
    for (const list of [lists.lowestTrust, lists.highestExposure, lists.disagreement]) {
      const listed = list.items.map((i) => i.name);
      expect(listed).toContain("I last day today");
      expect(listed).not.toContain("H over");
    }
    // The day before, both were current.
    const before = await attentionLists(db, addDays(TODAY, -1), 100);
    expect(before.lowestTrust.items.map((i) => i.name)).toContain("H over");
    expect(
      (await attentionLists(db, addDays(TODAY, 1), 100)).lowestTrust.items.map((i) => i.name),
    ).not.toContain("I last day today");
  });

  it("hold no risk title and no member's comment", async () => {
    const text = JSON.stringify(await attentionLists(db, TODAY));
    expect(text).not.toContain(SECRET_RISK);
    expect(text).not.toContain(SECRET_COMMENT);
  });
});

describe("recent activity", () => {
  it("names the actor, the record and its page, newest first, without before/after", async () => {
    const actor = await createUser(db, { name: "Coordinator Carla", role: "coordinator" });
    const org = await createOrganisation(db, { name: "Logged organisation" });
    const pilot = await createPilot(db, { name: "Logged pilot" });
    const milestone = await createMilestone(db, { pilotId: pilot.id, title: "Logged milestone" });
    const event = await createEvent(db, { title: "Logged event" });
    const action = await createFollowUpAction(db, { title: "Logged action", eventId: event.id });
    const riskRow = await createRisk(db, { partnershipId: p.t1, title: SECRET_RISK });
    const log = async (entityType: string, entityId: string, userId: string | null = actor.id) =>
      createAuditEntry(db, {
        entityType,
        entityId,
        userId,
        action: "update",
        before: { secret: "before-value" },
        after: { secret: "after-value" },
      });
    await log("organisation", org.id);
    await log("user", actor.id);
    await log("invitation", randomUUID());
    await log("milestone", milestone.id);
    await log("risk", riskRow.id);
    await log("follow_up_action", action.id);
    await log("partnership", randomUUID(), null);

    const all = await recentActivity(db, true, 7);
    expect(all.entries.map((e) => [e.entityType, e.actorName, e.label, e.href])).toEqual([
      ["partnership", null, null, null],
      ["follow_up_action", "Coordinator Carla", "Logged action", `/events/${event.id}/actions`],
      ["risk", "Coordinator Carla", "A first", `/partnerships/${p.t1}/risks`],
      ["milestone", "Coordinator Carla", "Logged milestone", `/pilots/${pilot.id}/milestones`],
      ["invitation", "Coordinator Carla", null, null],
      ["user", "Coordinator Carla", "Coordinator Carla", `/admin/users/${actor.id}`],
      ["organisation", "Coordinator Carla", "Logged organisation", `/organisations/${org.id}`],
    ]);
    expect(all.mayReadAll).toBe(true);
    const text = JSON.stringify(all);
    expect(text).not.toContain("before-value");
    expect(text).not.toContain("after-value");
    expect(text).not.toContain(SECRET_RISK);

    const others = await recentActivity(db, false, 7);
    expect(others.mayReadAll).toBe(false);
    expect(others.entries.map((e) => e.entityType)).not.toContain("user");
    expect(others.entries.map((e) => e.entityType)).not.toContain("invitation");
    expect(others.entries.map((e) => e.entityType).slice(0, 5)).toEqual([
      "partnership",
      "follow_up_action",
      "risk",
      "milestone",
      "organisation",
    ]);
  });
});

describe("the number of queries", () => {
  async function queriesFor(user: AuthUser): Promise<number> {
    const counting = await countingDb(database);
    await dashboard(counting.db, user, TODAY);
    return counting.count();
  }

  it("stays the same whatever the size of the data, per role", async () => {
    const org = await createOrganisation(db);
    const municipality = await createMunicipality(db);
    const users = {
      coordinator: authUserOf(await createUser(db, { role: "coordinator", organisationId: org.id })),
      organiser: authUserOf(await createUser(db, { role: "organiser", organisationId: org.id })),
      official: authUserOf(await createUser(db, { role: "municipal_official", organisationId: org.id }), [
        municipality.id,
      ]),
      viewer: authUserOf(await createUser(db, { role: "viewer" })),
    };
    const before = Object.fromEntries(
      await Promise.all(Object.entries(users).map(async ([k, u]) => [k, await queriesFor(u)] as const)),
    );
    // counts 1, attention 3, follow-ups 2, milestones 2, activity 1, organisation actions 1, own section 1-2
    expect(before).toEqual({ coordinator: 10, organiser: 11, official: 12, viewer: 9 });

    for (let i = 0; i < 25; i++) {
      const partnership = await createPartnership(db);
      await answers(partnership.id, "2030-Q1", [
        { trust: 1 + (i % 5), communication: 1 },
        { trust: 2, communication: 5 },
      ]);
      await createRisk(db, { partnershipId: partnership.id, likelihood: 1 + (i % 5), impact: 4 });
      const pilot = await createPilot(db, { municipalityId: municipality.id });
      await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, (i % 20) - 10) });
      const event = await createEvent(db, { createdBy: users.organiser.id });
      await createFollowUpAction(db, {
        eventId: event.id,
        ownerOrganisationId: org.id,
        dueOn: addDays(TODAY, i - 12),
      });
      await createAuditEntry(db, { entityType: "pilot", entityId: pilot.id });
      await createAuditEntry(db, { entityType: "partnership", entityId: partnership.id });
    }
    const after = Object.fromEntries(
      await Promise.all(Object.entries(users).map(async ([k, u]) => [k, await queriesFor(u)] as const)),
    );
    expect(after).toEqual(before);
    const page = await dashboard(db, users.official, TODAY);
    expect(page.followUps?.overdue.items.length).toBe(6);
    expect(page.followUps?.overdue.total).toBeGreaterThan(6);
  });
});
