// Keyboard alone (issue 9): a coordinator records a partnership with a member and its mandate, an
// objective, a funding line and a risk, then uses the network map: search, filters, nodes, the side
// panel and its link, the table view. Only page.keyboard acts on the page: no mouse, no click(), no
// fill(), no focus(); focus moves by Tab from wherever the page puts it. At several steps the focused
// element must show it (an outline or a box shadow).
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { h1, usePage, visit } from "./fixtures";

const RUN = Date.now();
const NAME = `Keyboard partnership ${RUN}`;
const MANDATE = `Counsels people on their options ${RUN}`;
const OBJECTIVE = `Reach every shelter ${RUN}`;
const REFERENCE = `KB-AMIF-${RUN}`;
const RISK = `Funding ends early ${RUN}`;
const CARITAS = "Caritas International Belgium";

/** What has the keyboard focus, as a user would name it. */
interface Focus {
  tag: string;
  id: string;
  type: string;
  /** The label of a field, or the accessible text of a link or button. */
  name: string;
  href: string | null;
  /** A React Flow node's id, when a node has the focus. */
  nodeId: string | null;
  /** An outline or a ring (a box shadow with a spread) is drawn around it. */
  visible: boolean;
}

async function focusOf(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) {
      return { tag: "body", id: "", type: "", name: "", href: null, nodeId: null, visible: false };
    }
    const field = element as HTMLInputElement;
    const name = (
      field.labels?.[0]?.textContent ??
      element.getAttribute("aria-label") ??
      element.textContent ??
      ""
    )
      .replace(/\s+/g, " ")
      .trim();
    const style = getComputedStyle(element);
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    // A ring: a box shadow with a spread and a colour that is not transparent (the fields' resting
    // shadow-sm has no spread, so it does not count).
    const ring = style.boxShadow.split(/,(?![^(]*\))/).some((shadow) => {
      const colour = /\w+\(([^)]*)\)/.exec(shadow)?.[1] ?? "";
      const parts = colour.split(/[\s,/]+/).filter(Boolean);
      const alpha = parts.length === 4 ? Number(parts[3]) : 1;
      const lengths = shadow
        .replace(/\w+\([^)]*\)/, "")
        .trim()
        .split(/\s+/)
        .map((length) => parseFloat(length));
      return alpha > 0 && (lengths[3] ?? 0) > 0;
    });
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      type: field.type ?? "",
      name,
      href: element.getAttribute("href"),
      nodeId: element.classList.contains("react-flow__node") ? element.getAttribute("data-id") : null,
      visible: outlined || ring,
    };
  });
}

/** Press Tab (or Shift+Tab) until the focused element matches; fail after `max` presses. */
async function tabTo(
  page: Page,
  what: string,
  matches: (focus: Focus) => boolean,
  { max = 150, back = false }: { max?: number; back?: boolean } = {},
): Promise<Focus> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const focus = await focusOf(page);
    if (matches(focus)) return focus;
  }
  throw new Error(`${what}: not reached in ${max} presses of ${back ? "Shift+Tab" : "Tab"}`);
}

/** Tab to the field labelled `label` (exactly). */
function tabToField(page: Page, label: string): Promise<Focus> {
  return tabTo(page, `the field "${label}"`, (focus) =>
    ["input", "select", "textarea"].includes(focus.tag) ? focus.name === label : false,
  );
}

/** Tab to the button or link whose text is `name` (exactly). */
function tabToControl(page: Page, name: string, tag: "button" | "a" = "button"): Promise<Focus> {
  return tabTo(
    page,
    `the ${tag === "a" ? "link" : "button"} "${name}"`,
    (f) => f.tag === tag && f.name === name,
  );
}

/** The focused element draws its focus. */
async function expectVisibleFocus(page: Page, where: string): Promise<void> {
  const focus = await focusOf(page);
  expect(focus.visible, `a visible focus indicator on ${focus.tag} "${focus.name}" (${where})`).toBe(true);
}

/** Type into the field labelled `label`, reached by Tab. */
async function typeInto(page: Page, label: string, text: string): Promise<void> {
  await tabToField(page, label);
  await page.keyboard.type(text);
}

/** Choose an option of the focused <select> by its text, with the arrow keys. */
async function choose(page: Page, option: string): Promise<void> {
  const selected = () =>
    page.evaluate(() => (document.activeElement as HTMLSelectElement).selectedOptions[0]?.text.trim() ?? "");
  await page.keyboard.press("Home");
  const count = await page.evaluate(() => (document.activeElement as HTMLSelectElement).options.length);
  for (let i = 0; i < count && (await selected()) !== option; i++) await page.keyboard.press("ArrowDown");
  expect(await selected(), "the option chosen with the arrow keys").toBe(option);
}

/** Resolves once the address matches (client-side navigations fire no "load"). */
async function waitForPath(page: Page, test: (url: URL) => boolean): Promise<void> {
  await page.waitForURL(test, { waitUntil: "commit", timeout: 15_000 });
}

