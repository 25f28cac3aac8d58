// Accessibility of the states tests/e2e/a11y-states.e2e.ts does not reach: axe-core (WCAG 2.1 A and
// AA) on the generic error page (500), on the 503 page (PostgreSQL behind a proxy that is cut, as in
// tests/system/database-outage.test.ts), on /setup of a fresh database (and its field errors), and on
// the inline edit form of a record in each list that opens one with ?edit=<id> (or ?milestone=<id>):
// open, submitted with an invalid value, and refused because someone else changed the record.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  defaultBaseURL,
  expectNoA11yViolations,
  h1,
  openBrowser,
  signIn,
  visit,
  waitForHydration,
} from "./fixtures";
import { startServer, type RunningServer } from "./server";
import { adminSql } from "../helpers/postgres";
import { adminUrl, createEmptyDatabase } from "../system/app";
import { startTcpProxy, type TcpProxy } from "../system/tcp-proxy";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** The distinct addresses in a page's HTML that match, read without rendering the page. */
async function links(context: BrowserContext, path: string, pattern: RegExp): Promise<string[]> {
  const response = await context.request.get(path);
  expect(response.status(), `HTTP status of ${path}`).toBe(200);
  const html = (await response.text()).replaceAll("&amp;", "&");
  const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1] ?? "");
  return [...new Set(hrefs.filter((href) => pattern.test(href)))];
}

/**
 * No two elements share an id. axe 4.x no longer checks this (WCAG 2.2 dropped 4.1.1 Parsing), but a
 * repeated id still breaks what points at it: label for=, aria-labelledby, a field's form=.
 */
async function expectUniqueIds(page: Page): Promise<void> {
  const repeated = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const element of document.querySelectorAll("[id]"))
      seen.set(element.id, (seen.get(element.id) ?? 0) + 1);
    return [...seen].filter(([, count]) => count > 1).map(([id]) => id);
  });
  expect(repeated.join(", "), `ids used by more than one element on ${page.url()}`).toBe("");
}

/**
 * Post the page's own address with a body the app never sends: a form with enctype="text/plain",
 * which any browser can submit (same origin, so the cross-site check lets it through). The actions
 * read `request.formData()`, which refuses that content type: an unexpected error, the generic page.
 */
async function postPlainText(page: Page): Promise<number> {
  const path = new URL(page.url()).pathname;
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === path),
    page.evaluate((action) => {
      const form = document.createElement("form");
      form.method = "post";
      form.enctype = "text/plain";
      form.action = action;
      const field = document.createElement("input");
      field.type = "hidden";
      field.name = "name";
      field.value = "plain text";
      form.append(field);
      document.body.append(form);
      // submit(), not a click: a native navigation that React Router does not intercept.
      form.submit();
    }, path),
  ]);
  await page.waitForLoadState("load");
  return response.status();
}

