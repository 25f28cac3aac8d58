// The network map in the browser, on the demo data: every organisation is drawn, filters and search
// act on it, the side panel opens by mouse and keyboard, the table lists the same organisations, and a
// coordinator's dragged layout survives a reload (a viewer cannot move anything).
import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { expectNoA11yViolations, usePage, visit } from "./fixtures";

const VIEWPORT = { width: 1400, height: 1000 };
const ORGANISATION_NODES = '[data-testid="network-map"] [data-node-kind="organisation"]';

/** The total the organisations list shows ("50 organisations"), for the same filters. */
async function organisationTotal(page: Page, query = ""): Promise<number> {
  await visit(page, `/organisations${query}`, { a11y: false });
  const text = (await page.locator("main p").first().textContent()) ?? "";
  const match = /(\d+)\s+organisation/.exec(text);
  expect(match, `the organisation count in "${text}"`).not.toBeNull();
  return Number(match?.[1]);
}

/**
 * The parts around the map (filters, legend and analytics, exports) hydrate once the map is ready
 * (hydrate-later.tsx): wait for them too, so a test's typing and clicks meet React's handlers. React
 * DOM keeps an element's fiber on the element once it has hydrated it.
 */
async function waitForHeldParts(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll("main form, main details")].every((element) =>
        Object.keys(element).some((key) => key.startsWith("__reactFiber")),
      ),
    null,
    { timeout: 20_000 },
  );
}

/** Whether React has hydrated the filters' form (React DOM keeps the element's fiber on it). */
function filtersHydrated(page: Page): Promise<boolean> {
  return page
    .locator("main form")
    .evaluate((form) => Object.keys(form).some((key) => key.startsWith("__reactFiber")));
}

/** The map with no animation frames: it never gets to its ready frame, so held parts stay held. */
async function openMapWithoutFrames(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.requestAnimationFrame = () => 0;
  });
  await visit(page, "/network", { a11y: false });
}

/** Open the map and wait until React Flow has drawn the current data. */
async function openMap(page: Page, query = ""): Promise<Locator> {
  await visit(page, `/network${query}`, { a11y: false });
  const map = page.getByTestId("network-map");
  await map.and(page.locator('[data-map-ready="true"]')).waitFor({ timeout: 20_000 });
  await waitForHeldParts(page);
  return map;
}

async function waitForReady(page: Page): Promise<void> {
  await page.locator('[data-testid="network-map"][data-map-ready="true"]').waitFor({ timeout: 20_000 });
  await waitForHeldParts(page);
}

