// The dashboard page (`/`): its loader per role and its rendering, on a fresh install and on the
// demo data; the demo's overdue commitment is listed; a fixed number of queries from the demo data
// to the demo data plus a synthetic network.
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { municipalities, organisations, partnerships } from "~/db/schema";
import { seedDemo } from "~/db/seed/demo.server";
import { seedSynthetic } from "~/db/seed/synthetic.server";
import { todayIso } from "~/lib/objectives";
import { attentionLists } from "~/models/dashboard-attention.server";
import { dashboard, type Dashboard } from "~/models/dashboard.server";
import { partnershipSignals } from "~/models/signals.server";
import * as homeRoute from "~/routes/home";
import { createUser } from "../factories";
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
