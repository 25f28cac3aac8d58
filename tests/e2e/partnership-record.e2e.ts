// A partnership recorded in the browser from start to finish: a coordinator creates it with three
// member organisations (mandates and contributions), two objectives, an AMIF funding line and two
// risks; two members answer the health check and disagree; the partnership's pages show the risk
// matrix, the signals and the disagreement; a viewer reads it all without edit controls, and a
// municipal official of an organisation outside the partnership gets the aggregates only.
// The tests run in order and share the partnership the first one creates.
import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { useExtraContexts } from "./auth-flows";
import { h1, usePage, visit } from "./fixtures";

const RUN = Date.now();
const NAME = `E2E return partnership ${RUN}`;

const FEDASIL = "Federal Agency for the Reception of Asylum Seekers";
const IOM = "IOM Belgium and Luxembourg";
const CARITAS = "Caritas International Belgium";

const OBJECTIVE_MEASURED = `Inform people of their options ${RUN}`;
const OBJECTIVE_VAGUE = `Work better together ${RUN}`;
const RISK_TRUST = `Agencies doubt each other's figures ${RUN}`;
const RISK_POWER = `The lead decides alone ${RUN}`;
const COMMENT_FEDASIL = `Fedasil comment ${RUN}`;
const COMMENT_CARITAS = `Caritas comment ${RUN}`;

/** The header's own controls, on every page for a signed-in user: the language switch and sign-out. */
const HEADER_BUTTONS = ["EN", "FR", "Sign out"];

const TABS = ["", "/members", "/objectives", "/funding", "/risks", "/health", "/documents", "/history"];

/** A review date three months ahead: not overdue. */
const REVIEW_ON = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);

/** Set by the first test: the new partnership's address. */
let base = "";

function partnershipPath(): string {
  expect(base, "the partnership created by the first test").toMatch(/^\/partnerships\/[0-9a-f-]{36}$/);
  return base;
}

/** Resolves once the address matches (client-side navigations fire no "load"). */
async function waitForPathname(page: Page, test: (pathname: string) => boolean): Promise<void> {
  await page.waitForURL((url) => test(url.pathname), { waitUntil: "commit", timeout: 15_000 });
}

/** Texts of a locator's matches, trimmed. */
async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map((text) => text.replace(/\s+/g, " ").trim());
}

/**
 * Nothing in <main> that changes data: no form that posts, no button but a GET form's, no link to
 * create or edit; the only other buttons on the page are the header's. (As in permissions.e2e.ts.)
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
  expect(outsideSearch, `buttons outside a GET form on ${path}`).toBe(0);
  const hrefs = await main
    .locator("a[href]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  expect(
    hrefs.filter((href) => /\/(new|edit)(?=[/?#]|$)|[?&]edit=|^\/admin\b/.test(href ?? "")),
    `links to create or edit on ${path}`,
  ).toEqual([]);
  const headerButtons = await page
    .locator("button")
    .evaluateAll((elements) =>
      elements.filter((element) => !element.closest("main")).map((element) => element.textContent?.trim()),
    );
  expect(headerButtons, `the buttons outside <main> on ${path}`).toEqual(HEADER_BUTTONS);
}

/** The header's signal badges, as a screen reader reads them (name, value, flagged). */
async function signalBadges(page: Page): Promise<string[]> {
  return texts(page.getByRole("list", { name: "Signals", exact: true }).locator("li .sr-only"));
}

/** The risk matrix cell at likelihood x impact. */
function matrixCell(page: Page, likelihood: number, impact: number): Locator {
  const matrix = page.getByRole("table", { name: /^Risk matrix/ });
  return matrix
    .locator("tbody tr")
    .filter({ has: page.getByRole("rowheader", { name: `Likelihood ${likelihood}`, exact: true }) })
    .locator("td")
    .nth(impact - 1);
}

