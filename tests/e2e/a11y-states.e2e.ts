// Accessibility of every page in every state the browser reaches (issue 9): axe-core (WCAG 2.1 A and
// AA) on each page of app/routes.ts (resource routes and exports left out) as a coordinator, with its
// disclosures open, its forms submitted empty so that the field errors show, the network map's side
// panel, search and table view, the import preview, the error pages, the pages of a signed-out
// visitor and the French interface. One browser, one signed-in page for the whole table; a state is a
// test of its own so that a run lists every failing state at once.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { UserRole } from "../../app/lib/enums";
import {
  defaultBaseURL,
  expectNoA11yViolations,
  openBrowser,
  signIn,
  visit,
  waitForHydration,
  type A11yOptions,
} from "./fixtures";

/** Record ids of the demo data, read from the list pages before the states run. */
interface Ids {
  organisation: string;
  partnership: string;
  municipality: string;
  pilot: string;
  event: string;
  user: string;
}

interface State {
  /** What the state is, as the test's name. */
  name: string;
  /** The page to open first. */
  path: (ids: Ids) => string;
  /** The expected HTTP status of that page (default: below 400). */
  status?: number;
  /** Who looks at it (default: the coordinator's page); "anonymous": signed out. */
  as?: "viewer" | "anonymous" | "french";
  /** What to do on the page before the check (open a disclosure, submit a form...). */
  act?: (page: Page) => Promise<void>;
  a11y?: A11yOptions;
}

/** Open the closed disclosures (<details>) in the main content: all of them, or the first `max`. */
function openDisclosures(max = Infinity): (page: Page) => Promise<void> {
  return async (page) => {
    const summaries = page.locator("main details:not([open]) > summary");
    const count = Math.min(await summaries.count(), max);
    expect(count, "closed disclosures to open").toBeGreaterThan(0);
    for (let i = 0; i < count; i++) await summaries.first().click();
  };
}

/**
 * Submit a form as it is (after putting the given values in its fields: an empty required one, an
 * out-of-range number) and wait for its field errors or its alert: nothing valid goes anywhere, so
 * nothing is stored.
 */
function submitEmpty(form: string, values: Record<string, string> = {}): (page: Page) => Promise<void> {
  return async (page) => {
    const target = page.locator(form);
    for (const [field, value] of Object.entries(values)) await target.locator(field).fill(value);
    await target.locator('button[type="submit"]').last().click();
    await page
      .locator(`${form} [aria-invalid="true"], main [role="alert"]`)
      .first()
      .waitFor({ timeout: 10_000 });
  };
}

/** Open the map and wait until it has drawn its data. */
async function mapReady(page: Page): Promise<void> {
  await page.locator('[data-testid="network-map"][data-map-ready="true"]').waitFor({ timeout: 20_000 });
}

/** A small organisations file with one bad row, for the import's mapping and preview steps. */
const IMPORT_CSV = [
  "Name,Acronym,Type,Country,Website",
  "A11y import one,AIO,ONG,Portugal,www.one.example.org",
  "A11y import two,AIT,Spaceship,Portugal,www.two.example.org",
].join("\r\n");

