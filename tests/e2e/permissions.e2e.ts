// Roles in the browser: a viewer sees no edit controls and is refused the admin pages, also when a
// request is forged with their session; a cross-site request is refused even with a coordinator's.
import type { APIRequestContext, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { navLinks, useExtraContexts } from "./auth-flows";
import { account, h1, usePage, visit } from "./fixtures";

const RUN = Date.now();

/** The header's own controls, on every page for a signed-in user: the language switch and sign-out. */
const HEADER_BUTTONS = ["EN", "FR", "Sign out"];

async function expectForbiddenPage(page: Page, path: string): Promise<void> {
  await visit(page, path, { status: 403 });
  expect(await page.locator("main").textContent()).toContain(
    "Your account does not allow this. Ask a coordinator if you need it.",
  );
}

/**
 * Nothing in <main> that changes data: no form that posts, no button but a search form's (GET), no
 * link to create or edit; the only other buttons on the page are the header's.
 */
async function expectNoEditControls(page: Page, path: string): Promise<void> {
  const main = page.locator("main");
  expect(await main.locator('form:not([method="get" i])').count(), `forms that post on ${path}`).toBe(0);
  const buttons = main.locator("button, input[type=submit], input[type=button], input[type=image]");
  const outsideSearch = await buttons.evaluateAll(
    (elements) =>
      elements.filter((element) => element.closest("form")?.getAttribute("method")?.toLowerCase() !== "get")
        .length,
  );
  expect(outsideSearch, `buttons outside a search form on ${path}`).toBe(0);
  const hrefs = await main
    .locator("a[href]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  expect(
    hrefs.filter((href) => /\/(new|edit)(?=[/?#]|$)|^\/admin\b/.test(href ?? "")),
    `links to create or edit on ${path}`,
  ).toEqual([]);
  const headerButtons = await page
    .locator("button")
    .evaluateAll((elements) =>
      elements.filter((element) => !element.closest("main")).map((element) => element.textContent?.trim()),
    );
  expect(headerButtons, `the buttons outside <main> on ${path}`).toEqual(HEADER_BUTTONS);
}

/** The e-mail addresses of the users and open invitations the coordinator sees on /admin/users. */
async function knownEmails(page: Page): Promise<string> {
  // Checked with axe in accounts.e2e.ts.
  await visit(page, "/admin/users", { a11y: false });
  return (await page.locator("main").textContent()) ?? "";
}

function forgeInvite(request: APIRequestContext, baseURL: string, email: string, origin: string) {
  return request.post(`${baseURL}/admin/users`, {
    form: { intent: "invite", email, role: "coordinator" },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
}

// One browser for the file: the viewer's page per test, and more contexts for a coordinator.
const ctx = usePage({ role: "viewer" });
const others = useExtraContexts(ctx);

describe("a viewer", () => {
  test("sees no Users or Audit log link and no edit controls", async () => {
    const { page } = ctx;
    const pages = ["/", "/organisations", "/organisations?archived=1", "/partnerships"];
    for (const path of pages) {
      await visit(page, path);
      expect(await navLinks(page), `the navigation on ${path}`).toEqual([
        "Home",
        "Organisations",
        "Partnerships",
        "Municipalities",
        "Events",
        "Follow-ups",
        "Network",
      ]);
      await expectNoEditControls(page, path);
      // The first record's own page, where edit controls would be.
      if (path === "/organisations" || path === "/partnerships") {
        const first = page.locator("main table tbody tr td:first-child a").first();
        const href = await first.getAttribute("href");
        expect(href, `a record linked from ${path}`).toMatch(new RegExp(`^${path}/[0-9a-f-]{36}$`));
        await visit(page, href ?? "");
        await expectNoEditControls(page, href ?? "");
      }
    }
  });

  test("gets the 403 page on the admin pages", async () => {
    const { page } = ctx;
    await expectForbiddenPage(page, "/admin/users");
    await expectForbiddenPage(page, "/admin/audit");
    await expectForbiddenPage(page, `/admin/users/${account("organiser").id}`);
  });

  test("the 403 page is titled Not allowed", async () => {
    const { page } = ctx;
    await visit(page, "/admin/users", { status: 403 });
    expect(await h1(page)).toBe("Not allowed");
    expect(await page.title()).toBe("Not allowed · Trellis");
  });

  test("a forged POST with the viewer's session is refused with 403 and changes nothing", async () => {
    const { context, baseURL } = ctx;
    const email = `forged-${RUN}@e2e.example.org`;
    // Same origin, so the origin check lets it through: the permission check must refuse it.
    const forged = await forgeInvite(context.request, baseURL, email, baseURL);
    expect(forged.status()).toBe(403);
    expect(await forged.text()).not.toContain("/invite/");
    // The same through React Router's data endpoint, as a client-side form would post it.
    const data = await context.request.post(`${baseURL}/admin/users.data`, {
      form: { intent: "invite", email, role: "coordinator" },
      headers: { Origin: baseURL },
      maxRedirects: 0,
    });
    expect(data.status()).toBe(403);
    expect(await data.text()).not.toContain("/invite/");
    // A reset link for someone else, forged the same way.
    const reset = await context.request.post(`${baseURL}/admin/users/${account("organiser").id}`, {
      form: { intent: "reset" },
      headers: { Origin: baseURL },
      maxRedirects: 0,
    });
    expect(reset.status()).toBe(403);
    expect(await reset.text()).not.toContain("/reset/");

    const coordinator = await others.open("coordinator");
    expect(await knownEmails(coordinator.page), "no invitation was created").not.toContain(email);
  });
});

describe("a cross-site request", () => {
  test("is refused with 403 even with a coordinator's session", async () => {
    const { baseURL } = ctx;
    const { page, context } = await others.open("coordinator");
    const email = `cross-site-${RUN}@e2e.example.org`;
    const evil = await forgeInvite(context.request, baseURL, email, "http://evil.example");
    expect(evil.status()).toBe(403);
    expect(await evil.text()).toBe("Forbidden: cross-site request");
    // A browser says where a request comes from also with Sec-Fetch-Site.
    const crossSite = await context.request.post(`${baseURL}/admin/users`, {
      form: { intent: "invite", email, role: "coordinator" },
      headers: { "Sec-Fetch-Site": "cross-site" },
      maxRedirects: 0,
    });
    expect(crossSite.status()).toBe(403);

    // A real cross-site form, submitted by the browser from another site's page.
    await page.route("http://evil.example/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><html lang="en"><title>Evil</title><form method="post" action="${baseURL}/admin/users">
          <input name="intent" value="invite"><input name="email" value="${email}">
          <input name="role" value="coordinator"><button>Go</button></form></html>`,
      }),
    );
    await page.goto("http://evil.example/");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url() === `${baseURL}/admin/users`),
      page.getByRole("button", { name: "Go" }).click(),
    ]);
    expect(response.status()).toBe(403);

    expect(await knownEmails(page), "no invitation was created").not.toContain(email);

    // The control: the same request from this site is accepted.
    const own = await forgeInvite(context.request, baseURL, email, baseURL);
    expect(own.status()).toBe(200);
    expect(await own.text()).toContain("/invite/");
    expect(await knownEmails(page)).toContain(email);
  });
});
