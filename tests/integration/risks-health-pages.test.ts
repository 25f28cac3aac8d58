// The risks, health and history tabs rendered to HTML (server-side, as the first response is) with
// the data their loaders return: for a coordinator (every field) and for a viewer outside the
// partnership (aggregates). Catches a page that breaks on real data, and checks what it shows.
import { createInstance } from "i18next";
import { createElement, type FunctionComponent } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { createMemoryRouter, RouterContextProvider, RouterProvider } from "react-router";
import { beforeAll, describe, expect, test } from "vitest";
import { requestInfoContext, userContext } from "~/auth/context";
import { dbContext } from "~/db/context";
import type { Partnership, User } from "~/db/schema";
import { i18nextOptions } from "~/i18n/config";
import { healthDimensions } from "~/lib/enums";
import type { HealthCheckInput } from "~/lib/validation/risk-health";
import { i18nextMiddleware } from "~/middleware/i18next";
import { submitHealthCheck } from "~/models/health-checks.server";
import { saveRisk } from "~/models/risks.server";
import * as healthRoute from "~/routes/partnerships.$id.health";
import * as historyRoute from "~/routes/partnerships.$id.history";
import * as risksRoute from "~/routes/partnerships.$id.risks";
import { addMember, createOrganisation, createPartnership, createUser } from "../factories";
import { testDb } from "../helpers/db";

const { db } = await testDb();

const TITLE = "Funding <b>stops</b> in 2020";
const COMMENT = "We are not heard";
let partnership: Partnership;
let coordinator: User;
let viewer: User;

function answer(respondentOrganisationId: string, score: number, comment: string): HealthCheckInput {
  const scores = Object.fromEntries(healthDimensions.map((d) => [d, score])) as Record<
    (typeof healthDimensions)[number],
    number
  >;
  return { respondentOrganisationId, period: "2024-Q1", ...scores, comment };
}

beforeAll(async () => {
  partnership = await createPartnership(db);
  const a = await createOrganisation(db);
  const b = await createOrganisation(db);
  await addMember(db, { partnershipId: partnership.id, organisationId: a.id });
  await addMember(db, { partnershipId: partnership.id, organisationId: b.id });
  coordinator = await createUser(db, { role: "coordinator" });
  viewer = await createUser(db, { role: "viewer" });
  await saveRisk(db, coordinator, partnership.id, {
    intent: "save",
    category: "funding",
    title: TITLE,
    likelihood: 4,
    impact: 5,
    status: "open",
    reviewOn: "2020-01-01",
  });
  await submitHealthCheck(db, coordinator, partnership.id, answer(a.id, 2, COMMENT));
  await submitHealthCheck(db, coordinator, partnership.id, answer(b.id, 5, "All good"));
});

const tabs = { risks: risksRoute, health: healthRoute, history: historyRoute } as const;

async function render(tab: keyof typeof tabs, user: User): Promise<string> {
  const mod = tabs[tab];
  const path = `/partnerships/${partnership.id}/${tab}`;
  const url = new URL(`http://localhost${path}`);
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  context.set(requestInfoContext, { clientIp: "203.0.113.7", nonce: "" });
  context.set(userContext, {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    locale: "en",
    municipalityIds: [],
    sessionId: "test",
  });
  const args = { request: new Request(url), context, params: { id: partnership.id }, url, pattern: path };
  let loaderData: unknown;
  await i18nextMiddleware(args as never, async () => {
    loaderData = await (mod.loader as (a: unknown) => unknown)(args);
    return new Response(null);
  });
  const Page = mod.default as unknown as FunctionComponent<Record<string, unknown>>;
  const router = createMemoryRouter(
    [
      {
        path: "/partnerships/:id/" + tab,
        Component: () =>
          createElement(Page, {
            loaderData,
            actionData: undefined,
            params: { id: partnership.id },
            matches: [],
          }),
      },
    ],
    { initialEntries: [path] },
  );
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nextOptions, lng: "en" });
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(RouterProvider, { router })));
}

const escapedTitle = "Funding &lt;b&gt;stops&lt;/b&gt; in 2020";

describe("a coordinator", () => {
  test("sees the matrix, the register with the overdue flag, and the forms", async () => {
    const html = await render("risks", coordinator);
    expect(html).toContain("Likelihood × impact");
    // The matrix links the risk to its row; the title is escaped, never markup.
    expect(html).toMatch(/href="#risk-[0-9a-f-]{36}"/);
    expect(html).toContain(escapedTitle);
    expect(html).not.toContain(TITLE);
    expect(html).toContain("Review overdue");
    expect(html).toContain("Add a risk");
  });

  test("sees each member's answer, the disagreement and the trend", async () => {
    const html = await render("health", coordinator);
    expect(html).toContain("Members disagree");
    expect(html).toContain(COMMENT);
    expect(html).toContain("<svg");
    expect(html).toContain("Submit a health check");
  });

  test("sees what changed in the history", async () => {
    const html = await render("history", coordinator);
    expect(html).toContain(escapedTitle);
  });
});

describe("a viewer outside the partnership", () => {
  test("sees the aggregates only, and no form", async () => {
    const risks = await render("risks", viewer);
    expect(risks).toContain("Risk summary");
    expect(risks).not.toContain("stops");
    expect(risks).not.toContain("Add a risk");
    const health = await render("health", viewer);
    expect(health).toContain("Members disagree");
    expect(health).not.toContain(COMMENT);
    expect(health).not.toContain("Submit a health check");
    const history = await render("history", viewer);
    expect(history).not.toContain("stops");
    expect(history).toContain("Details are shared only with coordinators");
  });
});
