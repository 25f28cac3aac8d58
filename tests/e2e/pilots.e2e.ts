// Pilot projects in the browser, on the demo data: a municipal official of Amsterdam opens the LVV
// Amsterdam pilot from the municipalities list, adds a milestone, marks one done from the timeline
// and enters a period of outcomes in the grid; on Rotterdam's pilot the same official gets no edit
// controls and forged posts are refused; a viewer sees small counts as "<5" where a coordinator sees
// them exactly; and a calendar feed is fetched without a session with the token from /account.
import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { formatDate } from "../../app/lib/format";
import { useExtraContexts } from "./auth-flows";
import { expectNoA11yViolations, h1, usePage, visit } from "./fixtures";

const RUN = Date.now();
const MILESTONE = `E2E steering group review ${RUN}`;
const FORGED = `E2E forged milestone ${RUN}`;
const CONTROL = `E2E forged in scope ${RUN}`;
/** A seeded LVV Amsterdam milestone, in progress and 12 days overdue. */
const OVERDUE = "Participant satisfaction survey";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const PILOT_PATH = new RegExp(`^/pilots/${UUID}$`);

/** A day relative to today (UTC, as the server counts), as YYYY-MM-DD. */
function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A date as the English pages show it. */
function shown(iso: string): string {
  return formatDate(iso, "en");
}

/** Resolves once the address matches (client-side navigations fire no "load"). */
async function waitForPathname(page: Page, test: (pathname: string) => boolean): Promise<void> {
  await page.waitForURL((url) => test(url.pathname), { waitUntil: "commit", timeout: 15_000 });
}

/** Texts of a locator's matches, whitespace collapsed. */
async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map((text) => text.replace(/\s+/g, " ").trim());
}

const pilotPaths = new Map<string, string>();

/** A pilot's address, read from the comparison view's link (cached for the file). */
async function pilotPath(page: Page, name: string): Promise<string> {
  const cached = pilotPaths.get(name);
  if (cached) return cached;
  // Checked with axe in municipalities.e2e.ts.
  await visit(page, "/municipalities?view=compare", { a11y: false });
  const href = await page
    .getByTestId("comparison-table")
    .getByRole("link", { name, exact: true })
    .getAttribute("href");
  expect(href, `the link to ${name}`).toMatch(PILOT_PATH);
  pilotPaths.set(name, href ?? "");
  return href ?? "";
}

/** A milestone's row in the list of the milestones tab. */
function milestoneRow(page: Page, title: string): Locator {
  return page
    .getByTestId("milestone-list")
    .locator("tbody tr")
    .filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

/** The alerts of the pilot, as shown. */
async function alerts(page: Page): Promise<string[]> {
  return texts(page.getByTestId("pilot-alerts").locator("li"));
}

interface GroupFigures {
  durable: number;
  semi: number;
  none: number;
}

/** The counts of a chart bar's summary ("Durable solution: 25 (58%) · ..."), with the shares. */
function parseSummary(text: string): { counts: GroupFigures; shares: GroupFigures } {
  const number = "([\\d,]+)";
  const match = new RegExp(
    `Durable solution: ${number} \\((\\d+)%\\) · Semi-durable solution: ${number} \\((\\d+)%\\) · No solution: ${number} \\((\\d+)%\\)`,
  ).exec(text);
  expect(match, `the figures in "${text}"`).not.toBeNull();
  const n = (i: number) => Number((match?.[i] ?? "").replace(/,/g, ""));
  return {
    counts: { durable: n(1), semi: n(3), none: n(5) },
    shares: { durable: n(2), semi: n(4), none: n(6) },
  };
}

function summaryOf(counts: GroupFigures): string {
  const left = counts.durable + counts.semi + counts.none;
  const share = (n: number) => Math.round((100 * n) / left);
  const f = (n: number) => new Intl.NumberFormat("en").format(n);
  return (
    `Durable solution: ${f(counts.durable)} (${share(counts.durable)}%) · ` +
    `Semi-durable solution: ${f(counts.semi)} (${share(counts.semi)}%) · ` +
    `No solution: ${f(counts.none)} (${share(counts.none)}%)`
  );
}

/** Nothing in <main> that posts: no form but a GET one, no button outside one. */
async function expectNothingThatPosts(page: Page, path: string): Promise<void> {
  const main = page.locator("main");
  expect(await main.locator('form:not([method="get" i])').count(), `forms that post on ${path}`).toBe(0);
  expect(
    await main.locator("button, input[type=submit]").count(),
    `buttons in the main part of ${path}`,
  ).toBe(0);
}

/** The pilot's outcome table row of a count (a pathway or "New participants"). */
function outcomeRow(page: Page, label: string): Locator {
  return page
    .getByTestId("outcomes-table")
    .locator("tbody tr")
    .filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });
}

