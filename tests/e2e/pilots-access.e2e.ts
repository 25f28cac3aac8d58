// Pilot projects in the browser, who may do what: on Rotterdam's pilot a municipal official of
// Amsterdam gets no edit controls and forged posts are refused; the same official subscribes to a
// pilot's calendar feed without a session with the token from /account; a viewer sees small counts as
// "<5" where a coordinator sees them exactly.
import { describe, expect, test } from "vitest";
import { useExtraContexts } from "./auth-flows";
import { expectNoA11yViolations, h1, usePage, visit } from "./fixtures";
import {
  day,
  expectNothingThatPosts,
  milestoneRow,
  outcomeRow,
  pilotPath,
  shown,
  texts,
} from "./pilot-helpers";

const RUN = Date.now();
const FORGED = `E2E forged milestone ${RUN}`;
const CONTROL = `E2E forged in scope ${RUN}`;

// One browser for the file: the Amsterdam official's page per test, more contexts for the others.
const ctx = usePage({ role: "municipal_official" });
const others = useExtraContexts(ctx);

describe("a municipal official of Amsterdam", () => {
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