const STATES: State[] = [
  // The plain pages (lists, records and their tabs) are checked by the suites that visit them (visit()
  // runs axe: partnership-record, pilots, events, municipalities, permissions, shell...); here, the
  // states those suites do not reach.
  { name: "the dashboard", path: () => "/" },

  // Disclosures open.
  {
    name: "an organisation with its disclosures open",
    path: (ids) => ids.organisation,
    act: openDisclosures(),
  },
  {
    name: "a pilot's milestones with the calendar hint open",
    path: (ids) => `${ids.pilot}/milestones`,
    act: openDisclosures(),
  },
  {
    name: "an event's actions with the details and the calendar hint open",
    path: (ids) => `${ids.event}/actions`,
    act: openDisclosures(),
  },
  { name: "the audit log with a change open", path: () => "/admin/audit", act: openDisclosures(1) },

  // Forms submitted empty: the field errors.
  {
    name: "a new organisation, submitted empty",
    path: () => "/organisations/new",
    act: submitEmpty("form#organisation"),
  },
  {
    name: "an organisation's relationship, submitted empty",
    path: (ids) => ids.organisation,
    act: submitEmpty("form#relationship-add"),
  },
  {
    name: "a new partnership, submitted empty",
    path: () => "/partnerships/new",
    act: submitEmpty("form#partnership-create"),
  },
  {
    name: "a new member, submitted empty",
    path: (ids) => `${ids.partnership}/members`,
    act: submitEmpty("form#member-add"),
  },
  {
    name: "a new objective, submitted empty",
    path: (ids) => `${ids.partnership}/objectives`,
    act: submitEmpty("form#objective-new"),
  },
  {
    name: "a new funding line, submitted empty",
    path: (ids) => `${ids.partnership}/funding`,
    // Every field but the defaults is optional: an out-of-range co-financing rate makes it invalid.
    act: submitEmpty("form#funding-line-new", { '[name="cofinancingRate"]': "150" }),
  },
  {
    name: "a new document link, submitted empty",
    path: (ids) => `${ids.partnership}/documents`,
    act: submitEmpty("form#document-new"),
  },
  {
    name: "a new risk, submitted empty",
    path: (ids) => `${ids.partnership}/risks`,
    act: submitEmpty("form#risk-new"),
  },
  {
    name: "a health check, submitted empty",
    path: (ids) => `${ids.partnership}/health`,
    act: submitEmpty("form#health-check"),
  },
  {
    name: "a new pilot project, submitted empty",
    path: (ids) => `${ids.municipality}/pilots/new`,
    act: submitEmpty("main form"),
  },
  {
    name: "a new milestone, submitted empty",
    path: (ids) => `${ids.pilot}/milestones`,
    act: submitEmpty("form#milestone-new"),
  },
  {
    name: "a new outcome period, submitted empty",
    path: (ids) => `${ids.pilot}/outcomes`,
    act: submitEmpty("form#period-new"),
  },
  { name: "a new event, submitted empty", path: () => "/events/new", act: submitEmpty("form#event-create") },
  {
    name: "a new participant, submitted empty",
    path: (ids) => `${ids.event}/participants`,
    act: submitEmpty("form#participant-add"),
  },
  {
    name: "a new takeaway, submitted empty",
    path: (ids) => `${ids.event}/takeaways`,
    act: submitEmpty("form#takeaway-new"),
  },
  {
    name: "a new follow-up action, submitted empty",
    path: (ids) => `${ids.event}/actions`,
    act: submitEmpty("form#action-new"),
  },
  { name: "an invitation, submitted empty", path: () => "/admin/users", act: submitEmpty("form#invite") },
  {
    name: "the account's password form, submitted empty",
    path: () => "/account",
    act: submitEmpty("form#account-password"),
  },

  // The import's steps, with a file that has a bad row.
  {
    name: "the import's mapping and preview with a problem",
    path: () => "/import",
    act: async (page) => {
      await page.locator("#import-file").setInputFiles({
        name: "organisations.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(IMPORT_CSV + "\r\n"),
      });
      await page.getByRole("button", { name: "Upload and continue" }).click();
      await page.getByRole("heading", { name: "Map the columns" }).waitFor();
      await expectNoA11yViolations(page);
      await page.getByRole("button", { name: "Preview the import" }).click();
      await page.getByRole("heading", { name: "Preview", exact: true }).waitFor();
      await page.getByTestId("import-problems").waitFor();
    },
  },

  // The network map.
  {
    name: "the network map with its disclosures open",
    path: () => "/network",
    act: async (page) => {
      await mapReady(page);
      await openDisclosures()(page);
    },
  },
  {
    name: "the network map's side panel",
    path: () => "/network?q=INLIA",
    act: async (page) => {
      await mapReady(page);
      await page.locator('[data-node-kind="organisation"][data-focused="true"]').click();
      await page.locator("#network-panel-heading").waitFor();
      await expect.poll(() => page.getByTestId("network-panel").textContent()).toContain("Partnerships");
    },
  },
  {
    name: "the network map, a search that matches nothing",
    path: () => "/network?q=zzzz",
    act: async (page) => {
      await mapReady(page);
      await expect.poll(() => page.locator("#network-q-result").textContent()).toContain("No organisation");
    },
  },
  { name: "the network table, filtered", path: () => "/network?view=table&country=NL&sort=degree" },

  // Error pages.
  { name: "the 404 page", path: () => "/no-such-page", status: 404 },
  { name: "the 403 page, as a viewer", path: () => "/admin/users", status: 403, as: "viewer" },

  // Signed out.
  {
    name: "the sign-in page with its errors",
    path: () => "/login",
    as: "anonymous",
    act: submitEmpty("main form"),
  },
  { name: "an unknown invitation link", path: () => "/invite/no-such-token", as: "anonymous", status: 404 },

  // The French interface.
  { name: "the dashboard in French", path: () => "/", as: "french" },
  {
    name: "a new partnership in French, submitted empty",
    path: () => "/partnerships/new",
    as: "french",
    act: submitEmpty("form#partnership-create"),
  },
];