// One browser for the file: the Amsterdam official's page per test, more contexts for the others.
const ctx = usePage({ role: "municipal_official" });
const others = useExtraContexts(ctx);

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

  test("gets no edit controls on Rotterdam's pilot, and forged posts are refused with 403", async () => {
    const { page, context, baseURL } = ctx;
    const rotterdam = await pilotPath(page, "LVV Rotterdam");
    const amsterdam = await pilotPath(page, "LVV Amsterdam");

    await visit(page, rotterdam);
    expect(await h1(page)).toBe("LVV Rotterdam");
    expect(
      await texts(page.getByRole("navigation", { name: "Pilot project sections" }).getByRole("link")),
    ).toEqual(["Overview", "Milestones", "Outcomes", "Funding", "Documents"]);

    await visit(page, `${rotterdam}/milestones`);
    expect(await page.getByTestId("milestone-list").locator("tbody tr").count()).toBeGreaterThan(0);
    expect(await page.locator("form#milestone-new").count()).toBe(0);
    expect(await page.locator("#milestone-form").count()).toBe(0);
    await expectNothingThatPosts(page, `${rotterdam}/milestones`);
    expect(await page.getByTestId("milestone-list").locator("thead th").allTextContents()).toEqual([
      "Title",
      "Planned date",
      "Actual date (done)",
      "Status",
    ]);

    await visit(page, `${rotterdam}/outcomes`);
    expect(await page.getByTestId("outcomes-grid").count()).toBe(0);
    await expectNothingThatPosts(page, `${rotterdam}/outcomes`);
    // Not an official of Rotterdam: the counts are suppressed, as for anyone outside the scope.
    expect(await page.getByTestId("outcomes-suppression-note").textContent()).toMatch(
      /^Small counts are hidden/,
    );
    const columnsBefore = await page.getByTestId("outcomes-table").locator("thead th").count();

    for (const tab of ["", "/funding", "/documents"]) {
      await visit(page, `${rotterdam}${tab}`);
      await expectNothingThatPosts(page, `${rotterdam}${tab}`);
    }
    await visit(page, `${rotterdam}/edit`, { status: 403 });

    // Forged posts with the official's session, from our own origin (so only the scope check refuses).
    const post = (path: string, form: Record<string, string>) =>
      context.request.post(`${baseURL}${path}`, { form, headers: { Origin: baseURL }, maxRedirects: 0 });
    const milestone = (title: string) => ({ intent: "save", title, dueOn: day(30), status: "planned" });
    const period = {
      intent: "save",
      periodStart: "2022-07-01",
      periodEnd: "2022-12-31",
      newParticipants: "7",
      participantsAtEnd: "150",
      "outcomes.residence_permit": "2",
      "outcomes.departed_unknown": "3",
    };
    const forgedMilestone = await post(`${rotterdam}/milestones`, milestone(FORGED));
    expect(forgedMilestone.status()).toBe(403);
    const forgedPeriod = await post(`${rotterdam}/outcomes`, period);
    expect(forgedPeriod.status()).toBe(403);
    // The same through React Router's data endpoint, as the page's own forms post.
    expect((await post(`${rotterdam}/milestones.data`, milestone(FORGED))).status()).toBe(403);
    expect((await post(`${rotterdam}/outcomes.data`, period)).status()).toBe(403);

    // The same requests pass the scope check on Amsterdam's pilot: the milestone is saved, and a
    // period that ends before it starts gets to validation (400) without saving anything.
    const control = await post(`${amsterdam}/milestones`, milestone(CONTROL));
    expect(control.status()).toBe(302);
    const invalid = await post(`${amsterdam}/outcomes`, { ...period, periodEnd: "2022-06-30" });
    expect(invalid.status()).toBe(400);

    // Nothing changed on Rotterdam's pilot.
    await visit(page, `${rotterdam}/milestones`, { a11y: false });
    expect(await page.locator("main").textContent()).not.toContain(FORGED);
    await visit(page, `${rotterdam}/outcomes`, { a11y: false });
    expect(await page.getByTestId("outcomes-table").locator("thead th").count()).toBe(columnsBefore);
    expect(await page.locator("main").textContent()).not.toContain(shown("2022-12-31"));
    await visit(page, `${amsterdam}/milestones`, { a11y: false });
    expect(await milestoneRow(page, CONTROL).count(), "the in-scope control was saved").toBe(1);
  });

  test("resets the calendar token on /account and subscribes to a pilot's feed without a session", async () => {
    const { page } = ctx;
    const amsterdam = await pilotPath(page, "LVV Amsterdam");
    const pilotId = amsterdam.split("/").at(-1) ?? "";

    await visit(page, "/account");
    const section = page.getByTestId("calendar-section");
    expect(await section.getByRole("heading", { level: 2 }).textContent()).toBe("Calendar feeds");
    const create = section.getByRole("button", { name: /^(Create|Reset) my calendar address$/ });
    await create.click();
    const urls = section.getByTestId("calendar-urls");
    await urls.waitFor({ timeout: 10_000 });
    const template = await urls.getByLabel(/^Milestones of one pilot project/).inputValue();
    expect(template).toMatch(/\/export\/pilots\/PILOT_ID\/milestones\.ics\?token=[^&]+$/);
    const feed = template.replace("PILOT_ID", pilotId);
    const token = new URL(feed).searchParams.get("token") ?? "";
    expect(token.length).toBeGreaterThanOrEqual(20);
    const municipalityFeed = await urls
      .getByLabel("Milestones of the pilots in Amsterdam", { exact: true })
      .inputValue();
    await expectNoA11yViolations(page);

    // Fetched like a calendar app: a fresh context, no cookies.
    const app = await others.open();
    expect(await app.context.cookies()).toEqual([]);
    const response = await app.context.request.get(feed);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/calendar/);
    // Unfold the 75-octet lines of RFC 5545 before reading them.
    const body = (await response.text()).replace(/\r\n[ \t]/g, "");
    expect(body.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(body).toContain("X-WR-CALNAME:Milestones: LVV Amsterdam (Trellis)");
    const summaries = body.split("\r\n").filter((line) => line.startsWith("SUMMARY:"));
    expect(summaries).toContain("SUMMARY:✓ Local covenant signed");
    expect(summaries).toContain("SUMMARY:Renew the covenant with the three CSOs");
    // No other pilot's milestones.
    expect(body).not.toContain("First weekly LSO meeting");

    const byMunicipality = await app.context.request.get(municipalityFeed);
    expect(byMunicipality.status()).toBe(200);
    expect((await byMunicipality.text()).replace(/\r\n[ \t]/g, "")).toContain(
      "SUMMARY:Renew the covenant with the three CSOs · LVV Amsterdam",
    );

    // A wrong token, or none: 404 and no data.
    const wrong = await app.context.request.get(feed.replace(token, `${token.slice(0, -4)}abcd`));
    expect(wrong.status()).toBe(404);
    expect(await wrong.text()).not.toContain("VCALENDAR");
    expect((await app.context.request.get(feed.replace(/\?token=.*$/, ""))).status()).toBe(404);

    // Reset again: the old address stops working, the new one works.
    await section.getByRole("button", { name: "Reset my calendar address", exact: true }).click();
    await expect
      .poll(
        async () => (await urls.getByLabel(/^Milestones of one pilot project/).inputValue()) !== template,
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    const renewed = (await urls.getByLabel(/^Milestones of one pilot project/).inputValue()).replace(
      "PILOT_ID",
      pilotId,
    );
    expect((await app.context.request.get(feed)).status()).toBe(404);
    expect((await app.context.request.get(renewed)).status()).toBe(200);
  });
});

