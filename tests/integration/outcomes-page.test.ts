// The pilot's Outcomes tab: loader and action called the way the server calls them, and the page
// rendered to HTML. Exact counts for coordinators and officials of the municipality; suppressed
// values for everyone else (never the exact small counts in the loader data); forged POSTs refused.
import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { createInstance } from "i18next";
import { createElement, type FunctionComponent } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import {
  createMemoryRouter,
  RouterContextProvider,
  RouterProvider,
  type MiddlewareFunction,
} from "react-router";
import { beforeAll, describe, expect, test } from "vitest";
import { requestInfoContext, userContext } from "~/auth/context";
import type { AuthUser } from "~/auth/session.server";
import { dbContext } from "~/db/context";
import { pilotPeriods, type Pilot, type PilotPeriod } from "~/db/schema";
import { i18nextOptions } from "~/i18n/config";
import type { UserRole } from "~/lib/enums";
import { i18nextMiddleware } from "~/middleware/i18next";
import * as outcomesRoute from "~/routes/pilots.$id.outcomes";
import {
  createMunicipality,
  createPilot,
  createPilotOutcome,
  createPilotPeriod,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";

const { db } = await testDb();

let pilot: Pilot;
let q1: PilotPeriod;
let q2: PilotPeriod;
const users: Record<string, AuthUser> = {};

async function makeUser(key: string, role: UserRole, municipalityIds: string[] = []) {
  const user = await createUser(db, { role });
  users[key] = {
    id: user.id,
    email: user.email,
    name: user.name,
    role,
    organisationId: user.organisationId,
    locale: "en",
    municipalityIds,
    sessionId: `test-${key}`,
  };
}

beforeAll(async () => {
  const home = await createMunicipality(db);
  const elsewhere = await createMunicipality(db);
  pilot = await createPilot(db, {
    municipalityId: home.id,
    pathways: ["voluntary_return", "forced_return", "state_reception", "departed_unknown"],
  });
  q1 = await createPilotPeriod(db, {
    pilotId: pilot.id,
    periodStart: "2024-01-01",
    periodEnd: "2024-03-31",
    newParticipants: 3,
    participantsAtEnd: 30,
  });
  for (const [pathway, n] of [
    ["voluntary_return", 3],
    ["forced_return", 20],
    ["state_reception", 6],
    ["departed_unknown", 11],
  ] as const) {
    await createPilotOutcome(db, { pilotPeriodId: q1.id, pathway, count: n });
  }
  q2 = await createPilotPeriod(db, {
    pilotId: pilot.id,
    periodStart: "2024-04-01",
    periodEnd: "2024-06-30",
    newParticipants: 8,
    participantsAtEnd: 29,
  });
  await createPilotOutcome(db, { pilotPeriodId: q2.id, pathway: "forced_return", count: 9 });
  await makeUser("coordinator", "coordinator");
  await makeUser("official", "municipal_official", [home.id]);
  await makeUser("otherOfficial", "municipal_official", [elsewhere.id]);
  await makeUser("organiser", "organiser");
  await makeUser("viewer", "viewer");
});

interface Result {
  status: number;
  body: unknown;
  location: string | null;
}

function isDataWithInit(value: unknown): value is { init: ResponseInit | null; data: unknown } {
  return typeof value === "object" && value !== null && "init" in value && "data" in value;
}

async function call(
  fn: unknown,
  who: string | null,
  fields?: Record<string, string>,
  { id = pilot.id, search = "" }: { id?: string; search?: string } = {},
): Promise<Result> {
  const path = `/pilots/${id}/outcomes${search}`;
  const request = fields
    ? new Request(`http://localhost${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      })
    : new Request(`http://localhost${path}`);
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  context.set(requestInfoContext, { clientIp: "203.0.113.11", nonce: "" });
  if (who) context.set(userContext, users[who] ?? null);
  const url = new URL(request.url);
  const args = { request, context, params: { id }, url, pattern: "/pilots/:id/outcomes" };
  let result: unknown;
  try {
    await i18nextMiddleware(args as unknown as Parameters<MiddlewareFunction<Response>>[0], async () => {
      result = await (fn as (a: unknown) => Promise<unknown>)(args);
      return new Response(null);
    });
  } catch (error) {
    result = error;
  }
  if (result instanceof Response)
    return { status: result.status, body: null, location: result.headers.get("Location") };
  if (isDataWithInit(result))
    return { status: result.init?.status ?? 200, body: result.data, location: null };
  if (result instanceof Error) throw result;
  return { status: 200, body: result, location: null };
}

type LoaderData = Awaited<ReturnType<typeof outcomesRoute.loader>>;

async function load(who: string, search = ""): Promise<LoaderData> {
  const result = await call(outcomesRoute.loader, who, undefined, { search });
  expect(result.status).toBe(200);
  return result.body as LoaderData;
}

async function render(who: string, actionData?: unknown): Promise<string> {
  const loaderData = await load(who);
  const path = `/pilots/${pilot.id}/outcomes`;
  const Page = outcomesRoute.default as unknown as FunctionComponent<Record<string, unknown>>;
  const router = createMemoryRouter(
    [
      {
        path: "/pilots/:id/outcomes",
        Component: () =>
          createElement(Page, { loaderData, actionData, params: { id: pilot.id }, matches: [] }),
      },
    ],
    { initialEntries: [path] },
  );
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nextOptions, lng: "en" });
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(RouterProvider, { router })));
}