/** A node's position on the canvas (flow coordinates), read from React Flow's wrapper transform. */
async function nodePosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  const transform = await page
    .locator(`.react-flow__node[data-id="${id}"]`)
    .evaluate((element) => (element as HTMLElement).style.transform);
  const match = /translate\(\s*(-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(transform);
  expect(match, `the transform of node ${id}: ${transform}`).not.toBeNull();
  return { x: Number(match?.[1]), y: Number(match?.[2]) };
}

describe("the network map, as a viewer", () => {
  const ctx = usePage({ role: "viewer", contextOptions: { viewport: VIEWPORT } });

  test("draws a node for every organisation, passes axe, and offers no layout editing", async () => {
    const { page } = ctx;
    const total = await organisationTotal(page);
    expect(total).toBeGreaterThanOrEqual(40);
    const map = await openMap(page);
    expect(await map.getAttribute("data-node-count")).toBe(String(total));
    await expect.poll(() => page.locator(ORGANISATION_NODES).count()).toBe(total);
    const ids = await page
      .locator(ORGANISATION_NODES)
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-node-id")));
    expect(new Set(ids).size).toBe(total);
    // flow.ts tells React Flow each node's size before it is drawn (nodeSize): every wrapper is
    // exactly the size of the node it holds (React Flow's CSS adds no padding or border to it).
    const mismatched = await page.locator(".react-flow__node").evaluateAll((wrappers) =>
      wrappers
        .map((wrapper) => {
          const node = (wrapper as HTMLElement).firstElementChild as HTMLElement;
          const declared = [parseFloat(node.style.width), parseFloat(node.style.height)];
          const drawn = [(wrapper as HTMLElement).offsetWidth, (wrapper as HTMLElement).offsetHeight];
          return declared[0] === drawn[0] && declared[1] === drawn[1] ? null : { declared, drawn };
        })
        .filter((entry) => entry !== null),
    );
    expect(mismatched).toEqual([]);
    // Demo data is below the level-of-detail limit: no clusters.
    expect(await page.locator('[data-node-kind="cluster"]').count()).toBe(0);
    await expectNoA11yViolations(page);

    expect(await page.getByRole("button", { name: /Save layout/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Re-layout" }).count()).toBe(0);
    expect(await page.locator(".react-flow__node.draggable").count()).toBe(0);
  });

  test("is marked ready only once React Flow has fitted the view, and stays put after", async () => {
    const { page } = ctx;
    // The viewport's transform at the moment the ready marker appears (before any script of the page).
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        const map = document.querySelector('[data-testid="network-map"][data-map-ready="true"]');
        if (!map) return;
        const viewport = map.querySelector<HTMLElement>(".react-flow__viewport");
        (window as unknown as { atReady: string }).atReady = viewport?.style.transform ?? "none";
        observer.disconnect();
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true });
    });
    await openMap(page);
    const atReady = await page.evaluate(() => (window as unknown as { atReady?: string }).atReady);
    expect(atReady).toMatch(/^translate\(/);
    expect(atReady).not.toBe("translate(0px, 0px) scale(1)");
    await page.waitForTimeout(500);
    const later = await page
      .locator(".react-flow__viewport")
      .evaluate((el) => (el as HTMLElement).style.transform);
    expect(later).toBe(atReady);
    // The map starts at the viewport React Flow's own fit gives (its fit-view control).
    await page.locator(".react-flow__controls-fitview").click();
    const refitted = await page
      .locator(".react-flow__viewport")
      .evaluate((el) => (el as HTMLElement).style.transform);
    const numbers = (transform: string) => (transform.match(/-?[\d.]+/g) ?? []).map(Number);
    const [x, y, zoom] = numbers(refitted);
    const [x0, y0, zoom0] = numbers(atReady ?? "");
    expect(x0).toBeCloseTo(x ?? NaN, 1);
    expect(y0).toBeCloseTo(y ?? NaN, 1);
    expect(zoom0).toBeCloseTo(zoom ?? NaN, 4);
  });

  test("the filters, legend and analytics hydrate once the map is ready, not before", async () => {
    const { page } = ctx;
    // Whether React had hydrated the filters' form when the ready marker appeared.
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector('[data-testid="network-map"][data-map-ready="true"]')) return;
        const form = document.querySelector("main form");
        (window as unknown as { formAtReady: string }).formAtReady = !form
          ? "missing"
          : Object.keys(form).some((key) => key.startsWith("__reactFiber"))
            ? "hydrated"
            : "server-rendered";
        observer.disconnect();
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true });
    });
    await openMap(page);
    expect(await page.evaluate(() => (window as unknown as { formAtReady?: string }).formAtReady)).toBe(
      "server-rendered",
    );
    // And after: openMap waited for React to hydrate them.
    expect(await filtersHydrated(page)).toBe(true);
  });

  test("held parts hydrate at once when the user reaches for the page before the map is ready", async () => {
    const { page } = ctx;
    await openMapWithoutFrames(page);
    await page.waitForTimeout(300);
    expect(await page.getByTestId("network-map").getAttribute("data-map-ready")).toBe("false");
    expect(await filtersHydrated(page)).toBe(false);
    // A pointer down on the page releases them (before React sees the event).
    await page.locator("main details summary", { hasText: "More filters" }).click();
    await expect.poll(() => filtersHydrated(page), { timeout: 2_000 }).toBe(true);
  });

  test("held parts hydrate anyway after a few seconds if the map never gets ready", async () => {
    const { page } = ctx;
    await openMapWithoutFrames(page);
    expect(await filtersHydrated(page)).toBe(false);
    // HOLD_MAX_MS (3 s) after the hold began, without any input.
    await expect.poll(() => filtersHydrated(page), { timeout: 6_000, interval: 250 }).toBe(true);
  });

  test("filtering by country keeps that country's organisations only", async () => {
    const { page } = ctx;
    const dutch = await organisationTotal(page, "?country=NL");
    expect(dutch).toBeGreaterThan(0);
    await openMap(page);
    const all = await page.locator(ORGANISATION_NODES).count();
    // The country filter is folded under "More filters" while no folded filter is set.
    const more = page.locator("main details", { has: page.locator("summary", { hasText: "More filters" }) });
    expect(await more.getAttribute("open")).toBeNull();
    await expect.poll(() => page.getByRole("checkbox", { name: "NL", exact: true }).isVisible()).toBe(false);
    await more.locator("summary").click();
    await page.getByRole("checkbox", { name: "NL", exact: true }).check();
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL((url) => url.searchParams.getAll("country").includes("NL"));
    await waitForReady(page);
    // Set, it stays in view and the summary counts it (the form is drawn again for the new URL).
    await expect.poll(() => more.locator("summary").textContent()).toBe("More filters1 set");
    expect(await more.getAttribute("open")).not.toBeNull();
    await expect.poll(() => page.locator(ORGANISATION_NODES).count()).toBe(dutch);
    expect(dutch).toBeLessThan(all);
    const countries = await page
      .locator(ORGANISATION_NODES)
      .evaluateAll((nodes) => [...new Set(nodes.map((node) => node.getAttribute("data-country")))]);
    expect(countries).toEqual(["NL"]);
  });

  test("search focuses the matching organisation", async () => {
    const { page } = ctx;
    await openMap(page);
    await page.getByLabel("Find an organisation").fill("INLIA");
    await page.getByLabel("Find an organisation").press("Enter");
    await page.waitForURL((url) => url.searchParams.get("q") === "INLIA");
    await waitForReady(page);
    const focused = page.locator('[data-node-kind="organisation"][data-focused="true"]');
    await expect.poll(() => focused.count()).toBe(1);
    expect(
      await page.locator('.react-flow__node:has([data-focused="true"])').getAttribute("aria-label"),
    ).toMatch(/^INLIA,/);
    expect(await page.locator("#network-q-result").textContent()).toMatch(/1 match/);

    await page.getByLabel("Find an organisation").fill("zzzz no such organisation");
    await page.getByLabel("Find an organisation").press("Enter");
    await page.waitForURL((url) => url.searchParams.get("q") === "zzzz no such organisation");
    await expect
      .poll(() => page.locator("#network-q-result").textContent())
      .toContain("No organisation matches");
  });

  test("clicking a node opens the side panel with the organisation and a link to it", async () => {
    const { page } = ctx;
    await openMap(page, "?q=INLIA");
    const node = page.locator('[data-node-kind="organisation"][data-focused="true"]');
    const id = await node.getAttribute("data-node-id");
    await node.click();
    const panel = page.getByRole("complementary").filter({ has: page.locator("#network-panel-heading") });
    await expect.poll(() => panel.locator("h2").textContent()).toBe("INLIA");
    expect(await panel.locator(`a[href="/organisations/${id}"]`).count()).toBe(1);
    await expect.poll(() => panel.textContent()).toContain("Partnerships");
    await expectNoA11yViolations(page);
    await panel.getByRole("button", { name: "Close" }).click();
    expect(await panel.count()).toBe(0);
  });

  test("keyboard: Tab reaches a node, Enter opens the panel, Escape closes it", async () => {
    const { page } = ctx;
    await openMap(page);
    await page.getByRole("button", { name: "Download SVG" }).focus();
    await page.keyboard.press("Tab");
    const focusedId = await page.evaluate(() =>
      document.activeElement?.classList.contains("react-flow__node")
        ? document.activeElement.getAttribute("data-id")
        : null,
    );
    expect(focusedId, "a node has the keyboard focus").not.toBeNull();
    await page.keyboard.press("Enter");
    const heading = page.locator("#network-panel-heading");
    await heading.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("network-panel-heading");
    await expect
      .poll(() => page.locator(`[data-testid="network-panel"] a[href="/organisations/${focusedId}"]`).count())
      .toBe(1);
    await page.keyboard.press("Escape");
    await expect.poll(() => heading.count()).toBe(0);
  });

  test("the current view downloads as PNG and SVG; a viewer gets no data exports", async () => {
    const { page } = ctx;
    await openMap(page, "?country=NL");
    for (const [button, name] of [
      ["Download PNG", "trellis-network.png"],
      ["Download SVG", "trellis-network.svg"],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: button }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(name);
      expect(await download.failure()).toBeNull();
    }
    expect(await page.locator('a[href^="/export/network"]').count()).toBe(0);
  });

  test("the analytics panel draws its lists when opened, by mouse or keyboard, and passes axe", async () => {
    const { page } = ctx;
    await openMap(page);
    const panel = page.getByTestId("network-analytics");
    // Closed, it holds only its summary: the lists are drawn on opening.
    expect(await panel.getAttribute("open")).toBeNull();
    expect(await panel.locator("h3").count()).toBe(0);
    await panel.locator("summary").click();
    await expect.poll(() => panel.locator("h3").count()).toBe(5);
    expect(await panel.locator('a[href^="/organisations/"]').count()).toBeGreaterThan(0);
    expect((await page.getByTestId("betweenness-status").textContent())?.trim()).toBeTruthy();
    await expectNoA11yViolations(page);
    // Closed with the keyboard, then opened again.
    await panel.locator("summary").press("Enter");
    await expect.poll(() => panel.locator("h3").count()).toBe(0);
    await panel.locator("summary").press("Enter");
    await expect.poll(() => panel.locator("h3").count()).toBe(5);
  });

  test("the table view lists the same organisations as the map", async () => {
    const { page } = ctx;
    await openMap(page);
    const mapIds = await page
      .locator(ORGANISATION_NODES)
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-node-id") ?? ""));
    await page.getByRole("link", { name: "Table", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("view") === "table");
    const table = page.locator('[data-testid="network-table"] table').first();
    await table.waitFor();
    const rowIds = await table
      .locator("tbody th[scope=row] a")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")?.replace("/organisations/", "") ?? ""));
    expect(rowIds.length).toBe(mapIds.length);
    expect([...rowIds].sort()).toEqual([...mapIds].sort());
    expect(await table.locator("caption").textContent()).toContain(`${mapIds.length} organisations`);
    await expectNoA11yViolations(page);

    // Sorting by degree, descending: the links say so with aria-sort.
    await page.getByRole("link", { name: "Links" }).first().click();
    await page.waitForURL((url) => url.searchParams.get("sort") === "degree", { waitUntil: "commit" });
    await expect.poll(() => page.locator('th[aria-sort="ascending"]').textContent()).toContain("Links");
  });
});