interface MemberEntry {
  option: string;
  role: "Lead" | "Partner" | "Funder" | "Observer";
  mandate: string;
  contribution: string;
}

async function addMember(page: Page, member: MemberEntry, expectedRows: number): Promise<void> {
  const form = page.locator("form#member-add");
  const organisation = form.getByLabel("Organisation", { exact: true });
  // After the previous add, the form is reset: wait for it, or the reset clears what is typed.
  await expect.poll(() => organisation.inputValue()).toBe("");
  await organisation.selectOption({ label: member.option });
  await form.getByLabel("Role", { exact: true }).selectOption({ label: member.role });
  await form.getByLabel("Mandate", { exact: true }).fill(member.mandate);
  await form.getByLabel("Contribution", { exact: true }).fill(member.contribution);
  await form.getByLabel("Joined on", { exact: true }).fill("2025-01-15");
  await form.getByRole("button", { name: "Add member" }).click();
  await expect
    .poll(() => page.locator("main table tbody tr").count(), { timeout: 10_000 })
    .toBe(expectedRows);
}

interface HealthAnswer {
  respondent?: string;
  /** Every dimension gets `others`, except these. */
  scores: Record<string, number>;
  others: number;
  comment: string;
}

const DIMENSIONS = [
  "Clarity of shared objectives",
  "Mutual understanding",
  "Trust",
  "Recognition of each member's value",
  "Balance of power",
  "Stability of funding",
  "Alignment of priorities",
  "Communication",
];

async function submitHealthCheck(page: Page, answer: HealthAnswer): Promise<void> {
  const form = page.locator("form#health-check");
  if (answer.respondent) {
    await form.getByLabel("Answering for", { exact: true }).selectOption({ label: answer.respondent });
  }
  for (const dimension of DIMENSIONS) {
    const score = answer.scores[dimension] ?? answer.others;
    await form
      .getByRole("group", { name: dimension, exact: true })
      .getByRole("radio", { name: String(score), exact: true })
      .check();
  }
  await form.getByLabel("Comment", { exact: true }).fill(answer.comment);
  await form.getByRole("button", { name: "Submit the health check" }).click();
  await expect
    .poll(() => page.locator("main").getByRole("status").textContent(), { timeout: 10_000 })
    .toBe("Health check recorded.");
}

// One browser for the file: the coordinator's page per test, and more contexts for the others.
const ctx = usePage({ role: "coordinator" });
const others = useExtraContexts(ctx);

