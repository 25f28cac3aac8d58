// What the benchmark measures in headless Chromium, the same way for the Trellis map and the plain
// React Flow baseline: time from navigation start until the ready marker appears, the p95 frame
// interval during a scripted pan/zoom of about 3 s, the JS heap after a GC, and the DOM size.
import { chromium, type Browser, type CDPSession, type Page } from "playwright-core";
import { percentile } from "./stats";

export const READY_SELECTOR = '[data-testid="network-map"][data-map-ready="true"]';
export const MAP_SELECTOR = '[data-testid="network-map"]';
export const DEFAULT_CHROMIUM_PATH = "/usr/lib/chromium/chromium";
/** As tests/e2e/browser.ts. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
export const VIEWPORT = { width: 1280, height: 800 };

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM_PATH;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

export interface BrowserRun {
  /** ms from navigation start until the ready marker was in the DOM; null if it never came. */
  readyMs: number | null;
  /** Navigation timing, ms from navigation start: first byte of the document, DOMContentLoaded end. */
  responseStartMs: number | null;
  domContentLoadedMs: number | null;
  /** p95 of the frame intervals during the pan/zoom, ms. */
  p95FrameMs: number | null;
  maxFrameMs: number | null;
  frames: number;
  /** How long the scripted pan/zoom took (longer than planned when the page is slow). */
  interactionMs: number;
  /** Used JS heap after a forced GC, bytes. */
  heapBytes: number | null;
  /** React Flow node and edge elements in the DOM once ready (before the pan/zoom). */
  flowNodes: number;
  flowEdges: number;
  /** Every element in the document. */
  domElements: number;
  /** The pan/zoom moved the React Flow viewport (its transform changed). */
  viewportMoved: boolean;
  error: string | null;
}

// The scripts that run in the page are strings, not functions: tsx (esbuild with keepNames) would
// wrap a serialised function's inner functions in a `__name()` helper the page does not have.

/** Runs in the page before any of its scripts: note when the ready marker first appears. */
export function readyProbeScript(selector: string = READY_SELECTOR): string {
  return `(() => {
    const state = {};
    window.__bench = state;
    const observer = new MutationObserver(() => {
      if (state.readyAt === undefined && document.querySelector(${JSON.stringify(selector)})) {
        state.readyAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-map-ready"] });
  })();`;
}

export const START_FRAME_RECORDER = `(() => {
  const state = window.__bench || (window.__bench = {});
  state.frames = [];
  state.recording = true;
  let last = performance.now();
  const tick = (now) => {
    if (!state.recording) return;
    state.frames.push(now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame((now) => {
    last = now;
    requestAnimationFrame(tick);
  });
})()`;

export const STOP_FRAME_RECORDER = `(() => {
  const state = window.__bench;
  if (!state) return [];
  state.recording = false;
  return state.frames || [];
})()`;

const READY_AT = `(window.__bench && window.__bench.readyAt !== undefined) ? window.__bench.readyAt : null`;

/** A point over the empty pane (not a node or an edge) inside the map, for a pan drag. */
export const PANE_POINT = `(() => {
  const map = document.querySelector(${JSON.stringify(MAP_SELECTOR)});
  if (!map) return null;
  map.scrollIntoView({ block: "center", inline: "center" });
  const rect = map.getBoundingClientRect();
  // The part of the map inside the window.
  const left = Math.max(rect.left, 0);
  const top = Math.max(rect.top, 0);
  const box = {
    left,
    top,
    width: Math.min(rect.right, window.innerWidth) - left,
    height: Math.min(rect.bottom, window.innerHeight) - top,
  };
  // The central half of the map, so the drags (within 220 x 160 px) stay over it.
  const steps = 8;
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < steps; j++) {
      const x = box.left + box.width * (0.25 + (0.5 * ((i * 3 + 4) % steps)) / steps);
      const y = box.top + box.height * (0.25 + (0.5 * ((j * 5 + 4) % steps)) / steps);
      const element = document.elementFromPoint(x, y);
      if (element && element.classList.contains("react-flow__pane")) return { x, y };
    }
  }
  return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
})()`;

