// The municipalities list and the comparison of pilots, as a viewer, on the demo data: the list
// filters by country, and the comparison of the Dutch (LVV) pilots reproduces the final evaluation's
// shares of those who left: 18% durable, 41% semi-durable, 41% no solution.
import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { expectNoA11yViolations, h1, usePage, visit } from "./fixtures";

/** Texts of a locator's matches, whitespace collapsed. */
async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map((text) => text.replace(/\s+/g, " ").trim());
}

/** Choose a country in the filter and apply it, as a user would. */
async function filterByCountry(page: Page, country: string): Promise<void> {
  await page.getByLabel("Country", { exact: true }).selectOption(country);
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get("country") === country, {
    waitUntil: "commit",
    timeout: 15_000,
  });
}

const ctx = usePage({ role: "viewer" });

describe("municipalities", () => {
  test("the list filters by country", async () => {
    const { page } = ctx;
    await visit(page, "/municipalities");
    expect(await h1(page)).toBe("Municipalities");
    const table = page.getByTestId("municipalities-table");
    const names = () => texts(table.locator("tbody tr td:first-child a"));
    const countries = () => texts(table.locator("tbody tr td:nth-child(2)"));
    const all = await names();
    expect(all).toEqual(expect.arrayContaining(["Amsterdam", "Rotterdam", "Ghent", "Brussels"]));
    expect(new Set(await countries()).size).toBeGreaterThan(2);
    // Amsterdam's row: one pilot, and its next milestone is one of the LVV Amsterdam's.
    const amsterdam = await texts(
      table.locator("tbody tr").filter({ hasText: "Amsterdam" }).first().locator("td"),
    );
    expect(amsterdam[1]).toBe("NL");
    expect(amsterdam[2]).toBe("1");
    expect(amsterdam[3]).toContain("LVV Amsterdam");

    await filterByCountry(page, "BE");
    await expect
      .poll(() => names(), { timeout: 10_000 })
      .toEqual(["Antwerp", "Brussels", "Charleroi", "Ghent", "Liège"]);
    expect(new Set(await countries())).toEqual(new Set(["BE"]));
    expect(await page.locator("main p").first().textContent()).toBe("5 municipalities");
    await expectNoA11yViolations(page);

    await filterByCountry(page, "NL");
    await expect
      .poll(() => names(), { timeout: 10_000 })
      .toEqual(["Amsterdam", "Eindhoven", "Groningen", "Rotterdam", "Utrecht"]);
    expect(new Set(await countries())).toEqual(new Set(["NL"]));

    // Clearing the filter brings every municipality back.
    await page.getByRole("link", { name: "Clear filter", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/municipalities" && !url.searchParams.has("country"), {
      waitUntil: "commit",
      timeout: 15_000,
    });
    await expect.poll(() => names(), { timeout: 10_000 }).toEqual(all);
  });

  test("the comparison of the LVV pilots shows 18% durable, 41% semi-durable and 41% no solution", async () => {
    const { page } = ctx;
    await visit(page, "/municipalities");
    await page
      .getByRole("navigation", { name: "Views" })
      .getByRole("link", { name: "Compare pilots" })
      .click();
    await page.waitForURL((url) => url.searchParams.get("view") === "compare", { waitUntil: "commit" });
    await expect.poll(() => h1(page), { timeout: 10_000 }).toBe("Pilots compared");
    const table = page.getByTestId("comparison-table");
    const pilots = () => texts(table.locator("tbody tr th a"));
    expect(await pilots()).toEqual(
      expect.arrayContaining(["LVV Amsterdam", "Ghent shelter-and-orientation pilot"]),
    );
    await expectNoA11yViolations(page);

    // The Dutch pilots: the five LVV cities.
    await filterByCountry(page, "NL");
    expect(new URL(page.url()).searchParams.get("view")).toBe("compare");
    await expect
      .poll(async () => (await pilots()).sort(), { timeout: 10_000 })
      .toEqual(["LVV Amsterdam", "LVV Eindhoven", "LVV Groningen", "LVV Rotterdam", "LVV Utrecht"]);
    const total = page.getByTestId("comparison-total");
    expect(await total.locator("th").textContent()).toBe("Total (5 pilots)");
    // Participants, then durable, semi-durable and no solution: the share, and the count under it.
    const cells = total.locator("td");
    const share = (i: number) => cells.nth(i).locator("span").first().textContent();
    expect(await share(1)).toBe("18%");
    expect(await share(2)).toBe("41%");
    expect(await share(3)).toBe("41%");
    const headings = await texts(table.locator("thead th"));
    expect(headings.slice(3, 6)).toEqual(["Durable solution", "Semi-durable solution", "No solution"]);
    // The grouping behind the shares is explained once, in the legend.
    const legend = page.getByTestId("outcomes-legend");
    expect(await texts(legend.locator("dt"))).toEqual([
      "Durable solution",
      "Semi-durable solution",
      "No solution",
    ]);
    expect(await texts(legend.locator("dd").nth(1).locator("li"))).toContain("New asylum application");
    await expectNoA11yViolations(page);
  });
});