function grid(fields: Record<string, string> = {}): Record<string, string> {
  return {
    intent: "save",
    periodStart: "2024-07-01",
    periodEnd: "2024-09-30",
    newParticipants: "14",
    participantsAtEnd: "31",
    "outcomes.voluntary_return": "6",
    "outcomes.departed_unknown": "",
    ...fields,
  };
}

async function periodCount() {
  const [row] = await db.select({ n: count() }).from(pilotPeriods).where(eq(pilotPeriods.pilotId, pilot.id));
  return row?.n ?? 0;
}

describe("the loader", () => {
  test("coordinators and officials of the municipality see exact counts and may edit", async () => {
    for (const who of ["coordinator", "official"]) {
      const data = await load(who);
      expect(data.exact, who).toBe(true);
      expect(data.canEdit, who).toBe(true);
      const first = data.periods[0]!.shown;
      expect(first.cells.voluntary_return).toEqual({ kind: "exact", value: 3 });
      expect(first.newParticipants).toEqual({ kind: "exact", value: 3 });
      expect(first.left).toEqual({ kind: "exact", value: 40 });
      // Shares for editors whatever the denominator.
      expect(data.periods[1]!.shown.shares.durable).toBe(100);
      expect(data.cumulative.left).toEqual({ kind: "exact", value: 49 });
    }
    const editing = await load("official", `?edit=${q1.id}`);
    expect(editing.editing?.outcomes).toEqual({
      voluntary_return: 3,
      forced_return: 20,
      state_reception: 6,
      departed_unknown: 11,
    });
  });

  test("everyone else sees suppressed values, and no exact small count reaches them", async () => {
    for (const who of ["otherOfficial", "organiser", "viewer"]) {
      const data = await load(who, `?edit=${q1.id}`);
      expect(data.exact, who).toBe(false);
      expect(data.canEdit, who).toBe(false);
      expect(data.editing, who).toBeNull();
      const first = data.periods[0]!.shown;
      expect(first.cells.voluntary_return).toEqual({ kind: "suppressed" });
      // Secondary suppression: the next-smallest count of the period.
      expect(first.cells.state_reception).toEqual({ kind: "suppressed" });
      expect(first.cells.forced_return).toEqual({ kind: "exact", value: 20 });
      expect(first.newParticipants).toEqual({ kind: "suppressed" });
      expect(first.left).toEqual({ kind: "rounded", value: 40 });
      expect(first.shares).toEqual({ durable: 58, semi_durable: 15, no_solution: 28 });
      // 9 left in the second quarter: no shares under 10.
      expect(data.periods[1]!.shown.shares).toEqual({ durable: null, semi_durable: null, no_solution: null });
      const json = JSON.stringify(data);
      expect(json).not.toMatch(/"value":[36][,}]/);
      expect(json).not.toMatch(/"newParticipants":3[,}]/);
    }
  });

  test("404 for an unknown or malformed pilot id, after the permission check", async () => {
    expect((await call(outcomesRoute.loader, "viewer", undefined, { id: randomUUID() })).status).toBe(404);
    expect((await call(outcomesRoute.loader, "viewer", undefined, { id: "nope" })).status).toBe(404);
    const anonymous = await call(outcomesRoute.loader, null, undefined, { id: randomUUID() });
    expect(anonymous.location).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("the page", () => {
  test("a viewer sees <5, rounded totals, the chart and the legend, and no form", async () => {
    const html = await render("viewer");
    expect(html).toContain("&lt;5");
    expect(html).toContain("≈\u00a040");
    expect(html).toContain('data-testid="outcomes-chart"');
    expect(html).toContain('data-testid="outcomes-legend"');
    expect(html).toContain("Durable solution: ≈\u00a025 (58%)");
    expect(html).not.toContain('data-testid="outcomes-grid"');
    expect(html).not.toContain('data-testid="outcome-voluntary_return"');
  });

  test("an official of the municipality sees exact counts and the grid", async () => {
    const html = await render("official");
    expect(html).not.toContain("&lt;5");
    expect(html).toContain('data-testid="outcomes-grid"');
    expect(html).toContain('data-testid="outcome-voluntary_return"');
    expect(html).toContain('data-testid="outcomes-chart"');
    // The new period starts the day after the latest one ends.
    expect(html).toContain('value="2024-07-01"');
  });
});

describe("the action", () => {
  test("forged requests from outside the scope are refused and change nothing", async () => {
    const before = await periodCount();
    for (const who of ["otherOfficial", "organiser", "viewer"]) {
      expect((await call(outcomesRoute.action, who, grid())).status, who).toBe(403);
      expect(
        (await call(outcomesRoute.action, who, { intent: "archive", id: q1.id, version: String(q1.version) }))
          .status,
        who,
      ).toBe(403);
    }
    expect(await periodCount()).toBe(before);
  });

  test("field errors keep the entered values", async () => {
    const result = await call(
      outcomesRoute.action,
      "official",
      grid({ newParticipants: "-2", "outcomes.forced_return": "2.5", periodEnd: "2024-06-01" }),
    );
    expect(result.status).toBe(400);
    const reply = (
      result.body as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }
    ).result;
    expect(reply.error).toMatchObject({
      newParticipants: ["outcomes.validation.negative"],
      "outcomes.forced_return": ["outcomes.validation.wholeNumber"],
      periodEnd: ["outcomes.validation.endNotAfterStart"],
    });
    // The page shows the errors next to the fields, with what was typed.
    const html = await render("official", result.body);
    expect(html).toContain("A count cannot be negative.");
    expect(html).toContain("Enter a whole number.");
    expect(html).toContain("The end must be after the start.");
    expect(html).toMatch(
      /data-testid="outcome-forced_return"[^>]*value="2.5"|value="2.5"[^>]*data-testid="outcome-forced_return"/,
    );
    expect(html).toMatch(/name="newParticipants" value="-2"|value="-2"[^>]*name="newParticipants"/);
    expect(reply.initialValue).toMatchObject({
      newParticipants: "-2",
      periodStart: "2024-07-01",
      outcomes: { voluntary_return: "6", forced_return: "2.5" },
    });
  });

  test("an official of the municipality adds a period, a stale edit gets 409, an overlap 400", async () => {
    const saved = await call(outcomesRoute.action, "official", grid());
    expect(saved).toMatchObject({ status: 302, location: `/pilots/${pilot.id}/outcomes` });
    const data = await load("official");
    const added = data.periods.find((p) => p.periodStart === "2024-07-01");
    expect(added?.shown.cells.voluntary_return).toEqual({ kind: "exact", value: 6 });

    const overlap = await call(
      outcomesRoute.action,
      "coordinator",
      grid({ periodStart: "2024-09-01", periodEnd: "2024-12-31" }),
    );
    expect(overlap.status).toBe(400);
    expect((overlap.body as { result: { error: Record<string, string[]> } }).result.error).toMatchObject({
      periodStart: ["outcomes.validation.overlap"],
    });

    const id = added!.id;
    const edit = (value: string) => grid({ id, version: "1", "outcomes.voluntary_return": value });
    expect((await call(outcomesRoute.action, "coordinator", edit("7"))).status).toBe(302);
    const stale = await call(outcomesRoute.action, "official", edit("8"));
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      periodId: id,
      current: { version: 2, outcomes: { voluntary_return: 7 } },
    });

    const archived = await call(outcomesRoute.action, "official", { intent: "archive", id, version: "2" });
    expect(archived.status).toBe(302);
    expect((await load("official")).archived.map((p) => p.id)).toEqual([id]);
    expect((await call(outcomesRoute.action, "official", { intent: "nonsense" })).status).toBe(400);
  });

  test("a period of another pilot cannot be reached through this pilot's URL (404, nothing changes)", async () => {
    const other = await createPilot(db, { municipalityId: pilot.municipalityId });
    const foreign = await createPilotPeriod(db, { pilotId: other.id, newParticipants: 7 });
    const forged = [
      grid({ id: foreign.id, version: "1", periodStart: "2031-01-01", periodEnd: "2031-03-31" }),
      { intent: "archive", id: foreign.id, version: "1" },
      { intent: "restore", id: foreign.id, version: "1" },
    ];
    for (const who of ["official", "coordinator"]) {
      for (const fields of forged) {
        expect((await call(outcomesRoute.action, who, fields)).status, `${who} ${fields.intent}`).toBe(404);
      }
    }
    const [row] = await db.select().from(pilotPeriods).where(eq(pilotPeriods.id, foreign.id));
    expect(row).toMatchObject({ pilotId: other.id, version: 1, newParticipants: 7, archivedAt: null });
  });

  test("404 for an unknown pilot", async () => {
    expect((await call(outcomesRoute.action, "coordinator", grid(), { id: randomUUID() })).status).toBe(404);
  });
});
