// Pilot projects in the browser, on the demo data: a municipal official of Amsterdam opens the LVV
// Amsterdam pilot from the municipalities list, adds a milestone, marks one done from the timeline
// and enters a period of outcomes in the grid. Scope, small counts and calendar feeds:
// pilots-access.e2e.ts.
import { describe, expect, test } from "vitest";
import { expectNoA11yViolations, h1, usePage, visit } from "./fixtures";
import {
  alerts,
  day,
  milestoneRow,
  outcomeRow,
  parseSummary,
  PILOT_PATH,
  pilotPath,
  pilotPaths,
  shown,
  summaryOf,
  texts,
  UUID,
  waitForPathname,
} from "./pilot-helpers";

const RUN = Date.now();
const MILESTONE = `E2E steering group review ${RUN}`;
/** A seeded LVV Amsterdam milestone, in progress and 12 days overdue. */
const OVERDUE = "Participant satisfaction survey";

// One browser for the file: the Amsterdam official's page per test.
const ctx = usePage({ role: "municipal_official" });

describe("a municipal official of Amsterdam", () => {
  test("opens LVV Amsterdam from the municipalities, adds a milestone and marks one done", async () => {
    const { page } = ctx;

    // /municipalities -> Amsterdam -> LVV Amsterdam -> Milestones, by mouse.
    await visit(page, "/municipalities");
    await page
      .getByTestId("municipalities-table")
      .getByRole("link", { name: "Amsterdam", exact: true })
      .click();
    await waitForPathname(page, (pathname) => new RegExp(`^/municipalities/${UUID}$`).test(pathname));
    await expect.poll(() => h1(page), { timeout: 10_000 }).toBe("Amsterdam");
    expect(await page.getByTestId("new-pilot").textContent(), "in scope: may create a pilot").toBe(
      "New pilot",
    );
    await expectNoA11yViolations(page);
    await page
      .getByTestId("municipality-pilots")
      .getByRole("link", { name: "LVV Amsterdam", exact: true })
      .click();
    await waitForPathname(page, (pathname) => PILOT_PATH.test(pathname));
    await expect.poll(() => h1(page), { timeout: 10_000 }).toBe("LVV Amsterdam");
    const base = new URL(page.url()).pathname;
    pilotPaths.set("LVV Amsterdam", base);
    const tabs = page.getByRole("navigation", { name: "Pilot project sections" });
    expect(await texts(tabs.getByRole("link"))).toEqual([
      "Overview",
      "Milestones",
      "Outcomes",
      "Funding",
      "Documents",
      "Edit",
    ]);
    await expectNoA11yViolations(page);
    await tabs.getByRole("link", { name: "Milestones", exact: true }).click();
    await waitForPathname(page, (pathname) => pathname === `${base}/milestones`);
    const timeline = page.getByTestId("milestone-timeline");
    await timeline.waitFor({ timeout: 10_000 });
    await expectNoA11yViolations(page);

    // The seeded overdue milestone: red on the timeline and in the alerts.
    const overdueRow = milestoneRow(page, OVERDUE);
    const overdueId = (await overdueRow.getAttribute("data-milestone-id")) ?? "";
    expect(overdueId).toMatch(new RegExp(`^${UUID}$`));
    const overdueMark = timeline.locator(`a[data-milestone-id="${overdueId}"]`);
    expect(await overdueMark.getAttribute("data-tone")).toBe("overdue");
    expect(await alerts(page)).toContainEqual(
      expect.stringMatching(new RegExp(`^Overdue: ${OVERDUE} \\(planned `)),
    );

    // Add a milestone due in 10 days: in the list, on the timeline, and "due soon" in the alerts.
    const due = day(10);
    const form = page.locator("form#milestone-new");
    await form.getByLabel("Title", { exact: true }).fill(MILESTONE);
    await form
      .getByLabel("Description", { exact: true })
      .fill("The steering group reviews the first results.");
    await form.getByLabel("Planned date", { exact: true }).fill(due);
    expect(await form.getByLabel("Status", { exact: true }).inputValue()).toBe("planned");
    await form.getByRole("button", { name: "Add the milestone" }).click();
    const row = milestoneRow(page, MILESTONE);
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    // Columns: order, title, planned, actual, status, actions.
    const cells = await texts(row.locator("td"));
    expect(cells[1]).toBe(`${MILESTONE}The steering group reviews the first results.`);
    expect(cells[2]).toBe(`${shown(due)}Due soon`);
    expect(cells[3]).toBe("—");
    expect(cells[4]).toBe("Planned");
    const id = (await row.getAttribute("data-milestone-id")) ?? "";
    const mark = timeline.locator(`a[data-milestone-id="${id}"]`);
    expect(await mark.getAttribute("aria-label")).toBe(
      `${MILESTONE}: Planned, planned ${shown(due)}, done —`,
    );
    expect(await mark.getAttribute("data-tone")).toBe("open");
    expect(await alerts(page)).toContain(`Due soon: ${MILESTONE} (${shown(due)})`);
    // The add form is empty again.
    await expect.poll(() => form.getByLabel("Title", { exact: true }).inputValue()).toBe("");
    await expectNoA11yViolations(page);

    // Mark the overdue one done, from the timeline, by keyboard: Enter on its mark opens it in the form.
    await overdueMark.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("milestone") === overdueId, {
      waitUntil: "commit",
      timeout: 15_000,
    });
    const doneForm = page.getByRole("form", { name: `Mark ${OVERDUE} done`, exact: true });
    await doneForm.waitFor({ timeout: 10_000 });
    expect(await page.locator("#milestone-form-heading").textContent()).toBe(`Edit ${OVERDUE}`);
    await expectNoA11yViolations(page);
    const doneOn = day(-2);
    await doneForm.getByLabel("Actual date (done)", { exact: true }).fill(doneOn);
    await doneForm.getByRole("button", { name: "Mark done", exact: true }).click();
    await page.waitForURL(
      (url) => url.pathname === `${base}/milestones` && !url.searchParams.has("milestone"),
      {
        waitUntil: "commit",
        timeout: 15_000,
      },
    );
    await expect
      .poll(async () => (await texts(overdueRow.locator("td")))[4], { timeout: 10_000 })
      .toBe("Done");
    const doneCells = await texts(overdueRow.locator("td"));
    expect(doneCells[2], "no longer flagged overdue").not.toContain("Overdue");
    expect(doneCells[3]).toBe(shown(doneOn));
    expect(await overdueRow.getByRole("button", { name: `Mark ${OVERDUE} done today` }).count()).toBe(0);
    expect(await overdueMark.getAttribute("data-tone")).toBe("done");
    expect(await overdueMark.getAttribute("aria-label")).toMatch(
      new RegExp(`^${OVERDUE}: Done, planned .+, done ${shown(doneOn)}$`),
    );
    expect((await alerts(page)).filter((alert) => alert.includes(OVERDUE))).toEqual([]);
    expect(await alerts(page)).toContain(`Due soon: ${MILESTONE} (${shown(due)})`);
    await expectNoA11yViolations(page);
  });

  test("enters a period of outcomes in the grid and sees the chart and the shares update", async () => {
    const { page } = ctx;
    const base = await pilotPath(page, "LVV Amsterdam");
    await visit(page, `${base}/outcomes`);
    expect(await page.getByTestId("outcomes-suppression-note").textContent()).toMatch(
      /^You see exact counts/,
    );
    const bars = page.getByTestId("outcomes-chart-period");
    const cumulative = page.getByTestId("outcomes-chart-cumulative");
    const periodsBefore = await bars.count();
    expect(periodsBefore).toBeGreaterThan(1);
    const before = parseSummary((await cumulative.locator("p").textContent()) ?? "");

    // The grid of a new period starts the day after the latest one.
    const grid = page.getByTestId("outcomes-grid");
    expect(await grid.getByRole("heading").textContent()).toBe("Add a reporting period");
    const start = await grid.getByLabel("Start of the period", { exact: true }).inputValue();
    expect(start).toBe("2022-07-01");
    const end = "2022-12-31";
    await grid.getByLabel("End of the period", { exact: true }).fill(end);
    // By keyboard through the grid: new participants, then participants at the end.
    await grid.getByTestId("outcome-newParticipants").click();
    await page.keyboard.type("12");
    await page.keyboard.press("Tab");
    await page.keyboard.type("250");
    expect(await grid.getByTestId("outcome-participantsAtEnd").inputValue()).toBe("250");
    const added = { residence_permit: 1, voluntary_return: 1, new_asylum_application: 3, state_reception: 1 };
    for (const [pathway, count] of Object.entries(added)) {
      await grid.getByTestId(`outcome-${pathway}`).fill(String(count));
    }
    await grid.getByTestId("outcome-departed_unknown").fill("4");
    await grid.getByRole("button", { name: "Save the period" }).click();
    await expect.poll(() => bars.count(), { timeout: 10_000 }).toBe(periodsBefore + 1);

    // The new period's bar: 10 left, 2 durable, 4 semi-durable, 4 no solution.
    const label = `${shown(start)} – ${shown(end)}`;
    const bar = bars.filter({ hasText: label });
    expect(await texts(bar.locator("span"))).toEqual([label, "Left: 10"]);
    expect(await bar.locator("p").textContent()).toBe(
      "Durable solution: 2 (20%) · Semi-durable solution: 4 (40%) · No solution: 4 (40%)",
    );
    expect(await bar.getByRole("img").getAttribute("aria-label")).toBe(
      `${label}: Durable solution: 2 (20%) · Semi-durable solution: 4 (40%) · No solution: 4 (40%)`,
    );
    const widths = await bar
      .locator("[data-group]")
      .evaluateAll((parts) =>
        parts.map((part) => `${part.getAttribute("data-group")} ${(part as HTMLElement).style.width}`),
      );
    expect(widths).toEqual(["durable 20%", "semi_durable 40%", "no_solution 40%"]);

    // All periods: the figures and the shares of those who left, updated.
    const after = {
      durable: before.counts.durable + 2,
      semi: before.counts.semi + 4,
      none: before.counts.none + 4,
    };
    expect(await cumulative.locator("p").textContent()).toBe(summaryOf(after));

    // The table has the period's column with the exact counts.
    const column = (await texts(page.getByTestId("outcomes-table").locator("thead th"))).findIndex((text) =>
      text.startsWith(label),
    );
    expect(column, `the column of ${label}`).toBeGreaterThan(0);
    const cell = async (rowLabel: string) =>
      (await texts(outcomeRow(page, rowLabel).locator("td")))[column - 1];
    expect(await cell("New participants")).toBe("12");
    expect(await cell("Participants still in guidance at the end")).toBe("250");
    expect(await cell("Residence permit")).toBe("1");
    expect(await cell("New asylum application")).toBe("3");
    expect(await cell("Departed to unknown destination")).toBe("4");

    // The next period's grid starts after this one.
    await expect
      .poll(() =>
        page.getByTestId("outcomes-grid").getByLabel("Start of the period", { exact: true }).inputValue(),
      )
      .toBe("2023-01-01");
    await expectNoA11yViolations(page);
  });
});
