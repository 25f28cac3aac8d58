// The dashboard page (`/`): its loader per role and its rendering, on a fresh install and on the
// demo data; the demo's overdue commitment is listed; a fixed number of queries from the demo data
// to the demo data plus a synthetic network. Its statements (models/dashboard-page.server.ts, what the
// loader runs) answer what the model functions they stand in for answer (`dashboard` of
// models/dashboard.server.ts), for every kind of reader and on several days, with records each
// condition must keep out; three queries in one wave, four for a reader with sections of their own.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { municipalities, organisations, partnerships } from "~/db/schema";
import { seedDemo } from "~/db/seed/demo.server";
import { seedSynthetic } from "~/db/seed/synthetic.server";
import { addDays } from "~/lib/alerts";
import { todayIso } from "~/lib/objectives";
import { attentionLists } from "~/models/dashboard-attention.server";
import { dashboardPage } from "~/models/dashboard-page.server";
import { dashboard, type Dashboard } from "~/models/dashboard.server";
import { partnershipSignals } from "~/models/signals.server";
import * as homeRoute from "~/routes/home";
import {
  addEventOrganiser,
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
import { authUserOf, callRoute, get, renderPage } from "../helpers/routes";

const database = await testDb();
const { db } = database;
const TODAY = todayIso();
const OVERDUE_DEMO_ACTION = "Propose case-resolution criteria for future AMIF calls";

async function load(user: AuthUser | null) {
  const outcome = await callRoute(db, homeRoute.loader, get("/"), user, {});
  return outcome;
}

async function page(user: AuthUser) {
  const outcome = await load(user);
  expect(outcome.status).toBe(200);
  const body = outcome.body as { dashboard: Dashboard };
  return { data: body.dashboard, html: await renderPage(homeRoute.default, "/", outcome.body) };
}

let users: Record<"coordinator" | "organiser" | "official" | "viewer", AuthUser>;
let fresh: Record<"coordinator" | "viewer", string>;

beforeAll(async () => {
  const coordinator = authUserOf(await createUser(db, { role: "coordinator" }));
  const freshViewer = authUserOf(await createUser(db, { role: "viewer" }));
  fresh = { coordinator: (await page(coordinator)).html, viewer: (await page(freshViewer)).html };

  await seedDemo(db, { today: TODAY });
  const [fedasil] = await db.select().from(organisations).limit(1);
  const [scope] = await db.select().from(municipalities).orderBy(municipalities.name).limit(1);
  const official = await createUser(db, { role: "municipal_official", organisationId: fedasil?.id ?? null });
  users = {
    coordinator,
    organiser: authUserOf(await createUser(db, { role: "organiser", organisationId: fedasil?.id ?? null })),
    official: authUserOf(official, scope ? [scope.id] : []),
    viewer: authUserOf(await createUser(db, { role: "viewer" })),
  };
});

describe("on a fresh install", () => {
  it("tells a coordinator to add organisations, and anyone else to ask a coordinator", () => {
    expect(fresh.coordinator).toContain("Nothing has been recorded yet");
    expect(fresh.coordinator).toContain('href="/organisations/new"');
    expect(fresh.viewer).toContain("Ask a network coordinator");
    expect(fresh.viewer).not.toContain('href="/organisations/new"');
  });

  it("says per section that it is empty", () => {
    for (const text of [
      "No overdue follow-ups.",
      "No follow-ups due in the next 30 days.",
      "No overdue milestones.",
      "No partnership has an open risk.",
    ]) {
      expect(fresh.viewer).toContain(text);
    }
  });
});

describe("the loader", () => {
  it("sends anonymous visitors to the login page", async () => {
    const outcome = await load(null);
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("location")).toBe("/login?redirectTo=%2F");
  });

  it("lists the demo seminar's overdue commitment, in red and in words", async () => {
    const { data, html } = await page(users.viewer);
    const overdue = data.followUps?.overdue.items ?? [];
    expect(overdue.map((a) => a.title)).toContain(OVERDUE_DEMO_ACTION);
    expect(overdue.every((a) => a.overdue)).toBe(true);
    const section = html.slice(
      html.indexOf('id="follow-ups-overdue"'),
      html.indexOf('id="follow-ups-upcoming"'),
    );
    expect(section).toContain(OVERDUE_DEMO_ACTION);
    expect(section).toContain(">Overdue</span>");
  });

  it("renders every role's sections as landmarks named by their headings, in the role's order", async () => {
    for (const [role, user] of Object.entries(users)) {
      const { data, html } = await page(user);
      expect(data.counts.organisations, role).toBeGreaterThan(0);
      const order = data.sections
        .filter((s) => s !== "counts")
        .map((s) =>
          html.indexOf(`aria-labelledby="dashboard-${s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}"`),
        );
      expect(
        order.every((i) => i >= 0),
        `${role}: ${data.sections.join()}`,
      ).toBe(true);
      expect(
        [...order].sort((a, b) => a - b),
        role,
      ).toEqual(order);
      expect(html).not.toContain("Nothing has been recorded yet");
    }
  });

  it("shows the official's municipality first, and the audit log link only to coordinators", async () => {
    const official = await page(users.official);
    expect(official.data.sections[0]).toBe("yourMunicipalities");
    expect(official.data.yourMunicipalities).toHaveLength(1);
    expect(official.html).toContain(`href="/municipalities/${official.data.yourMunicipalities?.[0]?.id}"`);
    expect((await page(users.coordinator)).html).toContain('href="/admin/audit"');
    expect((await page(users.viewer)).html).not.toContain('href="/admin/audit"');
    expect((await page(users.organiser)).data.sections[0]).toBe("eventFollowUps");
  });
});