/** Follow a partnership tab (the tab list's link) by Tab and Enter. */
async function openTab(page: Page, base: string, tab: string, path: string): Promise<void> {
  await tabTo(page, `the tab "${tab}"`, (f) => f.tag === "a" && f.href === `${base}/${path}`);
  await expectVisibleFocus(page, `the tab ${tab}`);
  await page.keyboard.press("Enter");
  await waitForPath(page, (url) => url.pathname === `${base}/${path}`);
  await page.locator("main h2, main h3").first().waitFor();
}

/** The text of the rows of the table named `name` on the page. */
async function rowsOf(page: Page, table: string): Promise<string> {
  return (await page.getByRole("table", { name: table }).locator("tbody").textContent()) ?? "";
}

let base = "";

describe("the partnership forms by keyboard alone", () => {
  const ctx = usePage({ role: "coordinator" });

  test("a coordinator creates a partnership", async () => {
    const { page } = ctx;
    await visit(page, "/partnerships/new", { a11y: false });
    // The page puts the focus in its first field.
    expect((await focusOf(page)).name).toBe("Name");
    await expectVisibleFocus(page, "the first field");
    await page.keyboard.type(NAME);
    await typeInto(page, "Description", "Recorded without a mouse.");
    await tabToField(page, "Status");
    await choose(page, "Forming");
    await typeInto(page, "Country code", "BE");
    await tabToControl(page, "Create partnership");
    await expectVisibleFocus(page, "the submit button");
    await page.keyboard.press("Enter");
    await waitForPath(page, (url) => /^\/partnerships\/[0-9a-f-]{36}$/.test(url.pathname));
    base = new URL(page.url()).pathname;
    await expect.poll(() => h1(page), { timeout: 10_000 }).toBe(NAME);
  });

  test("adds a member with a mandate, an objective, a funding line and a risk, and they are saved", async () => {
    const { page } = ctx;
    expect(base, "the partnership of the first test").toMatch(/^\/partnerships\/[0-9a-f-]{36}$/);
    await visit(page, base, { a11y: false });

    // A member and its mandate.
    await openTab(page, base, "Members", "members");
    await tabToField(page, "Organisation");
    await expectVisibleFocus(page, "a select");
    await choose(page, `${CARITAS} (Caritas BE)`);
    await tabToField(page, "Role");
    await choose(page, "Lead");
    await typeInto(page, "Mandate", MANDATE);
    await tabToControl(page, "Add member");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator("main table tbody").textContent(), { timeout: 10_000 })
      .toContain(MANDATE);
    // The form is a new, empty one after the save: the focus is back in it, not lost to the page.
    await expect
      .poll(() =>
        page.evaluate(() => document.activeElement?.closest("form")?.id ?? document.activeElement?.tagName),
      )
      .toBe("member-add");

    // An objective, sent with Enter from a text field (implicit submission).
    await openTab(page, base, "Objectives", "objectives");
    await typeInto(page, "Objective", OBJECTIVE);
    await typeInto(page, "Indicator", "Shelters visited");
    await typeInto(page, "Target", "12");
    await typeInto(page, "Unit", "shelters");
    await expectVisibleFocus(page, "a text field");
    await page.keyboard.press("Enter");
    await expect.poll(() => rowsOf(page, "Shared objectives"), { timeout: 10_000 }).toContain(OBJECTIVE);
    await expect
      .poll(async () => (await focusOf(page)).name, { message: "the focus stays in the field" })
      .toBe("Unit");

    // A funding line with a pathway ticked with the space bar.
    await openTab(page, base, "Funding", "funding");
    await tabToField(page, "Source");
    await choose(page, "AMIF");
    await typeInto(page, "Reference", REFERENCE);
    await tabToField(page, "Recipient member");
    await choose(page, `${CARITAS} (Caritas BE)`);
    await typeInto(page, "Amount", "120000");
    await tabToField(page, "Voluntary return");
    await expectVisibleFocus(page, "a checkbox");
    await page.keyboard.press("Space");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true);
    await tabToControl(page, "Save the funding line");
    await page.keyboard.press("Enter");
    await expect.poll(() => rowsOf(page, "Funding lines"), { timeout: 10_000 }).toContain(REFERENCE);

    // A risk. Sent empty first: the focus goes to the first field in error, which says so.
    await openTab(page, base, "Risks", "risks");
    await tabToControl(page, "Add the risk");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focusOf(page)).name).toBe("Title");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-invalid"))).toBe("true");
    await page.keyboard.type(RISK);
    await tabToField(page, "Category");
    await choose(page, "Funding");
    await tabToField(page, "Likelihood");
    await choose(page, "4");
    await tabToField(page, "Impact");
    await choose(page, "3");
    await typeInto(page, "Mitigation", "Apply for the next call early.");
    await tabToControl(page, "Add the risk");
    await page.keyboard.press("Enter");
    const register = page.getByRole("region", { name: "Risk register" }).locator("tbody");
    await expect.poll(() => register.textContent(), { timeout: 10_000 }).toContain(RISK);

    // Saved: all of it is there after loading the pages again.
    await visit(page, `${base}/members`, { a11y: false });
    const member = page.locator("main table tbody tr").filter({ hasText: CARITAS });
    expect(await member.textContent()).toContain(MANDATE);
    expect(await member.textContent()).toContain("Lead");
    await visit(page, `${base}/objectives`, { a11y: false });
    expect(await rowsOf(page, "Shared objectives")).toContain("Shelters visited");
    await visit(page, `${base}/funding`, { a11y: false });
    const line = page
      .getByRole("table", { name: "Funding lines" })
      .locator("tbody tr")
      .filter({ hasText: REFERENCE });
    expect(await line.textContent()).toContain("€120,000.00");
    expect(await line.textContent()).toContain("Voluntary return");
    await visit(page, `${base}/risks`, { a11y: false });
    expect(await register.locator("tr").filter({ hasText: RISK }).textContent()).toContain("Funding");
  });
});