describe("the network map, as a coordinator", () => {
  const ctx = usePage({ role: "coordinator", contextOptions: { viewport: VIEWPORT } });

  test("the data exports keep the filters, and the GEXF holds the filtered organisations", async () => {
    const { page } = ctx;
    await openMap(page, "?country=NL");
    const hrefs = await page
      .locator('a[href^="/export/network"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual([
      "/export/network.gexf?country=NL",
      "/export/network.json?country=NL",
      "/export/network.nodes.csv?country=NL",
      "/export/network.edges.csv?country=NL",
    ]);
    const json = await page.evaluate(async () => {
      const response = await fetch("/export/network.json?country=NL");
      return (await response.json()) as { nodes: { kind: string }[] };
    });
    const organisations = json.nodes.filter((node) => node.kind === "organisation");
    expect(organisations.length).toBe(await page.locator(ORGANISATION_NODES).count());
    // The edge layer draws every edge of the view, under the nodes and out of the pointer's way.
    const edges = await page.evaluate(async () => {
      const response = await fetch("/export/network.json?country=NL");
      return ((await response.json()) as { edges: unknown[] }).edges.length;
    });
    expect(edges).toBeGreaterThan(0);
    const layer = page.getByTestId("network-edge-layer");
    expect(await layer.getAttribute("data-edge-count")).toBe(String(edges));
    expect(await layer.evaluate((svg) => getComputedStyle(svg).pointerEvents)).toBe("none");
    expect(await layer.locator("path").count()).toBeLessThan(edges);
  });

  test("a dragged node keeps its place after saving and reloading", async () => {
    const { page } = ctx;
    const map = await openMap(page);
    await map.evaluate((element) => element.scrollIntoView({ block: "center" }));
    const box = await map.boundingBox();
    if (!box) throw new Error("the map has no box");
    // A node well inside the map, away from the controls, and on top at its centre (nodes may overlap).
    const candidates = await page.locator(".react-flow__node-organisation").evaluateAll(
      (nodes, bounds) =>
        nodes
          .map((node) => {
            const rect = node.getBoundingClientRect();
            const x = rect.x + rect.width / 2;
            const y = rect.y + rect.height / 2;
            const top = document.elementFromPoint(x, y)?.closest(".react-flow__node");
            return { id: node.getAttribute("data-id"), x, y, onTop: top === node };
          })
          .filter(
            (n) =>
              n.onTop &&
              n.x > bounds.x + 150 &&
              n.x < bounds.x + bounds.width - 150 &&
              n.y > bounds.y + 120 &&
              n.y < bounds.y + bounds.height - 120,
          ),
      box,
    );
    expect(candidates.length).toBeGreaterThan(0);
    const target = candidates[0];
    if (!target?.id) throw new Error("no node to drag");
    const before = await nodePosition(page, target.id);

    await page.mouse.move(target.x, target.y);
    await page.mouse.down();
    await page.mouse.move(target.x + 40, target.y + 30, { steps: 5 });
    await page.mouse.move(target.x + 90, target.y + 70, { steps: 5 });
    await page.mouse.up();
    const after = await nodePosition(page, target.id);
    expect(Math.hypot(after.x - before.x, after.y - before.y), "the node moved").toBeGreaterThan(20);

    const save = page.getByRole("button", { name: "Save layout (1 moved)" });
    await save.click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Layout saved." }).count(), { timeout: 10_000 })
      .toBe(1);

    await page.reload({ waitUntil: "load" });
    await waitForReady(page);
    const reloaded = await nodePosition(page, target.id);
    expect(Math.abs(reloaded.x - after.x)).toBeLessThan(2);
    expect(Math.abs(reloaded.y - after.y)).toBeLessThan(2);
    expect(await page.getByText("Positions saved by a coordinator.").count()).toBe(1);
  });
});
