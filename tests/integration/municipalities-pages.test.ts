// The municipalities pages through their loaders (and rendered to HTML as the first response is):
// the comparison suppressed for a viewer and exact for a coordinator, the list, 404 for an unknown
// municipality, and the "New pilot" link only for those who may create a pilot there.
import { createInstance } from "i18next";
import { createElement, type FunctionComponent } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { createMemoryRouter, RouterContextProvider, RouterProvider } from "react-router";
import { beforeAll, describe, expect, test } from "vitest";
import { requestInfoContext, userContext } from "~/auth/context";
import type { AuthUser } from "~/auth/session.server";
import { dbContext } from "~/db/context";
import type { Municipality, Pilot } from "~/db/schema";
import { i18nextOptions } from "~/i18n/config";
import type { UserRole } from "~/lib/enums";
import { todayIso } from "~/lib/objectives";
import { i18nextMiddleware } from "~/middleware/i18next";
import { loadMunicipalityPage, UPCOMING_DAYS } from "~/models/municipalities.server";
import * as pageRoute from "~/routes/municipalities.$id";
import * as listRoute from "~/routes/municipalities._index";
import {
  addDays,
  createMilestone,
  createMunicipality,
  createOrganisation,
  createPilot,
  createPilotOutcome,
  createPilotPeriod,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { renderPage } from "../helpers/routes";

const { db } = await testDb();
// A country of its own: the comparison shows these pilots only.
const COUNTRY = "IS";
let municipality: Municipality;
let other: Municipality;
let small: Pilot;
let large: Pilot;

async function user(role: UserRole, municipalityIds: string[] = []): Promise<AuthUser> {
  const row = await createUser(db, { role });
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role,
    organisationId: row.organisationId,
    locale: "en",
    municipalityIds,
    sessionId: "test",
  };
}

beforeAll(async () => {
  const authority = await createOrganisation(db, { name: "City of Reykjavik", type: "local_authority" });
  municipality = await createMunicipality(db, {
    name: "Reykjavik",
    countryCode: COUNTRY,
    organisationId: authority.id,
  });
  other = await createMunicipality(db, { name: "Akureyri", countryCode: COUNTRY });
  small = await createPilot(db, { municipalityId: municipality.id, name: "Small pilot" });
  large = await createPilot(db, { municipalityId: other.id, name: "Large pilot" });
  // Small: 7 participants, 3 left (2 durable, 1 no solution): every count is small.
  const p = await createPilotPeriod(db, { pilotId: small.id, newParticipants: 7, participantsAtEnd: 4 });
  await createPilotOutcome(db, { pilotPeriodId: p.id, pathway: "residence_permit", count: 2 });
  await createPilotOutcome(db, { pilotPeriodId: p.id, pathway: "departed_unknown", count: 1 });
  // Large: 120 participants, 50 left (10 durable, 20 semi-durable, 20 no solution).
  const q = await createPilotPeriod(db, { pilotId: large.id, newParticipants: 120, participantsAtEnd: 70 });
  await createPilotOutcome(db, { pilotPeriodId: q.id, pathway: "voluntary_return", count: 10 });
  await createPilotOutcome(db, { pilotPeriodId: q.id, pathway: "state_reception", count: 20 });
  await createPilotOutcome(db, { pilotPeriodId: q.id, pathway: "no_solution_other", count: 20 });
  await createMilestone(db, { pilotId: small.id, title: "Late report", dueOn: addDays(todayUtc(), -3) });
  await createMilestone(db, { pilotId: small.id, title: "Steering group", dueOn: addDays(todayUtc(), 7) });
});

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

type RouteModule = typeof listRoute | typeof pageRoute;

/** Run the loader as `who`; returns its data, or the Response it threw. */
async function load(mod: RouteModule, path: string, who: AuthUser, params: Record<string, string> = {}) {
  const url = new URL(`http://localhost${path}`);
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  context.set(requestInfoContext, { clientIp: "203.0.113.9", nonce: "" });
  context.set(userContext, who);
  const args = { request: new Request(url), context, params, url, pattern: url.pathname };
  let loaderData: unknown;
  try {
    await i18nextMiddleware(args as never, async () => {
      loaderData = await (mod.loader as (a: unknown) => unknown)(args);
      return new Response(null);
    });
  } catch (thrown) {
    return { thrown };
  }
  return { loaderData };
}

async function render(mod: RouteModule, path: string, who: AuthUser, params: Record<string, string> = {}) {
  const { loaderData, thrown } = await load(mod, path, who, params);
  if (thrown) throw thrown;
  const Page = mod.default as unknown as FunctionComponent<Record<string, unknown>>;
  const router = createMemoryRouter(
    [
      {
        path: "*",
        Component: () => createElement(Page, { loaderData, actionData: undefined, params, matches: [] }),
      },
    ],
    { initialEntries: [path] },
  );
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nextOptions, lng: "en" });
  return {
    loaderData,
    html: renderToString(createElement(I18nextProvider, { i18n }, createElement(RouterProvider, { router }))),
  };
}

interface ShownRow {
  name: string;
  participants: unknown;
  left: unknown;
  groups: Record<string, unknown>;
  shares: Record<string, number | null>;
  exact: boolean;
}

function comparisonRows(loaderData: unknown): Record<string, ShownRow> {
  const rows = (loaderData as { comparison: { rows: ShownRow[] } }).comparison.rows;
  return Object.fromEntries(rows.map((row) => [row.name, row]));
}

const comparePath = `/municipalities?view=compare&country=${COUNTRY}`;