describe("the network map by keyboard alone", () => {
  const ctx = usePage({ role: "coordinator", contextOptions: { viewport: { width: 1400, height: 1000 } } });

  async function mapReady(page: Page): Promise<void> {
    await page.locator('[data-testid="network-map"][data-map-ready="true"]').waitFor({ timeout: 20_000 });
  }

  test("search, filters, nodes, the side panel and its link, and the table view", async () => {
    const { page } = ctx;
    await visit(page, "/network", { a11y: false });
    await mapReady(page);

    // The search box: type, Enter.
    await tabToField(page, "Find an organisation");
    await expectVisibleFocus(page, "the search box");
    await page.keyboard.type("INLIA");
    await page.keyboard.press("Enter");
    await waitForPath(page, (url) => url.searchParams.get("q") === "INLIA");
    await mapReady(page);
    await expect.poll(() => page.locator("#network-q-result").textContent()).toMatch(/1 match/);

    // A filter: open "More filters" with Enter, tick a country with the space bar, then Apply.
    await tabTo(
      page,
      'the disclosure "More filters"',
      (f) => f.tag === "summary" && f.name === "More filters",
    );
    await expectVisibleFocus(page, "the More filters disclosure");
    await page.keyboard.press("Enter");
    await tabToField(page, "NL");
    await expectVisibleFocus(page, "a filter checkbox");
    await page.keyboard.press("Space");
    await tabToControl(page, "Apply");
    await expectVisibleFocus(page, "the Apply button");
    await page.keyboard.press("Enter");
    await waitForPath(page, (url) => url.searchParams.getAll("country").includes("NL"));
    await mapReady(page);
    await expect
      .poll(() =>
        page
          .locator('[data-testid="network-map"] [data-node-kind="organisation"]')
          .evaluateAll((nodes) => [...new Set(nodes.map((node) => node.getAttribute("data-country")))]),
      )
      .toEqual(["NL"]);

    // Through the nodes by Tab, each drawing its focus.
    const first = await tabTo(page, "a node of the map", (f) => f.nodeId !== null);
    await expectVisibleFocus(page, "a node");
    await page.keyboard.press("Tab");
    const second = await focusOf(page);
    expect(second.nodeId, "Tab moves to the next node").not.toBeNull();
    expect(second.nodeId).not.toBe(first.nodeId);
    await expectVisibleFocus(page, "the next node");
    await page.keyboard.press("Shift+Tab");
    expect((await focusOf(page)).nodeId, "Shift+Tab moves back").toBe(first.nodeId);

    // Enter opens the panel and puts the focus in it; Escape closes it and gives the focus back.
    await page.keyboard.press("Enter");
    await page.locator("#network-panel-heading").waitFor();
    await expect.poll(async () => (await focusOf(page)).id).toBe("network-panel-heading");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#network-panel-heading").count()).toBe(0);
    await expect
      .poll(async () => (await focusOf(page)).nodeId, { message: "the focus is back on the node" })
      .toBe(first.nodeId);

    // Opened again, its link leads to the organisation's page.
    await page.keyboard.press("Enter");
    await page.locator("#network-panel-heading").waitFor();
    await expect.poll(async () => (await focusOf(page)).id).toBe("network-panel-heading");
    const organisation = `/organisations/${first.nodeId ?? ""}`;
    await page.locator(`[data-testid="network-panel"] a[href="${organisation}"]`).waitFor();
    await tabTo(
      page,
      "the panel's link to the organisation",
      (f) => f.tag === "a" && f.href === organisation,
      {
        max: 20,
      },
    );
    await expectVisibleFocus(page, "the panel's link");
    await page.keyboard.press("Enter");
    await waitForPath(page, (url) => url.pathname === organisation);
    await page.locator("main h1").waitFor();

    // Back on the map (the browser's history), the table view by its link.
    await page.goBack();
    await waitForPath(page, (url) => url.pathname === "/network");
    await mapReady(page);
    await tabTo(page, "the link to the table view", (f) => f.tag === "a" && f.name === "Table");
    await expectVisibleFocus(page, "the Table link");
    await page.keyboard.press("Enter");
    await waitForPath(page, (url) => url.searchParams.get("view") === "table");
    const table = page.locator('[data-testid="network-table"] table').first();
    await table.waitFor();
    expect(await table.locator("tbody th[scope=row] a").count()).toBeGreaterThan(0);
  });
});
