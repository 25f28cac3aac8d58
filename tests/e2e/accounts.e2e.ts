// Accounts in the browser: signing in and out, an invitation accepted by a second person, and a
// password reset. Each person has their own browser context (their own cookie jar).
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  acceptInvitation,
  headerAccountLink,
  invite,
  navLinks,
  readOneTimeLink,
  submitLogin,
  useExtraContexts,
  waitForPath,
} from "./auth-flows";
import { SESSION_COOKIE } from "./accounts";
import { account, expectNoA11yViolations, h1, usePage, visit } from "./fixtures";

const RUN = Date.now();

// One browser for the file: an anonymous page per test, and more contexts for the other people.
const ctx = usePage();
const others = useExtraContexts(ctx);

/** The alert of a form that was refused as a whole (e.g. a wrong password). */
function formAlert(page: Page) {
  return page.locator("main").getByRole("alert");
}

async function expectSignInPage(page: Page, redirectTo: string): Promise<void> {
  const url = new URL(page.url());
  expect(url.pathname).toBe("/login");
  expect(url.search).toBe(`?redirectTo=${encodeURIComponent(redirectTo)}`);
  expect(await h1(page)).toBe("Sign in");
}

describe("signing in and out", () => {
  test("a page asks to sign in; a wrong password is refused; the right one leads back; sign out", async () => {
    const { page, context } = ctx;
    const coordinator = account("coordinator");

    await visit(page, "/partnerships");
    await expectSignInPage(page, "/partnerships");
    expect(await headerAccountLink(page).count(), "nobody is signed in").toBe(0);
    expect(await navLinks(page)).toEqual([]);

    await submitLogin(page, coordinator.email, "not the right password");
    await expect
      .poll(() => formAlert(page).textContent(), { timeout: 10_000 })
      .toBe("The email or the password is not right.");
    expect(await page.getByLabel("Email", { exact: true }).inputValue()).toBe(coordinator.email);
    expect(new URL(page.url()).pathname).toBe("/login");
    await expectNoA11yViolations(page);

    // Enter in the password field: a click on "Sign in" right after typing is lost (see the
    // known bug below).
    await page.getByLabel("Password", { exact: true }).fill(coordinator.password);
    await page.getByLabel("Password", { exact: true }).press("Enter");
    await waitForPath(page, "/partnerships");
    await expect.poll(() => h1(page), { timeout: 10_000 }).toBe("Partnerships");
    await expect.poll(() => headerAccountLink(page).textContent()).toBe(coordinator.name);
    expect(await navLinks(page)).toEqual([
      "Home",
      "Organisations",
      "Partnerships",
      "Municipalities",
      "Events",
      "Follow-ups",
      "Network",
      "Import",
      "Users",
      "Audit log",
    ]);
    const session = (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
    expect(session, "a session cookie").toBeDefined();
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    await expectNoA11yViolations(page);

    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await waitForPath(page, "/login");
    await expect.poll(() => h1(page), { timeout: 10_000 }).toBe("Sign in");
    expect(await headerAccountLink(page).count()).toBe(0);
    expect((await context.cookies()).some((cookie) => cookie.name === SESSION_COOKIE && cookie.value)).toBe(
      false,
    );
    await expectNoA11yViolations(page);

    await visit(page, "/partnerships");
    await expectSignInPage(page, "/partnerships");
  });
});

describe("signing in after a refused attempt", () => {
  // A regression test: forms once revalidated on blur, so pressing the button cleared the alert
  // above the fields, the button moved up under the mouse, and the first click was lost.
  test("one click on Sign in submits the corrected password", async () => {
    const { page } = ctx;
    const coordinator = account("coordinator");
    await visit(page, "/login");
    await submitLogin(page, coordinator.email, "not the right password");
    await expect.poll(() => formAlert(page).count(), { timeout: 10_000 }).toBe(1);
    await page.getByLabel("Password", { exact: true }).fill(coordinator.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/", { waitUntil: "commit", timeout: 5_000 });
  });
});

describe("an invitation accepted by a second person", () => {
  test("the coordinator invites a municipal official, who joins with the one-time link", async () => {
    const { page } = await others.open("coordinator");
    const email = `official-${RUN}@e2e.example.org`;
    const name = `Olga Official ${RUN}`;
    const password = "olga's long passphrase";

    const link = await invite(page, {
      email,
      role: "municipal_official",
      roleLabel: "Municipal official",
      municipalities: [/^Amsterdam\b/],
    });
    const pending = page.getByRole("region", { name: "Invitations not accepted yet" });
    const invitationRow = pending.getByRole("row").filter({ hasText: email });
    await expect.poll(() => invitationRow.count()).toBe(1);
    expect(await invitationRow.textContent()).toContain("Municipal official");

    // The invitee, in their own browser.
    const invitee = await others.open();
    await visit(invitee.page, link);
    const invitation = (await invitee.page.locator("main dl").textContent()) ?? "";
    expect(invitation).toContain(email);
    expect(invitation).toContain("Municipal official");
    await acceptInvitation(invitee.page, name, password);
    await expect.poll(() => h1(invitee.page), { timeout: 10_000 }).toBe("Overview");
    await expect.poll(() => headerAccountLink(invitee.page).textContent()).toBe(name);
    expect(await navLinks(invitee.page), "no Users or Audit log for a municipal official").toEqual([
      "Home",
      "Organisations",
      "Partnerships",
      "Municipalities",
      "Events",
      "Follow-ups",
      "Network",
    ]);
    await expectNoA11yViolations(invitee.page);

    await visit(invitee.page, "/account");
    const details = (await invitee.page.locator("main dl").textContent()) ?? "";
    expect(details).toContain(email);
    expect(details).toContain("Municipal official");
    expect(details).toContain("Amsterdam");
    await visit(invitee.page, "/admin/users", { status: 403 });

    // The link worked once.
    await visit(invitee.page, link, { status: 410 });
    expect(await h1(invitee.page)).toBe("This invitation cannot be used");

    // The coordinator sees the new account, and the invitation is no longer open.
    await visit(page, "/admin/users", { a11y: false }); // checked by invite()
    const accounts = page.getByRole("region", { name: "Accounts" });
    const row = accounts.getByRole("row").filter({ hasText: email });
    expect(await row.count()).toBe(1);
    const cells = (await row.getByRole("cell").allTextContents()).map((cell) => cell.trim());
    expect(cells[0]).toBe(name);
    expect(cells[1]).toBe(email);
    expect(cells[2]).toBe("Municipal official");
    expect(cells[4]).toContain("Amsterdam");
    expect(cells[5]).toBe("Active");
    expect(
      await page.getByRole("region", { name: "Invitations not accepted yet" }).textContent(),
    ).not.toContain(email);
  });
});

describe("a password reset", () => {
  test("the coordinator issues a reset link; the new password works, the old one no longer", async () => {
    const { page } = await others.open("coordinator");
    const email = `organiser-${RUN}@e2e.example.org`;
    const name = `Oscar Organiser ${RUN}`;
    const oldPassword = "oscar's first passphrase";
    const newPassword = "oscar's second passphrase";

    // A user of this test's own (the shared test accounts keep their sessions).
    const link = await invite(page, { email, role: "organiser", roleLabel: "Organiser" });
    const firstDevice = await others.open();
    await visit(firstDevice.page, link);
    await acceptInvitation(firstDevice.page, name, oldPassword);
    await expect
      .poll(() => headerAccountLink(firstDevice.page).textContent(), { timeout: 10_000 })
      .toBe(name);

    // The coordinator opens the user's page from the list and makes a reset link.
    await visit(page, "/admin/users", { a11y: false }); // checked by invite()
    await page.getByRole("region", { name: "Accounts" }).getByRole("link", { name, exact: true }).click();
    await page.waitForURL((url) => /^\/admin\/users\/[0-9a-f-]{36}$/.test(url.pathname), {
      waitUntil: "commit",
    });
    await expect.poll(() => h1(page), { timeout: 10_000 }).toBe(name);
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "Create reset link" }).click();
    const resetLink = await readOneTimeLink(page, "Reset link created");
    expect(resetLink).toContain("/reset/");
    await expectNoA11yViolations(page);

    // The user opens it in another browser and chooses a new password.
    const resetting = await others.open();
    await visit(resetting.page, resetLink);
    expect(await h1(resetting.page)).toBe("Choose a new password");
    expect(await resetting.page.locator("main").textContent()).toContain(`${name} (${email})`);
    await resetting.page.getByLabel("New password", { exact: true }).fill(newPassword);
    await resetting.page.getByLabel("New password again", { exact: true }).fill(newPassword);
    await resetting.page.getByRole("button", { name: "Save password and sign in" }).click();
    await waitForPath(resetting.page, "/");
    await expect.poll(() => h1(resetting.page), { timeout: 10_000 }).toBe("Overview");
    await expect.poll(() => headerAccountLink(resetting.page).textContent()).toBe(name);

    // The new password ended the user's other sessions.
    await visit(firstDevice.page, "/organisations", { a11y: false });
    await expectSignInPage(firstDevice.page, "/organisations");

    // The link worked once.
    await visit(resetting.page, resetLink, { status: 410 });
    expect(await h1(resetting.page)).toBe("This reset link cannot be used");

    // Yet another browser: the old password is refused, the new one signs in.
    const later = await others.open();
    await visit(later.page, "/login");
    await submitLogin(later.page, email, oldPassword);
    await expect
      .poll(() => formAlert(later.page).textContent(), { timeout: 10_000 })
      .toBe("The email or the password is not right.");
    // A fresh form: a click right after a refused attempt is lost (the known bug above).
    await visit(later.page, "/login", { a11y: false });
    await submitLogin(later.page, email, newPassword);
    await waitForPath(later.page, "/");
    await expect.poll(() => h1(later.page), { timeout: 10_000 }).toBe("Overview");
    await expect.poll(() => headerAccountLink(later.page).textContent()).toBe(name);
  });
});
