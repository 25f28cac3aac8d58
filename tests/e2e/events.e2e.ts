// Events in the browser, on the demo data: an organiser finds the EMN REG seminar in the list and
// reads its takeaways; records a new event with the keyboard-operable form, adds a participating
// organisation with its attendee count and a takeaway in Markdown (rendered, raw HTML not live),
// and moves it; a viewer reads the same event with no edit controls. Every page is checked with axe.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { expectNoA11yViolations, h1, usePage, visit } from "./fixtures";

const RUN = Date.now();
const TITLE = `E2E workshop on case resolution ${RUN}`;
const SEMINAR =
  "EMN REG seminar: multi-stakeholder governance towards durable solutions for undocumented migrants";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

async function waitForPathname(page: Page, test: (pathname: string) => boolean): Promise<void> {
  await page.waitForURL((url) => test(url.pathname), { waitUntil: "commit", timeout: 15_000 });
}

let eventPath = "";

describe("an organiser", () => {
  const ctx = usePage({ role: "organiser" });

  test("finds the demo seminar, then records an event with a participant and takeaways", async () => {
    const { page } = ctx;
    await visit(page, "/events?kind=seminar");
    expect(await h1(page)).toBe("Events");
    await page.getByRole("link", { name: SEMINAR }).click();
    await waitForPathname(page, (p) => new RegExp(`^/events/${UUID}$`).test(p));
    await expect.poll(() => h1(page)).toBe(SEMINAR);
    expect(await page.getByRole("region", { name: "Participants" }).textContent()).toContain(
      "Federal Agency for the Reception of Asylum Seekers",
    );
    await expectNoA11yViolations(page);

    await visit(page, "/events/new");
    await page.getByLabel("Title").fill(TITLE);
    await page.getByLabel("Kind").selectOption("workshop");
    await page.getByLabel("Start date").fill("2025-05-20");
    await page.getByLabel("End date").fill("2025-05-19");
    await page.getByLabel("Place").fill("Ghent");
    await page.getByRole("button", { name: "Create event" }).click();
    // The end before the start: said next to the field, the values kept.
    await expect
      .poll(() => page.getByText("The end date cannot be before the start date.").count())
      .toBeGreaterThan(0);
    expect(await page.getByLabel("Title").inputValue()).toBe(TITLE);
    await page.getByLabel("End date").fill("2025-05-21");
    // Leaving the field revalidates it and takes its message away (before the click, not during it).
    await page.getByLabel("End date").blur();
    await expect.poll(() => page.getByText("The end date cannot be before the start date.").count()).toBe(0);
    const organisers = page.getByLabel("Organisers");
    const fedasil = await organisers
      .locator("option", { hasText: "(Fedasil)" })
      .first()
      .getAttribute("value");
    await organisers.selectOption(fedasil ?? "");
    await page.getByRole("button", { name: "Create event" }).click();
    await waitForPathname(page, (p) => new RegExp(`^/events/${UUID}$`).test(p));
    await expect.poll(() => h1(page)).toBe(TITLE);
    eventPath = new URL(page.url()).pathname;
    expect(await page.locator("main").textContent()).toContain("No takeaways recorded yet.");
    expect(await page.locator("main dl").first().textContent()).toContain("Federal Agency");
    await expectNoA11yViolations(page);

    await page.getByRole("link", { name: "Participants", exact: true }).click();
    await waitForPathname(page, (p) => p === `${eventPath}/participants`);
    const organisation = page.getByLabel("Organisation", { exact: true });
    const firstChoice = await organisation.locator("option").nth(1).textContent();
    await organisation.selectOption({ index: 1 });
    await page.getByLabel("Attendees").fill("7");
    await page.getByRole("button", { name: "Add participant" }).click();
    await expect
      .poll(() => page.getByRole("rowheader", { name: (firstChoice ?? "").replace(/ \(.*\)$/, "") }).count())
      .toBe(1);
    expect(await page.locator("tfoot").textContent()).toContain("7");
    await expectNoA11yViolations(page);

    await page.getByRole("link", { name: "Takeaways", exact: true }).click();
    await waitForPathname(page, (p) => p === `${eventPath}/takeaways`);
    for (const [theme, text] of [
      ["Housing", "**Shared** housing works.\n\n- one\n- two\n\n<b>not bold</b>"],
      ["Funding", "AMIF calls should *name* case resolution."],
    ]) {
      await page.getByLabel("Theme").fill(theme ?? "");
      await page.getByLabel("Text", { exact: true }).fill(text ?? "");
      await page.getByRole("button", { name: "Add takeaway" }).click();
      await expect.poll(() => page.getByRole("heading", { name: theme, level: 3 }).count()).toBe(1);
    }
    const main = page.locator("main");
    expect(await main.locator("strong", { hasText: "Shared" }).count()).toBe(1);
    expect(await main.locator("b").count()).toBe(0);
    await page.getByRole("button", { name: "Move Funding up" }).click();
    await expect
      .poll(async () => (await main.locator("ol > li h3").allTextContents()).map((t) => t.trim()))
      .toEqual(["Funding", "Housing"]);
    await expectNoA11yViolations(page);
  });
});

describe("a viewer", () => {
  const ctx = usePage({ role: "viewer" });

  test("reads the event and its takeaways with no edit controls", async () => {
    const { page } = ctx;
    expect(eventPath, "the organiser's test ran first").not.toBe("");
    await visit(page, eventPath);
    expect(await h1(page)).toBe(TITLE);
    expect(await page.getByRole("link", { name: "Edit", exact: true }).count()).toBe(0);
    expect(await page.locator("main strong", { hasText: "Shared" }).count()).toBe(1);
    await visit(page, `${eventPath}/takeaways`);
    expect(
      await page
        .getByRole("button")
        .filter({ hasText: /Move|Archive/ })
        .count(),
    ).toBe(0);
    expect(await page.getByLabel("Theme").count()).toBe(0);
    await visit(page, "/events");
    expect(await page.getByRole("link", { name: "New event" }).count()).toBe(0);
  });
});