describe("small counts", () => {
  test("a viewer sees <5 where a coordinator sees the exact count", async () => {
    const rotterdam = await pilotPath(ctx.page, "LVV Rotterdam");
    // LVV Rotterdam's first period (May to September 2019): residence permit 1, voluntary return 1,
    // new asylum application 5, departure postponed 1, departed to unknown 4, other 1.
    const firstPeriod = `${shown("2019-05-01")} – ${shown("2019-09-30")}`;
    const expected: [string, string, string][] = [
      // pathway, viewer, coordinator
      ["Residence permit", "<5", "1"],
      ["Voluntary return", "<5", "1"],
      // 5 or more: exact for everyone (the period has several small counts: no secondary suppression).
      ["New asylum application", "5", "5"],
      ["Departure postponed on medical grounds", "<5", "1"],
      ["Departed to unknown destination", "<5", "4"],
      ["Left without a solution (other)", "<5", "1"],
      // 13 left: a total with hidden counts in it is rounded to the nearest 5.
      ["Left the pilot", "≈ 15", "13"],
    ];

    const viewer = await others.open("viewer");
    const coordinator = await others.open("coordinator");
    for (const [who, page] of [
      ["viewer", viewer.page],
      ["coordinator", coordinator.page],
    ] as const) {
      await visit(page, `${rotterdam}/outcomes`);
      // The period's label (a coordinator also has its edit and archive controls under it).
      const head = page.getByTestId("outcomes-table").locator("thead th").nth(1).locator("span").first();
      expect(await head.textContent(), `the first period's column for the ${who}`).toBe(firstPeriod);
      for (const [pathway, asViewer, asCoordinator] of expected) {
        const first = (await texts(outcomeRow(page, pathway).locator("td")))[0];
        expect(first, `${pathway} for the ${who}`).toBe(who === "viewer" ? asViewer : asCoordinator);
      }
      expect(await page.getByTestId("outcomes-suppression-note").textContent()).toMatch(
        who === "viewer" ? /^Small counts are hidden/ : /^You see exact counts/,
      );
    }

    // Never an exact 1 to 4 in any pathway cell of the viewer's table, in any period.
    const pathwayCells = await viewer.page
      .getByTestId("outcomes-table")
      .locator('td[data-testid^="outcome-cell-"]')
      .allTextContents();
    expect(pathwayCells.length).toBeGreaterThan(20);
    expect(pathwayCells.filter((text) => /^[1-4]$/.test(text.trim()))).toEqual([]);
    expect(pathwayCells).toContain("<5");
    // The chart says it too: the first period's durable count is under 5 (13 left: the share is
    // shown, over a denominator of at least 10, as DOMAIN.md allows).
    const bar = viewer.page.getByTestId("outcomes-chart-period").filter({ hasText: firstPeriod });
    expect(await bar.locator("p").textContent()).toMatch(/^Durable solution: <5 \(15%\) · /);
    expect(await bar.locator("span").nth(1).textContent()).toBe("Left: ≈\u00a015");
    // The coordinator's chart has the exact count and its share.
    const exactBar = coordinator.page.getByTestId("outcomes-chart-period").filter({ hasText: firstPeriod });
    expect(await exactBar.locator("p").textContent()).toMatch(/^Durable solution: 2 \(\d+%\) · /);
  });
});
