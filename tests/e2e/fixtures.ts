// Shared helpers for the end-to-end suites: a browser per test file, a fresh context and page per
// test, navigation that checks the HTTP status, and an axe-core accessibility check.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, BrowserContextOptions, Page, Response } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from "vitest";
import type { UserRole } from "../../app/lib/enums";
import { SESSION_COOKIE, type TestAccount } from "./accounts";
import { openBrowser } from "./browser";

export { chromiumPath, openBrowser } from "./browser";

/** The WCAG levels every page must meet. */
export const A11Y_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** The test account of a role on the global setup's server. */
export function account(role: UserRole): TestAccount {
  return inject("accounts")[role];
}

/** Put a role's session cookie in a browser context: signed in without a password round trip. */
export async function signIn(context: BrowserContext, baseURL: string, role: UserRole): Promise<void> {
  await context.addCookies([{ name: SESSION_COOKIE, value: account(role).sessionToken, url: baseURL }]);
}

/** The address of the server the global setup started. */
export function defaultBaseURL(): string {
  return inject("baseURL");
}

export interface PageFixture {
  /** The current test's page (a new one for every test). */
  readonly page: Page;
  readonly context: BrowserContext;
  readonly browser: Browser;
  readonly baseURL: string;
  /** Uncaught exceptions in the page so far (the test fails on any, unless allowPageErrors). */
  readonly pageErrors: string[];
}

export interface UsePageOptions {
  /** Sign the page in as the test account of this role (see tests/e2e/accounts.ts); none: anonymous. */
  role?: UserRole;
  /** Default: the server from the global setup. */
  baseURL?: string | (() => string);
  /** Options for every new context (baseURL and locale are set unless given here). */
  contextOptions?: BrowserContextOptions;
  /** Do not fail a test on uncaught exceptions in the page. */
  allowPageErrors?: boolean;
}

/**
 * Call at the top of a test file (or describe block): opens one browser for the file and a fresh
 * context and page for every test, closed afterwards. Read `.page` inside a test.
 */
export function usePage(options: UsePageOptions = {}): PageFixture {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let baseURL = "";
  let pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    if (!browser) throw new Error("the browser did not start");
    baseURL =
      typeof options.baseURL === "function" ? options.baseURL() : (options.baseURL ?? defaultBaseURL());
    context = await browser.newContext({ baseURL, locale: "en-GB", ...options.contextOptions });
    if (options.role) await signIn(context, baseURL, options.role);
    page = await context.newPage();
    pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(`${error.name}: ${error.message}`));
  });
  afterEach(async () => {
    const errors = pageErrors;
    await context?.close();
    context = undefined;
    page = undefined;
    if (!options.allowPageErrors) expect(errors, "uncaught exceptions in the page").toEqual([]);
  });

  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only available inside a test`);
    return value;
  };
  return {
    get page() {
      return required(page, "page");
    },
    get context() {
      return required(context, "context");
    },
    get browser() {
      return required(browser, "browser");
    },
    get baseURL() {
      return baseURL;
    },
    get pageErrors() {
      return pageErrors;
    },
  };
}

export interface A11yOptions {
  /** axe rule ids to skip (say why at the call site). */
  disableRules?: string[];
  /** Only check this part of the page (CSS selector). */
  include?: string;
  /** Leave these parts out (CSS selectors). */
  exclude?: string[];
}

/** Run axe-core (WCAG 2.1 A and AA) on the page as it is now; fail with a readable list. */
export async function expectNoA11yViolations(page: Page, options: A11yOptions = {}): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(A11Y_TAGS);
  if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
  if (options.include) builder = builder.include(options.include);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const lines = violations.flatMap((violation) => [
    `${violation.id} (${violation.impact ?? "unknown impact"}): ${violation.help} — ${violation.helpUrl}`,
    ...violation.nodes.map((node) => {
      const target = node.target.map((part) => (Array.isArray(part) ? part.join(" >> ") : part)).join(" >> ");
      const why = (node.failureSummary ?? "").split("\n").slice(1).join(" ").trim();
      return `    at ${target}${why ? `: ${why}` : ""}`;
    }),
  ]);
  expect(
    violations.length,
    `axe: ${violations.length} accessibility violation(s) on ${page.url()}:\n${lines.join("\n")}\n`,
  ).toBe(0);
}

/** Resolves once React has hydrated the document (client-side navigation works from then on). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(
    // Set by the root layout's effect, after the commit that hydrated the document (app/root.tsx).
    () => "__reactRouterDataRouter" in window && document.documentElement.dataset.hydrated === "true",
    undefined,
    { timeout: 15_000 },
  );
}

export interface VisitOptions {
  /** The expected HTTP status; by default anything below 400. */
  status?: number;
  /** Run the accessibility check (default true). */
  a11y?: boolean | A11yOptions;
}

/** Open `path`, check the HTTP status, wait for hydration and check accessibility. */
export async function visit(page: Page, path: string, options: VisitOptions = {}): Promise<Response> {
  const response = await page.goto(path, { waitUntil: "load" });
  if (!response) throw new Error(`no response for ${path}`);
  const status = response.status();
  if (options.status === undefined) expect(status, `HTTP status of ${path}`).toBeLessThan(400);
  else expect(status, `HTTP status of ${path}`).toBe(options.status);
  await waitForHydration(page);
  if (options.a11y !== false) {
    await expectNoA11yViolations(page, typeof options.a11y === "object" ? options.a11y : {});
  }
  return response;
}

/** The page's first-level heading, as the user sees it. */
export async function h1(page: Page): Promise<string> {
  return ((await page.locator("h1").first().textContent()) ?? "").trim();
}
