// First run, end to end: a server on a fresh embedded database (the demo data, no account) opens
// on /setup; the form makes the first coordinator and signs them in; then /setup is gone (404).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { headerAccountLink, navLinks, waitForPath } from "./auth-flows";
import { expectNoA11yViolations, h1, usePage, visit } from "./fixtures";
import { startServer, type RunningServer } from "./server";

let server: RunningServer | undefined;

beforeAll(async () => {
  server = await startServer({ env: { SCRYPT_LOG_N: "10" }, name: "setup" });
});
afterAll(async () => {
  await server?.stop();
});

const ctx = usePage({
  baseURL: () => {
    if (!server) throw new Error("the setup server did not start");
    return server.baseURL;
  },
});

const NAME = "Fiona First";
const EMAIL = `first-${Date.now()}@e2e.example.org`;
const PASSWORD = "first coordinator passphrase";

describe("first-run setup", () => {
  test("a too-short password is refused next to the field; name and email are kept", async () => {
    const { page } = ctx;
    await visit(page, "/setup");
    expect(await h1(page)).toBe("Create the first account");
    await page.getByLabel("Name", { exact: true }).fill(NAME);
    await page.getByLabel("Email", { exact: true }).fill(EMAIL);
    const password = page.getByLabel("New password", { exact: true });
    await password.fill("too short");
    await page.getByRole("button", { name: "Create account and sign in" }).click();

    await expect.poll(() => password.getAttribute("aria-invalid")).toBe("true");
    // The message is tied to the field (aria-describedby) and sits right under it.
    const describedBy = (await password.getAttribute("aria-describedby")) ?? "";
    const descriptions = await Promise.all(
      describedBy
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(descriptions.join(" ")).toContain("Use at least 12 characters.");
    const field = page.locator("div", { has: password }).last();
    expect(await field.textContent()).toContain("Use at least 12 characters.");
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe(NAME);
    expect(await page.getByLabel("Email", { exact: true }).inputValue()).toBe(EMAIL);
    expect(new URL(page.url()).pathname).toBe("/setup");
    await expectNoA11yViolations(page);
  });

  test("without JavaScript the server refuses it the same way (the password is not sent back)", async () => {
    const context = await ctx.browser.newContext({
      baseURL: ctx.baseURL,
      locale: "en-GB",
      javaScriptEnabled: false,
    });
    try {
      const page = await context.newPage();
      await page.goto("/setup");
      await page.getByLabel("Name", { exact: true }).fill(NAME);
      await page.getByLabel("Email", { exact: true }).fill(EMAIL);
      await page.getByLabel("New password", { exact: true }).fill("too short");
      const [response] = await Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/setup",
        ),
        page.getByRole("button", { name: "Create account and sign in" }).click(),
      ]);
      expect(response.status()).toBe(400);
      await page.waitForLoadState("load");
      const password = page.getByLabel("New password", { exact: true });
      expect(await password.getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("main form").textContent()).toContain("Use at least 12 characters.");
      expect(await password.inputValue()).toBe("");
      expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe(NAME);
      expect(await page.getByLabel("Email", { exact: true }).inputValue()).toBe(EMAIL);
    } finally {
      await context.close();
    }
  });

  test("the first coordinator signs up and is signed in; /setup is then gone", async () => {
    const { page } = ctx;
    // No account yet: the overview sends to sign-in, which sends to setup.
    await visit(page, "/");
    expect(new URL(page.url()).pathname).toBe("/setup");
    expect(await h1(page)).toBe("Create the first account");

    await page.getByLabel("Name", { exact: true }).fill(NAME);
    await page.getByLabel("Email", { exact: true }).fill(EMAIL);
    await page.getByLabel("New password", { exact: true }).fill(PASSWORD);
    const organisation = page.getByLabel("Organisation", { exact: true });
    const fedasil =
      (await organisation.locator("option", { hasText: "(Fedasil)" }).textContent())?.trim() ?? "";
    expect(fedasil, "the demo data's organisations are offered").not.toBe("");
    await organisation.selectOption({ label: fedasil });
    await page.getByRole("button", { name: "Create account and sign in" }).click();

    await waitForPath(page, "/");
    await expect.poll(() => h1(page), { timeout: 10_000 }).toBe("Overview");
    await expect.poll(() => headerAccountLink(page).textContent()).toBe(NAME);
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
    await expectNoA11yViolations(page);

    // The account is what the form said: a coordinator of the chosen organisation.
    await visit(page, "/account");
    const details = (await page.locator("main dl").textContent()) ?? "";
    expect(details).toContain(EMAIL);
    expect(details).toContain("Coordinator");
    expect(details).toContain(fedasil.replace(/ \(Fedasil\)$/, ""));

    const closed = await visit(page, "/setup", { status: 404 });
    expect(closed.headers()["content-type"]).toContain("text/html");
    expect(await h1(page)).toBe("Page not found");
    // Nor does it take a form any more.
    const again = await page.request.post("/setup", {
      form: { name: "Second", email: `second-${EMAIL}`, password: PASSWORD },
      headers: { Origin: ctx.baseURL },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(404);
    // Also for a browser without a session.
    const anonymous = await ctx.browser.newContext({ baseURL: ctx.baseURL, locale: "en-GB" });
    try {
      expect((await anonymous.request.get("/setup")).status()).toBe(404);
    } finally {
      await anonymous.close();
    }
  });
});