describe("a partnership recorded in the browser", () => {
  test("a coordinator creates it with three members, two objectives, AMIF funding and two risks", async () => {
    const { page } = ctx;

    // The partnership itself.
    await visit(page, "/partnerships/new");
    expect(await h1(page)).toBe("New partnership");
    const create = page.locator("form#partnership-create");
    await create.getByLabel("Name", { exact: true }).fill(NAME);
    await create
      .getByLabel("Description", { exact: true })
      .fill("Fedasil, IOM and Caritas work on the whole case resolution.");
    await create.getByLabel("Country code", { exact: true }).fill("BE");
    await create.getByRole("button", { name: "Create partnership" }).click();
    await waitForPathname(page, (pathname) => /^\/partnerships\/[0-9a-f-]{36}$/.test(pathname));
    base = new URL(page.url()).pathname;
    await expect.poll(() => h1(page), { timeout: 10_000 }).toBe(NAME);

    // Three members: Fedasil leads.
    await visit(page, `${base}/members`);
    await addMember(
      page,
      {
        option: `${FEDASIL} (Fedasil)`,
        role: "Lead",
        mandate: "Runs reception and the return counselling in the centres.",
        contribution: "Places in reception and case managers.",
      },
      1,
    );
    await addMember(
      page,
      {
        option: `${IOM} (IOM BE)`,
        role: "Partner",
        mandate: "Organises assisted voluntary return and reintegration.",
        contribution: "Reintegration support in the countries of return.",
      },
      2,
    );
    await addMember(
      page,
      {
        option: `${CARITAS} (Caritas BE)`,
        role: "Partner",
        mandate: "Independent social and legal counselling.",
        contribution: "Trust of the people concerned.",
      },
      3,
    );
    const rows = page.locator("main table tbody tr");
    const fedasilRow = rows.filter({ hasText: FEDASIL });
    expect(await texts(fedasilRow.locator("td").nth(1))).toEqual(["Lead"]);
    expect(await fedasilRow.textContent()).toContain("Runs reception and the return counselling");
    const caritasRow = rows.filter({ hasText: CARITAS });
    expect(await texts(caritasRow.locator("td").nth(1))).toEqual(["Partner"]);
    expect(await caritasRow.textContent()).toContain("Trust of the people concerned.");
    await visit(page, `${base}/members`); // the table after the adds, checked with axe

    // Active now that it has three members and one lead.
    await visit(page, `${base}/edit`);
    const edit = page.locator("form#partnership-update");
    await edit.getByLabel("Status", { exact: true }).selectOption({ label: "Active" });
    await edit.getByRole("button", { name: "Save", exact: true }).click();
    await waitForPathname(page, (pathname) => pathname === base);
    await expect
      .poll(() => page.getByRole("definition").first().textContent(), { timeout: 10_000 })
      .toBe("Active");

    // Two objectives: one measurable, one without an indicator.
    await visit(page, `${base}/objectives`);
    let form = page.locator("form#objective-new");
    await form.getByLabel("Objective", { exact: true }).fill(OBJECTIVE_MEASURED);
    await form
      .getByLabel("Indicator", { exact: true })
      .fill("People who received full information on their options");
    await form.getByLabel("Target", { exact: true }).fill("200");
    await form.getByLabel("Unit", { exact: true }).fill("people");
    await form.getByLabel("Current progress", { exact: true }).fill("50");
    await form.getByLabel("Status", { exact: true }).selectOption({ label: "On track" });
    await form.getByRole("button", { name: "Save the objective" }).click();
    const objectives = page.getByRole("table", { name: "Shared objectives" }).locator("tbody tr");
    await expect.poll(() => objectives.count(), { timeout: 10_000 }).toBe(1);
    // After a save the "Add an objective" form starts empty again (it once kept the saved values).
    form = page.locator("form#objective-new");
    await expect.poll(() => form.getByLabel("Objective", { exact: true }).inputValue()).toBe("");
    await form.getByLabel("Objective", { exact: true }).fill(OBJECTIVE_VAGUE);
    await form.getByRole("button", { name: "Save the objective" }).click();
    await expect.poll(() => objectives.count(), { timeout: 10_000 }).toBe(2);
    await visit(page, `${base}/objectives`);
    const measured = objectives.filter({ hasText: OBJECTIVE_MEASURED });
    expect(await measured.textContent()).toContain("People who received full information");
    expect(await measured.getByRole("progressbar").getAttribute("aria-valuetext"), "the progress bar").toBe(
      "50 people of 200 people (25%)",
    );
    expect(await measured.textContent()).not.toContain("Not clearly defined");
    expect(await texts(objectives.filter({ hasText: OBJECTIVE_VAGUE }).locator("td").nth(1))).toEqual([
      "Not clearly defined: no indicator",
    ]);

    // An AMIF funding line, received by IOM.
    await visit(page, `${base}/funding`);
    const funding = page.locator("form#funding-line-new");
    await funding.getByLabel("Source", { exact: true }).selectOption({ label: "AMIF" });
    await funding.getByLabel("Reference", { exact: true }).fill(`AMIF-E2E-${RUN}`);
    await funding.getByLabel("Recipient member", { exact: true }).selectOption({ label: `${IOM} (IOM BE)` });
    await funding.getByLabel("Amount", { exact: true }).fill("250000");
    await funding.getByLabel("Currency", { exact: true }).fill("EUR");
    await funding.getByLabel("Co-financing rate (%)", { exact: true }).fill("75");
    await funding
      .getByLabel("Project-cycle stage", { exact: true })
      .selectOption({ label: "Grant agreement" });
    await funding.getByRole("checkbox", { name: "Voluntary return", exact: true }).check();
    await funding.getByRole("checkbox", { name: "Residence permit", exact: true }).check();
    await funding.getByRole("button", { name: "Save the funding line" }).click();
    const lines = page.getByRole("table", { name: "Funding lines" }).locator("tbody tr");
    await expect.poll(() => lines.count(), { timeout: 10_000 }).toBe(1);
    await visit(page, `${base}/funding`);
    const cells = await texts(lines.first().locator("td"));
    expect(cells[0]).toBe(`AMIFAMIF-E2E-${RUN}`); // the source and the reference, stacked
    expect(cells[2]).toBe(IOM);
    expect(cells[3]).toContain("€250,000.00");
    expect(cells[3]).toContain("Co-financing rate (%): 75");
    expect(cells[5]).toBe("Grant agreement");
    expect(cells[6]).toContain("Residence permit");
    expect(cells[6]).toContain("Voluntary return");
    expect(await page.locator("main").textContent()).toContain("Totals in EUR");

    // Two risks: a trust deficit (4 x 4) and a power imbalance (3 x 5).
    await visit(page, `${base}/risks`);
    const risks = [
      { title: RISK_TRUST, category: "Trust deficit", likelihood: "4", impact: "4", owner: CARITAS },
      { title: RISK_POWER, category: "Power imbalance", likelihood: "3", impact: "5", owner: FEDASIL },
    ];
    const register = page.getByRole("region", { name: "Risk register" }).locator("tbody tr");
    for (const [i, risk] of risks.entries()) {
      // The form is empty again after the first save, without reloading the page.
      const riskForm = page.locator("form#risk-new");
      await expect.poll(() => riskForm.getByLabel("Title", { exact: true }).inputValue()).toBe("");
      await riskForm.getByLabel("Title", { exact: true }).fill(risk.title);
      await riskForm.getByLabel("Category", { exact: true }).selectOption({ label: risk.category });
      await riskForm.getByLabel("Likelihood", { exact: true }).selectOption(risk.likelihood);
      await riskForm.getByLabel("Impact", { exact: true }).selectOption(risk.impact);
      await riskForm.getByLabel("Owner", { exact: true }).selectOption({ label: risk.owner });
      await riskForm.getByLabel("Mitigation", { exact: true }).fill(`Mitigation of ${risk.title}`);
      await riskForm.getByLabel("Review date", { exact: true }).fill(REVIEW_ON);
      await riskForm.getByRole("button", { name: "Add the risk" }).click();
      await expect.poll(() => register.count(), { timeout: 10_000 }).toBe(i + 1);
    }
    await visit(page, `${base}/risks`);
    const trustRow = await texts(register.filter({ hasText: RISK_TRUST }).locator("td"));
    expect(trustRow.slice(0, 5)).toEqual(["Trust deficit", "4", "4", "16", CARITAS]);
    const powerRow = await texts(register.filter({ hasText: RISK_POWER }).locator("td"));
    expect(powerRow.slice(0, 5)).toEqual(["Power imbalance", "3", "5", "15", FEDASIL]);
  });

  test("two members submit health checks that disagree", async () => {
    const path = `${partnershipPath()}/health`;

    // Fedasil's answer, by a user of Fedasil (the organiser): the only organisation they answer for.
    const organiser = await others.open("organiser");
    await visit(organiser.page, path);
    const respondent = organiser.page
      .locator("form#health-check")
      .getByLabel("Answering for", { exact: true });
    expect(await texts(respondent.locator("option"))).toEqual([FEDASIL]);
    await submitHealthCheck(organiser.page, {
      scores: { Trust: 5, "Balance of power": 4 },
      others: 4,
      comment: COMMENT_FEDASIL,
    });

    // Caritas's answer, by the coordinator (who may answer for any member), the same quarter.
    const { page } = ctx;
    await visit(page, path);
    await submitHealthCheck(page, {
      respondent: CARITAS,
      scores: { Trust: 1, "Balance of power": 1 },
      others: 4,
      comment: COMMENT_CARITAS,
    });
    await expect
      .poll(() => page.locator("main").getByRole("note").textContent(), { timeout: 10_000 })
      .toContain("Members disagree");
  });

  test("the partnership shows the risk matrix, the signals and the disagreement", async () => {
    const { page } = ctx;
    const path = partnershipPath();

    // Overview: the signals in the header and explained in a sentence each, and what needs attention.
    await visit(page, path);
    const badges = await signalBadges(page);
    expect(badges[0]).toMatch(/^Trust index: 3 \/ 5\. Members' mean trust score in \d{4}-Q[1-4] is 3 of 5/);
    expect(badges[1]).toMatch(/^Power imbalance: 75 \/ 100 \(flagged\)\./);
    expect(badges[2]).toBe(
      "Risk exposure: 16 / 25 (flagged). An open risk scores 16 of 25 (likelihood × impact, 15 or more): exposure is high.",
    );
    expect(badges[3]).toBe(
      "Clarity: 50% (flagged). Only 1 of 2 objectives have an indicator and a target (50%, below 75%).",
    );
    const signals = page.getByRole("region", { name: "Signals" });
    const terms = await signals
      .locator("dt")
      .evaluateAll((dts) =>
        dts.map((dt) => `${dt.firstChild?.textContent ?? ""}|${dt.querySelector("span")?.textContent ?? ""}`),
      );
    expect(terms).toEqual([
      "Trust index|",
      "Power imbalance|flagged",
      "Risk exposure|flagged",
      "Clarity|flagged",
    ]);
    const attention = await texts(
      page.getByRole("region", { name: "What needs attention" }).getByRole("listitem"),
    );
    expect(attention).toContain(`Objective “${OBJECTIVE_VAGUE}” is not clearly defined (no indicator).`);

    // Risks: each open risk in its likelihood x impact cell, linked to its row in the register.
    await visit(page, `${path}/risks`);
    expect(await texts(matrixCell(page, 4, 4).getByRole("link"))).toEqual([RISK_TRUST]);
    expect(await texts(matrixCell(page, 3, 5).getByRole("link"))).toEqual([RISK_POWER]);
    const matrix = page.getByRole("table", { name: /^Risk matrix/ });
    expect(await matrix.getByRole("link").count(), "no other risk in the matrix").toBe(2);
    const href = await matrixCell(page, 4, 4).getByRole("link").getAttribute("href");
    expect(href).toMatch(/^#risk-[0-9a-f-]{36}$/);
    expect(
      await page
        .locator(href ?? "#none")
        .locator("th")
        .textContent(),
    ).toContain(RISK_TRUST);

    // Health: mean and spread per dimension, and the disagreement highlighted.
    await visit(page, `${path}/health`);
    const summary = page.getByRole("region", { name: /^Health in \d{4}-Q[1-4]$/ });
    expect(await summary.textContent()).toContain("2 members answered.");
    expect(await summary.getByRole("note").textContent()).toBe(
      "Members disagreeScores are 2 points or more apart on: Trust, Balance of power.",
    );
    const summaryRows = summary.locator("tbody tr");
    const row = (dimension: string) =>
      summaryRows.filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${dimension}`) }) });
    // Mean, spread, answers; the dimensions they disagree on carry a badge.
    expect(await texts(row("Trust").locator("td"))).toEqual(["3", "4", "2"]);
    expect(await texts(row("Trust").locator("th span"))).toEqual(["Disagreement"]);
    expect(await texts(row("Balance of power").locator("td"))).toEqual(["2.5", "3", "2"]);
    expect(await texts(row("Balance of power").locator("th span"))).toEqual(["Disagreement"]);
    expect(await texts(row("Communication").locator("td"))).toEqual(["4", "0", "2"]);
    expect(await row("Communication").locator("th span").count()).toBe(0);
    const answers = page.getByRole("region", { name: "Each member's answer" });
    expect(await texts(answers.locator("tbody th"))).toEqual(expect.arrayContaining([FEDASIL, CARITAS]));
  });

  test("a viewer of a member organisation sees it all without edit controls", async () => {
    const { page } = await others.open("viewer");
    const path = partnershipPath();
    for (const tab of TABS) {
      await visit(page, `${path}${tab}`);
      expect(await h1(page)).toBe(NAME);
      expect(await signalBadges(page), `the signals on ${path}${tab}`).toHaveLength(4);
      await expectNoEditControls(page, `${path}${tab}`);
      // The viewer's organisation (Fedasil) is a member: the confidential fields are there.
      if (tab === "/risks") {
        expect(await texts(matrixCell(page, 4, 4).getByRole("link"))).toEqual([RISK_TRUST]);
        expect(await texts(matrixCell(page, 3, 5).getByRole("link"))).toEqual([RISK_POWER]);
      }
      if (tab === "/health") {
        expect(await page.locator("main").getByRole("note").textContent()).toContain(
          "Scores are 2 points or more apart on: Trust, Balance of power.",
        );
        expect(await page.locator("main").textContent()).toContain(COMMENT_CARITAS);
      }
    }
    // And the server refuses its edits too.
    await visit(page, `${path}/edit`, { status: 403 });
  });

  test("a municipal official outside the partnership gets the aggregates, not the risk titles", async () => {
    const { page } = await others.open("municipal_official");
    const path = partnershipPath();
    for (const tab of TABS) {
      await visit(page, `${path}${tab}`);
      expect(await h1(page)).toBe(NAME);
      await expectNoEditControls(page, `${path}${tab}`);
      // Not in the page, nor in the data sent with it.
      const html = await page.content();
      for (const secret of [RISK_TRUST, RISK_POWER, COMMENT_FEDASIL, COMMENT_CARITAS]) {
        expect(html, `${secret} on ${path}${tab}`).not.toContain(secret);
      }
      // The signals are aggregates: shown to everyone.
      if (tab === "") {
        expect((await signalBadges(page))[2]).toMatch(/^Risk exposure: 16 \/ 25 \(flagged\)\./);
      }
      // Risks: the counts and the highest exposure, no matrix.
      if (tab === "/risks") {
        const summary = page.getByRole("region", { name: "Risk summary" });
        expect(await texts(summary.locator("dd"))).toEqual(["2", "16 of 25"]);
        const count = (category: string) =>
          texts(
            summary
              .locator("tbody tr")
              .filter({ has: page.getByRole("rowheader", { name: category, exact: true }) })
              .locator("td"),
          );
        expect(await count("Trust deficit")).toEqual(["1"]);
        expect(await count("Power imbalance")).toEqual(["1"]);
        expect(await count("Funding")).toEqual(["0"]);
        expect(await page.getByRole("table", { name: /^Risk matrix/ }).count()).toBe(0);
      }
      // Health: the means and spreads, and the disagreement, but not each member's answer.
      if (tab === "/health") {
        expect(await page.locator("main").getByRole("note").textContent()).toContain(
          "Scores are 2 points or more apart on: Trust, Balance of power.",
        );
        expect(await page.getByRole("region", { name: "Each member's answer" }).count()).toBe(0);
        expect(await page.locator("main").textContent()).toContain(
          "Each member's own answers are shared only with coordinators and the partnership's members.",
        );
      }
    }
  });
});