describe("the comparison", () => {
  test("is suppressed for a viewer: small counts never reach the browser", async () => {
    const { loaderData, html } = await render(listRoute, comparePath, await user("viewer"));
    const rows = comparisonRows(loaderData);
    expect(rows["Small pilot"]).toMatchObject({
      exact: false,
      participants: { kind: "exact", value: 7 },
      groups: {
        durable: { kind: "suppressed" },
        semi_durable: { kind: "exact", value: 0 },
        no_solution: { kind: "suppressed" },
      },
      left: { kind: "suppressed" },
      // Fewer than 10 left: no share.
      shares: { durable: null, semi_durable: null, no_solution: null },
    });
    expect(rows["Large pilot"]).toMatchObject({
      exact: false,
      participants: { kind: "exact", value: 120 },
      shares: { durable: 20, semi_durable: 40, no_solution: 40 },
    });
    // The exact small counts are nowhere in the loader's data.
    const json = JSON.stringify(rows["Small pilot"]);
    expect(json).not.toMatch(/"value":[123]\b/);
    expect(html).toContain("&lt;5");
    expect(html).toContain("Small counts are hidden");
    expect(html).toContain('data-testid="comparison-table"');
  });

  test("is exact for a coordinator", async () => {
    const { loaderData, html } = await render(listRoute, comparePath, await user("coordinator"));
    const rows = comparisonRows(loaderData);
    expect(rows["Small pilot"]).toMatchObject({
      exact: true,
      groups: {
        durable: { kind: "exact", value: 2 },
        semi_durable: { kind: "exact", value: 0 },
        no_solution: { kind: "exact", value: 1 },
      },
      left: { kind: "exact", value: 3 },
      shares: { durable: 67, semi_durable: 0, no_solution: 33 },
    });
    expect(html).not.toContain("&lt;5");
    expect(html).toContain("You see exact counts");
  });

  test("is suppressed for a municipal official too, even in scope: it is not an editing screen", async () => {
    const { loaderData } = await load(
      listRoute,
      comparePath,
      await user("municipal_official", [municipality.id]),
    );
    expect(comparisonRows(loaderData)["Small pilot"]?.left).toEqual({ kind: "suppressed" });
  });

  test("sorts on what is shown", async () => {
    const { loaderData } = await load(
      listRoute,
      `${comparePath}&sort=participants&dir=desc`,
      await user("viewer"),
    );
    const rows = (loaderData as { comparison: { rows: ShownRow[] } }).comparison.rows;
    expect(rows.map((r) => r.name)).toEqual(["Large pilot", "Small pilot"]);
  });
});

describe("the list", () => {
  test("shows the municipalities of a country with their next and overdue milestones", async () => {
    const { html } = await render(listRoute, `/municipalities?country=${COUNTRY}`, await user("viewer"));
    expect(html).toContain("Reykjavik");
    expect(html).toContain("Akureyri");
    expect(html).toContain("Steering group");
    expect(html).toContain("1 overdue");
    expect(html).toContain('data-testid="municipalities-table"');
  });

  test("says so when nothing matches", async () => {
    const { html } = await render(listRoute, "/municipalities?country=ZZ", await user("viewer"));
    expect(html).toContain("No municipality in this country.");
  });
});

describe("a municipality's page", () => {
  test("404s for an unknown or malformed id", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "nope"]) {
      const { thrown } = await load(pageRoute, `/municipalities/${id}`, await user("viewer"), { id });
      expect((thrown as { init?: { status?: number } }).init?.status ?? (thrown as Response).status).toBe(
        404,
      );
    }
  });

  test("shows its authority, pilots and milestones", async () => {
    const { html } = await render(pageRoute, `/municipalities/${municipality.id}`, await user("viewer"), {
      id: municipality.id,
    });
    expect(html).toContain("City of Reykjavik");
    expect(html).toContain("Small pilot");
    expect(html).toContain("Late report");
    expect(html).toContain("Steering group");
    // The alerts of its pilots, each naming its pilot.
    expect(html).toContain('data-alert-kind="milestone_overdue"');
    expect(html).toContain('data-alert-kind="milestone_due_soon"');
  });

  test("says how many milestones a list cut at its limit leaves out", async () => {
    for (const day of [-30, -29])
      await createMilestone(db, { pilotId: small.id, dueOn: addDays(todayIso(), day) });
    const data = await loadMunicipalityPage(db, municipality.id, todayIso(), 1);
    expect(data?.overdue).toHaveLength(1);
    const html = await renderPage(pageRoute.default, `/municipalities/${municipality.id}`, {
      ...data,
      title: "Reykjavik",
      canCreatePilot: false,
      upcomingDays: UPCOMING_DAYS,
    });
    expect(html).toContain(`And ${(data?.overdueTotal ?? 0) - 1} more`);
    expect(html).toContain(`Overdue (${data?.overdueTotal})`);
  });

  test("offers New pilot to coordinators and to officials with the municipality in scope only", async () => {
    const cases: [AuthUser, boolean][] = [
      [await user("coordinator"), true],
      [await user("municipal_official", [municipality.id]), true],
      [await user("municipal_official", [other.id]), false],
      [await user("organiser"), false],
      [await user("viewer"), false],
    ];
    for (const [who, expected] of cases) {
      const { loaderData, html } = await render(pageRoute, `/municipalities/${municipality.id}`, who, {
        id: municipality.id,
      });
      expect((loaderData as { canCreatePilot: boolean }).canCreatePilot, who.role).toBe(expected);
      expect(html.includes(`href="/municipalities/${municipality.id}/pilots/new"`), who.role).toBe(expected);
    }
  });
});
