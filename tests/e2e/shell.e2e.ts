// The application shell, end to end: home, navigation, the lists, the language switcher, the 404
// page and the skip link. Every page visited is checked with axe-core (WCAG 2.1 A/AA).
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { expectNoA11yViolations, h1, usePage, visit } from "./fixtures";

const PAGE_SIZE = 25;

const ctx = usePage({ role: "viewer" });

function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

/** "123 organisations" -> 123 */
async function countNextToHeading(page: Page): Promise<number> {
  const text = (await page.locator("main h1 + p").textContent()) ?? "";
  const match = /^\s*(\d+)\s/.exec(text);
  expect(match, `a count next to the heading, got "${text}"`).not.toBeNull();
  return Number(match?.[1]);
}

async function rowNames(page: Page): Promise<string[]> {
  return (await page.locator("main table tbody tr td:first-child").allTextContents()).map((name) =>
    name.trim(),
  );
}

/** Marks the document; the mark survives client-side navigation but not a full page load. */
async function markDocument(page: Page) {
  await page.evaluate(() => Object.assign(window, { __e2eDocumentMark: true }));
}
async function documentIsMarked(page: Page): Promise<boolean> {
  return page.evaluate(() => "__e2eDocumentMark" in window);
}

describe("application shell", () => {
  test("the home page loads with the demo data's counts", async () => {
    const { page } = ctx;
    const response = await visit(page, "/");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/html");
    expect(await h1(page)).toBe("Overview");
    expect(await page.locator("h1").isVisible()).toBe(true);
    expect(await page.title()).toBe("Overview · Trellis");
    expect(await page.getAttribute("html", "lang")).toBe("en");

    const labels = (await page.locator("main dl dt").allTextContents()).map((label) => label.trim());
    const values = (await page.locator("main dl dd").allTextContents()).map((value) => value.trim());
    expect(labels).toEqual([
      "Organisations",
      "Active partnerships",
      "Municipalities",
      "Pilot projects",
      "Open follow-up actions",
    ]);
    for (const value of values) expect(value).toMatch(/^\d+$/);
    const counts = Object.fromEntries(labels.map((label, i) => [label, Number(values[i])]));
    expect(counts.Organisations).toBeGreaterThan(0);
    expect(counts["Active partnerships"]).toBeGreaterThan(0);

    // The demo data fills the dashboard's lists; the fresh-install message is gone.
    const recent = page.getByRole("region", { name: "Recent activity" }).getByRole("listitem");
    expect(await recent.count()).toBeGreaterThan(0);
    const attention = page
      .getByRole("region", { name: "Partnerships needing attention" })
      .getByRole("listitem");
    expect(await attention.count()).toBeGreaterThan(0);
    expect(await page.getByText("Nothing has been recorded yet").count()).toBe(0);

    // The organisations tile agrees with the organisations list.
    await visit(page, "/organisations");
    expect(await countNextToHeading(page)).toBe(counts.Organisations);
  });

  test("the navigation links reach each section without reloading the page", async () => {
    const { page } = ctx;
    await visit(page, "/");
    await markDocument(page);
    const sections = [
      { link: "Organisations", path: "/organisations", heading: "Organisations" },
      { link: "Partnerships", path: "/partnerships", heading: "Partnerships" },
      { link: "Home", path: "/", heading: "Overview" },
    ];
    for (const section of sections) {
      const link = mainNav(page).getByRole("link", { name: section.link, exact: true });
      await link.click();
      await page.waitForURL((url) => url.pathname === section.path);
      await expect.poll(() => h1(page), { timeout: 10_000 }).toBe(section.heading);
      await expect.poll(() => page.title()).toBe(`${section.heading} · Trellis`);
      expect(await link.getAttribute("aria-current"), `${section.link} is the current page`).toBe("page");
      expect(await mainNav(page).locator('[aria-current="page"]').count()).toBe(1);
      await expectNoA11yViolations(page);
    }
    expect(await documentIsMarked(page), "client-side navigation (no full page load)").toBe(true);
  });

  test("the organisations list shows the demo data, 25 to a page", async () => {
    const { page } = ctx;
    await visit(page, "/organisations");
    expect(await h1(page)).toBe("Organisations");
    const total = await countNextToHeading(page);
    expect(total).toBeGreaterThan(0);
    const firstPage = await rowNames(page);
    expect(firstPage.length).toBe(Math.min(total, PAGE_SIZE));
    for (const name of firstPage) expect(name).not.toBe("");
    expect(await page.locator("main table").textContent()).toMatch(/Fedasil|\bIND\b/);

    const pagination = page.getByRole("navigation", { name: "Pages" });
    if (total <= PAGE_SIZE) {
      expect(await pagination.count(), "no pagination for a single page").toBe(0);
      return;
    }
    const pages = Math.ceil(total / PAGE_SIZE);
    expect(await pagination.textContent()).toContain(`Page 1 of ${pages}`);
    expect(await pagination.getByRole("link", { name: "Previous" }).count()).toBe(0);

    await pagination.getByRole("link", { name: "Next" }).click();
    await page.waitForURL((url) => url.pathname === "/organisations" && url.searchParams.get("page") === "2");
    await expect.poll(() => pagination.textContent()).toContain(`Page 2 of ${pages}`);
    const secondPage = await rowNames(page);
    expect(secondPage.length).toBe(Math.min(total - PAGE_SIZE, PAGE_SIZE));
    expect(
      secondPage.filter((name) => firstPage.includes(name)),
      "page 2 repeats page 1",
    ).toEqual([]);
    await expectNoA11yViolations(page);

    // The same page, loaded directly.
    await visit(page, "/organisations?page=2");
    expect(await rowNames(page)).toEqual(secondPage);

    await pagination.getByRole("link", { name: "Previous" }).click();
    await page.waitForURL((url) => url.pathname === "/organisations" && url.searchParams.get("page") === "1");
    await expect.poll(() => rowNames(page)).toEqual(firstPage);
  });

  test("the partnerships list shows rows", async () => {
    const { page } = ctx;
    await visit(page, "/partnerships");
    expect(await h1(page)).toBe("Partnerships");
    const total = await countNextToHeading(page);
    expect(total).toBeGreaterThan(0);
    const names = await rowNames(page);
    expect(names.length).toBe(Math.min(total, PAGE_SIZE));
    for (const name of names) expect(name).not.toBe("");
    const headers = (await page.locator("main table thead th").allTextContents()).map((h) => h.trim());
    expect(headers).toEqual([
      "Name",
      "Status",
      "Lead",
      "Members",
      "Signals",
      "Next due",
      "Country",
      "Period",
    ]);
    const members = await page.locator("main table tbody tr td:nth-child(4)").allTextContents();
    for (const count of members) expect(count.trim()).toMatch(/^\d+$/);
  });

  test("the language switcher switches to French and back", async () => {
    const { page } = ctx;
    await visit(page, "/");
    const switcher = page.getByRole("form", { name: "Language" });
    expect(await switcher.getByRole("button", { name: "EN", exact: true }).getAttribute("aria-pressed")).toBe(
      "true",
    );

    await switcher.getByRole("button", { name: "FR", exact: true }).click();
    await expect.poll(() => page.getAttribute("html", "lang"), { timeout: 10_000 }).toBe("fr");
    await expect.poll(() => h1(page)).toBe("Vue d’ensemble");
    expect(new URL(page.url()).pathname, "stays on the same page").toBe("/");
    const nav = page.getByRole("navigation", { name: "Navigation principale" });
    expect((await nav.getByRole("link").allTextContents()).map((text) => text.trim())).toEqual([
      "Accueil",
      "Organisations",
      "Partenariats",
      "Municipalités",
      "Événements",
      "Suivis",
      "Réseau",
    ]);
    const french = page.getByRole("form", { name: "Langue" });
    expect(await french.getByRole("button", { name: "FR", exact: true }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    await expectNoA11yViolations(page);

    // The choice is remembered (cookie): a full page load stays in French.
    await visit(page, "/partnerships");
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    expect(await h1(page)).toBe("Partenariats");

    await page.getByRole("form", { name: "Langue" }).getByRole("button", { name: "EN", exact: true }).click();
    await expect.poll(() => page.getAttribute("html", "lang"), { timeout: 10_000 }).toBe("en");
    await expect.poll(() => h1(page)).toBe("Partnerships");
    expect(new URL(page.url()).pathname).toBe("/partnerships");
    expect(await mainNav(page).getByRole("link", { name: "Home", exact: true }).count()).toBe(1);
    await expectNoA11yViolations(page);

    await visit(page, "/");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await h1(page)).toBe("Overview");
  });

  test("an unknown address answers 404 with a page", async () => {
    const { page } = ctx;
    const response = await visit(page, "/no-such-page/at-all", { status: 404 });
    expect(response.headers()["content-type"]).toContain("text/html");
    expect(await h1(page)).toBe("Page not found");
    const back = page.getByRole("link", { name: "Back to the overview" });
    expect(await back.getAttribute("href")).toBe("/");
    await back.click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect.poll(() => h1(page)).toBe("Overview");
  });

  test("keyboard: the skip link is the first Tab stop and moves focus to the main content", async () => {
    const { page } = ctx;
    // The overview always has links in <main> (the count tiles), even without data.
    await visit(page, "/");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return null;
      const box = element.getBoundingClientRect();
      return {
        tag: element.tagName,
        href: element.getAttribute("href"),
        text: element.textContent?.trim(),
        width: box.width,
        height: box.height,
      };
    });
    expect(focused).toMatchObject({ tag: "A", href: "#main", text: "Skip to content" });
    // Visible while focused (it is visually hidden otherwise).
    expect(focused?.width).toBeGreaterThan(10);
    expect(focused?.height).toBeGreaterThan(10);
    await expectNoA11yViolations(page);

    await page.keyboard.press("Enter");
    await expect.poll(() => new URL(page.url()).hash).toBe("#main");
    // <main> takes focus itself (tabindex=-1), so screen readers start reading there.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    await page.keyboard.press("Tab");
    expect(
      await page.evaluate(() => document.getElementById("main")?.contains(document.activeElement) ?? false),
      "the Tab stop after the skip link is inside <main>",
    ).toBe(true);
  });
});

describe("a French-speaking browser", () => {
  // No language chosen yet (no cookie, no preference): the browser's Accept-Language decides. Not the
  // viewer: the switcher test above stores its choice as the viewer's preference (decision 0026).
  const french = usePage({ role: "organiser", contextOptions: { locale: "fr-BE" } });

  test("the 404 page keeps the app shell and speaks the reader's language", async () => {
    const { page } = french;
    await visit(page, "/pas-de-page", { status: 404 });
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    expect(await h1(page)).toBe("Page introuvable");
    expect(await page.title()).toBe("Page introuvable · Trellis");
    // Navigation and the language switcher are there, so the reader is not stranded.
    const nav = page.getByRole("navigation", { name: "Navigation principale" });
    expect(await nav.getByRole("link", { name: "Partenariats", exact: true }).count()).toBe(1);
  });
});