describe("axe-core on the generic error page (500)", () => {
  let browser: Browser | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const cases = [
    { name: "for a coordinator (a malformed new organisation)", path: "/organisations/new", signedIn: true },
    { name: "for a signed-out visitor (a malformed sign-in)", path: "/login", signedIn: false },
  ];
  test.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, { path, signedIn }) => {
    if (!browser) throw new Error("the browser did not start");
    const baseURL = defaultBaseURL();
    const context = await browser.newContext({ baseURL, locale: "en-GB" });
    try {
      if (signedIn) await signIn(context, baseURL, "coordinator");
      const page = await context.newPage();
      page.on("pageerror", (error) => pageErrors.push(`${error.name}: ${error.message}`));
      await visit(page, path, { a11y: false });
      expect(await postPlainText(page)).toBe(500);
      await waitForHydration(page);
      expect(await h1(page)).toBe("Something went wrong");
      // The generic message, never the error itself.
      const text = (await page.locator("main").textContent()) ?? "";
      expect(text).not.toMatch(/Content-Type|TypeError|\bat .+\.(?:js|ts):\d+/);
      await expectUniqueIds(page);
      await expectNoA11yViolations(page);
      expect(pageErrors, "uncaught exceptions in the page").toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("axe-core on the 503 page (the database not answering)", () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>> | undefined;
  let proxy: TcpProxy | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    // PostgreSQL (DATABASE_ADMIN_URL, as for tests/system): the embedded database runs inside the
    // server's process and cannot go away on its own. Without a PostgreSQL server, the test skips.
    const admin = await adminSql(adminUrl);
    try {
      await admin`select 1`;
    } catch {
      return;
    } finally {
      await admin.end({ timeout: 1 });
    }
    database = await createEmptyDatabase();
    const target = new URL(database.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(database.url);
    proxied.port = String(proxy.port);
    [server, browser] = await Promise.all([
      startServer({ env: { DATABASE_URL: proxied.toString() }, name: "a11y-outage" }),
      openBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await proxy?.close();
    await database?.drop();
  });

  test("the sign-in page while the database is away", async (ctx) => {
    if (!database) ctx.skip(`no PostgreSQL at ${adminUrl}`);
    if (!browser || !server || !proxy) throw new Error("the outage server did not start");
    const context = await browser.newContext({ baseURL: server.baseURL, locale: "en-GB" });
    const errors: string[] = [];
    try {
      const page = await context.newPage();
      page.on("pageerror", (error) => errors.push(`${error.name}: ${error.message}`));
      await proxy.down("refuse");
      await visit(page, "/login", { status: 503, a11y: false });
      expect(await h1(page)).toBe("Temporarily unavailable");
      await expectUniqueIds(page);
      await expectNoA11yViolations(page);
    } finally {
      await proxy.up();
      await context.close();
    }
    expect(errors, "uncaught exceptions in the page").toEqual([]);
  });
});

describe("axe-core on /setup of a fresh database", () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServer({ env: { SCRYPT_LOG_N: "10" }, name: "a11y-setup" }),
      openBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function withPage(run: (page: Page) => Promise<void>): Promise<void> {
    if (!browser || !server) throw new Error("the browser or the setup server did not start");
    const context = await browser.newContext({ baseURL: server.baseURL, locale: "en-GB" });
    const errors: string[] = [];
    try {
      const page = await context.newPage();
      page.on("pageerror", (error) => errors.push(`${error.name}: ${error.message}`));
      await run(page);
    } finally {
      await context.close();
    }
    expect(errors, "uncaught exceptions in the page").toEqual([]);
  }

  /** No account yet: the first-run form is what every page leads to. */
  test("the first-run page", async () => {
    await withPage(async (page) => {
      await visit(page, "/", { a11y: false });
      expect(new URL(page.url()).pathname).toBe("/setup");
      expect(await h1(page)).toBe("Create the first account");
      await expectUniqueIds(page);
      await expectNoA11yViolations(page);
    });
  });

  test("the first-run page, submitted empty", async () => {
    await withPage(async (page) => {
      await visit(page, "/setup", { a11y: false });
      await page.getByRole("button", { name: "Create account and sign in" }).click();
      const invalid = page.locator('main form [aria-invalid="true"]');
      await invalid.first().waitFor({ timeout: 10_000 });
      expect(await invalid.count(), "fields with an error").toBeGreaterThanOrEqual(3);
      await expectUniqueIds(page);
      await expectNoA11yViolations(page);
    });
  });
});

/** Whose records a list shows: a partnership's, a pilot's or an event's. */
type Owner = "partnership" | "pilot" | "event";

interface EditState {
  /** The list, as the test's name. */
  name: string;
  owner: Owner;
  /** The owner's tab that lists the records. */
  tab: string;
  /** The search parameter that opens a record's form. */
  param: "edit" | "milestone";
  /** The edit form's id, from the record's id. */
  form: (id: string) => string;
  /** Values that make the form invalid (field selector inside the form: value). */
  invalid: Record<string, string>;
}

const EDIT_STATES: EditState[] = [
  {
    name: "a partnership's objective",
    owner: "partnership",
    tab: "objectives",
    param: "edit",
    form: (id) => `objective-${id}`,
    invalid: { '[name="title"]': "", '[name="progress"]': "-5" },
  },
  {
    name: "a partnership's risk",
    owner: "partnership",
    tab: "risks",
    param: "edit",
    form: (id) => `risk-edit-${id}`,
    invalid: { '[name="title"]': "" },
  },
  {
    name: "a partnership's funding line",
    owner: "partnership",
    tab: "funding",
    param: "edit",
    form: (id) => `funding-line-${id}`,
    invalid: { '[name="cofinancingRate"]': "150" },
  },
  {
    name: "a partnership's member",
    owner: "partnership",
    tab: "members",
    param: "edit",
    form: (id) => `member-edit-${id}`,
    invalid: { '[name="joinedOn"]': "2025-06-01", '[name="leftOn"]': "2020-01-01" },
  },
  {
    name: "a partnership's document link",
    owner: "partnership",
    tab: "documents",
    param: "edit",
    form: (id) => `document-${id}`,
    invalid: { '[name="title"]': "", '[name="url"]': "not an address" },
  },
  {
    name: "a pilot's milestone",
    owner: "pilot",
    tab: "milestones",
    param: "milestone",
    form: (id) => `milestone-edit-${id}`,
    invalid: { '[name="title"]': "" },
  },
  {
    name: "a pilot's outcome period",
    owner: "pilot",
    tab: "outcomes",
    param: "edit",
    form: (id) => `period-${id}`,
    invalid: { '[name="periodStart"]': "" },
  },
  {
    name: "an event's follow-up action",
    owner: "event",
    tab: "actions",
    param: "edit",
    form: (id) => `action-edit-${id}`,
    invalid: { '[name="title"]': "" },
  },
  {
    name: "an event's takeaway",
    owner: "event",
    tab: "takeaways",
    param: "edit",
    form: (id) => `takeaway-${id}`,
    invalid: { '[name="text"]': "" },
  },
];

describe("axe-core on records' inline edit forms, as a coordinator", () => {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];
  const owners = new Map<Owner, string[]>();
  /** The edit address found for each state (set by its first test, used by the second). */
  const editPaths = new Map<string, { path: string; id: string }>();

  beforeAll(async () => {
    browser = await openBrowser();
    const baseURL = defaultBaseURL();
    context = await browser.newContext({ baseURL, locale: "en-GB" });
    await signIn(context, baseURL, "coordinator");
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(`${error.name}: ${error.message}`));
    owners.set("partnership", await links(context, "/partnerships", new RegExp(`^/partnerships/${UUID}$`)));
    owners.set("event", await links(context, "/events", new RegExp(`^/events/${UUID}$`)));
    const pilots: string[] = [];
    for (const municipality of await links(
      context,
      "/municipalities",
      new RegExp(`^/municipalities/${UUID}$`),
    )) {
      pilots.push(...(await links(context, municipality, new RegExp(`^/pilots/${UUID}$`))));
    }
    owners.set("pilot", [...new Set(pilots)]);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    expect(pageErrors, "uncaught exceptions in the pages").toEqual([]);
  });

  /** The first record of the kind, among all owners, that has an edit link: its address and id. */
  async function firstEditable(state: EditState): Promise<{ path: string; id: string }> {
    if (!context) throw new Error("no browser context");
    const pattern = new RegExp(`[?&]${state.param}=(${UUID})`);
    for (const owner of owners.get(state.owner) ?? []) {
      const list = `${owner}/${state.tab}`;
      const found = (await links(context, list, pattern))[0];
      const id = found ? pattern.exec(found)?.[1] : undefined;
      if (id) return { path: `${list}?${state.param}=${id}`, id };
    }
    throw new Error(`no ${state.owner} has a record to edit on its ${state.tab} tab`);
  }

  describe.each(EDIT_STATES.map((state) => [state.name, state] as const))("%s", (_name, state) => {
    test("its edit form open", async () => {
      if (!page) throw new Error("no page");
      const target = await firstEditable(state);
      editPaths.set(state.name, target);
      await visit(page, target.path, { a11y: false });
      await page.locator(`form[id="${state.form(target.id)}"]`).waitFor();
      await expectUniqueIds(page);
      await expectNoA11yViolations(page);
    });

    test("its edit form submitted with an invalid value", async () => {
      // A local: the field helper below keeps its type.
      const current = page;
      if (!current) throw new Error("no page");
      const target = editPaths.get(state.name) ?? (await firstEditable(state));
      await visit(current, target.path, { a11y: false });
      const formId = state.form(target.id);
      const form = current.locator(`form[id="${formId}"]`);
      // A field may sit outside its form (form="..."): look for it by the form it belongs to too.
      const field = (selector: string) =>
        current.locator(`form[id="${formId}"] ${selector}, ${selector}[form="${formId}"]`).first();
      for (const [selector, value] of Object.entries(state.invalid)) await field(selector).fill(value);
      await form.locator('button[type="submit"]').last().click();
      await current
        .locator(`form[id="${formId}"] [aria-invalid="true"], [form="${formId}"][aria-invalid="true"]`)
        .first()
        // Generous: on a busy machine the check may go to the server and back.
        .waitFor({ timeout: 20_000 });
      await expectUniqueIds(current);
      await expectNoA11yViolations(current);
    });

    test("its edit form refused: changed by someone else meanwhile", async () => {
      if (!page || !context) throw new Error("no page");
      const target = editPaths.get(state.name) ?? (await firstEditable(state));
      await visit(page, target.path, { a11y: false });
      const formId = state.form(target.id);
      const form = page.locator(`form[id="${formId}"]`);
      // Someone else saves the record as it is (its version goes up) while the form is open here.
      const fields = await form.evaluate((element) =>
        [...new FormData(element as HTMLFormElement)].map(([name, value]) => [name, String(value)]),
      );
      const saved = await context.request.post(target.path, {
        data: new URLSearchParams(fields).toString(),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: defaultBaseURL() },
        maxRedirects: 0,
      });
      expect(saved.status(), `saving ${target.path} unchanged`).toBeGreaterThanOrEqual(300);
      expect(saved.status(), `saving ${target.path} unchanged`).toBeLessThan(400);
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST", { timeout: 20_000 }),
        form.locator('button[type="submit"]').last().click(),
      ]);
      expect(answer.status(), "the stale change refused").toBe(409);
      await page.locator('main [role="alert"]').first().waitFor({ timeout: 20_000 });
      await expectUniqueIds(page);
      await expectNoA11yViolations(page);
    });
  });
});