describe("on the demo data", () => {
  it("ranks partnerships by the same trust and exposure figures as the signals", async () => {
    const all = await db.select({ id: partnerships.id, status: partnerships.status }).from(partnerships);
    const signals = await partnershipSignals(
      db,
      all.map((row) => row.id),
      TODAY,
    );
    const lists = await attentionLists(db, TODAY, 1000);
    expect(lists.highestExposure.items.length).toBeGreaterThan(0);
    for (const item of lists.lowestTrust.items) expect(signals.get(item.id)?.trust.value).toBe(item.value);
    for (const item of lists.highestExposure.items)
      expect(signals.get(item.id)?.exposure.value).toBe(item.value);
    const values = lists.lowestTrust.items.map((i) => i.value);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
  });

  it("runs as many queries with a synthetic network of 300 organisations added", async () => {
    const counts = async () => {
      const result: Record<string, number> = {};
      for (const [role, user] of Object.entries(users)) {
        const counting = await countingDb(database);
        await dashboard(counting.db, user, TODAY);
        result[role] = counting.count();
      }
      return result;
    };
    const demo = await counts();
    await seedSynthetic(db, { organisations: 300, today: TODAY });
    expect(await counts()).toEqual(demo);
  });
});

describe("the loader's statements (models/dashboard-page.server.ts)", () => {
  // Readers whose dashboards differ: sections of their own or not, an organisation or not, the
  // audit log's account entries or not.
  let readers: Record<string, AuthUser>;
  const archivedAt = new Date();

  beforeAll(async () => {
    const own = await createOrganisation(db, { name: "Own organisation", acronym: "OWN" });
    const other = await createOrganisation(db, { name: "Other organisation" });
    const organiserUser = await createUser(db, { role: "organiser", organisationId: own.id });
    const someoneElse = await createUser(db, { role: "organiser", organisationId: other.id });

    // Municipalities: two in scope, one in scope but archived, one out of scope.
    const [inScope, alsoInScope, archivedInScope, outOfScope] = await Promise.all([
      createMunicipality(db, { name: "Aa in scope" }),
      createMunicipality(db, { name: "Ab also in scope" }),
      createMunicipality(db, { name: "Aa archived in scope", archivedAt }),
      createMunicipality(db, { name: "Aa out of scope" }),
    ]);
    const pilotIn = await createPilot(db, { municipalityId: inScope.id, name: "Pilot in scope" });
    const archivedPilot = await createPilot(db, { municipalityId: inScope.id, archivedAt });
    const pilotOut = await createPilot(db, { municipalityId: outOfScope.id, name: "Pilot out of scope" });
    const pilotArchivedMunicipality = await createPilot(db, { municipalityId: archivedInScope.id });
    await createPilot(db, { municipalityId: alsoInScope.id });
    const milestone = (pilotId: string, title: string, dueOn: string | null, extra = {}) =>
      createMilestone(db, { pilotId, title, dueOn, ...extra });
    for (const [pilotId, prefix] of [
      [pilotIn.id, "In"],
      [pilotOut.id, "Out"],
      [archivedPilot.id, "Archived pilot's"],
      [pilotArchivedMunicipality.id, "Archived municipality's"],
    ] as const) {
      await Promise.all([
        milestone(pilotId, `${prefix} overdue`, addDays(TODAY, -2)),
        milestone(pilotId, `${prefix} overdue done`, addDays(TODAY, -3), { status: "done" }),
        milestone(pilotId, `${prefix} overdue cancelled`, addDays(TODAY, -3), { status: "cancelled" }),
        milestone(pilotId, `${prefix} overdue archived`, addDays(TODAY, -4), { archivedAt }),
        milestone(pilotId, `${prefix} undated`, null),
        milestone(pilotId, `${prefix} due today`, TODAY, { status: "in_progress" }),
        milestone(pilotId, `${prefix} due soon`, addDays(TODAY, 3)),
        milestone(pilotId, `${prefix} later`, addDays(TODAY, 40)),
      ]);
    }
    // The out-of-scope pilot's next milestone comes first: it must not become the official's next.
    await milestone(pilotOut.id, "Aa out of scope, first", TODAY);

    // Events: created by the organiser, organised by their organisation, by another one, by no one.
    const created = await createEvent(db, { title: "Created by the organiser", createdBy: organiserUser.id });
    const organised = await createEvent(db, { title: "Organised by their organisation" });
    await addEventOrganiser(db, { eventId: organised.id, organisationId: own.id });
    const elsewhere = await createEvent(db, { title: "Someone else's", createdBy: someoneElse.id });
    await addEventOrganiser(db, { eventId: elsewhere.id, organisationId: other.id });
    const statuses = ["open", "in_progress", "done", "dropped"] as const;
    let i = 0;
    for (const eventId of [created.id, organised.id, elsewhere.id, null]) {
      for (const owner of [own.id, other.id, null]) {
        for (const dueOn of [addDays(TODAY, -1), TODAY, addDays(TODAY, 30), addDays(TODAY, 31), null]) {
          const status = statuses[i % 4] ?? "open";
          await createFollowUpAction(db, {
            title: `${i % 3 === 0 ? "a" : "B"} follow-up ${i}`,
            eventId,
            ownerOrganisationId: owner,
            dueOn,
            status,
            archivedAt: i % 7 === 0 ? archivedAt : null,
          });
          i++;
        }
      }
    }

    // Partnerships that would top the attention lists if a condition leaked: archived, ended or past
    // their end; a trust index from one answer; low trust and a big spread in an older period only;
    // a closed and an archived risk.
    const [a, b, c] = await Promise.all(
      ["A", "B", "C"].map((n) => createOrganisation(db, { name: `${n} respondent` })),
    );
    const respondents = [a, b, c].map((o) => o?.id ?? "");
    const archivedOne = await createPartnership(db, { name: "Aa archived", archivedAt });
    const endedOne = await createPartnership(db, { name: "Aa ended", status: "ended" });
    const pastOne = await createPartnership(db, { name: "Aa past", endDate: addDays(TODAY, -1) });
    const oneAnswer = await createPartnership(db, { name: "Aa one answer" });
    const older = await createPartnership(db, { name: "Aa older period" });
    const risky = await createPartnership(db, { name: "Aa closed risks" });
    for (const p of [archivedOne, endedOne, pastOne]) {
      await Promise.all([
        createHealthCheck(db, {
          partnershipId: p.id,
          respondentOrganisationId: respondents[0],
          trust: 1,
          communication: 1,
        }),
        createHealthCheck(db, {
          partnershipId: p.id,
          respondentOrganisationId: respondents[1],
          trust: 1,
          communication: 5,
        }),
        createRisk(db, { partnershipId: p.id, likelihood: 5, impact: 5 }),
      ]);
    }
    await createHealthCheck(db, {
      partnershipId: oneAnswer.id,
      respondentOrganisationId: respondents[0],
      trust: 1,
    });
    await Promise.all([
      createHealthCheck(db, {
        partnershipId: older.id,
        respondentOrganisationId: respondents[0],
        period: "2020-Q1",
        trust: 1,
        recognition: 1,
      }),
      createHealthCheck(db, {
        partnershipId: older.id,
        respondentOrganisationId: respondents[1],
        period: "2020-Q1",
        trust: 1,
        recognition: 5,
      }),
      createHealthCheck(db, {
        partnershipId: older.id,
        respondentOrganisationId: respondents[0],
        period: "2030-Q1",
        trust: 5,
        recognition: 3,
      }),
      createHealthCheck(db, {
        partnershipId: older.id,
        respondentOrganisationId: respondents[1],
        period: "2030-Q1",
        trust: null,
        recognition: 3,
      }),
      createHealthCheck(db, {
        partnershipId: older.id,
        respondentOrganisationId: respondents[2],
        period: "2030-Q1",
        trust: 4,
        recognition: null,
      }),
      createRisk(db, { partnershipId: risky.id, likelihood: 5, impact: 5, status: "closed" }),
      createRisk(db, { partnershipId: risky.id, likelihood: 5, impact: 5, archivedAt }),
      createRisk(db, { partnershipId: risky.id, likelihood: 1, impact: 2 }),
    ]);

    // The latest audit entries: about accounts (coordinators only), three at the same instant (by id
    // then), one about a record that is gone, one whose id is no uuid.
    const latest = new Date(Date.now() + 60_000);
    const coordinatorUser = await createUser(db, { role: "coordinator", name: "The coordinator" });
    await createAuditEntry(db, {
      at: latest,
      entityType: "user",
      entityId: organiserUser.id,
      userId: coordinatorUser.id,
    });
    await createAuditEntry(db, { at: latest, entityType: "session", entityId: "not-a-uuid" });
    await createAuditEntry(db, {
      at: latest,
      entityType: "milestone",
      entityId: randomUUID(),
      action: "delete",
    });
    await createAuditEntry(db, {
      at: new Date(latest.getTime() - 1000),
      entityType: "pilot",
      entityId: pilotIn.id,
      userId: organiserUser.id,
    });
    await createAuditEntry(db, {
      at: new Date(latest.getTime() - 2000),
      entityType: "user_municipality",
      entityId: "a:b",
    });
    await createAuditEntry(db, {
      at: new Date(latest.getTime() - 3000),
      entityType: "follow_up_action",
      entityId: "42",
    });

    const official = await createUser(db, { role: "municipal_official", organisationId: own.id });
    readers = {
      coordinator: authUserOf(coordinatorUser),
      "coordinator with an organisation": authUserOf(
        await createUser(db, { role: "coordinator", organisationId: own.id }),
      ),
      organiser: authUserOf(organiserUser),
      "organiser without an organisation": authUserOf(
        await createUser(db, { role: "organiser", organisationId: null }),
      ),
      "municipal official": authUserOf(official, [inScope.id, alsoInScope.id, archivedInScope.id]),
      "official without municipalities": authUserOf(await createUser(db, { role: "municipal_official" })),
      viewer: authUserOf(await createUser(db, { role: "viewer" })),
      "viewer with an organisation": authUserOf(
        await createUser(db, { role: "viewer", organisationId: other.id }),
      ),
    };
    // The organiser without an organisation created an event too.
    const alone = readers["organiser without an organisation"];
    const theirs = await createEvent(db, { createdBy: alone?.id ?? null });
    await createFollowUpAction(db, { eventId: theirs.id, title: "Their own follow-up", dueOn: TODAY });
  });

  it("answer what the model functions answer, for every kind of reader, on several days", async () => {
    const other = await countingDb(database);
    for (const day of [TODAY, addDays(TODAY, -3), addDays(TODAY, 30), "2000-01-01"]) {
      for (const [who, reader] of Object.entries(readers)) {
        const expected = await dashboard(db, reader, day);
        expect(await dashboardPage(db, reader, day), `${who} on ${day}`).toEqual(expected);
        // Built once per handle: another handle answers the same.
        if (day === TODAY) expect(await dashboardPage(other.db, reader, day), who).toEqual(expected);
      }
    }
  });

  it("keep each reader's sections to what they may see", async () => {
    const official = await dashboardPage(db, readers["municipal official"] as AuthUser, TODAY);
    expect(
      official.yourMunicipalities?.map((m) => [m.name, m.pilots, m.overdueMilestones, m.next?.title]),
    ).toEqual([
      ["Aa in scope", 1, 1, "In due today"],
      ["Ab also in scope", 1, 0, undefined],
    ]);
    const organiser = await dashboardPage(db, readers.organiser as AuthUser, TODAY);
    const titles = organiser.eventFollowUps?.items.map((a) => a.eventTitle) ?? [];
    expect(organiser.eventFollowUps?.total).toBeGreaterThan(titles.length);
    expect(new Set(titles)).toEqual(new Set(["Created by the organiser", "Organised by their organisation"]));
    expect(organiser.organisationActions?.items.every((a) => a.ownerOrganisationName === "OWN")).toBe(true);
    const alone = await dashboardPage(db, readers["organiser without an organisation"] as AuthUser, TODAY);
    expect(alone.eventFollowUps?.items.map((a) => a.title)).toEqual(["Their own follow-up"]);
    expect(alone.organisationActions).toBeNull();

    const entries = async (who: string) =>
      (await dashboardPage(db, readers[who] as AuthUser, TODAY)).activity?.entries.slice(0, 3) ?? [];
    expect((await entries("coordinator")).map((e) => [e.entityType, e.label])).toEqual([
      ["milestone", null],
      ["session", null],
      ["user", readers.organiser?.name],
    ]);
    expect((await entries("viewer")).map((e) => [e.entityType, e.actorName, e.href])).toEqual([
      ["milestone", null, null],
      ["pilot", readers.organiser?.name, expect.stringMatching(/^\/pilots\//)],
      ["follow_up_action", null, null],
    ]);
    // (The lists are capped: with the demo data and the synthetic network alone these would top them.)
    const attention = (await dashboardPage(db, readers.viewer as AuthUser, TODAY)).attention;
    const gone = ["Aa archived", "Aa ended", "Aa past"];
    const names = (items: { name: string }[] = []) => items.map((p) => p.name);
    expect(names(attention?.lowestTrust.items).filter((n) => [...gone, "Aa one answer"].includes(n))).toEqual(
      [],
    );
    expect(
      names(attention?.disagreement.items).filter((n) => [...gone, "Aa older period"].includes(n)),
    ).toEqual([]);
    expect(
      names(attention?.highestExposure.items).filter((n) => [...gone, "Aa closed risks"].includes(n)),
    ).toEqual([]);
  });

  it("run three queries in one wave, four for a reader with sections of their own", async () => {
    const counting = await countingDb(database);
    const expected: Record<string, number> = {
      coordinator: 3,
      "coordinator with an organisation": 4,
      organiser: 4,
      "municipal official": 4,
      "official without municipalities": 4,
      viewer: 3,
      "viewer with an organisation": 4,
    };
    for (const [who, count] of Object.entries(expected)) {
      counting.reset();
      const outcome = await callRoute(counting.db, homeRoute.loader, get("/"), readers[who] ?? null, {});
      expect(outcome.status, who).toBe(200);
      expect(counting.count(), who).toBe(count);
    }
  });
});
