// Helpers for the account suites: extra browser contexts (a second person, another device), the
// sign-in form, and the coordinator's invitation and reset links, read from the page as a user would.
import type { BrowserContext, Page } from "playwright-core";
import { afterEach, expect } from "vitest";
import type { UserRole } from "../../app/lib/enums";
import { expectNoA11yViolations, signIn, visit, type PageFixture } from "./fixtures";

export interface ExtraContexts {
  /** A new context in the fixture's browser (anonymous, or signed in as `role`), closed after the test. */
  open(role?: UserRole): Promise<{ context: BrowserContext; page: Page }>;
}

/** More contexts next to the fixture's page, checked for uncaught exceptions like the page itself. */
export function useExtraContexts(fixture: PageFixture): ExtraContexts {
  let contexts: BrowserContext[] = [];
  let errors: string[] = [];
  afterEach(async () => {
    const opened = contexts;
    const seen = errors;
    contexts = [];
    errors = [];
    await Promise.all(opened.map((context) => context.close()));
    expect(seen, "uncaught exceptions in the other contexts' pages").toEqual([]);
  });
  return {
    async open(role) {
      const context = await fixture.browser.newContext({ baseURL: fixture.baseURL, locale: "en-GB" });
      contexts.push(context);
      if (role) await signIn(context, fixture.baseURL, role);
      const page = await context.newPage();
      page.on("pageerror", (error) => errors.push(`${error.name}: ${error.message}`));
      return { context, page };
    },
  };
}

/** Resolves once the address matches (client-side navigations fire no "load"). */
export async function waitForPath(page: Page, pathname: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === pathname, { waitUntil: "commit", timeout: 15_000 });
}

/** The link to the signed-in user's account in the header: it shows their name. */
export function headerAccountLink(page: Page) {
  return page.getByRole("banner").locator('a[href="/account"]');
}

/** The texts of the main navigation's links. */
export async function navLinks(page: Page): Promise<string[]> {
  const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
  return (await links.allTextContents()).map((text) => text.trim());
}

/** Fill the sign-in form (the page is on /login) and submit it. */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The one-time link (invitation or reset) in the status box titled `title`, once it is shown. */
export async function readOneTimeLink(page: Page, title: string | RegExp): Promise<string> {
  const box = page.getByRole("status").filter({ has: page.getByRole("heading", { name: title }) });
  await box.waitFor({ state: "visible", timeout: 15_000 });
  const link = await box.getByLabel("Link", { exact: true }).inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/(invite|reset)\/\S+$/);
  return link;
}

export interface Invitee {
  email: string;
  role: "coordinator" | "organiser" | "municipal_official" | "viewer";
  /** The role's label in the select. */
  roleLabel: string;
  /** Labels of the municipality checkboxes to tick (RegExp: the name, the country varies). */
  municipalities?: RegExp[];
}

/** As a coordinator: fill the invitation form on /admin/users and return the one-time link shown. */
export async function invite(page: Page, invitee: Invitee): Promise<string> {
  await visit(page, "/admin/users");
  const form = page.locator("form#invite");
  await form.getByLabel("Email", { exact: true }).fill(invitee.email);
  await form.getByLabel("Role", { exact: true }).selectOption({ label: invitee.roleLabel });
  for (const municipality of invitee.municipalities ?? []) {
    await form.getByRole("checkbox", { name: municipality }).check();
  }
  await form.getByRole("button", { name: "Create invitation link" }).click();
  const link = await readOneTimeLink(page, `Invitation for ${invitee.email} created`);
  await expectNoA11yViolations(page);
  return link;
}

/** On an invitation link's page (opened without a session): choose name and password, submit. */
export async function acceptInvitation(page: Page, name: string, password: string) {
  expect((await page.locator("h1").textContent())?.trim()).toBe("Join Trellis");
  await page.getByLabel("Your name", { exact: true }).fill(name);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Password again", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account and sign in" }).click();
  await waitForPath(page, "/");
}