/** The first address in a page's HTML that matches, read without rendering the page. */
async function firstLink(context: BrowserContext, list: string, pattern: RegExp): Promise<string> {
  const response = await context.request.get(list);
  expect(response.status(), `HTTP status of ${list}`).toBe(200);
  const html = await response.text();
  const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1] ?? "");
  const found = hrefs.find((href) => pattern.test(href));
  expect(found, `a link matching ${pattern} on ${list}`).toBeDefined();
  return found ?? "";
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

describe("axe-core on every page and every state, as a coordinator", () => {
  let browser: Browser | undefined;
  const contexts = new Map<string, BrowserContext>();
  const pages = new Map<string, Page>();
  const pageErrors: string[] = [];
  let ids: Ids | undefined;

  async function pageFor(who: State["as"] | "coordinator"): Promise<Page> {
    const key = who ?? "coordinator";
    const existing = pages.get(key);
    if (existing) return existing;
    if (!browser) throw new Error("the browser did not start");
    const baseURL = defaultBaseURL();
    const context = await browser.newContext({ baseURL, locale: key === "french" ? "fr-FR" : "en-GB" });
    const role: UserRole | undefined =
      key === "anonymous" ? undefined : key === "viewer" ? "viewer" : "coordinator";
    if (role) await signIn(context, baseURL, role);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(`${key}: ${error.name}: ${error.message}`));
    contexts.set(key, context);
    pages.set(key, page);
    return page;
  }

  beforeAll(async () => {
    browser = await openBrowser();
    await pageFor("coordinator");
    const context = contexts.get("coordinator");
    if (!context) throw new Error("no coordinator context");
    const municipality = await firstLink(context, "/municipalities", new RegExp(`^/municipalities/${UUID}$`));
    ids = {
      organisation: await firstLink(context, "/organisations", new RegExp(`^/organisations/${UUID}$`)),
      partnership: await firstLink(context, "/partnerships", new RegExp(`^/partnerships/${UUID}$`)),
      municipality,
      pilot: await firstLink(context, municipality, new RegExp(`^/pilots/${UUID}$`)),
      event: await firstLink(context, "/events", new RegExp(`^/events/${UUID}$`)),
      user: await firstLink(context, "/admin/users", new RegExp(`^/admin/users/${UUID}$`)),
    };
  });

  afterAll(async () => {
    for (const context of contexts.values()) await context.close();
    await browser?.close();
    expect(pageErrors, "uncaught exceptions in the pages").toEqual([]);
  });

  test.each(STATES.map((state) => [state.name, state] as const))("%s", async (_name, state) => {
    if (!ids) throw new Error("the record ids were not read");
    const page = await pageFor(state.as);
    await visit(page, state.path(ids), { status: state.status, a11y: false });
    if (state.act) {
      await state.act(page);
      await waitForHydration(page);
    }
    await expectNoA11yViolations(page, state.a11y);
  });
});
