// Stored text is shown escaped (issue 9, "bad input"): markup typed into the real forms as a
// coordinator, then the pages that show it opened in Chromium. No script of it runs
// (window.__xss stays undefined), no element of it exists, and the text reads literally.
// Names and titles of organisations, partnerships and actions refuse "<" and ">" (their forms say
// so, and the refused value comes back in the field, escaped too); free-text fields that accept
// it (an organisation's description and mandate, a risk's title) keep it as typed.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { usePage, visit } from "./fixtures";

const RUN = Date.now().toString(36);
const IMG = `<img src=x onerror="window.__xss=1">`;
const SCRIPT = `<script>window.__xss=1</script>`;

const ctx = usePage({ role: "coordinator" });

/** Nothing of the payloads ran or became an element. */
async function expectInert(page: Page): Promise<void> {
  // An image that fails to load fires onerror at once; give it a moment all the same.
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  // (The payload is in the page's hydration data, an inline script, as an escaped JSON string: what
  // must not exist is a script element made of it.)
  expect(
    await page
      .locator("script:not([src])")
      .evaluateAll((nodes) => nodes.filter((n) => n.textContent?.trim() === "window.__xss=1").length),
  ).toBe(0);
}

describe("stored markup is shown as text", () => {
  test("an organisation's description and mandate; its name refuses markup", async () => {
    const { page } = ctx;
    await visit(page, "/organisations/new", { a11y: false });
    const name = `Escaping check ${RUN}`;
    await page.getByLabel("Name", { exact: true }).fill(`${name} ${IMG}`);
    await page.getByLabel("Description", { exact: true }).fill(`Before ${IMG} after`);
    await page.getByLabel("Statutory mandate", { exact: true }).fill(`Mandate ${SCRIPT} end`);
    await page.getByRole("button", { name: "Create organisation" }).click();
    // Refused: the message, and the typed value kept in the field as text.
    await expect
      .poll(() => page.getByText("Do not use < or > here.").count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe(`${name} ${IMG}`);
    await expectInert(page);

    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Create organisation" }).click();
    await page.waitForURL(/\/organisations\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await page.reload({ waitUntil: "load" });
    await expect
      .poll(() => page.getByText(`Before ${IMG} after`, { exact: true }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await page.getByText(`Mandate ${SCRIPT} end`, { exact: true }).count()).toBeGreaterThan(0);
    await expectInert(page);
  });

  test("a partnership risk's title, on the risks tab", async () => {
    const { page } = ctx;
    await visit(page, "/partnerships", { a11y: false });
    const hrefs = await page
      .locator('main a[href^="/partnerships/"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    const id = hrefs.map((href) => /^\/partnerships\/([0-9a-f-]{36})/.exec(href)?.[1]).find(Boolean);
    expect(id).toBeDefined();
    await visit(page, `/partnerships/${id}/risks`, { a11y: false });
    const title = `Risk ${RUN} ${IMG} ${SCRIPT}`;
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add the risk" }) });
    await form.getByLabel("Category", { exact: true }).selectOption({ index: 1 });
    await form.getByLabel("Title", { exact: true }).fill(title);
    await form.getByRole("button", { name: "Add the risk" }).click();
    await expect
      .poll(() => page.getByText(title, { exact: true }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await page.reload({ waitUntil: "load" });
    await expect
      .poll(() => page.getByText(title, { exact: true }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expectInert(page);
  });

  test("a partnership's name refuses markup, and the form shows it back as text", async () => {
    const { page } = ctx;
    await visit(page, "/partnerships/new", { a11y: false });
    const typed = `Partnership ${RUN} ${SCRIPT}`;
    await page.getByLabel("Name", { exact: true }).fill(typed);
    await page.getByRole("button", { name: "Create partnership" }).click();
    await expect
      .poll(() => page.locator("[id$='-error'], [role='alert']").count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe(typed);
    expect(page.url()).toMatch(/\/partnerships\/new$/);
    await expectInert(page);
  });
});