const VIEWPORT_TRANSFORM = `(() => {
  const viewport = document.querySelector(${JSON.stringify(MAP_SELECTOR)} + " .react-flow__viewport");
  return viewport ? viewport.style.transform : null;
})()`;

const NAVIGATION_TIMING = `(() => {
  const entry = performance.getEntriesByType("navigation")[0];
  return entry
    ? { responseStart: entry.responseStart, domContentLoaded: entry.domContentLoadedEventEnd || null }
    : { responseStart: null, domContentLoaded: null };
})()`;

const DOM_COUNTS = `({
  flowNodes: document.querySelectorAll(".react-flow__node").length,
  // React Flow's edges, or the edges Trellis's edge layer draws (one path per stroke, not per edge).
  flowEdges:
    document.querySelectorAll(".react-flow__edge").length ||
    Number(document.querySelector('[data-testid="network-edge-layer"]')?.getAttribute("data-edge-count") ?? 0),
  domElements: document.getElementsByTagName("*").length,
})`;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function panePoint(page: Page): Promise<{ x: number; y: number } | null> {
  return page.evaluate<{ x: number; y: number } | null>(PANE_POINT);
}

export interface InputStep {
  /** ms from the start of the script. */
  at: number;
  type: "mousePressed" | "mouseMoved" | "mouseReleased" | "mouseWheel";
  /** Offset from the start point, px. */
  dx: number;
  dy: number;
  deltaY?: number;
}

/**
 * The scripted pan/zoom, about 3 s of input at 60 Hz, all around one point of the empty pane:
 * zoom in there (zooming keeps the point under the pointer), drag back and forth (panning keeps the
 * pane under the pointer), zoom out part of the way. Offsets stay within 220 x 160 px of the start point.
 */
export function panZoomScript(): InputStep[] {
  const steps: InputStep[] = [];
  let t = 0;
  const frame = 1000 / 60;
  for (let i = 0; i < 6; i++) {
    steps.push({ at: t, type: "mouseWheel", dx: 0, dy: 0, deltaY: -100 });
    t += 4 * frame;
  }
  const drags: [number, number][] = [
    [220, 120],
    [-220, -120],
    [-200, 160],
    [200, -160],
    [160, -140],
    [-160, 140],
  ];
  let x = 0;
  let y = 0;
  for (const [dx, dy] of drags) {
    steps.push({ at: t, type: "mousePressed", dx: x, dy: y });
    t += frame;
    const moves = 18;
    for (let i = 1; i <= moves; i++) {
      steps.push({ at: t, type: "mouseMoved", dx: x + (dx * i) / moves, dy: y + (dy * i) / moves });
      t += frame;
    }
    x += dx;
    y += dy;
    steps.push({ at: t, type: "mouseReleased", dx: x, dy: y });
    t += 2 * frame;
  }
  // Two wheel steps fewer out than in: the viewport ends zoomed in, so a run can check it moved.
  for (let i = 0; i < 4; i++) {
    steps.push({ at: t, type: "mouseWheel", dx: x, dy: y, deltaY: 100 });
    t += 4 * frame;
  }
  return steps;
}

/**
 * Play the script through CDP as real (trusted) input, on its own clock: events are sent on
 * schedule without waiting for the page, as a user's mouse would. Returns once the page has
 * handled them all, or `budgetMs` after the start.
 */
export async function panAndZoom(
  cdp: CDPSession,
  from: { x: number; y: number },
  budgetMs: number,
): Promise<void> {
  const started = performance.now();
  const pending: Promise<unknown>[] = [];
  for (const step of panZoomScript()) {
    const wait = started + step.at - performance.now();
    if (wait > 1) await sleep(wait);
    const x = from.x + step.dx;
    const y = from.y + step.dy;
    const params =
      step.type === "mouseWheel"
        ? { type: step.type, x, y, deltaX: 0, deltaY: step.deltaY ?? 0 }
        : {
            type: step.type,
            x,
            y,
            button: "left" as const,
            buttons: step.type === "mouseReleased" ? 0 : 1,
            clickCount: step.type === "mouseMoved" ? 0 : 1,
          };
    pending.push(cdp.send("Input.dispatchMouseEvent", params).catch(() => undefined));
  }
  const left = Math.max(budgetMs - (performance.now() - started), 0);
  await Promise.race([Promise.all(pending), sleep(left)]);
}

