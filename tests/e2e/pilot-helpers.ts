// Helpers shared by the pilot browser tests (pilots.e2e.ts, pilots-access.e2e.ts).
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { formatDate } from "../../app/lib/format";
import { visit } from "./fixtures";

export const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
export const PILOT_PATH = new RegExp(`^/pilots/${UUID}$`);

/** A day relative to today (UTC, as the server counts), as YYYY-MM-DD. */
export function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A date as the English pages show it. */
export function shown(iso: string): string {
  return formatDate(iso, "en");
}

/** Resolves once the address matches (client-side navigations fire no "load"). */
export async function waitForPathname(page: Page, test: (pathname: string) => boolean): Promise<void> {
  await page.waitForURL((url) => test(url.pathname), { waitUntil: "commit", timeout: 15_000 });
}

/** Texts of a locator's matches, whitespace collapsed. */
export async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map((text) => text.replace(/\s+/g, " ").trim());
}

export const pilotPaths = new Map<string, string>();

/** A pilot's address, read from the comparison view's link (cached for the file). */
export async function pilotPath(page: Page, name: string): Promise<string> {
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
export function milestoneRow(page: Page, title: string): Locator {
  return page
    .getByTestId("milestone-list")
    .locator("tbody tr")
    .filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

/** The alerts of the pilot, as shown. */
export async function alerts(page: Page): Promise<string[]> {
  return texts(page.getByTestId("pilot-alerts").locator("li"));
}

export interface GroupFigures {
  durable: number;
  semi: number;
  none: number;
}

/** The counts of a chart bar's summary ("Durable solution: 25 (58%) · ..."), with the shares. */
export function parseSummary(text: string): { counts: GroupFigures; shares: GroupFigures } {
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

export function summaryOf(counts: GroupFigures): string {
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
export async function expectNothingThatPosts(page: Page, path: string): Promise<void> {
  const main = page.locator("main");
  expect(await main.locator('form:not([method="get" i])').count(), `forms that post on ${path}`).toBe(0);
  expect(
    await main.locator("button, input[type=submit]").count(),
    `buttons in the main part of ${path}`,
  ).toBe(0);
}

/** The pilot's outcome table row of a count (a pathway or "New participants"). */
export function outcomeRow(page: Page, label: string): Locator {
  return page
    .getByTestId("outcomes-table")
    .locator("tbody tr")
    .filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });
}
