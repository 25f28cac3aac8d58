// Follow-ups on record pages, in the browser on the demo data: a viewer reads the EMN REG follow-up
// partnership's "Follow-ups", opens "See all" (the /actions list filtered to it, with a removable
// "Linked to" chip), removes the filter; then reads Fedasil's page (actions it owns, the calendar
// feed's address). Every page is checked with axe.
import { describe, expect, test } from "vitest";
import { expectNoA11yViolations, h1, usePage, visit } from "./fixtures";

const PARTNERSHIP = "EMN REG follow-up on multi-stakeholder governance";

describe("a viewer", () => {
  const ctx = usePage({ role: "viewer" });

  test("follows a partnership's follow-ups to the filtered list and back", async () => {
    const { page } = ctx;
    await visit(page, "/partnerships");
    await page.getByRole("link", { name: PARTNERSHIP }).first().click();
    await expect.poll(() => h1(page)).toBe(PARTNERSHIP);
    const section = page.getByRole("region", { name: "Follow-ups" });
    await expect
      .poll(() => section.textContent())
      .toContain("Circulate the seminar conclusions to the Return Expert Group");
    await expectNoA11yViolations(page);

    const seeAll = section.getByRole("link", { name: /^See all \d+ follow-up actions/ });
    const label = (await seeAll.getAttribute("aria-label")) ?? "";
    const count = /See all (\d+)/.exec(label)?.[1] ?? "?";
    await seeAll.click();
    await page.waitForURL((url) => url.pathname === "/actions" && url.searchParams.has("partnership"));
    await expect
      .poll(() => page.getByTestId("link-filter-partnership").textContent())
      .toContain(`Linked to: ${PARTNERSHIP}`);
    expect(await page.getByText(`${count} action`, { exact: false }).count()).toBeGreaterThan(0);
    await expectNoA11yViolations(page);

    await page.getByRole("link", { name: `Remove the filter “Linked to: ${PARTNERSHIP}”` }).click();
    await page.waitForURL((url) => url.pathname === "/actions" && !url.searchParams.has("partnership"));
    await expect.poll(() => page.getByTestId("link-filter-partnership").count()).toBe(0);
  });

  test("reads an organisation's follow-ups and its calendar feed address", async () => {
    const { page } = ctx;
    await visit(page, "/organisations?q=Fedasil");
    await page
      .getByRole("link", { name: /Fedasil|Federal Agency for the Reception/ })
      .first()
      .click();
    await page.waitForURL((url) => /^\/organisations\/[0-9a-f-]{36}$/.test(url.pathname));
    const section = page.getByRole("region", { name: "Follow-ups" });
    await expect.poll(() => section.textContent()).toContain("Map AMIF-funded projects");
    expect(await section.getByText("Owns it").count()).toBeGreaterThan(0);
    await section.getByText("Follow these actions in your calendar app").click();
    await expect.poll(() => section.textContent()).toContain("/actions.ics?token=YOUR_TOKEN");
    await expectNoA11yViolations(page);
  });
});