export interface MeasureOptions {
  url: string;
  cookies?: { name: string; value: string; url: string }[];
  readyTimeoutMs: number;
  /** Longest the pan/zoom script may take. */
  interactionBudgetMs?: number;
  /** Write a Chrome trace (chrome://tracing, DevTools' Performance panel) of the load until ready. */
  traceFile?: string;
}

/** One measured visit in a fresh browser context. */
export async function measurePage(browser: Browser, options: MeasureOptions): Promise<BrowserRun> {
  // bypassCSP: the app's Content Security Policy forbids string evaluation, which the probes use.
  const context = await browser.newContext({ viewport: VIEWPORT, bypassCSP: true });
  const result: BrowserRun = {
    readyMs: null,
    responseStartMs: null,
    domContentLoadedMs: null,
    p95FrameMs: null,
    maxFrameMs: null,
    frames: 0,
    interactionMs: 0,
    heapBytes: null,
    flowNodes: 0,
    flowEdges: 0,
    domElements: 0,
    viewportMoved: false,
    error: null,
  };
  const pageErrors: string[] = [];
  try {
    if (options.cookies?.length) await context.addCookies(options.cookies);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.setDefaultTimeout(options.readyTimeoutMs);
    await page.addInitScript({ content: readyProbeScript(READY_SELECTOR) });
    const cdp = await context.newCDPSession(page);
    if (options.traceFile) {
      await browser.startTracing(page, { path: options.traceFile, screenshots: false });
    }
    const response = await page.goto(options.url, { waitUntil: "commit", timeout: options.readyTimeoutMs });
    if (response && response.status() >= 400) {
      throw new Error(`${options.url} answered HTTP ${response.status()}`);
    }
    await page.waitForFunction(`(${READY_AT}) !== null`, null, {
      timeout: options.readyTimeoutMs,
      polling: 100,
    });
    result.readyMs = await page.evaluate<number | null>(READY_AT);
    if (options.traceFile) await browser.stopTracing();
    const navigation = await page.evaluate<{
      responseStart: number | null;
      domContentLoaded: number | null;
    }>(NAVIGATION_TIMING);
    result.responseStartMs = navigation.responseStart;
    result.domContentLoadedMs = navigation.domContentLoaded;
    // Scroll the map into view and find where to grab the pane, then let it settle.
    const from = (await panePoint(page)) ?? { x: VIEWPORT.width / 2, y: VIEWPORT.height / 2 };
    await sleep(500);
    // The DOM as the map is ready (the pan/zoom changes what a culling map renders).
    const counts = await page.evaluate<{ flowNodes: number; flowEdges: number; domElements: number }>(
      DOM_COUNTS,
    );
    Object.assign(result, counts);
    const transformBefore = await page.evaluate<string | null>(VIEWPORT_TRANSFORM);
    await page.evaluate(START_FRAME_RECORDER);
    const interactionStarted = Date.now();
    await panAndZoom(cdp, from, options.interactionBudgetMs ?? 60_000);
    // The last input's frames.
    await sleep(200);
    result.interactionMs = Date.now() - interactionStarted;
    const frames = await page.evaluate<number[]>(STOP_FRAME_RECORDER);
    result.frames = frames.length;
    const transformAfter = await page.evaluate<string | null>(VIEWPORT_TRANSFORM);
    result.viewportMoved = transformBefore !== null && transformBefore !== transformAfter;
    result.p95FrameMs = percentile(frames, 95);
    result.maxFrameMs = frames.length ? Math.max(...frames) : null;
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = await cdp.send("Runtime.getHeapUsage");
    result.heapBytes = heap.usedSize;
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    result.error = pageErrors.length ? `${message} (page error: ${pageErrors[0]})` : message;
  } finally {
    await context.close();
  }
  return result;
}
