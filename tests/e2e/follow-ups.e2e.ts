// Issue 7 end to end, on the demo data: an organiser records three commitments of the EMN REG
// seminar with the quick-entry form (one already overdue), a coordinator marks one done, the
// seminar's brief shows each with its status (page, Markdown and PDF), and the dashboard lists the
// overdue one. Every page is checked with axe.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { expectNoA11yViolations, h1, usePage, visit } from "./fixtures";

const RUN = Date.now();
const SEMINAR =
  "EMN REG seminar: multi-stakeholder governance towards durable solutions for undocumented migrants";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

function isoInDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The three commitments: the first is overdue (due long ago), the second will be marked done. */
const COMMITMENTS = [
  { title: `Publish the REG follow-up note ${RUN}`, owner: /^Fedasil$/, dueOn: "2024-01-10" },
  { title: `Convene the CONEX cities on pathways ${RUN}`, owner: /^EMN BE$/, dueOn: isoInDays(20) },
  { title: `Draft a shared information leaflet ${RUN}`, owner: /^Fedasil$/, dueOn: isoInDays(90) },
] as const;

let seminarPath = "";

async function waitForPathname(page: Page, test: (pathname: string) => boolean): Promise<void> {
  await page.waitForURL((url) => test(url.pathname), { waitUntil: "commit", timeout: 15_000 });
}

/** The row of the actions table that holds this title. */
function rowOf(page: Page, title: string) {
  return page.locator("tr", { hasText: title });
}

describe("an organiser", () => {
  const ctx = usePage({ role: "organiser" });

  test("records the seminar's three commitments in quick succession", async () => {
    const { page } = ctx;
    await visit(page, "/events?kind=seminar");
    await page.getByRole("link", { name: SEMINAR }).click();
    await waitForPathname(page, (p) => new RegExp(`^/events/${UUID}$`).test(p));
    seminarPath = new URL(page.url()).pathname;
    await visit(page, `${seminarPath}/actions`);

    for (const commitment of COMMITMENTS) {
      const title = page.getByLabel("Title", { exact: true });
      await title.fill(commitment.title);
      const owner = page.getByLabel("Owner organisation");
      const value = await owner
        .locator("option", { hasText: commitment.owner })
        .first()
        .getAttribute("value");
      await owner.selectOption(value ?? "");
      await page.getByLabel("Due date").fill(commitment.dueOn);
      // Enter in the title submits, as the quick entry promises; focus comes back to the title.
      await title.press("Enter");
      await expect.poll(() => page.getByText(`Added: ${commitment.title}`).count()).toBeGreaterThan(0);
      await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
    }
    for (const commitment of COMMITMENTS) {
      expect(await rowOf(page, commitment.title).count()).toBe(1);
    }
    expect(await rowOf(page, COMMITMENTS[0].title).textContent()).toContain("Overdue");
    await expectNoA11yViolations(page);
  });
});

describe("a coordinator", () => {
  const ctx = usePage({ role: "coordinator" });

  test("marks one commitment done", async () => {
    const { page } = ctx;
    expect(seminarPath, "the organiser's test ran first").not.toBe("");
    await visit(page, `${seminarPath}/actions`);
    const form = page.getByRole("form", { name: `Status of ${COMMITMENTS[1].title}` });
    await form.getByLabel("Status").selectOption("done");
    await form.getByRole("button", { name: "Update" }).click();
    await expect.poll(() => rowOf(page, COMMITMENTS[1].title).textContent()).toMatch(/done \S/);
  });
});

describe("the brief and the dashboard", () => {
  const ctx = usePage({ role: "organiser" });

  test("the brief shows each commitment with its status", async () => {
    const { page } = ctx;
    expect(seminarPath).not.toBe("");
    await visit(page, `${seminarPath}/brief`);
    const commitments = page.getByRole("region", { name: "Commitments" });
    expect(await commitments.locator("li, tr", { hasText: COMMITMENTS[0].title }).textContent()).toMatch(
      /Open[\s\S]*Overdue|Overdue[\s\S]*Open/,
    );
    expect(await commitments.locator("li, tr", { hasText: COMMITMENTS[1].title }).textContent()).toContain(
      "Done",
    );
    expect(await commitments.locator("li, tr", { hasText: COMMITMENTS[2].title }).textContent()).toContain(
      "Open",
    );
    await expectNoA11yViolations(page);

    // The downloads say the same.
    const markdown = await page.request.get(`${seminarPath}/brief.md`);
    expect(markdown.status()).toBe(200);
    const text = await markdown.text();
    for (const commitment of COMMITMENTS) expect(text).toContain(commitment.title);
    const pdf = await page.request.get(`${seminarPath}/brief.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  test("the dashboard lists the overdue commitment", async () => {
    const { page } = ctx;
    await visit(page, "/");
    expect(await h1(page)).toBeTruthy();
    const overdue = page.getByRole("region", { name: /Overdue follow-ups/ });
    expect(await overdue.getByText(COMMITMENTS[0].title).count()).toBeGreaterThan(0);
    expect(await overdue.getByText(COMMITMENTS[1].title).count()).toBe(0);
    await expectNoA11yViolations(page);
  });
});
